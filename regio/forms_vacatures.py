"""Forms of the vacancies: HR's edit form, the import upload, and the public search."""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .formfields import VacatureFteField
from .forms import date_input
from .models import Functie, Organisatie, Regio, Sector, Vacature, Vak
from .vacatures import MAX_BYTES, too_big_message

DATUM_ONGELDIG = _("Vul een datum in, bijv. 31-1-2027.")
KEUZE_ONGELDIG = _("Kies een van de mogelijkheden uit de lijst.")
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")


class SlugChoiceField(forms.ModelChoiceField):
    """A choice by slug from a query string: what cannot be a slug is refused before it reaches
    the database (a NUL byte there would be a server error, not a message)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not SLUG.fullmatch(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class VacatureForm(forms.ModelForm):
    """A vacancy's own fields; its board is not a field. `vestigingen` are the schools that may
    be chosen: the HR user's own board's (or, for the operator, those of the vacancy's board)."""

    vestiging = forms.ModelChoiceField(
        label=_("School"),
        queryset=None,
        empty_label=_("Kies een school"),
        help_text=_("De schoollocatie waar het werk is."),
        error_messages={
            "required": _("Kies de school waar het werk is."),
            "invalid_choice": _("Kies een school van het eigen bestuur."),
        },
    )
    vak = forms.ModelChoiceField(
        label=_("Vak"),
        queryset=None,
        required=False,
        empty_label=_("Geen vak"),
        help_text=_("Alleen voor vo en mbo: het vak dat gegeven wordt."),
        error_messages={"invalid_choice": _("Kies een vak uit de lijst.")},
    )
    fte = VacatureFteField(label=_("Fte"), help_text=_("Meer dan 0 en hoogstens 1,2, bijv. 0,8."))

    class Meta:
        model = Vacature
        fields = [
            "titel",
            "vestiging",
            "functie",
            "sector",
            "vak",
            "bevoegdheid",
            "zij_instroom",
            "fte",
            "salarisschaal",
            "startdatum",
            "sluitdatum",
            "omschrijving",
        ]
        widgets = {
            "startdatum": date_input(),
            "sluitdatum": date_input(),
            "omschrijving": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "titel": {"required": _("Geef de vacature een titel.")},
            "functie": {"required": _("Kies een functie."), "invalid_choice": KEUZE_ONGELDIG},
            "sector": {"required": _("Kies een sector."), "invalid_choice": KEUZE_ONGELDIG},
            "bevoegdheid": {
                "required": _("Kies de vereiste bevoegdheid."),
                "invalid_choice": KEUZE_ONGELDIG,
            },
            "startdatum": {"required": _("Vul de startdatum in."), "invalid": DATUM_ONGELDIG},
            "sluitdatum": {"required": _("Vul de sluitdatum in."), "invalid": DATUM_ONGELDIG},
        }

    def __init__(self, *args, vestigingen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vestiging"].queryset = vestigingen.order_by("naam", "brin")
        # A subject switched off later stays on the vacancies that already name it.
        self.fields["vak"].queryset = Vak.objects.filter(
            Q(actief=True) | Q(pk=self.instance.vak_id)
        )

    def clean(self):
        cleaned = super().clean()
        # The operator's new vacancy belongs to the board of the school chosen.
        vestiging = cleaned.get("vestiging")
        if self.instance.bestuur_id is None and vestiging is not None:
            self.instance.bestuur = vestiging.bestuur
        return cleaned


class VacatureImportForm(forms.Form):
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "Een CSV-bestand (puntkomma of komma als scheidingsteken) of een Excel-bestand "
            "(.xlsx), hoogstens 2 MB en 5.000 vacatures."
        ),
        error_messages={
            "required": _("Kies een bestand om in te lezen."),
            "empty": _("Het bestand is leeg."),
            "invalid": _("Dit is geen bestand; kies een CSV- of Excel-bestand."),
        },
    )

    def __init__(self, *args, kies_bestuur=False, **kwargs):
        super().__init__(*args, **kwargs)
        if kies_bestuur:
            # Only the operator works for every board and must say which one.
            self.fields["bestuur"] = forms.ModelChoiceField(
                label=_("Schoolbestuur"),
                queryset=Organisatie.objects.besturen().order_by("naam"),
                empty_label=_("Kies een schoolbestuur"),
                error_messages={
                    "required": _("Kies het schoolbestuur van de vacatures."),
                    "invalid_choice": _("Kies een schoolbestuur uit de lijst."),
                },
            )
            self.order_fields(["bestuur", "bestand"])

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        # Refused before it is read into memory; the import checks the bytes again.
        if bestand.size > MAX_BYTES:
            raise forms.ValidationError(too_big_message())
        return bestand


class VacatureZoekForm(forms.Form):
    """The public search: every field optional; a wrong value is reported and then ignored."""

    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_("Bijv. wiskunde, onderwijsassistent of de naam van een school."),
        error_messages={"max_length": _("Gebruik hoogstens 100 tekens.")},
    )
    regio = SlugChoiceField(
        label=_("Regio"),
        queryset=Regio.objects.order_by("naam"),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle regio's"),
        error_messages={"invalid_choice": _("Deze regio bestaat niet; kies er een uit de lijst.")},
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("Alle sectoren")), *Sector.choices],
        error_messages={"invalid_choice": KEUZE_ONGELDIG},
    )
    functie = forms.ChoiceField(
        label=_("Functie"),
        required=False,
        choices=[("", _("Alle functies")), *Functie.choices],
        error_messages={"invalid_choice": KEUZE_ONGELDIG},
    )
    vak = SlugChoiceField(
        label=_("Vak"),
        queryset=Vak.objects.filter(actief=True),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle vakken"),
        error_messages={"invalid_choice": _("Dit vak bestaat niet; kies er een uit de lijst.")},
    )
    gemeente = forms.CharField(
        label=_("Gemeente"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("Gebruik hoogstens 100 tekens.")},
    )
    zij_instroom = forms.BooleanField(
        label=_("Open voor zij-instromers"),
        required=False,
    )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    def clean_gemeente(self):
        return " ".join(self.cleaned_data["gemeente"].split())

    def filters(self) -> dict:
        """The valid filter values; an invalid one is left out (its error is on the form)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
