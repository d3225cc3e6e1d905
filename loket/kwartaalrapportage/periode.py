"""The quarter a report is about, and how its figures are written into the snapshot."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.utils import timezone

from regio.coverage import percentage
from regio.models import eerste_dag, laatste_dag
from regio.tekorten import recente_kwartalen, vorig_kwartaal

EEN_DECIMAAL = Decimal("0.1")


@dataclass(frozen=True)
class Periode:
    """A quarter: its first and last day, and as moments `begin` (inclusive) and `einde`
    (exclusive: midnight after the last day, local time). "As of the quarter's last day"
    means: everything recorded before `einde`."""

    jaar: int
    kwartaal: int

    @cached_property
    def van(self) -> datetime.date:
        return eerste_dag(self.jaar, self.kwartaal)

    @cached_property
    def tot_en_met(self) -> datetime.date:
        return laatste_dag(self.jaar, self.kwartaal)

    @cached_property
    def begin(self) -> datetime.datetime:
        return _middernacht(self.van)

    @cached_property
    def einde(self) -> datetime.datetime:
        return _middernacht(self.tot_en_met + datetime.timedelta(days=1))

    def vorige(self) -> "Periode":
        return Periode(*vorig_kwartaal(self.jaar, self.kwartaal))

    def laatste(self, aantal: int) -> list["Periode"]:
        """This quarter and the ones before it, `aantal` in all, oldest first."""
        return [Periode(*k) for k in reversed(recente_kwartalen(aantal, self.tot_en_met))]


def _middernacht(dag: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))


def getal(waarde) -> str:
    """A quantity with one decimal, as the snapshot stores it ("1234.5")."""
    return str(Decimal(waarde or 0).quantize(EEN_DECIMAAL, rounding=ROUND_HALF_UP))


def procent(deel, geheel) -> str | None:
    """deel/geheel in percent with one decimal, as the region's coverage figures round it;
    None when there is nothing to divide by."""
    waarde = percentage(deel or 0, geheel)
    return None if waarde is None else str(waarde)
