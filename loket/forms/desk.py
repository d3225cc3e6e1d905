"""Forms of the public desk: route finder, region and search boxes, sign-up, staff event form."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from regio.models import Regio, Sector

from ..models import Evenement, Opleidingsniveau
from ..routefinder import ONBEKEND, Antwoorden
from .contact import naam_clean, telefoon_clean

JA, NEE = "ja", "nee"
JA_NEE = [(JA, _("Ja")), (NEE, _("Nee"))]

# Only the sectors a candidate can work in; "sectoroverstijgend" is not a place to teach.
SECTOR_KEUZES = [
    (Sector.PO, _("Basisonderwijs (PO)")),
    (Sector.SO, _("Speciaal onderwijs (SO/SBO/VSO)")),
    (Sector.VO, _("Voortgezet onderwijs (VO)")),
    (Sector.MBO, _("Mbo")),
    (ONBEKEND, _("Weet ik nog niet")),
]


def radio(choices, **kwargs):
    return forms.ChoiceField(
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een antwoord."),
            "invalid_choice": _("Kies een van de antwoorden."),
        },
        **kwargs,
    )


class RouteFinderForm(forms.Form):
    """All the route finder's questions; `STAPPEN` says which field each step asks."""

    STAPPEN = ["niveau", "sector", "vak", "vakverwant", "werkt_in_onderwijs", "naast_baan"]

    niveau = radio(Opleidingsniveau.choices, label=_("Wat is je hoogste afgeronde opleiding?"))
    sector = radio(SECTOR_KEUZES, label=_("In welke sector wil je werken?"))
    vak = forms.CharField(
        label=_("Welk vak wil je geven?"),
        required=False,
        max_length=100,
        help_text=_(
            "Bijvoorbeeld wiskunde of techniek. In het basisonderwijs geef je alle vakken;"
            " dan mag je dit leeg laten."
        ),
        error_messages={"max_length": _("Houd het vak kort: hoogstens 100 tekens.")},
    )
    vakverwant = radio(
        [(JA, _("Ja")), (NEE, _("Nee")), (ONBEKEND, _("Weet ik niet"))],
        label=_("Past de richting van je opleiding bij dat vak?"),
        help_text=_(
            "Bijvoorbeeld: je studeerde scheikunde en wilt scheikunde geven. In het"
            " basisonderwijs maakt dit niet uit."
        ),
    )
    werkt_in_onderwijs = radio(JA_NEE, label=_("Werk je al in het onderwijs?"))
    naast_baan = radio(
        JA_NEE,
        label=_("Wil je de opleiding combineren met een baan?"),
        help_text=_("Bijvoorbeeld omdat je wilt blijven werken terwijl je studeert."),
    )

    def __init__(self, *args, stappen: int | None = None, **kwargs):
        """`stappen`: only the first so many questions (the step-by-step finder)."""
        super().__init__(*args, **kwargs)
        if stappen is not None:
            for name in self.STAPPEN[stappen:]:
                del self.fields[name]

    def clean_vak(self):
        return " ".join(self.cleaned_data.get("vak", "").split())

    def antwoorden(self) -> Antwoorden:
        data = self.cleaned_data
        vakverwant = {JA: True, NEE: False}.get(data["vakverwant"])
        return Antwoorden(
            niveau=data["niveau"],
            sector=data["sector"],
            vak=data["vak"],
            vakverwant=vakverwant,
            werkt_in_onderwijs=data["werkt_in_onderwijs"] == JA,
            naast_baan=data["naast_baan"] == JA,
        )


def regio_keuze(empty_label):
    """An optional choice of region by slug, as the public pages put it in their URLs."""
    return forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Regio.objects.order_by("naam"),
        to_field_name="slug",
        required=False,
        empty_label=empty_label,
        error_messages={"invalid_choice": _("Die regio kennen we niet; kies er een uit de lijst.")},
    )


class RegioKeuzeForm(forms.Form):
    regio = regio_keuze(_("Kies een regio"))


class KennisbankZoekForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek in de kennisbank"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld: zij-instroom, bevoegdheid of kosten."),
        error_messages={"max_length": _("Gebruik hoogstens 100 tekens.")},
    )


class EvenementFilterForm(forms.Form):
    regio = regio_keuze(_("Alle regio's"))


class AanmeldForm(forms.Form):
    """Sign up for an event: name, e-mail, optional phone, and consent."""

    naam = forms.CharField(
        label=_("Naam"),
        max_length=150,
        error_messages={
            "required": _("Vul je naam in."),
            "max_length": _("Je naam is te lang: hoogstens 150 tekens."),
        },
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Hierheen sturen we de bevestiging."),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijv. naam@voorbeeld.nl."),
        },
    )
    telefoon = forms.CharField(
        label=_("Telefoonnummer (niet verplicht)"),
        required=False,
        max_length=20,
        help_text=_("Dan kunnen we je bellen als er iets verandert."),
        error_messages={"max_length": _("Een telefoonnummer heeft hoogstens 20 tekens.")},
    )
    toestemming = forms.BooleanField(
        label=_(
            "Ik geef het loket toestemming mijn gegevens te gebruiken voor deze aanmelding en om"
            " contact met mij op te nemen over werken in het onderwijs."
        ),
        error_messages={
            "required": _(
                "Geef toestemming voor het gebruik van je gegevens, anders kunnen we"
                " je niet aanmelden."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naam"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["telefoon"].widget = forms.TextInput(
            attrs={"autocomplete": "tel", "inputmode": "tel", "maxlength": 20}
        )

    def clean_naam(self):
        return naam_clean(self.cleaned_data["naam"])

    def clean_telefoon(self):
        return telefoon_clean(self.cleaned_data.get("telefoon", ""))


MAX_CAPACITEIT = 5000


def datetime_input():
    # The browser's picker sends ISO date-times; Django parses those in every locale.
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EvenementForm(forms.ModelForm):
    """An event of the staff member's own region (the view sets the region)."""

    class Meta:
        model = Evenement
        fields = ["titel", "beschrijving", "start", "eind", "locatie", "capaciteit", "gepubliceerd"]
        widgets = {"start": datetime_input(), "eind": datetime_input()}
        help_texts = {
            "start": _("Datum en tijd, bijv. 12-3-2026 19:30."),
            "capaciteit": _("Hoeveel mensen zich kunnen aanmelden."),
            "gepubliceerd": _("Alleen gepubliceerde bijeenkomsten staan op de openbare lijst."),
        }
        error_messages = {
            "titel": {"required": _("Geef de bijeenkomst een titel.")},
            "start": {
                "required": _("Vul in wanneer de bijeenkomst begint."),
                "invalid": _("Vul een datum en tijd in, bijv. 12-3-2026 19:30."),
            },
            "eind": {
                "required": _("Vul in wanneer de bijeenkomst eindigt."),
                "invalid": _("Vul een datum en tijd in, bijv. 12-3-2026 21:00."),
            },
            "locatie": {"required": _("Vul de locatie in, of 'Online'.")},
            "capaciteit": {
                "required": _("Vul het aantal plaatsen in."),
                "invalid": _("Vul het aantal plaatsen in als heel getal."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        capaciteit = self.fields["capaciteit"]
        capaciteit.widget.attrs.update(min=1, max=MAX_CAPACITEIT)
        capaciteit.validators += [
            MinValueValidator(1, message=_("Een bijeenkomst heeft minstens één plaats.")),
            MaxValueValidator(
                MAX_CAPACITEIT,
                message=_("Hoogstens %(max)s plaatsen.") % {"max": MAX_CAPACITEIT},
            ),
        ]

    def clean(self):
        cleaned = super().clean()
        start, eind = cleaned.get("start"), cleaned.get("eind")
        if start and eind and eind <= start:
            self.add_error("eind", _("Een bijeenkomst eindigt na het begin."))
        return cleaned
