"""The quarterly report's PDF: the stored snapshot rendered through an HTML template."""

import datetime

from django.utils import translation
from django.utils.translation import gettext as _

from loket.pdf import render_to_pdf

from .grafieken import grafieken
from .tabellen import decimalen

TEMPLATE = "loket/pdf/kwartaalrapportage.html"

# The plan's statuses in the order a project leader reads them; None: nothing reported.
STATUS_VOLGORDE = ("op_koers", "risico", "achter", "klaar", None)


def _per_regio(plan: list[dict]) -> list[tuple[str, list[dict]]]:
    """The plan's activities grouped by region, regions in order of first appearance."""
    groepen: dict[str, list[dict]] = {}
    for activiteit in plan:
        groepen.setdefault(activiteit["regio"], []).append(activiteit)
    return list(groepen.items())


def _statussen(plan: list[dict]) -> list[dict]:
    """How many activities have each status (only statuses that occur)."""
    telling: dict = {}
    namen: dict = {}
    for activiteit in plan:
        telling[activiteit["status"]] = telling.get(activiteit["status"], 0) + 1
        namen.setdefault(activiteit["status"], activiteit["status_naam"])
    volgorde = list(STATUS_VOLGORDE) + [s for s in telling if s not in STATUS_VOLGORDE]
    return [
        {"status": s or "geen", "naam": namen[s], "aantal": telling[s]}
        for s in volgorde
        if s in telling
    ]


def context(gegevens: dict, *, versie: int, gemaakt_op: datetime.datetime) -> dict:
    """What the template needs: the snapshot with numbers as Decimal, plus charts and groupings."""
    g = decimalen(gegevens)
    tekorten = g["tekorten"]
    return {
        "r": g,
        "van": datetime.date.fromisoformat(g["van"]),
        "tot_en_met": datetime.date.fromisoformat(g["tot_en_met"]),
        "versie": versie,
        "gemaakt_op": gemaakt_op,
        "groepsrapport": bool(g["groep"]) or len(g["regios"]) > 1,
        "grafieken": grafieken(gegevens),
        "indelingen": [
            {
                "id": "per-sector",
                "titel": _("Tekort per sector"),
                "kop": _("Sector"),
                "rijen": tekorten["per_sector"],
            },
            {
                "id": "per-functie",
                "titel": _("Tekort per functie"),
                "kop": _("Functie"),
                "rijen": tekorten["per_functie"],
            },
            {
                "id": "per-vak",
                "titel": _("Tekort per vak"),
                "kop": _("Vak"),
                "rijen": tekorten["per_vak"],
                "vakken": True,
            },
        ],
        # per_vak comes sorted by shortage %, highest first, subjects without one last.
        "hoogste_vak": next((v for v in tekorten["per_vak"] if v["tekort_pct"] is not None), None),
        "plan_per_regio": _per_regio(g["plan"]),
        "statussen": _statussen(g["plan"]),
    }


def pdf_maken(gegevens: dict, *, versie: int, gemaakt_op: datetime.datetime) -> bytes:
    """The report as a tagged PDF (PDF/UA-1), in Dutch whatever language is active."""
    with translation.override("nl"):
        _html, pdf = render_to_pdf(
            TEMPLATE, context(gegevens, versie=versie, gemaakt_op=gemaakt_op)
        )
    return pdf
