"""Name and phone number as every public form (booking advice, event sign-up) checks them."""

import re

from django import forms
from django.utils.translation import gettext as _

TELEFOON_TEKENS = re.compile(r"^\+?[\d\s().-]+$")


def naam_clean(value: str) -> str:
    """A person's name: spaces tidied, no markup or web addresses (the name goes into e-mails
    sent from our address, which must not carry someone else's link)."""
    naam = " ".join(value.split())
    if not naam:
        raise forms.ValidationError(_("Vul je naam in."))
    if re.search(r"[<>{}]|://", naam):
        raise forms.ValidationError(
            _("Vul alleen je naam in, zonder tekens als < > of een webadres.")
        )
    return naam


def telefoon_clean(value: str) -> str:
    """A Dutch or international phone number of 10 to 15 digits; empty stays empty (the
    field decides whether it is required)."""
    telefoon = " ".join(value.split())
    if not telefoon:
        return ""
    digits = re.sub(r"\D", "", telefoon)
    if not TELEFOON_TEKENS.match(telefoon) or not 10 <= len(digits) <= 15:
        raise forms.ValidationError(
            _("Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678.")
        )
    return telefoon
