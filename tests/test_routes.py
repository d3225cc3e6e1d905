"""The route catalogue and the route finder pages, with and without htmx."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from loket.models import Route
from regio.models import Opleidingssoort, OrganisatieSoort

from .factories import KandidaatFactory, OrganisatieFactory

CONTENT = importlib.import_module("loket.migrations.0004_kennisbank_inhoud")
HTMX = {"HTTP_HX_REQUEST": "true"}

ALLES_VO_MASTER = {
    "niveau": "wo_master",
    "sector": "vo",
    "vak": "Duits",
    "vakverwant": "ja",
    "werkt_in_onderwijs": "nee",
    "naast_baan": "ja",
}


@pytest.fixture
def inhoud(db):
    """The desk's routes and articles (a transactional test elsewhere may have flushed them)."""
    CONTENT.inhoud_laden(apps)


def test_the_content_migration_can_be_undone_and_redone(inhoud):
    CONTENT.inhoud_verwijderen(apps)
    assert not Route.objects.exists()
    CONTENT.inhoud_laden(apps)
    CONTENT.inhoud_laden(apps)  # idempotent: found by slug
    assert Route.objects.count() == len(CONTENT.ROUTES)


def test_the_content_migration_leaves_an_edited_route_alone(inhoud):
    Route.objects.filter(slug="deeltijd-pabo").update(duur="Anders")
    CONTENT.inhoud_laden(apps)
    assert Route.objects.get(slug="deeltijd-pabo").duur == "Anders"


# --- the catalogue ------------------------------------------------------------------------------


def test_the_routes_page_lists_every_published_route_and_links_the_route_finder(client, inhoud):
    Route.objects.filter(slug="schoolleider").update(gepubliceerd=False)
    response = client.get(reverse("routes"))
    html = response.content.decode()
    assert "Zij-instroom in het basisonderwijs" in html
    assert "Associate degree leraarondersteuner" in html
    assert "Schoolleidersopleiding" not in html
    assert reverse("routewijzer") in html
    assert "Start de routewijzer" in html


def test_the_routes_page_costs_the_same_queries_however_many_routes(
    client, inhoud, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        client.get(reverse("routes"))
    for n in range(30):
        Route.objects.create(
            naam=f"Extra route {n}",
            slug=f"extra-{n}",
            soort="zij_instroom",
            samenvatting="s",
            voor_wie="v",
            duur="d",
            studielast="s",
            kosten="k",
        )
    with django_assert_max_num_queries(3):
        response = client.get(reverse("routes"))
    assert "Extra route 29" in response.content.decode()


def test_a_route_page_shows_who_it_suits_duration_study_load_and_costs(client, inhoud):
    response = client.get(reverse("route_detail", args=["zij-instroom-vo-mbo"]))
    html = response.content.decode()
    assert "Zij-instroom in het voortgezet onderwijs en het mbo" in html
    assert "geschiktheidsonderzoek" in html
    assert "Hoogstens twee jaar" in html
    assert "subsidie zij-instroom" in html
    assert f"{reverse('advies_boeken')}?route=zij-instroom-vo-mbo" in html
    assert "Kies je regio om te zien welke opleidingen" in html


def test_an_unpublished_route_is_not_found(client, inhoud):
    Route.objects.filter(slug="deeltijd-pabo").update(gepubliceerd=False)
    assert client.get(reverse("route_detail", args=["deeltijd-pabo"])).status_code == 404


@pytest.fixture
def instituten(regio, andere_regio):
    return {
        "pabo": OrganisatieFactory(
            opleiding=True, regio=regio, naam="Pabo Enschede", opleidingssoort=Opleidingssoort.PABO
        ),
        "tweedegraads": OrganisatieFactory(
            opleiding=True,
            regio=regio,
            naam="Lerarenopleiding Saxion",
            opleidingssoort=Opleidingssoort.TWEEDEGRAADS,
        ),
        "roc": OrganisatieFactory(regio=regio, soort=OrganisatieSoort.ROC, naam="ROC van Twente"),
        "elders": OrganisatieFactory(
            opleiding=True,
            regio=andere_regio,
            naam="Pabo Rotterdam",
            opleidingssoort=Opleidingssoort.PABO,
        ),
    }


def test_the_chosen_region_shows_the_institutes_that_offer_the_route(client, inhoud, instituten):
    response = client.get(reverse("route_detail", args=["deeltijd-pabo"]), {"regio": "twente"})
    html = response.content.decode()
    assert "Opleidingen in Onderwijsregio Twente die deze route aanbieden" in html
    assert "Pabo Enschede" in html
    assert "Lerarenopleiding Saxion" not in html  # not a pabo
    assert "Pabo Rotterdam" not in html  # another region


def test_the_teaching_assistant_route_is_offered_by_the_regions_rocs(client, inhoud, instituten):
    response = client.get(reverse("route_detail", args=["onderwijsassistent"]), {"regio": "twente"})
    html = response.content.decode()
    assert "ROC van Twente" in html
    assert "Pabo Enschede" not in html


def test_a_region_without_an_institute_for_the_route_says_so(client, inhoud, instituten):
    response = client.get(reverse("route_detail", args=["schoolleider"]), {"regio": "twente"})
    assert "staat nog geen opleiding voor deze route" in response.content.decode()


def test_a_logged_in_candidate_sees_their_own_region_by_default(
    client, inhoud, instituten, kandidaat, regio
):
    KandidaatFactory(user=kandidaat, regio=regio)
    client.force_login(kandidaat)
    html = client.get(reverse("route_detail", args=["deeltijd-pabo"])).content.decode()
    assert "Pabo Enschede" in html
    assert '<option value="twente" selected>' in html


def test_an_unknown_region_gets_a_dutch_message_not_an_error(client, inhoud):
    response = client.get(reverse("route_detail", args=["deeltijd-pabo"]), {"regio": "atlantis"})
    assert response.status_code == 200
    assert "Die regio kennen we niet; kies er een uit de lijst." in response.content.decode()


def test_changing_the_region_with_htmx_returns_only_the_institutes(client, inhoud, instituten):
    response = client.get(
        reverse("route_detail", args=["deeltijd-pabo"]), {"regio": "twente"}, **HTMX
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="aanbieders"')
    assert "Pabo Enschede" in html
    assert "<h1>" not in html


def test_the_route_page_query_count_does_not_grow_with_the_institutes(
    client, inhoud, regio, django_assert_max_num_queries
):
    url = reverse("route_detail", args=["deeltijd-pabo"])
    OrganisatieFactory.create_batch(3, opleiding=True, regio=regio)
    with django_assert_max_num_queries(5):
        client.get(url, {"regio": "twente"})
    OrganisatieFactory.create_batch(30, opleiding=True, regio=regio)
    with django_assert_max_num_queries(5):
        response = client.get(url, {"regio": "twente"})
    assert response.content.decode().count("Pabo Test") == 33


# --- the route finder without JavaScript --------------------------------------------------------


def test_the_route_finder_asks_every_question_on_one_page(client, inhoud):
    html = client.get(reverse("routewijzer")).content.decode()
    for vraag in (
        "Wat is je hoogste afgeronde opleiding?",
        "In welke sector wil je werken?",
        "Welk vak wil je geven?",
        "Past de richting van je opleiding bij dat vak?",
        "Werk je al in het onderwijs?",
        "Wil je de opleiding combineren met een baan?",
    ):
        assert vraag in html
    # With htmx loaded the page turns into steps, starting at the first.
    assert 'hx-get="/routewijzer/?stap=1"' in html


def test_the_answers_show_the_routes_that_fit_with_reasons_and_an_advice_button(client, inhoud):
    response = client.get(reverse("routewijzer"), ALLES_VO_MASTER)
    html = response.content.decode()
    assert "6 routes passen bij je antwoorden." in html
    assert "Universitaire lerarenopleiding of educatieve master" in html
    assert "Deeltijd pabo" not in html
    assert "Je vooropleiding past bij Duits; dat is voor deze route nodig." in html
    assert f"{reverse('advies_boeken')}?route=universitaire-lerarenopleiding" in html
    assert 'hx-trigger="load"' not in html


def test_a_missing_answer_gets_a_dutch_message(client, inhoud):
    answers = {**ALLES_VO_MASTER}
    del answers["niveau"]
    html = client.get(reverse("routewijzer"), answers).content.decode()
    assert "Kies een antwoord." in html
    assert "Routes die bij je passen" not in html


def test_a_made_up_answer_gets_a_dutch_message(client, inhoud):
    html = client.get(
        reverse("routewijzer"), {**ALLES_VO_MASTER, "niveau": "<script>"}
    ).content.decode()
    assert "Kies een van de antwoorden." in html
    assert "<script>" not in html


def test_when_no_route_fits_the_page_points_to_an_advice_conversation(client, inhoud):
    Route.objects.exclude(slug="schoolleider").update(gepubliceerd=False)
    html = client.get(reverse("routewijzer"), ALLES_VO_MASTER).content.decode()
    assert "Geen van onze routes past bij al je antwoorden." in html
    assert "Sommige routes zijn alleen voor wie al in het onderwijs werkt." in html
    assert "Gratis adviesgesprek boeken" in html
    assert f'href="{reverse("advies_boeken")}"' in html


def test_the_route_finder_result_costs_the_same_queries_however_many_routes(
    client, inhoud, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        client.get(reverse("routewijzer"), ALLES_VO_MASTER)
    for n in range(30):
        Route.objects.create(
            naam=f"Extra {n}",
            slug=f"extra-{n}",
            soort="universitair",
            samenvatting="s",
            voor_wie="v",
            niveaus=["wo_master"],
            sectoren=["vo"],
            duur="d",
            studielast="s",
            kosten="k",
        )
    with django_assert_max_num_queries(3):
        response = client.get(reverse("routewijzer"), ALLES_VO_MASTER)
    assert "36 routes passen bij je antwoorden." in response.content.decode()


# --- step by step with htmx ---------------------------------------------------------------------


def stap(client, stap, **answers):
    return client.get(reverse("routewijzer"), {**answers, "stap": stap}, **HTMX).content.decode()


def test_with_htmx_the_first_step_asks_only_the_first_question(client, inhoud):
    html = stap(client, 1)
    assert "Vraag 1 van 6" in html
    assert "Wat is je hoogste afgeronde opleiding?" in html
    assert "In welke sector wil je werken?" not in html
    assert 'name="stap" value="2"' in html
    assert "Vorige vraag" not in html


def test_each_step_carries_the_earlier_answers_along(client, inhoud):
    html = stap(client, 3, niveau="hbo", sector="po")
    assert "Vraag 3 van 6" in html
    assert "Welk vak wil je geven?" in html
    assert '<input type="hidden" name="niveau" value="hbo">' in html
    assert '<input type="hidden" name="sector" value="po">' in html
    assert "Vorige vraag" in html


def test_a_step_without_an_answer_is_asked_again_with_a_message(client, inhoud):
    html = stap(client, 3, niveau="hbo")
    assert "Vraag 2 van 6" in html
    assert "Kies een antwoord." in html


def test_going_back_keeps_the_earlier_answer_selected(client, inhoud):
    html = stap(client, 1, niveau="hbo", sector="po")
    assert 'value="hbo" required id="id_niveau_2" checked>' in html
    assert html.count("checked") == 1


def test_after_the_last_step_htmx_gets_the_result(client, inhoud):
    html = stap(client, 7, **ALLES_VO_MASTER)
    assert html.lstrip().startswith('<div id="routewijzer">')
    assert "6 routes passen bij je antwoorden." in html
    assert "<h1>" not in html


def test_reloading_a_step_url_shows_the_whole_form_filled_in_so_far(client, inhoud):
    response = client.get(reverse("routewijzer"), {"niveau": "hbo", "stap": 2})
    html = response.content.decode()
    assert "Wil je de opleiding combineren met een baan?" in html
    assert "Kies een antwoord." not in html
    assert 'hx-get="/routewijzer/?niveau=hbo&amp;stap=2"' in html


# --- links from elsewhere -----------------------------------------------------------------------


def test_the_home_page_and_the_menu_lead_to_the_desk(client, inhoud):
    html = client.get(reverse("home")).content.decode()
    assert "Vind je route met de routewijzer" in html
    menu = html.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    for naam, url in (
        ("Routes", "routes"),
        ("Kennisbank", "kennisbank"),
        ("Bijeenkomsten", "evenementen"),
    ):
        assert f'<a href="{reverse(url)}">{naam}</a>' in menu
