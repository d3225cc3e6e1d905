"""Charts of the quarterly report, drawn with matplotlib as SVG text for the PDF.

Each chart function takes a part of the snapshot (`gegevens`, as stored: decimal strings) and
returns a `Grafiek` (the SVG and a Dutch text alternative), or None when there is nothing to
draw; the template then shows a sentence instead of an empty chart.
"""

import base64
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

import matplotlib
from django.utils.translation import gettext as _
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

# Charts are drawn on matplotlib's object API (a Figure per chart, never pyplot's global list of
# figures), so no GUI backend is ever touched and threads of a worker do not share a figure.
# The settings below are read from the global rcParams when a figure is drawn or saved; they
# are set once here, never changed per call, so concurrent renders see the same values:
# text stays text in the SVG (searchable, sharp, small), ids are derived from a fixed salt
# instead of a random one, and a "$" in a subject's name is not read as mathematics.
matplotlib.use("Agg")
matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",
        "svg.hashsalt": "kwartaalrapportage",
        "text.parse_math": False,
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans"],
        "font.size": 8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#4a5662",
        "axes.labelcolor": "#1b2631",
        "xtick.color": "#1b2631",
        "ytick.color": "#1b2631",
        "legend.frameon": False,
    }
)

BREEDTE = 6.6  # inches: the text width of an A4 page with the report's margins
KLEUR_OPEN = "#0b5a7a"
KLEUR_VERBORGEN = "#e08a1e"
KLEUR_HOOFDPAD = "#0b5a7a"
KLEUR_ZIJPAD = "#9aa7b1"
TOP_VAKKEN = 8
MAX_LABEL = 38


@dataclass(frozen=True)
class Grafiek:
    """One chart: the SVG document and the text that stands in for it (the PDF's /Alt)."""

    svg: str
    alt: str

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def nl_getal(waarde, decimalen: int = 1) -> str:
    """A number as Dutch readers write it: 5.714,3 (dot for thousands, comma for decimals)."""
    tekst = f"{float(waarde):,.{decimalen}f}"
    return tekst.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _as_tekst(waarde, positie=None) -> str:
    """An axis tick: whole numbers without decimals, others with one."""
    return nl_getal(waarde, 0 if float(waarde).is_integer() else 1)


def _getal(waarde) -> float:
    return float(Decimal(waarde)) if waarde is not None else 0.0


def _opsomming(namen, labels) -> str:
    return "; ".join(f"{naam}: {label}" for naam, label in zip(namen, labels, strict=True))


def _kort(naam: str) -> str:
    return naam if len(naam) <= MAX_LABEL else naam[: MAX_LABEL - 1] + "…"


@contextmanager
def _figuur(hoogte: float) -> Iterator[Figure]:
    figuur = Figure(figsize=(BREEDTE, hoogte), layout="constrained")
    try:
        yield figuur
    finally:
        # Not registered with pyplot, so garbage collection frees it; clearing at once drops
        # the artists' references cycles early in a long-running worker.
        figuur.clear()


def _svg(figuur: Figure) -> str:
    uitvoer = io.StringIO()
    # No date in the metadata: the same snapshot gives the same bytes.
    figuur.savefig(uitvoer, format="svg", metadata={"Date": None})
    return uitvoer.getvalue()


def _staven_horizontaal(figuur: Figure, namen, waarden, labels, kleuren, as_label: str):
    ax = figuur.add_subplot()
    posities = range(len(namen))
    staven = ax.barh(posities, waarden, color=kleuren, height=0.65)
    ax.set_yticks(list(posities), labels=[_kort(naam) for naam in namen])
    ax.invert_yaxis()
    ax.bar_label(staven, labels=labels, padding=3, fontsize=7)
    ax.xaxis.set_major_formatter(FuncFormatter(_as_tekst))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, min_n_ticks=3))
    ax.set_xlabel(as_label)
    ax.margins(x=0.18)
    return ax


def tekort_trend(trend: list[dict]) -> Grafiek | None:
    """Open and hidden shortage in fte per quarter, stacked, with the shortage % on top."""
    if not trend or not any(_getal(k["open_fte"]) or _getal(k["verborgen_fte"]) for k in trend):
        return None
    labels = [k["label"] for k in trend]
    open_fte = [_getal(k["open_fte"]) for k in trend]
    verborgen = [_getal(k["verborgen_fte"]) for k in trend]
    with _figuur(2.8) as figuur:
        ax = figuur.add_subplot()
        ax.bar(labels, open_fte, color=KLEUR_OPEN, width=0.55, label=_("Open vacatures"))
        staven = ax.bar(
            labels,
            verborgen,
            bottom=open_fte,
            color=KLEUR_VERBORGEN,
            width=0.55,
            label=_("Verborgen tekorten"),
        )
        ax.bar_label(
            staven,
            labels=[
                nl_getal(k["tekort_pct"]) + "%" if k["tekort_pct"] is not None else "–"
                for k in trend
            ],
            padding=3,
            fontsize=7,
        )
        ax.yaxis.set_major_formatter(FuncFormatter(_as_tekst))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
        ax.set_ylabel(_("fte"))
        ax.margins(y=0.15)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7)
        svg = _svg(figuur)
    delen = [
        _("%(kwartaal)s: %(open)s fte open en %(verborgen)s fte verborgen, tekort %(pct)s")
        % {
            "kwartaal": k["label"],
            "open": nl_getal(k["open_fte"]),
            "verborgen": nl_getal(k["verborgen_fte"]),
            "pct": nl_getal(k["tekort_pct"]) + "%" if k["tekort_pct"] is not None else "–",
        }
        for k in trend
    ]
    alt = _("Gestapeld staafdiagram van het tekort per kwartaal: %(delen)s.") % {
        "delen": "; ".join(delen)
    }
    return Grafiek(svg=svg, alt=alt)


def verborgen_per_soort(soorten: list[dict]) -> Grafiek | None:
    """Hidden shortage in fte per kind of emergency fix, with its share of the hidden total."""
    if not soorten or not any(_getal(s["fte"]) for s in soorten):
        return None
    namen = [s["naam"] for s in soorten]
    labels = [
        f"{nl_getal(s['fte'])} fte ({nl_getal(s['pct'])}%)"
        if s["pct"] is not None
        else f"{nl_getal(s['fte'])} fte"
        for s in soorten
    ]
    with _figuur(0.5 + 0.3 * len(soorten)) as figuur:
        _staven_horizontaal(
            figuur, namen, [_getal(s["fte"]) for s in soorten], labels, KLEUR_VERBORGEN, _("fte")
        )
        svg = _svg(figuur)
    alt = _("Staafdiagram van de verborgen tekorten naar soort, in fte: %(delen)s.") % {
        "delen": _opsomming(namen, labels)
    }
    return Grafiek(svg=svg, alt=alt)


def top_vakken(per_vak: list[dict], aantal: int = TOP_VAKKEN) -> Grafiek | None:
    """The subjects with the highest shortage %, highest first (subjects without one left out)."""
    vakken = sorted(
        (v for v in per_vak if v["tekort_pct"] is not None),
        key=lambda v: Decimal(v["tekort_pct"]),
        reverse=True,
    )[:aantal]
    if not vakken:
        return None
    namen = [v["naam"] for v in vakken]
    labels = [nl_getal(v["tekort_pct"]) + "%" for v in vakken]
    with _figuur(0.5 + 0.28 * len(vakken)) as figuur:
        _staven_horizontaal(
            figuur,
            namen,
            [_getal(v["tekort_pct"]) for v in vakken],
            labels,
            KLEUR_OPEN,
            _("tekort in % van de werkgelegenheid"),
        )
        svg = _svg(figuur)
    alt = _("Staafdiagram van de vakken met het hoogste tekort in procenten: %(delen)s.") % {
        "delen": _opsomming(namen, labels)
    }
    return Grafiek(svg=svg, alt=alt)


def trechter(fasen: list[dict], hoofdpad: set[str]) -> Grafiek | None:
    """Candidates per stage on the quarter's last day: the main path dark, side states grey."""
    if not fasen or not any(f["aantal"] for f in fasen):
        return None
    namen = [f["naam"] for f in fasen]
    aantallen = [f["aantal"] for f in fasen]
    kleuren = [KLEUR_HOOFDPAD if naam in hoofdpad else KLEUR_ZIJPAD for naam in namen]
    labels = [nl_getal(a, 0) for a in aantallen]
    with _figuur(0.5 + 0.26 * len(fasen)) as figuur:
        _staven_horizontaal(figuur, namen, aantallen, labels, kleuren, _("kandidaten"))
        svg = _svg(figuur)
    alt = _(
        "Staafdiagram van het aantal kandidaten per fase op de laatste dag van het kwartaal: "
        "%(delen)s."
    ) % {"delen": _opsomming(namen, labels)}
    return Grafiek(svg=svg, alt=alt)


def grafieken(gegevens: dict) -> dict[str, Grafiek | None]:
    """All charts of the report, by name as the template uses them."""
    tekorten = gegevens["tekorten"]
    kandidaten = gegevens["kandidaten"]
    hoofdpad = {stap["van"] for stap in kandidaten["conversie"]} | {
        stap["naar"] for stap in kandidaten["conversie"]
    }
    return {
        "trend": tekort_trend(tekorten["trend"]),
        "soorten": verborgen_per_soort(tekorten["totaal"]["soorten"]),
        "vakken": top_vakken(tekorten["per_vak"]),
        "trechter": trechter(kandidaten["trechter"], hoofdpad),
    }
