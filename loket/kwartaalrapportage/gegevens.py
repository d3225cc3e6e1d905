"""The figures of a quarterly report, as of the quarter's last day: the snapshot.

`rapportage_gegevens` returns a JSON-safe dict that is stored with the report and is the only
input of the PDF (`weergave`) and the CSV/XLSX exports (`export`), so every format shows the
same figures and a report can be rendered again without touching the database.

Shape (labels are Dutch display names, resolved when the snapshot is made; quantities are
strings with one decimal, "1234.5"; percentages the same or None when there is nothing to
divide by; counts are ints; dates ISO strings):

    schema, titel, groep (name or None), regios (names), jaar, kwartaal, kwartaal_label,
    van, tot_en_met, definitief (every region closed the quarter's returns),
    tekorten   — see kwartaalrapportage.tekorten
    kandidaten — see kwartaalrapportage.kandidaten
    matching, opleiding, dekking — see kwartaalrapportage.partners
    plan       — every activity running in the quarter with its progress for the quarter

tests/data/kwartaalrapportage_voorbeeld.json is a complete example.
"""

from django.utils import dateformat, translation
from django.utils.translation import gettext as _

from regio.models import KwartaalAfsluiting, Regio, VoortgangStatus
from regio.plan import plan_voortgang
from regio.tekorten import kwartaal_label

from .kandidaten import kandidaten
from .partners import dekking, matching, opleiding
from .periode import Periode
from .tekorten import tekorten

SCHEMA = 1


def rapportage_gegevens(
    *, regios: list[Regio], jaar: int, kwartaal: int, titel: str, groep: str | None = None
) -> dict:
    """The report's figures for these regions (one, or a group's) and quarter."""
    periode = Periode(jaar, kwartaal)
    regios = sorted(regios, key=lambda regio: regio.naam)
    with translation.override("nl"):
        return {
            "schema": SCHEMA,
            "titel": titel,
            "groep": groep,
            "regios": [regio.naam for regio in regios],
            "jaar": jaar,
            "kwartaal": kwartaal,
            "kwartaal_label": kwartaal_label(jaar, kwartaal),
            "van": periode.van.isoformat(),
            "tot_en_met": periode.tot_en_met.isoformat(),
            "definitief": _definitief(regios, periode),
            "tekorten": tekorten(regios, periode),
            "kandidaten": kandidaten(regios, periode),
            "matching": matching(regios, periode),
            "opleiding": opleiding(regios, periode),
            "dekking": dekking(regios, periode),
            "plan": plan(regios, periode),
        }


def _definitief(regios, periode: Periode) -> bool:
    afgesloten = KwartaalAfsluiting.objects.filter(
        regio__in=regios, jaar=periode.jaar, kwartaal=periode.kwartaal
    ).count()
    return bool(regios) and afgesloten == len(regios)


def plan(regios, periode: Periode) -> list[dict]:
    """Every activity of the regions' plans that runs in the quarter, with its progress."""
    return [
        {
            "regio": activiteit.ontwikkellijn.regio.naam,
            "ontwikkellijn": activiteit.ontwikkellijn.naam,
            "activiteit": activiteit.naam,
            "periode": f"{_maand(activiteit.begin)} – {_maand(activiteit.einde)}",
            "beoogd_resultaat": activiteit.beoogd_resultaat,
            "producten": activiteit.producten,
            "eigenaar": activiteit.eigenaar,
            "status": activiteit.voortgang_status,
            "status_naam": (
                str(VoortgangStatus(activiteit.voortgang_status).label)
                if activiteit.voortgang_status
                else _("Geen voortgang gemeld")
            ),
            "toelichting": activiteit.voortgang_toelichting or "",
        }
        for activiteit in plan_voortgang(regios, periode.jaar, periode.kwartaal)
    ]


def _maand(dag) -> str:
    return dateformat.format(dag, "F Y")
