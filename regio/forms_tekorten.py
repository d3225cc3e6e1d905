"""The form with which HR of a board files or corrects its quarterly hidden-shortage return:
one row per sector, function and subject."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .formfields import FteAantalField
from .models import Functie, Sector, TekortRegel
from .tekorten import FTE_VELDEN, regel_omschrijving

# More lines than any board has functions and subjects; stops a crafted POST from building
# thousands of forms.
MAX_REGELS = 100
EXTRA_REGELS = 3


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
    werkgelegenheid_fte = FteAantalField(label=_("Werkgelegenheid (fte)"), required=True)
    onbevoegd_fte = FteAantalField(label=_("Ingevuld door een onbevoegde (fte)"))
    anders_bevoegd_fte = FteAantalField(label=_("Ingevuld door een anders bevoegde (fte)"))
    samengevoegd_fte = FteAantalField(label=_("Klassen samengevoegd (fte)"))
    lesuitval_fte = FteAantalField(label=_("Lessen uitgevallen (fte)"))
    overig_fte = FteAantalField(label=_("Overig verborgen tekort (fte)"))
    ingevuld_bevoegd_fte = FteAantalField(
        label=_("Verborgen tekort ingevuld door een bevoegde (fte)")
    )
    ingevuld_onbevoegd_fte = FteAantalField(
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
