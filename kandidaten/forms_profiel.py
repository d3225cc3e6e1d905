"""The candidate's matching profile: what they can teach, what they look for, where they live
and how far they will travel, hours and availability."""

import re
from decimal import Decimal

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from regio.formfields import VacatureFteField
from regio.geo import coordinates_for_plaats, coordinates_for_postcode
from regio.models import Vak

from .models import MAX_AFSTAND_KM, Kandidaat, Vooropleiding

POSTCODE_ONBEKEND = _(
    "We kennen deze postcode niet; vul een Nederlandse postcode in, bijv. 7511 AB."
)
PLAATS_ONBEKEND = _(
    "We kennen deze woonplaats niet; vul je postcode in, bijv. 7511 AB, of kijk de spelling na."
)

_POSTCODE = re.compile(r"([1-9][0-9]{3})([A-Z]{2})?")

# The fields the form writes; saving names them, so a stage or consent changed at the same
# moment by someone else is not overwritten with what this form read earlier.
PROFIEL_VELDEN = [
    "vooropleiding",
    "vakgebied",
    "sectoren",
    "functies",
    "postcode",
    "woonplaats",
    "max_afstand_km",
    "fte_gewenst",
    "beschikbaar_vanaf",
]


class ProfielForm(forms.ModelForm):
    vakken = forms.ModelMultipleChoiceField(
        label=_("Vakken die ik zou kunnen geven"),
        queryset=Vak.objects.filter(actief=True).order_by("naam"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Voor het voortgezet onderwijs en het mbo. Kies er zoveel als je wilt."),
        error_messages={"invalid_choice": _("Kies vakken uit de lijst.")},
    )
    max_afstand_km = forms.IntegerField(
        label=_("Maximale reisafstand (km)"),
        min_value=1,
        max_value=MAX_AFSTAND_KM,
        help_text=_("Hemelsbreed, van je woonplaats naar de school."),
        error_messages={
            "required": _("Vul in hoe ver je wilt reizen, in kilometers."),
            "invalid": _("Vul een heel aantal kilometers in, bijv. 25."),
            "min_value": _("Vul minstens 1 km in."),
            "max_value": _("We zoeken hoogstens %(limit_value)s km ver."),
        },
    )
    fte_gewenst = VacatureFteField(
        label=_("Gewenste omvang (fte)"),
        required=False,
        minimum=Decimal("0.1"),
        bereik=_("Vul een omvang in tussen 0,1 en 1,2 fte, bijv. 0,8 voor vier dagen."),
        help_text=_("1 fte is een volledige baan; 0,8 fte is ongeveer vier dagen."),
    )
    beschikbaar_vanaf = forms.DateField(
        label=_("Beschikbaar vanaf"),
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in als 01-08-2027.")},
    )

    class Meta:
        model = Kandidaat
        fields = [
            "vooropleiding",
            "vakgebied",
            "vakken",
            "sectoren",
            "functies",
            "postcode",
            "woonplaats",
            "max_afstand_km",
            "fte_gewenst",
            "beschikbaar_vanaf",
        ]
        labels = {
            "vooropleiding": _("Hoogst afgeronde opleiding"),
            "vakgebied": _("Vakgebied"),
            "sectoren": _("In welke sector(en) wil je werken?"),
            "functies": _("Welke functie(s) zoek je?"),
            "postcode": _("Postcode"),
            "woonplaats": _("Woonplaats"),
        }
        help_texts = {
            "vakgebied": _("Waarin je bent opgeleid of hebt gewerkt, bijv. werktuigbouwkunde."),
            "postcode": _("Om de afstand tot scholen te berekenen; bijv. 7511 AB."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vooropleiding"].choices = [
            ("", _("Kies je opleiding")),
            *Vooropleiding.choices,
        ]

    def clean_postcode(self):
        postcode = "".join(self.cleaned_data.get("postcode", "").split()).upper()
        if not postcode:
            return ""
        match = _POSTCODE.fullmatch(postcode)
        if match is None or coordinates_for_postcode(postcode) is None:
            raise forms.ValidationError(POSTCODE_ONBEKEND)
        # Stored as people write it: "7511 AB" (or just "7511").
        return " ".join(part for part in match.groups() if part)

    def clean_woonplaats(self):
        woonplaats = " ".join(self.cleaned_data.get("woonplaats", "").split())
        return woonplaats

    def clean(self):
        cleaned = super().clean()
        woonplaats = cleaned.get("woonplaats")
        # A known postcode is enough; a place alone must be one we can find.
        if (
            woonplaats
            and not cleaned.get("postcode")
            and "postcode" not in self.errors
            and coordinates_for_plaats(woonplaats) is None
        ):
            self.add_error("woonplaats", PLAATS_ONBEKEND)
        return cleaned

    def save(self, commit=True):
        """Save only the profile's own fields and its subjects, together."""
        kandidaat = super().save(commit=False)
        with transaction.atomic():
            kandidaat.save(update_fields=PROFIEL_VELDEN)
            kandidaat.vakken.set(self.cleaned_data["vakken"])
        return kandidaat
