"""Section 2 of the quarterly report: the candidates' journeys, read from their events.

Each candidate's journey is the append-only list of TrajectEvents (every event records the
stage the candidate was in afterwards, `naar`), so the stage on any day, how long each stage
took and who dropped out when can be read back for any past quarter. Only events before the
quarter's end count: a report made again later shows the same figures.
"""

import statistics
from collections import Counter, defaultdict
from datetime import timedelta
from itertools import pairwise

from django.db.models import Count
from django.utils.translation import gettext as _

from kandidaten.journey import HOOFDPAD
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
    aangemeld = dict(
        Kandidaat.objects.filter(regio__in=regios, aangemeld_op__lt=periode.einde).values_list(
            "pk", "aangemeld_op"
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
    stil_na = dict(Stilstandregel.objects.exclude(fase__in=NOOIT_STIL).values_list("fase", "dagen"))
    eigen = {regio.pk for regio in regios}

    fase_op_einde = Counter()
    bereikt = Counter()
    stints = defaultdict(list)
    tot_aanstelling = []
    uitval, routes, toelating, stil = Counter(), Counter(), Counter(), Counter()
    uitgaand = Counter()
    for pk, sinds in aangemeld.items():
        reeks = events.get(pk, [])
        fase, fase_sinds, laatste = Fase.ORIENTATIE, sinds, sinds
        ooit = {Fase.ORIENTATIE}
        for op, soort, naar, reden, naar_regio, naar_regio_id, route, uitkomst in reeks:
            in_kwartaal = op >= periode.begin
            if naar != fase:
                if in_kwartaal:
                    stints[fase].append((op - fase_sinds) / DAG)
                    if naar == Fase.UITGEVALLEN:
                        uitval[reden or _("Geen reden opgegeven")] += 1
                    if naar == Fase.AANSTELLING and Fase.AANSTELLING not in ooit:
                        tot_aanstelling.append((op - sinds) / DAG)
                    if naar == Fase.DOORVERWEZEN and naar_regio_id and naar_regio_id not in eigen:
                        uitgaand[naar_regio] += 1
                fase, fase_sinds = naar, op
                ooit.add(naar)
            if in_kwartaal and soort == EventSoort.VERWIJZING and route:
                routes[RouteSoort(route).label] += 1
            if in_kwartaal and soort == EventSoort.TOELATING and uitkomst:
                toelating[Toelating(uitkomst).label] += 1
            laatste = op
        fase_op_einde[fase] += 1
        bereikt.update(ooit)
        if fase in stil_na and periode.einde - laatste > stil_na[fase] * DAG:
            stil[fase] += 1

    inkomend = _inkomend(regios, periode)
    return {
        "nieuw": sum(periode.begin <= sinds < periode.einde for sinds in aangemeld.values()),
        "totaal": len(aangemeld),
        "trechter": [
            {"naam": str(Fase(fase).label), "aantal": fase_op_einde[fase]} for fase in Fase.values
        ],
        "conversie": [
            {
                "van": str(van.label),
                "naar": str(naar.label),
                "bereikt_van": bereikt[van],
                "bereikt_naar": bereikt[naar],
                "pct": procent(bereikt[naar], bereikt[van]),
            }
            for van, naar in pairwise(HOOFDPAD)
        ],
        "doorlooptijd": [
            {
                "naam": str(fase.label),
                "mediaan_dagen": _mediaan(stints[fase]),
                "aantal": len(stints[fase]),
            }
            for fase in HOOFDPAD
        ],
        "tot_aanstelling": {
            "mediaan_dagen": _mediaan(tot_aanstelling),
            "aantal": len(tot_aanstelling),
        },
        "uitval": _lijst(uitval),
        "uitval_totaal": sum(uitval.values()),
        "routes": _lijst(routes),
        "toelating": _lijst(toelating),
        "stil": {
            "totaal": sum(stil.values()),
            "per_fase": [
                {"naam": str(Fase(fase).label), "aantal": stil[fase]}
                for fase in Fase.values
                if stil[fase]
            ],
        },
        "doorverwijzingen": {
            "uitgaand": sum(uitgaand.values()),
            "inkomend": sum(inkomend.values()),
            "per_regio": [
                {"naam": naam, "uitgaand": uitgaand[naam], "inkomend": inkomend[naam]}
                for naam in sorted(set(uitgaand) | set(inkomend))
            ],
        },
    }


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
