"""The form with which HR of a board files or corrects its quarterly hidden-shortage return:
one row per sector, function and subject."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Functie, Sector, TekortRegel
from .tekorten import FTE_VELDEN, regel_omschrijving

# More lines than any board has functions and subjects; stops a crafted POST from building
# thousands of forms.
MAX_REGELS = 100
EXTRA_REGELS = 3


def normaliseer_getal(tekst: str) -> str:
    """Accept "1,5" and "1.5" (and "1.234,5" / "1,234.5"): the last separator is the decimal one."""
    tekst = "".join(tekst.split())
    if "," in tekst and "." in tekst:
        if tekst.rfind(",") > tekst.rfind("."):
            return tekst.replace(".", "").replace(",", ".")
        return tekst.replace(",", "")
    return tekst.replace(",", ".")


class FteField(forms.DecimalField):
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


def _keuzes(choices, leeg):
    return [("", leeg), *choices]


class TekortRegelForm(forms.Form):
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=_keuzes(Sector.choices, "—"),
        error_messages={"required": _("Kies een sector.")},
    )
    functie = forms.ChoiceField(
        label=_("Functie"),
        choices=_keuzes(Functie.choices, "—"),
        error_messages={"required": _("Kies een functie.")},
    )
    vak = forms.ChoiceField(
        label=_("Vak"),
        required=False,
        error_messages={"invalid_choice": _("Kies een vak uit de lijst.")},
    )
    werkgelegenheid_fte = FteField(label=_("Werkgelegenheid (fte)"), required=True)
    onbevoegd_fte = FteField(label=_("Ingevuld door een onbevoegde (fte)"))
    anders_bevoegd_fte = FteField(label=_("Ingevuld door een anders bevoegde (fte)"))
    samengevoegd_fte = FteField(label=_("Klassen samengevoegd (fte)"))
    lesuitval_fte = FteField(label=_("Lessen uitgevallen (fte)"))
    overig_fte = FteField(label=_("Overig verborgen tekort (fte)"))
    ingevuld_bevoegd_fte = FteField(label=_("Verborgen tekort ingevuld door een bevoegde (fte)"))
    ingevuld_onbevoegd_fte = FteField(
        label=_("Verborgen tekort ingevuld door een onbevoegde (fte)")
    )

    def __init__(self, *args, vakken=(), sector=None, **kwargs):
        """`vakken`: the subjects to choose from, fetched once for the whole formset so each
        row does not query them again."""
        super().__init__(*args, **kwargs)
        self._vakken = {str(vak.pk): vak for vak in vakken}
        self.fields["vak"].choices = _keuzes(
            [(pk, vak.naam) for pk, vak in self._vakken.items()], _("Geen vak")
        )
        if sector and not self.initial:
            self.fields["sector"].initial = sector

    def clean_vak(self):
        return self._vakken.get(self.cleaned_data.get("vak") or "")

    def clean(self):
        cleaned = super().clean()
        for veld in FTE_VELDEN:
            if veld in cleaned and cleaned[veld] is None:
                cleaned[veld] = Decimal("0")
        if self._errors:
            return cleaned
        # The model's own rules (a subject only in vo/mbo, filled not above the hidden total,
        # the constraints) give the same Dutch messages here as in the service.
        regel = TekortRegel(**self.regel_data())
        try:
            regel.full_clean(exclude=["opgave"])
        except ValidationError as error:
            for veld, boodschappen in error.message_dict.items():
                self.add_error(veld if veld in self.fields else None, boodschappen)
        return cleaned

    def regel_data(self) -> dict:
        data = self.cleaned_data
        return {
            "sector": data.get("sector"),
            "functie": data.get("functie"),
            "vak": data.get("vak"),
            **{veld: data.get(veld) for veld in FTE_VELDEN},
        }


class BaseTekortRegelFormSet(forms.BaseFormSet):
    def clean(self):
        gezien = set()
        for form in self.forms:
            # A line with its own errors shows those; it is compared once it is valid.
            if form.errors or not form.cleaned_data or self._should_delete_form(form):
                continue
            sleutel = (form.cleaned_data["sector"], form.cleaned_data["functie"])
            vak = form.cleaned_data["vak"]
            sleutel += (vak.pk if vak else None,)
            if sleutel in gezien:
                regel = TekortRegel(
                    sector=sleutel[0], functie=sleutel[1], vak=form.cleaned_data["vak"]
                )
                raise ValidationError(
                    _(
                        "%(regel)s staat meer dan één keer in de opgave. Tel de regels op tot "
                        "één regel."
                    ),
                    params={"regel": regel_omschrijving(regel)},
                    code="dubbel",
                )
            gezien.add(sleutel)

    def regels(self) -> list[dict]:
        """The lines to save: filled in and not marked for removal."""
        return [
            form.regel_data()
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]

    def add_service_error(self, error: ValidationError) -> None:
        """A service's refusal shown above the lines, like the formset's own errors."""
        self._non_form_errors = self.error_class(
            [*self.non_form_errors(), *error.messages],
            error_class="nonform",
            renderer=self.renderer,
        )

    def nieuwe_regel(self, index: int) -> TekortRegelForm:
        """An empty line at `index`, for htmx's "Regel toevoegen"."""
        return self._construct_form(index, **self.get_form_kwargs(index))


TekortRegelFormSet = forms.formset_factory(
    TekortRegelForm,
    formset=BaseTekortRegelFormSet,
    extra=EXTRA_REGELS,
    can_delete=True,
    can_delete_extra=False,
    max_num=MAX_REGELS,
    absolute_max=MAX_REGELS,
    validate_max=True,
)


def regel_initial(regel: TekortRegel) -> dict:
    return {
        "sector": regel.sector,
        "functie": regel.functie,
        "vak": str(regel.vak_id) if regel.vak_id else "",
        **{veld: getattr(regel, veld) for veld in FTE_VELDEN},
    }
