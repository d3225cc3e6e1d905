"""The coverage figures a region is judged on, always computed from the registry."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Exists, OuterRef, Q, Sum

from .models import Deelname, DeelnameStatus, Organisatie, Regio


def percentage(part, whole) -> Decimal | None:
    """part/whole in percent with one decimal, None when there is no whole to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Dekking:
    """How much of the region's school boards take part in its plan, and whether that is enough."""

    besturen_totaal: int
    besturen_deelnemend: int
    fte_totaal: Decimal
    fte_deelnemend: Decimal
    leerlingen_totaal: int
    leerlingen_deelnemend: int
    eis_besturen: Fraction
    eis_minimum_fte: Decimal

    @property
    def pct_besturen(self):
        return percentage(self.besturen_deelnemend, self.besturen_totaal)

    @property
    def pct_fte(self):
        return percentage(self.fte_deelnemend, self.fte_totaal)

    @property
    def pct_leerlingen(self):
        return percentage(self.leerlingen_deelnemend, self.leerlingen_totaal)

    @property
    def eis_besturen_pct(self):
        return percentage(self.eis_besturen.numerator, self.eis_besturen.denominator)

    @property
    def besturen_gehaald(self) -> bool:
        # Exact: 16 of 24 boards is two thirds, not 66.6% < 66.7%.
        if not self.besturen_totaal:
            return False
        return Fraction(self.besturen_deelnemend, self.besturen_totaal) >= self.eis_besturen

    @property
    def fte_gehaald(self) -> bool:
        return self.fte_deelnemend >= self.eis_minimum_fte

    @property
    def eisen_gehaald(self) -> bool:
        return self.besturen_gehaald and self.fte_gehaald


def dekking_for(regio: Regio, peildatum: datetime.date | None = None) -> Dekking:
    """One query: the region's boards, and those of them taking part in its plan (on
    `peildatum`, if given: those that joined on or before it; an unknown date counts)."""
    # EXISTS, not a join: a board may take part in several regions and must count once.
    deelname = Deelname.objects.filter(
        organisatie=OuterRef("pk"), regio=regio, status=DeelnameStatus.DEELNEMEND
    )
    if peildatum is not None:
        deelname = deelname.filter(Q(sinds__isnull=True) | Q(sinds__lte=peildatum))
    taking_part = Q(neemt_deel=True)
    figures = (
        Organisatie.objects.besturen()
        .filter(regio=regio)
        .annotate(neemt_deel=Exists(deelname))
        .aggregate(
            besturen_totaal=Count("id"),
            besturen_deelnemend=Count("id", filter=taking_part),
            fte_totaal=Sum("fte"),
            fte_deelnemend=Sum("fte", filter=taking_part),
            leerlingen_totaal=Sum("leerlingen"),
            leerlingen_deelnemend=Sum("leerlingen", filter=taking_part),
        )
    )
    return Dekking(
        besturen_totaal=figures["besturen_totaal"],
        besturen_deelnemend=figures["besturen_deelnemend"],
        fte_totaal=figures["fte_totaal"] or Decimal(0),
        fte_deelnemend=figures["fte_deelnemend"] or Decimal(0),
        leerlingen_totaal=figures["leerlingen_totaal"] or 0,
        leerlingen_deelnemend=figures["leerlingen_deelnemend"] or 0,
        eis_besturen=Fraction(regio.eis_besturen_teller, regio.eis_besturen_noemer),
        eis_minimum_fte=regio.eis_minimum_fte,
    )
