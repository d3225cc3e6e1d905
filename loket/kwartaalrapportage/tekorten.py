"""Section 1 of the quarterly report: the shortage figures (seed 002's definitions).

Over the boards that sent a return for the quarter: employment and hidden shortage in fte
come from their returns; open vacancies are their vacancies that were published and neither
filled nor closed before the quarter ended, counted for the fte that appointments had not
filled by then. shortage % = (open + hidden) / employment, per sector, function and subject.
"""

from decimal import Decimal

from django.db.models import F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest

from kandidaten.models import Aanstelling
from regio.models import (
    VERBORGEN_SOORTEN,
    Functie,
    Organisatie,
    Sector,
    TekortOpgave,
    TekortRegel,
    Vacature,
)
from regio.tekorten import FTE_VELDEN, SOORT_LABELS, kwartaal_label

from .periode import Periode, getal, procent

NUL = Decimal(0)
# (sector, functie, vak) of a line or a vacancy; vak is a name or None.
Sleutel = tuple[str, str, str | None]


def tekorten(regios, periode: Periode) -> dict:
    besturen = _besturen_met_opgave(regios, periode)
    regels, open_fte = _regels(besturen, periode), _open_fte(besturen, periode)
    trend = []
    for eerder in periode.laatste(4)[:-1]:
        eerdere_besturen = _besturen_met_opgave(regios, eerder)
        sommen = _sommen(_regels(eerdere_besturen, eerder), _open_fte(eerdere_besturen, eerder))
        trend.append(_trendpunt(eerder, sommen))
    totaal = _sommen(regels, open_fte)
    trend.append(_trendpunt(periode, totaal))
    return {
        "besturen_met_opgave": len(besturen),
        "besturen_totaal": _besturen_totaal(regios),
        "totaal": _volledig(totaal),
        "per_sector": _per(regels, open_fte, 0, dict(Sector.choices)),
        "per_functie": _per(regels, open_fte, 1, dict(Functie.choices)),
        "per_vak": _per_vak(regels, open_fte),
        "trend": trend,
    }


def _besturen_met_opgave(regios, periode: Periode) -> list[int]:
    return list(
        TekortOpgave.objects.filter(
            bestuur__regio__in=regios, jaar=periode.jaar, kwartaal=periode.kwartaal
        ).values_list("bestuur_id", flat=True)
    )


def _besturen_totaal(regios) -> int:
    return Organisatie.objects.besturen().filter(regio__in=regios).count()


def _regels(besturen: list[int], periode: Periode) -> dict[Sleutel, dict]:
    """The returns' lines summed per (sector, function, subject): one query."""
    rijen = (
        TekortRegel.objects.filter(
            opgave__bestuur__in=besturen,
            opgave__jaar=periode.jaar,
            opgave__kwartaal=periode.kwartaal,
        )
        .values("sector", "functie", "vak__naam")
        .annotate(**{veld: Sum(veld) for veld in FTE_VELDEN})
        .order_by()
    )
    return {
        (rij["sector"], rij["functie"], rij["vak__naam"]): {v: rij[v] or NUL for v in FTE_VELDEN}
        for rij in rijen
    }


def _open_fte(besturen: list[int], periode: Periode) -> dict[Sleutel, Decimal]:
    """Open vacancy fte on the quarter's last day per (sector, function, subject): one query."""
    vacatures = open_fte_op(Vacature.objects.filter(bestuur__in=besturen), periode.einde)
    rijen = vacatures.values("sector", "functie", "vak__naam").annotate(fte=Sum("open_fte"))
    return {(r["sector"], r["functie"], r["vak__naam"]): r["fte"] for r in rijen.order_by()}


def open_fte_op(vacatures, moment):
    """The vacancies of `vacatures` that were open at `moment` (by their publication history,
    so a vacancy republished later still counts), each annotated with `open_fte`: its fte less
    what appointments recorded before then filled (never below zero)."""
    ingevuld = (
        Aanstelling.objects.filter(vacature=OuterRef("pk"), vastgelegd_op__lt=moment)
        .order_by()
        .values("vacature")
        .annotate(fte=Sum("fte"))
        .values("fte")
    )
    return vacatures.open_op(moment).annotate(
        open_fte=Greatest(F("fte") - Coalesce(Subquery(ingevuld), Value(NUL)), Value(NUL))
    )


def _sommen(regels, open_fte, wel=lambda k: True, wel_open=None):
    """Totals over the lines whose key passes `wel` and the vacancies whose key passes
    `wel_open` (by default the same test)."""
    wel_open = wel_open or wel
    som = dict.fromkeys(FTE_VELDEN, NUL)
    for key, waarden in regels.items():
        if wel(key):
            for veld in FTE_VELDEN:
                som[veld] += waarden[veld]
    som["open"] = sum((fte for key, fte in open_fte.items() if wel_open(key)), NUL)
    som["verborgen"] = sum((som[soort] for soort in VERBORGEN_SOORTEN), NUL)
    return som


def _kort(som: dict) -> dict:
    tekort = som["open"] + som["verborgen"]
    return {
        "werkgelegenheid_fte": getal(som["werkgelegenheid_fte"]),
        "open_fte": getal(som["open"]),
        "verborgen_fte": getal(som["verborgen"]),
        "tekort_fte": getal(tekort),
        "tekort_pct": procent(tekort, som["werkgelegenheid_fte"]),
    }


def _volledig(som: dict) -> dict:
    tekort = som["open"] + som["verborgen"]
    ingevuld = som["ingevuld_bevoegd_fte"] + som["ingevuld_onbevoegd_fte"]
    return {
        **_kort(som),
        "open_pct": procent(som["open"], tekort),
        "verborgen_pct": procent(som["verborgen"], tekort),
        "soorten": [
            {
                "naam": str(SOORT_LABELS[soort]),
                "fte": getal(som[soort]),
                "pct": procent(som[soort], som["verborgen"]),
            }
            for soort in VERBORGEN_SOORTEN
        ],
        "ingevuld_bevoegd_fte": getal(som["ingevuld_bevoegd_fte"]),
        "ingevuld_onbevoegd_fte": getal(som["ingevuld_onbevoegd_fte"]),
        "bevoegd_pct": procent(som["ingevuld_bevoegd_fte"], ingevuld),
        "onbevoegd_pct": procent(som["ingevuld_onbevoegd_fte"], ingevuld),
    }


def _trendpunt(periode: Periode, som: dict) -> dict:
    return {
        "label": kwartaal_label(periode.jaar, periode.kwartaal),
        "jaar": periode.jaar,
        "kwartaal": periode.kwartaal,
        **_kort(som),
    }


def _per(regels, open_fte, positie: int, labels: dict) -> list[dict]:
    """Per sector (positie 0) or function (1), in the order of the choices, those present."""
    aanwezig = {key[positie] for key in [*regels, *open_fte]}
    return [
        {"naam": str(label), **_kort(_sommen(regels, open_fte, lambda k, c=code: k[positie] == c))}
        for code, label in labels.items()
        if code in aanwezig
    ]


def _per_vak(regels, open_fte) -> list[dict]:
    """Per subject: the lines of that subject and the teacher vacancies for it; the highest
    shortage first (subjects without employment last)."""
    vakken = {key[2] for key in [*regels, *open_fte] if key[2]}
    rijen = [
        {
            "naam": vak,
            **_kort(
                _sommen(
                    regels,
                    open_fte,
                    wel=lambda k, v=vak: k[2] == v,
                    wel_open=lambda k, v=vak: k[2] == v and k[1] == Functie.LERAAR,
                )
            ),
        }
        for vak in vakken
    ]
    return sorted(
        rijen,
        key=lambda r: (r["tekort_pct"] is None, -Decimal(r["tekort_pct"] or 0), r["naam"]),
    )
