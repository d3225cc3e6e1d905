"""Forms with which project leaders keep their region's opleidingsscholen."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regio.models import Organisatie, OrganisatieSoort, Regio, Vestiging

from .models import Opleidingsplaatsen, Opleidingsschool, Plaatsingen, validate_has_institute

AANTAL_MESSAGES = {
    "invalid": _("Vul een aantal in als heel getal, bijv. 12."),
    "min_value": _("Een aantal kan niet negatief zijn."),
    "max_value": _("Dat aantal is te groot."),
    "required": _("Vul een aantal in (0 als er geen zijn)."),
}


def aantal_field(label):
    return forms.IntegerField(
        label=label, min_value=0, max_value=100_000, error_messages=AANTAL_MESSAGES
    )


def schooljaar_field():
    return forms.IntegerField(
        label=_("Schooljaar"),
        min_value=2000,
        max_value=2100,
        help_text=_("Het beginjaar, bijv. 2025 voor 2025/26."),
        error_messages={
            "invalid": _("Vul het beginjaar van het schooljaar in, bijv. 2025 voor 2025/26."),
            "min_value": _("Vul een schooljaar vanaf 2000 in."),
            "max_value": _("Vul een schooljaar tot 2100 in."),
            "required": _("Vul het beginjaar van het schooljaar in, bijv. 2025."),
        },
    )


class OpleidingsschoolForm(forms.ModelForm):
    """A partnership and its members; members can only be chosen from its own region.

    A forged id of another region's board is not among the choices, so it is refused.
    """

    besturen = forms.ModelMultipleChoiceField(
        label=_("Deelnemende besturen"),
        queryset=Organisatie.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Schoolbesturen van de regio die deelnemen."),
        error_messages={"invalid_choice": _("Kies alleen schoolbesturen uit de eigen regio.")},
    )
    vestigingen = forms.ModelMultipleChoiceField(
        label=_("Deelnemende scholen"),
        queryset=Vestiging.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Scholen van de besturen van de regio die deelnemen."),
        error_messages={
            "invalid_choice": _("Kies alleen scholen van besturen uit de eigen regio.")
        },
    )
    instituten = forms.ModelMultipleChoiceField(
        label=_("Partnerinstituten"),
        queryset=Organisatie.objects.none(),
        # Required, but with the model's own message: see clean().
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De lerarenopleidingen en ROC's van de regio waarmee samen wordt opgeleid."),
        error_messages={
            "invalid_choice": _("Kies alleen lerarenopleidingen of ROC's uit de eigen regio.")
        },
    )

    class Meta:
        model = Opleidingsschool
        fields = ["naam", "sector", "status", "besturen", "vestigingen", "instituten"]

    def __init__(self, *args, regio: Regio, **kwargs):
        super().__init__(*args, **kwargs)
        self.regio = regio
        in_regio = Organisatie.objects.filter(regio=regio)
        self.fields["besturen"].queryset = in_regio.besturen()
        self.fields["vestigingen"].queryset = Vestiging.objects.filter(
            bestuur__regio=regio
        ).order_by("naam", "brin", "vestigingsnummer")
        self.fields["instituten"].queryset = in_regio.filter(
            soort__in=[OrganisatieSoort.LERARENOPLEIDING, OrganisatieSoort.ROC]
        )

    def clean(self):
        cleaned = super().clean()
        if "instituten" not in self.errors:
            validate_has_institute(cleaned.get("instituten"))
        return cleaned

    def members(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("besturen", "vestigingen", "instituten")}

    def fields_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("naam", "sector", "status")}


class RowForm(forms.ModelForm):
    """A form that is one table row: its inputs join a <form> in the last cell by form=."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form_id = f"{self.prefix}-form"
        for field in self.fields.values():
            field.widget.attrs["form"] = self.form_id
            field.help_text = ""  # the column header says it; a cell has no room


class OpleidingsplaatsenForm(RowForm):
    """Training places in one school year for one kind of student."""

    schooljaar = schooljaar_field()
    capaciteit_nu = aantal_field(_("Plaatsen nu"))
    capaciteit_gewenst = aantal_field(_("Plaatsen gewenst"))

    class Meta:
        model = Opleidingsplaatsen
        fields = ["schooljaar", "soort", "capaciteit_nu", "capaciteit_gewenst"]


class PlaatsingenForm(RowForm):
    """Students and career switchers trained inside and outside the partnership in a year."""

    schooljaar = schooljaar_field()
    studenten_binnen = aantal_field(_("Studenten binnen"))
    studenten_buiten = aantal_field(_("Studenten buiten"))
    zij_instromers_binnen = aantal_field(_("Zij-instromers binnen"))
    zij_instromers_buiten = aantal_field(_("Zij-instromers buiten"))

    class Meta:
        model = Plaatsingen
        fields = [
            "schooljaar",
            "studenten_binnen",
            "studenten_buiten",
            "zij_instromers_binnen",
            "zij_instromers_buiten",
        ]
