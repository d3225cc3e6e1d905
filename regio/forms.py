"""Forms with which project leaders keep their region's registry."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import (
    Contactpersoon,
    DeelnameStatus,
    Organisatie,
    OrganisatieSoort,
    Vestiging,
)

BESTUUR_FIELDS = ("bevoegd_gezag_nummer", "fte", "leerlingen")
OPLEIDING_FIELDS = ("opleidingssoort", "opleidingsniveau")

POSTCODE_RE = re.compile(r"^(\d{4}) ?([A-Z]{2})$")


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def save_with(form, action) -> bool:
    """Run `action` (a service call) when the form is valid; its ValidationError goes on the form.

    Returns whether it was saved, so views read `if save_with(form, lambda: ...)`.
    """
    if not form.is_valid():
        return False
    try:
        action()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


def focus_first_error(form) -> None:
    """Put htmx's focus (it honours autofocus in swapped content) on the first wrong field."""
    for name in form.fields:
        form.fields[name].widget.attrs.pop("autofocus", None)
    wrong = next((name for name in form.fields if name in form.errors), None)
    if wrong:
        form.fields[wrong].widget.attrs["autofocus"] = True


def date_input():
    # The browser's date picker sends ISO dates; Django accepts those in every locale.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def clean_postcode(value: str) -> str:
    value = " ".join(value.split()).upper()
    if not value:
        return ""
    match = POSTCODE_RE.match(value)
    if not match:
        raise ValidationError(
            _("Een postcode bestaat uit vier cijfers en twee letters, bijv. 7511 AB.")
        )
    return f"{match[1]} {match[2]}"


class OrganisatieFieldsForm(forms.ModelForm):
    """The organisation's own fields, with messages that say what to type instead."""

    fte = forms.DecimalField(
        label=_("Fte"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=1,
        localize=True,
        help_text=_("Omvang van het personeel van een schoolbestuur in fte, bijv. 125,5."),
        error_messages={
            "invalid": _("Vul het aantal fte in als getal, bijv. 125,5."),
            "min_value": _("Het aantal fte kan niet negatief zijn."),
            "max_digits": _("Dat aantal fte is te groot."),
            "max_whole_digits": _("Dat aantal fte is te groot."),
            "max_decimal_places": _("Vul het aantal fte in met hoogstens één cijfer na de komma."),
        },
    )
    leerlingen = forms.IntegerField(
        label=_("Leerlingen"),
        required=False,
        min_value=0,
        max_value=2_000_000,
        help_text=_("Aantal leerlingen van een schoolbestuur."),
        error_messages={
            "invalid": _("Vul het aantal leerlingen in als heel getal."),
            "min_value": _("Het aantal leerlingen kan niet negatief zijn."),
            "max_value": _("Dat aantal leerlingen is te groot."),
        },
    )

    class Meta:
        model = Organisatie
        fields = ["naam", *BESTUUR_FIELDS]

    def clean_bevoegd_gezag_nummer(self):
        return "".join(self.cleaned_data.get("bevoegd_gezag_nummer", "").split())


class OrganisatieForm(OrganisatieFieldsForm):
    """A whole organisation: its kind, address, and the fields that belong to that kind."""

    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("Het adres van de website, bijv. www.voorbeeld.nl."),
        error_messages={"invalid": _("Vul een geldig webadres in, bijv. www.voorbeeld.nl.")},
    )

    class Meta:
        model = Organisatie
        fields = [
            "soort",
            "naam",
            "plaats",
            "adres",
            "postcode",
            "website",
            *BESTUUR_FIELDS,
            *OPLEIDING_FIELDS,
        ]
        help_texts = {
            "bevoegd_gezag_nummer": _(
                "Alleen voor schoolbesturen: het nummer van DUO, vijf cijfers, bijv. 41234."
            ),
            "opleidingssoort": _("Alleen voor lerarenopleidingen: welke opleiding."),
            "opleidingsniveau": _("Alleen voor lerarenopleidingen: hbo of wo."),
            "postcode": _("Bijv. 7511 AB."),
        }

    def clean_postcode(self):
        return clean_postcode(self.cleaned_data.get("postcode", ""))

    def clean(self):
        cleaned = super().clean()
        # Fields of another kind are dropped, so a municipality never holds a board's number
        # (which must be unique) or counts towards the boards' fte.
        soort = cleaned.get("soort")
        if soort and soort != OrganisatieSoort.SCHOOLBESTUUR:
            cleaned.update(bevoegd_gezag_nummer="", fte=None, leerlingen=None)
            for name in BESTUUR_FIELDS:
                self.errors.pop(name, None)
        if soort and soort != OrganisatieSoort.LERARENOPLEIDING:
            cleaned.update(opleidingssoort="", opleidingsniveau="")
        return cleaned


def deelname_initial(deelname) -> dict:
    if deelname is None:
        return {}
    return {
        "status": deelname.status,
        "sinds": deelname.sinds,
        "ondertekend_op": deelname.ondertekend_op,
    }


def check_deelname_dates(form) -> None:
    cleaned = form.cleaned_data
    if not cleaned.get("status") and (cleaned.get("sinds") or cleaned.get("ondertekend_op")):
        form.add_error(
            "status", _("Kies een status, of laat de data leeg als er geen deelname is.")
        )


class DeelnameFields(forms.Form):
    """The fields of an organisation's participation in the project leader's region."""

    status = forms.ChoiceField(
        label=_("Deelname"),
        choices=[("", _("Geen deelname")), *DeelnameStatus.choices],
        required=False,
        help_text=_("Of de organisatie deelneemt aan het plan van de regio."),
    )
    sinds = forms.DateField(
        label=_("Sinds"),
        required=False,
        widget=date_input(),
        error_messages={"invalid": _("Vul een datum in, bijv. 1-8-2025.")},
    )
    ondertekend_op = forms.DateField(
        label=_("Ondertekend op"),
        required=False,
        widget=date_input(),
        help_text=_("De datum waarop de partner het plan van aanpak ondertekende."),
        error_messages={"invalid": _("Vul een datum in, bijv. 1-8-2025.")},
    )

    def deelname_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in ("status", "sinds", "ondertekend_op")}


class DeelnameForm(DeelnameFields):
    """The participation on its own, as on the organisation's page."""

    def __init__(self, *args, deelname=None, **kwargs):
        kwargs["initial"] = {**deelname_initial(deelname), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        check_deelname_dates(self)
        return cleaned


class RegisterregelForm(OrganisatieFieldsForm, DeelnameFields):
    """One row of the register table: the figures coverage is computed from, and participation.

    A board shows its number, fte and pupils; other kinds have only a name here.
    """

    class Meta(OrganisatieFieldsForm.Meta):
        pass

    def __init__(self, *args, deelname=None, **kwargs):
        # The model form's __init__ does not pass `deelname` on, so its initial goes in here.
        kwargs["initial"] = {**deelname_initial(deelname), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        if not self.instance.is_bestuur:
            for name in BESTUUR_FIELDS:
                del self.fields[name]
        # A <form> cannot wrap table cells: the row's inputs join it through their form= attribute.
        self.form_id = f"{self.prefix}-form"
        for field in self.fields.values():
            field.widget.attrs["form"] = self.form_id
            field.help_text = ""  # a table cell has no room for it; the column header says it
        # The row replaces the link that was clicked; focus goes to its first input.
        self.fields["naam"].widget.attrs["autofocus"] = True

    def clean(self):
        cleaned = super().clean()  # the model form's: it switches on the unique checks
        check_deelname_dates(self)
        return cleaned

    def organisatie_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields}


class ContactpersoonForm(forms.ModelForm):
    class Meta:
        model = Contactpersoon
        fields = ["naam", "functie", "email", "telefoon"]
        error_messages = {
            "email": {"invalid": _("Vul een geldig e-mailadres in, bijv. naam@voorbeeld.nl.")},
        }


class VestigingForm(forms.ModelForm):
    """A school of the board whose page this is; the board is not a field."""

    class Meta:
        model = Vestiging
        fields = [
            "brin",
            "vestigingsnummer",
            "naam",
            "gemeente",
            "sector",
            "adres",
            "postcode",
            "plaats",
        ]

    def clean_brin(self):
        return "".join(self.cleaned_data.get("brin", "").split()).upper()

    def clean_vestigingsnummer(self):
        return "".join(self.cleaned_data.get("vestigingsnummer", "").split())

    def clean_postcode(self):
        return clean_postcode(self.cleaned_data.get("postcode", ""))
