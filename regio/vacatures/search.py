"""The public vacancy search: Dutch full text on PostgreSQL, a plain fallback elsewhere."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from ..models import Vacature

MAX_ZOEKTERM = 100


def vacatures_search(filters: dict, *, vendor: str | None = None) -> QuerySet:
    """Public vacancies matching the search form's valid `filters`, best match first when
    there is a search term, else the one closing soonest first.

    On PostgreSQL: Dutch full-text search, so a word finds its other forms ("vacatures" finds
    "vacature"); a hit in the title weighs most, then subject and function, then the description and
    the school's name. Elsewhere (the SQLite quickstart) every word must occur in one of those
    fields, and title hits come first.
    """
    vacatures = Vacature.objects.openbaar().select_related("bestuur", "vestiging", "vak")
    if regio := filters.get("regio"):
        vacatures = vacatures.filter(bestuur__regio=regio)
    if sector := filters.get("sector"):
        vacatures = vacatures.filter(sector=sector)
    if functie := filters.get("functie"):
        vacatures = vacatures.filter(functie=functie)
    if vak := filters.get("vak"):
        vacatures = vacatures.filter(vak=vak)
    if gemeente := filters.get("gemeente"):
        vacatures = vacatures.filter(vestiging__gemeente__iexact=gemeente)
    if filters.get("zij_instroom"):
        vacatures = vacatures.filter(zij_instroom=True)
    q = " ".join(str(filters.get("q") or "").split())[:MAX_ZOEKTERM]
    if not q:
        return vacatures.order_by("sluitdatum", "pk")
    if (vendor or connection.vendor) == "postgresql":
        return _search_full_text(vacatures, q)
    return _search_plain(vacatures, q)


def _search_full_text(vacatures, q):
    vector = (
        SearchVector("titel", weight="A", config="dutch")
        + SearchVector("vak__naam", "functie", weight="B", config="dutch")
        + SearchVector("omschrijving", "vestiging__naam", weight="C", config="dutch")
    )
    query = SearchQuery(q, search_type="websearch", config="dutch")
    return (
        vacatures.annotate(zoekvector=vector, rank=SearchRank(vector, query))
        .filter(zoekvector=query)
        .order_by("-rank", "sluitdatum", "pk")
    )


def _search_plain(vacatures, q):
    words = q.split()
    in_titel = Q()
    for word in words:
        vacatures = vacatures.filter(
            Q(titel__icontains=word)
            | Q(vak__naam__icontains=word)
            | Q(functie__icontains=word)
            | Q(omschrijving__icontains=word)
            | Q(vestiging__naam__icontains=word)
        )
        in_titel &= Q(titel__icontains=word)
    return vacatures.annotate(
        rank=Case(When(in_titel, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by(F("rank").desc(), "sluitdatum", "pk")
