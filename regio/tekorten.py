"""Hidden-shortage returns: filing and correcting a board's quarterly return, reporting a
region's quarter, and the totals the project leader reads.

Writes raise ValidationError with a Dutch message on bad input and change nothing then.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, FilteredRelation, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import (
    VERBORGEN_SOORTEN,
    Functie,
    KwartaalAfsluiting,
    Organisatie,
    Regio,
    Sector,
    TekortOpgave,
    TekortRegel,
    kwartaal_van,
    laatste_dag,
)

# A board may file or correct the current quarter and the four before it: late enough to
# catch up, early enough that a year-on-year comparison is not rewritten long afterwards.
KWARTALEN_TERUG = 4

INGEVULD = ["ingevuld_bevoegd_fte", "ingevuld_onbevoegd_fte"]
FTE_VELDEN = ["werkgelegenheid_fte", *VERBORGEN_SOORTEN, *INGEVULD]

SOORT_LABELS = {
    "onbevoegd_fte": gettext_lazy("Onbevoegd ingezet"),
    "anders_bevoegd_fte": gettext_lazy("Anders bevoegd ingezet"),
    "samengevoegd_fte": gettext_lazy("Klassen samengevoegd"),
    "lesuitval_fte": gettext_lazy("Lessen uitgevallen"),
    "overig_fte": gettext_lazy("Overig verborgen tekort"),
}

NUL = Decimal("0")


# Quarters ------------------------------------------------------------------------------------


def huidig_kwartaal(vandaag: datetime.date | None = None) -> tuple[int, int]:
    return kwartaal_van(vandaag or timezone.localdate())


def vorig_kwartaal(jaar: int, kwartaal: int) -> tuple[int, int]:
    return (jaar - 1, 4) if kwartaal == 1 else (jaar, kwartaal - 1)


def recente_kwartalen(aantal: int, vandaag: datetime.date | None = None) -> list[tuple[int, int]]:
    """The current quarter and the ones before it, newest first."""
    kwartalen = [huidig_kwartaal(vandaag)]
    while len(kwartalen) < aantal:
        kwartalen.append(vorig_kwartaal(*kwartalen[-1]))
    return kwartalen


def _volgnummer(jaar: int, kwartaal: int) -> int:
    return jaar * 4 + kwartaal - 1


def is_afgelopen(jaar: int, kwartaal: int, vandaag: datetime.date | None = None) -> bool:
    return (vandaag or timezone.localdate()) > laatste_dag(jaar, kwartaal)


def is_begonnen(jaar: int, kwartaal: int, vandaag: datetime.date | None = None) -> bool:
    return _volgnummer(jaar, kwartaal) <= _volgnummer(*huidig_kwartaal(vandaag))


def in_venster(jaar: int, kwartaal: int, vandaag: datetime.date | None = None) -> bool:
    """Whether a board may still file or correct this quarter (if it is not reported)."""
    verschil = _volgnummer(*huidig_kwartaal(vandaag)) - _volgnummer(jaar, kwartaal)
    return 0 <= verschil <= KWARTALEN_TERUG


def kwartaal_label(jaar: int, kwartaal: int) -> str:
    return _("K%(kwartaal)s %(jaar)s") % {"kwartaal": kwartaal, "jaar": jaar}


def is_gerapporteerd(*, regio_id: int, jaar: int, kwartaal: int) -> bool:
    return KwartaalAfsluiting.objects.filter(
        regio_id=regio_id, jaar=jaar, kwartaal=kwartaal
    ).exists()


def _check_kwartaal(jaar: int, kwartaal: int) -> None:
    if kwartaal not in (1, 2, 3, 4):
        raise ValidationError(_("Een kwartaal is 1, 2, 3 of 4."))
    if not is_begonnen(jaar, kwartaal):
        raise ValidationError(
            _("Voor een kwartaal dat nog niet begonnen is, kun je niets opgeven.")
        )
    if not in_venster(jaar, kwartaal):
        raise ValidationError(te_oud_melding())


def te_oud_melding() -> str:
    return _("Een opgave kan tot vier kwartalen terug worden ingediend of gecorrigeerd.")


def gerapporteerd_melding() -> str:
    return _(
        "Dit kwartaal is al gerapporteerd: de opgave is definitief en kan niet meer "
        "worden gewijzigd."
    )


def _lock_regio(regio_id: int) -> None:
    """Serialise filing and reporting within one region, so a return cannot change after its
    quarter is reported. FOR NO KEY UPDATE leaves rows that merely point at the region alone."""
    list(Regio.objects.select_for_update(no_key=True).filter(pk=regio_id).values_list("pk"))


# Writes --------------------------------------------------------------------------------------


def regel_omschrijving(regel: TekortRegel) -> str:
    sector = Sector(regel.sector).label if regel.sector in Sector.values else regel.sector
    functie = Functie(regel.functie).label if regel.functie in Functie.values else regel.functie
    if regel.vak_id:
        return f"{sector}, {functie}, {regel.vak}"
    return f"{sector}, {functie}"


def _valideer_regels(regels: list[dict]) -> list[TekortRegel]:
    """Unsaved lines, each validated on its own and all together; every problem is reported
    (with its line number), not only the first."""
    if not regels:
        raise ValidationError(_("Vul ten minste één regel in."))
    fouten = []
    nieuw = []
    gezien = {}
    for nummer, velden in enumerate(regels, start=1):
        regel = TekortRegel(**velden)
        # Said first: a negative kind also makes the filled part exceed the hidden total, and
        # the model would report only that.
        if any(
            isinstance(getattr(regel, veld), Decimal | int | float) and getattr(regel, veld) < 0
            for veld in FTE_VELDEN
        ):
            fouten.append(
                _("Regel %(nummer)s: %(fout)s")
                % {"nummer": nummer, "fout": _("Een aantal fte kan niet negatief zijn.")}
            )
            continue
        try:
            # The line's opgave may not exist yet; leaving it out also skips the unique
            # constraints, which would compare against the lines this call replaces.
            regel.full_clean(exclude=["opgave"])
        except ValidationError as error:
            for boodschap in error.messages:
                fouten.append(
                    _("Regel %(nummer)s: %(fout)s") % {"nummer": nummer, "fout": boodschap}
                )
            continue
        sleutel = (regel.sector, regel.functie, regel.vak_id)
        if sleutel in gezien:
            fouten.append(
                _("Regel %(nummer)s: %(regel)s staat al in regel %(eerder)s.")
                % {"nummer": nummer, "regel": regel_omschrijving(regel), "eerder": gezien[sleutel]}
            )
        gezien.setdefault(sleutel, nummer)
        nieuw.append(regel)
    if fouten:
        raise ValidationError(fouten)
    return nieuw


def tekortopgave_save(
    *, bestuur: Organisatie, jaar: int, kwartaal: int, regels: list[dict], door
) -> TekortOpgave:
    """File a board's return for a quarter, or correct it: its lines become `regels`.

    Each dict in `regels` holds TekortRegel fields (sector, functie, vak, the fte fields).
    All or nothing: one bad line and no line changes. Refused once the region reported the
    quarter, for a quarter that has not begun, and for one more than four quarters back.
    """
    if not bestuur.is_bestuur:
        raise ValidationError(_("Alleen een schoolbestuur dient een tekortopgave in."))
    _check_kwartaal(jaar, kwartaal)
    # Checked here too (and again under the lock below): a final return needs no line checks.
    if is_gerapporteerd(regio_id=bestuur.regio_id, jaar=jaar, kwartaal=kwartaal):
        raise ValidationError(gerapporteerd_melding())
    nieuwe_regels = _valideer_regels(regels)
    nu = timezone.now()
    try:
        with transaction.atomic():
            _lock_regio(bestuur.regio_id)
            if is_gerapporteerd(regio_id=bestuur.regio_id, jaar=jaar, kwartaal=kwartaal):
                raise ValidationError(gerapporteerd_melding())
            opgave = (
                TekortOpgave.objects.select_for_update()
                .filter(bestuur=bestuur, jaar=jaar, kwartaal=kwartaal)
                .first()
            )
            if opgave is None:
                opgave = TekortOpgave(
                    bestuur=bestuur,
                    jaar=jaar,
                    kwartaal=kwartaal,
                    ingediend_op=nu,
                    ingediend_door=door,
                    gewijzigd_op=nu,
                )
                opgave.full_clean()
                opgave.save()
            else:
                opgave.gewijzigd_op = nu
                opgave.save(update_fields=["gewijzigd_op"])
                opgave.regels.all().delete()
            for regel in nieuwe_regels:
                regel.opgave = opgave
            TekortRegel.objects.bulk_create(nieuwe_regels)
    except IntegrityError as error:
        # The database constraints back up the validation above; this is only reached when
        # they disagree with it, and the user still gets a message rather than an error page.
        raise ValidationError(
            _("De opgave kon niet worden opgeslagen. Controleer de regels en probeer het opnieuw.")
        ) from error
    return opgave


def kwartaal_afsluiten(*, regio: Regio, jaar: int, kwartaal: int, door) -> KwartaalAfsluiting:
    """Report a region's quarter: its boards' returns for it are final from now on.

    Idempotent: reporting a reported quarter again returns the existing row and changes
    nothing. A quarter can only be reported after its last day.
    """
    if kwartaal not in (1, 2, 3, 4):
        raise ValidationError(_("Een kwartaal is 1, 2, 3 of 4."))
    if not is_afgelopen(jaar, kwartaal):
        raise ValidationError(_("Een kwartaal kan pas na de laatste dag worden afgesloten."))
    with transaction.atomic():
        _lock_regio(regio.pk)
        afsluiting, _created = KwartaalAfsluiting.objects.get_or_create(
            regio=regio, jaar=jaar, kwartaal=kwartaal, defaults={"door": door}
        )
    return afsluiting


# Reads ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Totalen:
    """Totals in fte of one or more returns."""

    werkgelegenheid: Decimal = NUL
    soorten: dict[str, Decimal] = field(default_factory=dict)
    ingevuld_bevoegd: Decimal = NUL
    ingevuld_onbevoegd: Decimal = NUL

    @classmethod
    def uit(cls, waarden: dict, prefix: str = "") -> Totalen:
        """From aggregate results named `<prefix><field>`; a missing sum (no lines) is 0."""

        def waarde(veld):
            return waarden.get(prefix + veld) or NUL

        return cls(
            werkgelegenheid=waarde("werkgelegenheid_fte"),
            soorten={soort: waarde(soort) for soort in VERBORGEN_SOORTEN},
            ingevuld_bevoegd=waarde("ingevuld_bevoegd_fte"),
            ingevuld_onbevoegd=waarde("ingevuld_onbevoegd_fte"),
        )

    @classmethod
    def optellen(cls, delen: Iterable[Totalen]) -> Totalen:
        delen = list(delen)
        return cls(
            werkgelegenheid=sum((d.werkgelegenheid for d in delen), NUL),
            soorten={
                soort: sum((d.soorten.get(soort, NUL) for d in delen), NUL)
                for soort in VERBORGEN_SOORTEN
            },
            ingevuld_bevoegd=sum((d.ingevuld_bevoegd for d in delen), NUL),
            ingevuld_onbevoegd=sum((d.ingevuld_onbevoegd for d in delen), NUL),
        )

    @property
    def verborgen(self) -> Decimal:
        return sum(self.soorten.values(), NUL)

    @property
    def per_soort(self) -> list[tuple[str, Decimal]]:
        return [(SOORT_LABELS[soort], self.soorten.get(soort, NUL)) for soort in VERBORGEN_SOORTEN]

    @property
    def verborgen_pct(self) -> Decimal | None:
        """Hidden shortage as a percentage of employment; None without employment."""
        if not self.werkgelegenheid:
            return None
        return self.verborgen * 100 / self.werkgelegenheid

    @property
    def bevoegd_pct(self) -> Decimal | None:
        """Of the hidden posts that are filled, the share filled by a qualified person."""
        ingevuld = self.ingevuld_bevoegd + self.ingevuld_onbevoegd
        return self.ingevuld_bevoegd * 100 / ingevuld if ingevuld else None

    @property
    def onbevoegd_pct(self) -> Decimal | None:
        ingevuld = self.ingevuld_bevoegd + self.ingevuld_onbevoegd
        return self.ingevuld_onbevoegd * 100 / ingevuld if ingevuld else None


def _sommen(pad: str, prefix: str = "som_") -> dict:
    return {f"{prefix}{veld}": Sum(f"{pad}{veld}") for veld in FTE_VELDEN}


def opgave_totalen(opgave: TekortOpgave) -> Totalen:
    """The totals of one return, in one aggregate query."""
    return Totalen.uit(opgave.regels.aggregate(**_sommen("", prefix="")))


def opgaven_met_totalen(queryset):
    """`queryset` of returns, each with `.totalen` (Totalen) once evaluated: one query."""
    return _MetTotalen(queryset.annotate(**_sommen("regels__")))


class _MetTotalen:
    """Iterates an annotated queryset and attaches a Totalen to each row."""

    def __init__(self, queryset):
        self.queryset = queryset

    def __iter__(self):
        for rij in self.queryset:
            rij.totalen = Totalen.uit(vars(rij), prefix="som_")
            yield rij


def besturen_status(*, regio: Regio, jaar: int, kwartaal: int) -> list[Organisatie]:
    """Every school board in the region's registry for one quarter, not-filed first: each with
    `ingediend` (bool), `opgave_pk` (or None), `opgave_gewijzigd_op` and `totalen`.

    One query, however many boards: the quarter's return is joined through a filtered
    relation, so the sums only see that quarter's lines.
    """
    # At most one return per board and quarter, so no ordering (nor its join) is needed.
    opgave = TekortOpgave.objects.filter(
        bestuur=OuterRef("pk"), jaar=jaar, kwartaal=kwartaal
    ).order_by()
    besturen = (
        Organisatie.objects.besturen()
        .filter(regio=regio)
        .alias(
            kwartaalopgave=FilteredRelation(
                "tekortopgaven",
                condition=Q(tekortopgaven__jaar=jaar, tekortopgaven__kwartaal=kwartaal),
            )
        )
        .annotate(
            ingediend=Exists(opgave),
            opgave_pk=Subquery(opgave.values("pk")[:1]),
            opgave_gewijzigd_op=Subquery(opgave.values("gewijzigd_op")[:1]),
            **_sommen("kwartaalopgave__regels__"),
        )
        .order_by("ingediend", "naam", "pk")
    )
    return list(_MetTotalen(besturen))
