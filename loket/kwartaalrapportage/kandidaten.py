"""Section 2 of the quarterly report: the candidates' journeys, read from their events.

Each candidate's journey is the append-only list of TrajectEvents (every event records the
stage the candidate was in afterwards, `naar`), so the stage on any day, how long each stage
took and who dropped out when can be read back for any past quarter. Only events before the
quarter's end count: a report made again later shows the same figures.
"""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import pairwise

from django.db.models import Count
from django.utils.translation import gettext as _

from kandidaten.journey import EINDFASEN, HOOFDPAD
from kandidaten.models import (
    EventSoort,
    Fase,
    Kandidaat,
    RouteSoort,
    Stilstandregel,
    Toelating,
    TrajectEvent,
)
from kandidaten.opvolging import NOOIT_STIL

from .periode import Periode, getal, procent

DAG = timedelta(days=1)


def kandidaten(regios, periode: Periode) -> dict:
    aangemeld = list(
        Kandidaat.objects.filter(regio__in=regios, aangemeld_op__lt=periode.einde).values_list(
            "pk", "aangemeld_op", "gewist_op"
        )
    )
    events = defaultdict(list)
    rijen = (
        TrajectEvent.objects.filter(kandidaat__regio__in=regios, op__lt=periode.einde)
        .order_by("kandidaat_id", "op", "pk")
        .values_list(
            "kandidaat_id",
            "op",
            "soort",
            "naar",
            "reden__naam",
            "naar_regio__naam",
            "naar_regio_id",
            "route",
            "toelating",
        )
    )
    for rij in rijen.iterator(chunk_size=5000):
        events[rij[0]].append(rij[1:])
    t = _Telling(
        periode=periode,
        eigen={regio.pk for regio in regios},
        stil_na=dict(
            Stilstandregel.objects.exclude(fase__in=NOOIT_STIL).values_list("fase", "dagen")
        ),
    )
    for pk, sinds, gewist_op in aangemeld:
        t.reis(sinds, gewist_op, events.get(pk, []))

    inkomend = _inkomend(regios, periode)
    return {
        "nieuw": sum(periode.begin <= sinds < periode.einde for _pk, sinds, _gewist in aangemeld),
        "totaal": len(aangemeld),
        "trechter": [
            {"naam": str(Fase(fase).label), "aantal": t.fase_op_einde[fase]} for fase in Fase.values
        ],
        "conversie": [
            {
                "van": str(van.label),
                "naar": str(naar.label),
                "bereikt_van": t.bereikt[van],
                "bereikt_naar": t.bereikt[naar],
                "pct": procent(t.bereikt[naar], t.bereikt[van]),
            }
            for van, naar in pairwise(HOOFDPAD)
        ],
        "doorlooptijd": [
            {
                "naam": str(fase.label),
                "mediaan_dagen": _mediaan(t.verblijf[fase]),
                "aantal": len(t.verblijf[fase]),
            }
            for fase in HOOFDPAD
        ],
        "tot_aanstelling": {
            "mediaan_dagen": _mediaan(t.tot_aanstelling),
            "aantal": len(t.tot_aanstelling),
        },
        "uitval": _lijst(t.uitval),
        "uitval_totaal": sum(t.uitval.values()),
        "routes": _lijst(t.routes),
        "toelating": _lijst(t.toelating),
        "stil": {
            "totaal": sum(t.stil.values()),
            "per_fase": [
                {"naam": str(Fase(fase).label), "aantal": t.stil[fase]}
                for fase in Fase.values
                if t.stil[fase]
            ],
        },
        "doorverwijzingen": {
            "uitgaand": sum(t.uitgaand.values()),
            "inkomend": sum(inkomend.values()),
            "per_regio": [
                {"naam": naam, "uitgaand": t.uitgaand[naam], "inkomend": inkomend[naam]}
                for naam in sorted(set(t.uitgaand) | set(inkomend))
            ],
        },
    }


@dataclass
class _Telling:
    """Walks each candidate's journey up to the quarter's end and counts what the report
    shows. One walk per candidate, events in order; nothing here queries the database."""

    periode: Periode
    eigen: set[int]
    stil_na: dict[str, int]
    fase_op_einde: Counter = field(default_factory=Counter)
    # Candidates who reached each main-path stage by the end. Reaching a stage counts for the
    # stages before it too: an accepted introduction moves a candidate straight to matching.
    bereikt: Counter = field(default_factory=Counter)
    # Days spent in a main-path stage (pauses not counted), for stays that ended in the
    # quarter by moving on or leaving the desk; a step back and forward again is one stay.
    verblijf: defaultdict = field(default_factory=lambda: defaultdict(list))
    tot_aanstelling: list = field(default_factory=list)
    uitval: Counter = field(default_factory=Counter)
    routes: Counter = field(default_factory=Counter)
    toelating: Counter = field(default_factory=Counter)
    stil: Counter = field(default_factory=Counter)
    uitgaand: Counter = field(default_factory=Counter)

    def reis(self, sinds, gewist_op, events) -> None:
        begin, einde = self.periode.begin, self.periode.einde
        fase, fase_sinds, laatste = Fase.ORIENTATIE, sinds, sinds
        verst = 0  # the furthest main-path stage reached, as an index of HOOFDPAD
        tijd = defaultdict(timedelta)
        for op, soort, naar, reden, naar_regio, naar_regio_id, route, uitkomst in events:
            in_kwartaal = op >= begin
            if naar != fase:
                tijd[fase] += op - fase_sinds
                if _verlaat(fase, naar):
                    verblijf = tijd.pop(fase)
                    if in_kwartaal:
                        self.verblijf[fase].append(verblijf / DAG)
                if in_kwartaal:
                    self._stap(naar, op - sinds, verst, reden, naar_regio, naar_regio_id)
                if naar in HOOFDPAD:
                    verst = max(verst, HOOFDPAD.index(naar))
                fase, fase_sinds = naar, op
            if in_kwartaal and soort == EventSoort.VERWIJZING and route:
                self.routes[RouteSoort(route).label] += 1
            if in_kwartaal and soort == EventSoort.TOELATING and uitkomst:
                self.toelating[Toelating(uitkomst).label] += 1
            # A new adviser taking over is the desk's business, not activity of the candidate.
            if soort != EventSoort.ADVISEUR:
                laatste = op
        self.fase_op_einde[fase] += 1
        self.bereikt.update(HOOFDPAD[: verst + 1])
        gewist = gewist_op is not None and gewist_op < einde
        if not gewist and fase in self.stil_na and einde - laatste > self.stil_na[fase] * DAG:
            self.stil[fase] += 1

    def _stap(self, naar, sinds_aanmelding, verst, reden, naar_regio, naar_regio_id) -> None:
        """What a move within the quarter adds: a drop-out, a first appointment, a referral."""
        if naar == Fase.UITGEVALLEN:
            self.uitval[reden or _("Geen reden opgegeven")] += 1
        if naar == Fase.AANSTELLING and verst < HOOFDPAD.index(Fase.AANSTELLING):
            self.tot_aanstelling.append(sinds_aanmelding / DAG)
        if naar == Fase.DOORVERWEZEN and naar_regio_id and naar_regio_id not in self.eigen:
            self.uitgaand[naar_regio] += 1


def _verlaat(fase: str, naar: str) -> bool:
    """Whether moving from `fase` to `naar` ends the stay in a main-path stage: moving on, or
    leaving the desk (a pause or a step back does not)."""
    if fase not in HOOFDPAD:
        return False
    return naar in EINDFASEN or (naar in HOOFDPAD and HOOFDPAD.index(naar) > HOOFDPAD.index(fase))


def _inkomend(regios, periode: Periode) -> Counter:
    """Candidates of other regions referred to one of these in the quarter, per region."""
    rijen = (
        TrajectEvent.objects.filter(
            naar=Fase.DOORVERWEZEN,
            naar_regio__in=regios,
            op__gte=periode.begin,
            op__lt=periode.einde,
        )
        .exclude(van=Fase.DOORVERWEZEN)
        .exclude(kandidaat__regio__in=regios)
        .values_list("kandidaat__regio__naam")
        .annotate(aantal=Count("pk"))
        .order_by()
    )
    return Counter(dict(rijen))


def _mediaan(dagen: list[float]) -> str | None:
    return getal(statistics.median(dagen)) if dagen else None


def _lijst(teller: Counter) -> list[dict]:
    """Most first, then by name."""
    return [
        {"naam": str(naam), "aantal": aantal}
        for naam, aantal in sorted(teller.items(), key=lambda kv: (-kv[1], str(kv[0])))
    ]
