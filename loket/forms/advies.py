"""Forms of advice conversations: finding and booking a slot, publishing availability, and
recording a conversation's outcome."""

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kandidaten.models import RouteSoort, Uitvalreden
from regio.models import Organisatie, OrganisatieSoort, Regio

from ..models import Gespreksvorm, GesprekUitkomst
from ..services.advies import AMSTERDAM, MAX_WEKEN
from .contact import naam_clean, telefoon_clean

# Weeks of free slots the public list shows at first, and how far "more" may reach.
WEKEN_STANDAARD = 4
WEKEN_STAP = 4


class SlotFilterForm(forms.Form):
    """The filters of the public list of free slots; each invalid value is just ignored."""

    regio = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Regio.objects.order_by("naam"),
        to_field_name="slug",
        required=False,
        empty_label=_("Kies een regio"),
    )
    vorm = forms.ChoiceField(
        label=_("Soort gesprek"),
        required=False,
        choices=[("", _("Alle soorten")), *Gespreksvorm.choices],
    )
    weken = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_WEKEN, widget=forms.HiddenInput
    )


class BoekingForm(forms.Form):
    naam = forms.CharField(label=_("Je naam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Hier sturen we de bevestiging naartoe; je logt er later mee in."),
    )
    telefoon = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=20,
        help_text=_("Voor een telefonisch gesprek, of als er iets verandert."),
    )
    vraag = forms.CharField(
        label=_("Waar wil je het over hebben?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Bijvoorbeeld: welke bevoegdheid heb ik nodig, kan ik naast mijn werk studeren?"
        ),
    )
    toestemming = forms.BooleanField(
        label=_(
            "Ik geef het onderwijsloket toestemming mijn gegevens te gebruiken voor dit "
            "adviesgesprek en mijn begeleiding naar werk in het onderwijs."
        ),
        error_messages={
            "required": _(
                "Geef toestemming voor het gebruik van je gegevens; zonder kunnen we "
                "het gesprek niet plannen."
            )
        },
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naam"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["telefoon"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["telefoon"].widget.input_type = "tel"
        if user is not None:
            # A logged-in candidate books for themself: their address is not theirs to change
            # here (a disabled field keeps its initial value whatever is posted).
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _("Het adres van je account.")
            self.initial.setdefault("email", user.email)
            self.initial.setdefault("naam", user.naam)

    def clean_naam(self):
        return naam_clean(self.cleaned_data["naam"])

    def clean_telefoon(self):
        return telefoon_clean(self.cleaned_data.get("telefoon", ""))


class SlotPublishForm(forms.Form):
    datum = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    tijd = forms.TimeField(
        label=_("Begintijd"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duur_minuten = forms.IntegerField(
        label=_("Duur (minuten)"), min_value=10, max_value=240, initial=45
    )
    vorm = forms.ChoiceField(label=_("Soort gesprek"), choices=Gespreksvorm.choices)
    locatie = forms.CharField(
        label=_("Adres"),
        required=False,
        max_length=200,
        help_text=_("Alleen voor een gesprek op locatie."),
    )
    weken = forms.IntegerField(
        label=_("Aantal weken"),
        min_value=1,
        max_value=MAX_WEKEN,
        initial=1,
        help_text=_("1 voor een enkel moment; meer voor elke week op dezelfde dag en tijd."),
    )

    def clean(self):
        cleaned = super().clean()
        datum, tijd = cleaned.get("datum"), cleaned.get("tijd")
        if datum and tijd:
            cleaned["start"] = timezone.make_aware(datetime.combine(datum, tijd), AMSTERDAM)
            if cleaned["start"] <= timezone.now():
                self.add_error("datum", _("Kies een moment in de toekomst."))
            elif cleaned["start"] > timezone.now() + timedelta(weeks=MAX_WEKEN):
                self.add_error(
                    "datum", _("Kies een moment binnen %(weken)s weken.") % {"weken": MAX_WEKEN}
                )
        if cleaned.get("vorm") == Gespreksvorm.LOCATIE and not cleaned.get("locatie", "").strip():
            self.add_error("locatie", _("Vul het adres in voor een gesprek op locatie."))
        return cleaned


class UitkomstForm(forms.Form):
    """What the conversation led to; which other fields count depends on the outcome."""

    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"), choices=GesprekUitkomst.choices, widget=forms.RadioSelect
    )
    route = forms.ChoiceField(
        label=_("Gekozen route"),
        required=False,
        choices=[("", "–"), *RouteSoort.choices],
        help_text=_("Bij ‘route gekozen’."),
    )
    opleiding = forms.ModelChoiceField(
        label=_("Verwezen naar opleiding"),
        required=False,
        queryset=Organisatie.objects.none(),
        empty_label="–",
        help_text=_("Bij ‘route gekozen’: de lerarenopleiding die de toelating beoordeelt."),
    )
    naar_regio = forms.ModelChoiceField(
        label=_("Doorverwezen naar regio"),
        required=False,
        queryset=Regio.objects.none(),
        empty_label="–",
        help_text=_("Bij ‘doorverwezen’, als het een andere regio is."),
    )
    reden = forms.ModelChoiceField(
        label=_("Reden"),
        required=False,
        queryset=Uitvalreden.objects.filter(actief=True),
        empty_label="–",
        help_text=_("Bij ‘kiest niet voor het onderwijs’."),
    )
    notities = forms.CharField(
        label=_("Notities"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Alleen voor het loket; de kandidaat ziet ze niet."),
    )

    def __init__(self, *args, regio: Regio, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opleiding"].queryset = Organisatie.objects.filter(
            regio=regio, soort=OrganisatieSoort.LERARENOPLEIDING
        ).order_by("naam")
        self.fields["naar_regio"].queryset = Regio.objects.exclude(pk=regio.pk).order_by("naam")
