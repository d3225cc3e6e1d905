"""Form fields for fte figures, typed the Dutch way ("0,8") or the English way ("0.8"),
shared by vacancies, shortage returns, appointments and candidate profiles."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import MAX_FTE


def normaliseer_getal(tekst: str) -> str:
    """Accept "1,5" and "1.5" (and "1.234,5" / "1,234.5"): the last separator is the decimal one."""
    tekst = "".join(tekst.split())
    if "," in tekst and "." in tekst:
        if tekst.rfind(",") > tekst.rfind("."):
            return tekst.replace(".", "").replace(",", ".")
        return tekst.replace(",", "")
    return tekst.replace(",", ".")


class FteAantalField(forms.DecimalField):
    """An fte figure: shown the Dutch way (1,5) and read with a comma or a point, whatever
    the language of the page."""

    default_error_messages = {
        "invalid": _("Vul een getal in, bijv. 1,5."),
        "min_value": _("Een aantal fte kan niet negatief zijn."),
        "max_digits": _("Dat aantal fte is te groot."),
        "max_whole_digits": _("Dat aantal fte is te groot."),
        "max_decimal_places": _("Vul hoogstens twee cijfers na de komma in."),
        "required": _("Vul het aantal fte in (0 als er geen is)."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(
            max_digits=7,
            decimal_places=2,
            min_value=Decimal("0"),
            localize=True,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "size": "5"}),
            **kwargs,
        )

    def to_python(self, value):
        # Not Django's localized parsing: that reads "1.5" as 15 where a point groups thousands.
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            getal = value
        else:
            try:
                getal = Decimal(normaliseer_getal(str(value)))
            except InvalidOperation:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not getal.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return getal


FTE_ONGELDIG = _("Vul het aantal fte in als getal, bijv. 0,8.")


def fte_tekst(value) -> str:
    """0.80 -> "0,8": how people write fte in Dutch."""
    if value in (None, ""):
        return ""
    if not isinstance(value, Decimal):
        return str(value)
    text = format(value.normalize(), "f") if value else "0"
    return text.replace(".", ",")


class VacatureFteField(forms.DecimalField):
    """An fte between `minimum` (exclusive when 0) and 1.2, typed the Dutch way ("0,8") or the
    English way ("0.8"); any other text gets a message that says what to type."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 5})

    def __init__(self, *, minimum: Decimal = Decimal("0"), bereik: str = "", **kwargs):
        self.minimum = minimum
        self.bereik = bereik or _("Het aantal fte is meer dan 0 en hoogstens 1,2.")
        kwargs.setdefault("max_digits", 3)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Vul het aantal fte in, bijv. 0,8."),
                "invalid": FTE_ONGELDIG,
                "max_digits": self.bereik,
                "max_whole_digits": self.bereik,
                "max_decimal_places": _(
                    "Vul het aantal fte in met hoogstens twee cijfers na de komma."
                ),
            },
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = normaliseer_getal(value)
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        te_klein = value <= 0 if self.minimum == 0 else value < self.minimum
        if te_klein or value > MAX_FTE:
            raise ValidationError(self.bereik, code="bereik")

    def prepare_value(self, value):
        return fte_tekst(value) if isinstance(value, Decimal) else value
