"""The knowledge base: Dutch full-text search, the list by topic, one article."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from loket import kennisbank
from loket.models import FaqArtikel

CONTENT = importlib.import_module("loket.migrations.0004_kennisbank_inhoud")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def inhoud(db):
    CONTENT.inhoud_laden(apps)


@pytest.fixture
def leeg(db):
    """No articles but the test's own (the content migration put the desk's in)."""
    FaqArtikel.objects.all().delete()


def vragen(artikelen):
    return [artikel.vraag for artikel in artikelen]


# --- content ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zoekterm", "vraag"),
    [
        # The desk's questions in seed 002, as a visitor might type them.
        ("bevoegdheden", "Welke bevoegdheden zijn er?"),
        ("bevoegdheid verplicht", "Is een bevoegdheid verplicht als je wilt lesgeven?"),
        ("vereist", "Is een bevoegdheid verplicht als je wilt lesgeven?"),
        ("zij-instroom", "Wat is zij-instroom?"),
        ("lerarenopleiding volgen", "Waar kan ik een lerarenopleiding volgen?"),
        (
            "hbo wo",
            "Wat is het verschil tussen een lerarenopleiding aan een hogeschool (hbo) en"
            " aan een universiteit (wo)?",
        ),
        ("naast mijn baan", "Kan ik de opleiding volgen naast mijn huidige baan?"),
        ("betalen", "Moet ik de opleiding helemaal zelf betalen?"),
        ("financieren", "Moet ik de opleiding helemaal zelf betalen?"),
    ],
)
def test_the_knowledge_base_answers_the_desks_most_asked_questions(inhoud, zoekterm, vraag):
    assert vraag in vragen(kennisbank.zoek(zoekterm)[:3])


def test_there_are_at_least_twelve_articles_on_every_topic(inhoud):
    assert FaqArtikel.objects.count() >= 12
    assert set(FaqArtikel.objects.values_list("onderwerp", flat=True)) == set(
        FaqArtikel.Onderwerp.values
    )


# --- search -------------------------------------------------------------------------------------


@pytest.mark.parametrize("zoekterm", ["zij-instromen", "zij-instroom", "Zij-instroom?", "instroom"])
def test_dutch_stemming_finds_zij_instroom_and_ranks_the_question_first(inhoud, zoekterm):
    resultaten = vragen(kennisbank.zoek(zoekterm))
    assert resultaten[0] == "Wat is zij-instroom?"
    # Other articles mention zij-instroom only in their answer: found, but ranked lower.
    assert "Moet ik de opleiding helemaal zelf betalen?" in resultaten


def test_a_question_match_outranks_an_answer_that_repeats_the_word(leeg):
    FaqArtikel.objects.create(
        vraag="Hoe lang duurt het?",
        slug="a",
        onderwerp="studeren",
        antwoord="Zij-instromers, zij-instroom, zij-instroom en nog eens zij-instroom.",
    )
    FaqArtikel.objects.create(
        vraag="Wat is zij-instroom?", slug="b", onderwerp="routes", antwoord="Een route."
    )
    assert vragen(kennisbank.zoek("zij-instromen")) == [
        "Wat is zij-instroom?",
        "Hoe lang duurt het?",
    ]


def test_unpublished_articles_are_never_found(inhoud):
    FaqArtikel.objects.filter(slug="wat-is-zij-instroom").update(gepubliceerd=False)
    assert "Wat is zij-instroom?" not in vragen(kennisbank.zoek("zij-instroom"))


@pytest.mark.parametrize("zoekterm", ["", "   ", "de het een", '"', "-", "!!! &&& |"])
def test_empty_stopword_or_odd_searches_find_nothing_without_error(inhoud, zoekterm):
    assert list(kennisbank.zoek(zoekterm)) == []


def test_the_plain_fallback_used_on_sqlite_finds_words_and_puts_question_matches_first(leeg):
    FaqArtikel.objects.create(
        vraag="Wie betaalt?", slug="a", onderwerp="kosten", antwoord="De subsidie zij-instroom."
    )
    FaqArtikel.objects.create(
        vraag="Wat is zij-instroom?", slug="b", onderwerp="routes", antwoord="Een route."
    )
    FaqArtikel.objects.create(vraag="Iets anders", slug="c", onderwerp="werken", antwoord="Nee.")
    assert vragen(kennisbank.zoek("ZIJ-INSTROOM", vendor="sqlite")) == [
        "Wat is zij-instroom?",
        "Wie betaalt?",
    ]
    assert vragen(kennisbank.zoek("subsidie zij-instroom", vendor="sqlite")) == ["Wie betaalt?"]


# --- answers as paragraphs and lists ------------------------------------------------------------


def test_an_answer_becomes_paragraphs_and_lists():
    tekst = "Eerste alinea\nloopt door.\n\nZo gaat het:\n- een\n- twee\n\nSlot."
    assert kennisbank.blokken(tekst) == [
        kennisbank.Blok(False, ["Eerste alinea loopt door."]),
        kennisbank.Blok(False, ["Zo gaat het:"]),
        kennisbank.Blok(True, ["een", "twee"]),
        kennisbank.Blok(False, ["Slot."]),
    ]


# --- pages --------------------------------------------------------------------------------------


def test_the_list_groups_the_questions_by_topic(client, inhoud):
    html = client.get(reverse("kennisbank")).content.decode()
    assert html.index('<h2 id="onderwerp-bevoegdheid">Bevoegdheid</h2>') < html.index(
        '<h2 id="onderwerp-kosten">Kosten en financiering</h2>'
    )
    assert "Wat is zij-instroom?" in html
    assert reverse("kennisbank_artikel", args=["wat-is-zij-instroom"]) in html


def test_searching_shows_the_best_answer_first(client, inhoud):
    html = client.get(reverse("kennisbank"), {"q": "zij-instromen"}).content.decode()
    assert "Zoekresultaten voor ‘zij-instromen’" in html
    resultaten = html.split('id="resultaten"')[1]
    assert resultaten.index("Wat is zij-instroom?") < resultaten.index("Wat is de lerarenbeurs?")


def test_htmx_gets_only_the_results(client, inhoud):
    response = client.get(reverse("kennisbank"), {"q": "lerarenbeurs"}, **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="resultaten"')
    assert "Wat is de lerarenbeurs?" in html
    assert "<h1>" not in html


def test_a_search_without_results_suggests_advice(client, inhoud):
    html = client.get(reverse("kennisbank"), {"q": "paardrijden"}).content.decode()
    assert "0 antwoorden gevonden" in html
    assert "Geen antwoorden gevonden" in html
    assert reverse("advies_boeken") in html


def test_a_search_with_markup_is_shown_escaped(client, inhoud):
    html = client.get(reverse("kennisbank"), {"q": "<b>zij</b>"}).content.decode()
    assert "<b>zij</b>" not in html
    assert "&lt;b&gt;zij&lt;/b&gt;" in html


def test_a_too_long_search_gets_a_dutch_message(client, inhoud):
    response = client.get(reverse("kennisbank"), {"q": "x" * 101})
    assert response.status_code == 200
    assert "Gebruik hoogstens 100 tekens." in response.content.decode()


def make_articles(n, start=0):
    FaqArtikel.objects.bulk_create(
        [
            FaqArtikel(
                vraag=f"Vraag over zij-instroom {i}",
                slug=f"extra-{i}",
                onderwerp=FaqArtikel.Onderwerp.values[i % 5],
                antwoord="Antwoord over zij-instroom.",
            )
            for i in range(start, start + n)
        ]
    )


@pytest.mark.parametrize("params", [{}, {"q": "zij-instroom"}], ids=["list", "search"])
def test_the_list_and_search_cost_the_same_queries_however_many_articles(
    client, leeg, params, django_assert_max_num_queries
):
    make_articles(3)
    with django_assert_max_num_queries(2):
        client.get(reverse("kennisbank"), params)
    make_articles(30, start=3)
    with django_assert_max_num_queries(2):
        response = client.get(reverse("kennisbank"), params)
    # Search shows the best 25; the list shows every article.
    shown = 25 if params else 33
    assert response.content.decode().count("Vraag over zij-instroom") == shown


def test_an_article_shows_its_answer_with_lists_and_related_questions(client, inhoud):
    html = client.get(reverse("kennisbank_artikel", args=["wat-is-zij-instroom"])).content.decode()
    assert '<h1 id="vraag">Wat is zij-instroom?</h1>' in html
    assert "<li>Je begint met een geschiktheidsonderzoek." in html
    assert "Waar kan ik een lerarenopleiding volgen?" in html  # same topic
    assert reverse("advies_boeken") in html


def test_an_answer_with_markup_is_escaped(client, leeg):
    FaqArtikel.objects.create(
        vraag="Test", slug="test", onderwerp="werken", antwoord="- <script>x</script>"
    )
    html = client.get(reverse("kennisbank_artikel", args=["test"])).content.decode()
    assert "<script>x</script>" not in html
    assert "<li>&lt;script&gt;x&lt;/script&gt;</li>" in html


def test_an_unpublished_article_is_not_found(client, inhoud):
    FaqArtikel.objects.filter(slug="lerarenbeurs").update(gepubliceerd=False)
    assert client.get(reverse("kennisbank_artikel", args=["lerarenbeurs"])).status_code == 404
