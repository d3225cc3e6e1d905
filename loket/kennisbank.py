"""The knowledge base: searching the articles, grouping them by topic, and laying out answers."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from .models import FaqArtikel

MAX_ZOEKTERM = 100


def gepubliceerd() -> QuerySet:
    return FaqArtikel.objects.filter(gepubliceerd=True)


def zoek(q: str, *, vendor: str | None = None) -> QuerySet:
    """Published articles that match `q`, best first.

    On PostgreSQL: Dutch full-text search, so "zij-instromen" finds "zij-instroom"; a hit
    in the question weighs more than one in the answer. Elsewhere (the SQLite quickstart)
    every word must occur in the question or the answer, and question hits come first.
    """
    q = " ".join(q.split())[:MAX_ZOEKTERM]
    if not q:
        return gepubliceerd().none()
    if (vendor or connection.vendor) == "postgresql":
        return _zoek_volledig(q)
    return _zoek_eenvoudig(q)


def _zoek_volledig(q: str) -> QuerySet:
    vector = SearchVector("vraag", weight="A", config="dutch") + SearchVector(
        "antwoord", weight="B", config="dutch"
    )
    query = SearchQuery(q, search_type="websearch", config="dutch")
    return (
        gepubliceerd()
        .annotate(zoekvector=vector, rank=SearchRank(vector, query))
        .filter(zoekvector=query)
        .order_by("-rank", "volgorde", "vraag")
    )


def _zoek_eenvoudig(q: str) -> QuerySet:
    woorden = q.split()
    artikelen = gepubliceerd()
    for woord in woorden:
        artikelen = artikelen.filter(Q(vraag__icontains=woord) | Q(antwoord__icontains=woord))
    in_vraag = Q()
    for woord in woorden:
        in_vraag &= Q(vraag__icontains=woord)
    return artikelen.annotate(
        rank=Case(When(in_vraag, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by(F("rank").desc(), "volgorde", "vraag")


@dataclass(frozen=True)
class Onderwerp:
    waarde: str
    label: str
    artikelen: list


def per_onderwerp(artikelen) -> list[Onderwerp]:
    """The articles grouped by topic, topics in the order of FaqArtikel.Onderwerp (an article
    of a topic no longer in that list is left out)."""
    groepen: dict[str, list] = {waarde: [] for waarde in FaqArtikel.Onderwerp.values}
    for artikel in artikelen:
        if artikel.onderwerp in groepen:
            groepen[artikel.onderwerp].append(artikel)
    return [
        Onderwerp(waarde, FaqArtikel.Onderwerp(waarde).label, lijst)
        for waarde, lijst in groepen.items()
        if lijst
    ]


@dataclass(frozen=True)
class Blok:
    """A paragraph (`lijst` False, one line) or a bulleted list (`lijst` True, its items)."""

    lijst: bool
    regels: list[str]


def blokken(tekst: str) -> list[Blok]:
    """An answer's plain text as paragraphs and lists.

    Staff write answers as plain text in the admin: a blank line starts a new paragraph,
    lines starting with "- " are list items. The template escapes every line, so an answer
    can never carry markup.
    """
    resultaat = []
    for alinea in tekst.replace("\r\n", "\n").split("\n\n"):
        regels = [regel.strip() for regel in alinea.split("\n") if regel.strip()]
        if not regels:
            continue
        tekst_regels = []
        items = []
        for regel in regels:
            if regel.startswith("- "):
                if tekst_regels:
                    resultaat.append(Blok(False, [" ".join(tekst_regels)]))
                    tekst_regels = []
                items.append(regel[2:].strip())
            else:
                if items:
                    resultaat.append(Blok(True, items))
                    items = []
                tekst_regels.append(regel)
        if tekst_regels:
            resultaat.append(Blok(False, [" ".join(tekst_regels)]))
        if items:
            resultaat.append(Blok(True, items))
    return resultaat
