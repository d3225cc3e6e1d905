"""The project leader's page for reading DUO's open-data files into the region's registry."""

from django import forms
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from regio import duo
from regio.access import role_required
from regio.models import Regio, Role


class DuoImportForm(forms.Form):
    bestand = forms.FileField(
        label=_("DUO-bestand"),
        help_text=_(
            "Het CSV-bestand met besturen of vestigingen zoals je het bij DUO downloadt "
            "(open onderwijsdata, adressen), hoogstens 20 MB."
        ),
        error_messages={
            "required": _("Kies een bestand om in te lezen."),
            "empty": _("Het bestand is leeg."),
            "invalid": _("Dit is geen bestand; kies een CSV-bestand van DUO."),
        },
    )
    soort = forms.ChoiceField(
        label=_("Soort bestand"),
        choices=[
            ("", _("Herken het aan de kolommen")),
            (duo.BESTUREN, _("Besturen")),
            (duo.VESTIGINGEN, _("Vestigingen")),
        ],
        required=False,
        help_text=_("Lees eerst de besturen in, daarna de vestigingen."),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if not bestand.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(
                _("Kies een CSV-bestand (.csv); %(name)s is een ander soort bestand."),
                params={"name": bestand.name},
            )
        if bestand.size > duo.MAX_BYTES:
            raise forms.ValidationError(duo.too_big_message())
        return bestand


@role_required(Role.PROJECTLEIDER)
@require_http_methods(["GET", "POST"])
def duo_import(request):
    """Upload a DUO file; the result (and every rejected row) is shown on the same page."""
    regio = get_object_or_404(Regio.objects.visible_to(request.user), pk=request.user.regio_id)
    result = None
    if request.method == "POST":
        form = DuoImportForm(request.POST, request.FILES)
    else:
        form = DuoImportForm()
    if form.is_bound and form.is_valid():
        try:
            result = duo.duo_import(
                regio=regio,
                content=form.cleaned_data["bestand"].read(),
                kind=form.cleaned_data["soort"] or None,
            )
        except duo.DuoFileRefused as exc:
            form.add_error("bestand", exc.message)
        else:
            form = DuoImportForm()
    return render(
        request, "regio/duo/import.html", {"regio": regio, "form": form, "result": result}
    )
