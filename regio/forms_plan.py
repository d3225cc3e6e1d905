"""Forms of the region's plan: a line of work, an activity, and an activity's progress."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import date_input
from .models import Activiteit, Ontwikkellijn, VoortgangStatus
from .models.plan import TOELICHTING_MAX

DATUM_ONGELDIG = _("Vul een datum in, bijv. 31-12-2026.")
VOLGORDE_MESSAGES = {
    "invalid": _("Vul de volgorde in als heel getal, bijv. 1."),
    "min_value": _("De volgorde is 0 of hoger."),
    "max_value": _("De volgorde is hoogstens 999."),
}


def _volgorde_field():
    return forms.IntegerField(
        label=_("Volgorde"),
        initial=0,
        min_value=0,
        max_value=999,
        help_text=_("Een lager getal staat eerder; bij gelijke getallen telt de naam."),
        error_messages={**VOLGORDE_MESSAGES, "required": _("Vul de volgorde in, bijv. 1.")},
    )


class OntwikkellijnForm(forms.ModelForm):
    volgorde = _volgorde_field()

    class Meta:
        model = Ontwikkellijn
        fields = ["naam", "omschrijving", "volgorde"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "naam": {
                "required": _("Geef de ontwikkellijn een naam."),
                "max_length": _("Een naam is hoogstens 150 tekens lang."),
            },
        }


class ActiviteitForm(forms.ModelForm):
    """An activity's fields; `ontwikkellijnen` are the lines of work it may be put under:
    those of the project leader's own region."""

    ontwikkellijn = forms.ModelChoiceField(
        label=_("Ontwikkellijn"),
        queryset=None,
        empty_label=_("Kies een ontwikkellijn"),
        error_messages={
            "required": _("Kies de ontwikkellijn waar de activiteit onder valt."),
            "invalid_choice": _("Kies een ontwikkellijn van het plan uit de lijst."),
        },
    )
    volgorde = _volgorde_field()

    class Meta:
        model = Activiteit
        fields = [
            "ontwikkellijn",
            "naam",
            "begin",
            "einde",
            "eigenaar",
            "beoogd_resultaat",
            "producten",
            "volgorde",
        ]
        widgets = {
            "begin": date_input(),
            "einde": date_input(),
            "beoogd_resultaat": forms.Textarea(attrs={"rows": 4}),
            "producten": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "naam": {
                "required": _("Geef de activiteit een naam."),
                "max_length": _("Een naam is hoogstens 200 tekens lang."),
            },
            "begin": {"required": _("Vul de eerste dag in."), "invalid": DATUM_ONGELDIG},
            "einde": {"required": _("Vul de laatste dag in."), "invalid": DATUM_ONGELDIG},
            "eigenaar": {
                "required": _("Vul in wie de activiteit trekt."),
                "max_length": _("Gebruik hoogstens 150 tekens."),
            },
            "beoogd_resultaat": {"required": _("Beschrijf wat de activiteit moet opleveren.")},
        }

    def __init__(self, *args, ontwikkellijnen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ontwikkellijn"].queryset = ontwikkellijnen

    def clean(self):
        cleaned = super().clean()
        begin, einde = cleaned.get("begin"), cleaned.get("einde")
        if begin and einde and einde < begin:
            self.add_error("einde", _("Het einde ligt vóór het begin."))
        return cleaned

    def activiteit_data(self) -> dict:
        """The cleaned fields as activiteit_save takes them."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class VoortgangForm(forms.Form):
    """An activity's progress in one quarter."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Kies een status")), *VoortgangStatus.choices],
        error_messages={
            "required": _("Kies een status."),
            "invalid_choice": _("Kies een status uit de lijst."),
        },
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort: wat er bereikt is, wat knelt en wat er nu gebeurt."),
        error_messages={
            "max_length": _("Een toelichting is hoogstens %(limit_value)d tekens lang.")
        },
    )

    def __init__(self, *args, activiteit, **kwargs):
        # Ids of their own per activity: the page holds a row for each.
        kwargs.setdefault("prefix", f"voortgang-{activiteit.pk}")
        super().__init__(*args, **kwargs)
