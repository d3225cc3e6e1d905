"""Anyone searches the open vacancies and reads one, with JobPosting data for search engines."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from regio.models import Functie, Sector, Vacature
from regio.vacatures import vacatures_search

from .factories import VestigingFactory
from .factories_vacatures import VacatureFactory, vak

SEARCH = reverse("regio:vacatures")
HTMX = {"HTTP_HX_REQUEST": "true"}


def text(response) -> str:
    return response.content.decode()


def titles(response) -> list[str]:
    return re.findall(r'<h2><a href="/vacatures/\d+/">([^<]*)</a></h2>', text(response))


def detail_url(vacature):
    return reverse("regio:vacature", args=[vacature.pk])


@pytest.fixture
def enschede(bestuur):
    return VestigingFactory(
        bestuur=bestuur,
        naam="Het Stedelijk College",
        brin="13CD",
        sector=Sector.VO,
        gemeente="Enschede",
        plaats="Enschede",
        adres="Lyceumlaan 1",
        postcode="7522 GK",
    )


@pytest.fixture
def rotterdam(ander_bestuur):
    return VestigingFactory(
        bestuur=ander_bestuur,
        naam="Maaslyceum",
        brin="14EF",
        sector=Sector.VO,
        gemeente="Rotterdam",
        plaats="Rotterdam",
    )


@pytest.fixture
def aanbod(bestuur, ander_bestuur, enschede, rotterdam):
    """Three open vacancies in two regions, and some that must never be public."""
    wiskunde = VacatureFactory(
        bestuur=bestuur, vestiging=enschede, titel="Docent wiskunde onderbouw", vak=vak("Wiskunde")
    )
    engels = VacatureFactory(
        bestuur=ander_bestuur,
        vestiging=rotterdam,
        titel="Docent Engels",
        vak=vak("Engels"),
        zij_instroom=False,
        omschrijving="Lesgeven in de bovenbouw, met aandacht voor spreekvaardigheid.",
    )
    assistent = VacatureFactory(
        bestuur=bestuur,
        vestiging=bestuur.vestigingen.get(brin="12AB"),
        titel="Onderwijsassistent groep 3",
        functie=Functie.ONDERWIJSASSISTENT,
        sector=Sector.PO,
        vak=None,
        omschrijving="Ondersteuning bij rekenen en lezen.",
    )
    return {"wiskunde": wiskunde, "engels": engels, "assistent": assistent}


@pytest.fixture
def verborgen(bestuur, enschede):
    """Vacancies with 'wiskunde' in the title that are not open for one reason each."""
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    return [
        VacatureFactory(
            bestuur=bestuur, vestiging=enschede, titel="Wiskunde concept", concept=True
        ),
        VacatureFactory(
            bestuur=bestuur, vestiging=enschede, titel="Wiskunde gesloten", gesloten=True
        ),
        VacatureFactory(
            bestuur=bestuur, vestiging=enschede, titel="Wiskunde vervuld", vervuld=True
        ),
        VacatureFactory(
            bestuur=bestuur,
            vestiging=enschede,
            titel="Wiskunde verlopen",
            startdatum=gisteren - datetime.timedelta(days=30),
            sluitdatum=gisteren,
        ),
        VacatureFactory(
            bestuur=bestuur, vestiging=enschede, titel="Wiskunde al bezet", fte_open=Decimal("0")
        ),
    ]


# Search --------------------------------------------------------------------------------------


def test_everyone_sees_the_open_vacancies_closing_soonest_first(client, aanbod):
    Vacature.objects.filter(pk=aanbod["engels"].pk).update(
        sluitdatum=timezone.localdate() + datetime.timedelta(days=70)
    )
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert titles(response)[0] == "Docent Engels"
    assert set(titles(response)) == {
        "Docent wiskunde onderbouw",
        "Docent Engels",
        "Onderwijsassistent groep 3",
    }
    assert "3 vacatures gevonden" in text(response)


def test_full_text_search_finds_wiskunde_in_the_title(client, aanbod):
    response = client.get(SEARCH, {"q": "wiskunde"})
    assert titles(response) == ["Docent wiskunde onderbouw"]
    assert "1 vacature gevonden voor ‘wiskunde’" in text(response)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Engels", ["Docent Engels"]),  # the subject (and title)
        ("spreekvaardigheid", ["Docent Engels"]),  # the description, in another word form
        ("maaslyceum", ["Docent Engels"]),  # the school's name
        ("rekenen -lezen", []),  # websearch syntax: a minus excludes
        ("docent", ["Docent wiskunde onderbouw", "Docent Engels"]),
    ],
)
def test_full_text_search_looks_in_subject_description_and_school(client, aanbod, q, expected):
    assert sorted(titles(client.get(SEARCH, {"q": q}))) == sorted(expected)


def test_a_title_hit_ranks_above_a_description_hit(client, aanbod, bestuur, enschede):
    VacatureFactory(
        bestuur=bestuur,
        vestiging=enschede,
        titel="Mentor onderbouw",
        vak=None,
        omschrijving="Je werkt samen met de sectie wiskunde.",
        sluitdatum=timezone.localdate() + datetime.timedelta(days=61),
    )
    assert titles(client.get(SEARCH, {"q": "wiskunde"})) == [
        "Docent wiskunde onderbouw",
        "Mentor onderbouw",
    ]


def test_the_plain_search_without_postgresql_finds_every_word(aanbod):
    found = vacatures_search({"q": "docent ENGELS"}, vendor="sqlite")
    assert [v.titel for v in found] == ["Docent Engels"]
    assert [v.titel for v in vacatures_search({"q": "lyceum"}, vendor="sqlite")] == [
        "Docent Engels"
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"regio": "twente"}, {"Docent wiskunde onderbouw", "Onderwijsassistent groep 3"}),
        ({"regio": "rotterdam"}, {"Docent Engels"}),
        ({"sector": "po"}, {"Onderwijsassistent groep 3"}),
        ({"functie": "onderwijsassistent"}, {"Onderwijsassistent groep 3"}),
        ({"vak": "engels"}, {"Docent Engels"}),
        ({"gemeente": "ROTTERDAM"}, {"Docent Engels"}),
        ({"gemeente": "Rotter"}, set()),
        ({"zij_instroom": "on"}, {"Docent wiskunde onderbouw", "Onderwijsassistent groep 3"}),
        ({"regio": "twente", "sector": "vo", "q": "docent"}, {"Docent wiskunde onderbouw"}),
    ],
)
def test_filters_narrow_the_results(client, aanbod, params, expected):
    assert set(titles(client.get(SEARCH, params))) == expected


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"regio": "atlantis"}, "Deze regio bestaat niet"),
        ({"vak": "sterrenkunde"}, "Dit vak bestaat niet"),
        ({"vak": "x" * 500}, "Dit vak bestaat niet"),
        ({"sector": "hbo"}, "Kies een van de mogelijkheden uit de lijst."),
        ({"functie": "<script>"}, "Kies een van de mogelijkheden uit de lijst."),
        ({"q": "x" * 101}, "Gebruik hoogstens 100 tekens."),
        ({"page": "drie"}, "3 vacatures gevonden"),
    ],
)
def test_invalid_search_values_get_a_message_and_are_ignored(client, aanbod, params, message):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    page = text(response)
    assert message in page
    assert "<script>" not in page
    # An invalid filter is ignored: every open vacancy is still listed.
    assert len(titles(response)) == 3


def test_search_words_with_only_operators_do_not_fail(client, aanbod):
    for q in ['"', "-", "or", "!!", "&|", "'", ":*"]:
        assert client.get(SEARCH, {"q": q}).status_code == 200


def test_concept_closed_filled_and_expired_vacancies_are_never_listed(client, aanbod, verborgen):
    listed = titles(client.get(SEARCH))
    assert not [t for t in listed if t.startswith("Wiskunde")]
    assert titles(client.get(SEARCH, {"q": "wiskunde"})) == ["Docent wiskunde onderbouw"]
    for vacature in verborgen:
        assert client.get(detail_url(vacature)).status_code == 404


def test_the_results_are_paginated_by_twenty(client, bestuur, enschede):
    VacatureFactory.create_batch(25, bestuur=bestuur, vestiging=enschede)
    first = client.get(SEARCH)
    assert len(titles(first)) == 20
    assert "Pagina 1 van 2" in text(first)
    second = client.get(SEARCH, {"page": 2})
    assert len(titles(second)) == 5
    assert 'rel="prev"' in text(second)


def test_an_htmx_request_gets_only_the_results(client, aanbod):
    response = client.get(SEARCH, {"q": "wiskunde"}, **HTMX)
    page = text(response)
    assert page.lstrip().startswith('<div id="resultaten"')
    assert "<html" not in page
    assert titles(response) == ["Docent wiskunde onderbouw"]
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_the_search_form_works_with_and_without_javascript(client, aanbod):
    page = text(client.get(SEARCH))
    assert '<form method="get" action="/vacatures/"' in page
    assert 'hx-get="/vacatures/"' in page
    assert 'hx-push-url="true"' in page
    assert 'hx-target="#resultaten"' in page
    assert '<option value="twente">Onderwijsregio Twente</option>' in page


def test_the_search_query_count_does_not_grow_with_the_vacancies(
    client, bestuur, enschede, django_assert_max_num_queries
):
    VacatureFactory.create_batch(3, bestuur=bestuur, vestiging=enschede)
    params = {"q": "wiskunde", "regio": "twente", "vak": "wiskunde"}
    with django_assert_max_num_queries(6):
        assert len(titles(client.get(SEARCH, params))) == 3
    VacatureFactory.create_batch(27, bestuur=bestuur, vestiging=enschede)
    with django_assert_max_num_queries(6):
        assert len(titles(client.get(SEARCH, params))) == 20


# One vacancy ---------------------------------------------------------------------------------


def job_posting(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', text(response), re.DOTALL
    )
    assert match, "no JSON-LD on the page"
    return json.loads(match[1])


def test_the_vacancy_page_shows_everything_a_candidate_needs(client, aanbod):
    bestuur = aanbod["wiskunde"].bestuur
    bestuur.website = "https://www.tweedekans.nl"
    bestuur.save()
    page = text(client.get(detail_url(aanbod["wiskunde"])))
    for expected in (
        "Docent wiskunde onderbouw",
        "Het Stedelijk College",
        "Lyceumlaan 1",
        "7522 GK",
        "Wiskunde",
        "Tweedegraads",
        "0,8 fte",
        "Wij zoeken een enthousiaste collega voor de onderbouw.",
        "Neem contact op met Stichting Tweede Kans.",
        'href="https://www.tweedekans.nl"',
    ):
        assert expected in page


def test_the_vacancy_page_carries_a_job_posting(client, aanbod):
    vacature = aanbod["wiskunde"]
    vacature.bestuur.website = "https://www.tweedekans.nl"
    vacature.bestuur.save()
    data = job_posting(client.get(detail_url(vacature)))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Docent wiskunde onderbouw"
    assert data["description"] == "Wij zoeken een enthousiaste collega voor de onderbouw."
    assert data["datePosted"] == timezone.localdate(vacature.gepubliceerd_op).isoformat()
    assert data["validThrough"].startswith(f"{vacature.sluitdatum.isoformat()}T23:59:59")
    assert datetime.datetime.fromisoformat(data["validThrough"]).tzinfo is not None
    assert data["employmentType"] == "PART_TIME"
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Stichting Tweede Kans",
        "sameAs": "https://www.tweedekans.nl",
    }
    assert data["jobLocation"]["@type"] == "Place"
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Lyceumlaan 1",
        "postalCode": "7522 GK",
        "addressLocality": "Enschede",
        "addressCountry": "NL",
    }
    assert data["jobStartDate"] == vacature.startdatum.isoformat()
    assert data["identifier"] == {
        "@type": "PropertyValue",
        "name": "Stichting Tweede Kans",
        "value": str(vacature.pk),
    }
    assert data["industry"] == "Onderwijs"
    assert data["occupationalCategory"] == "Leraar"


def test_a_full_time_vacancy_of_a_board_without_website(client, bestuur, enschede):
    vacature = VacatureFactory(bestuur=bestuur, vestiging=enschede, fte=Decimal("1.0"))
    data = job_posting(client.get(detail_url(vacature)))
    assert data["employmentType"] == "FULL_TIME"
    assert "sameAs" not in data["hiringOrganization"]


def test_a_script_tag_in_the_description_cannot_escape_the_json(client, bestuur, enschede):
    nasty = 'Leuk werk</script><script>alert("x")</script> & <!-- meer'
    vacature = VacatureFactory(bestuur=bestuur, vestiging=enschede, omschrijving=nasty)
    response = client.get(detail_url(vacature))
    page = text(response)
    assert "</script><script>alert" not in page
    assert '<script>alert("x")' not in page
    assert "\\u003C/script\\u003E" in page
    assert job_posting(response)["description"] == nasty
    # The page shows it as text.
    assert "Leuk werk&lt;/script&gt;" in page


def test_another_regions_board_vacancy_is_public_too(client, aanbod):
    assert client.get(detail_url(aanbod["engels"])).status_code == 200


def test_an_unknown_vacancy_is_404(client, db):
    assert client.get(reverse("regio:vacature", args=[999999])).status_code == 404


def test_the_region_page_links_to_its_vacancies(client, regio):
    page = client.get(reverse("regio_detail", args=[regio.slug])).content.decode()
    assert f"{reverse('regio:vacatures')}?regio={regio.slug}" in page
