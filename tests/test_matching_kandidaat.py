"""The candidate's side of matching: their ranked vacancies with reasons, asking for an
introduction, invitations from schools, the neighbouring regions, and the matching profile."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kandidaten.models import Fase, Introductie, IntroductieStatus, Kandidaat, Toelating
from kandidaten.services.matching import introductie_invite
from regio.models import Functie, Role, Sector

from .factories import OrganisatieFactory, RegioFactory, UserFactory
from .factories_matching import profiel_van, vacature_in
from .factories_vacatures import vak

HTMX = {"HTTP_HX_REQUEST": "true"}
VACATURES = reverse("kandidaten:mijn_vacatures")
PROFIEL = reverse("kandidaten:mijn_profiel")


def text(response) -> str:
    return response.content.decode()


def vraag_url(vacature) -> str:
    return reverse("kandidaten:mijn_vacature_introductie", args=[vacature.pk])


@pytest.fixture
def kim(traject):
    return profiel_van(traject)


@pytest.fixture
def buurregio(regio):
    buur = RegioFactory(naam="Onderwijsregio Achterhoek", slug="achterhoek")
    regio.buurregios.add(buur)
    return buur


@pytest.fixture
def buurbestuur(buurregio):
    return OrganisatieFactory(bestuur=True, regio=buurregio, naam="Stichting Buren")


def test_without_consent_the_candidate_gets_an_explanation_and_no_list(
    client, kandidaat, traject, bestuur
):
    profiel_van(traject, deel_met_regio=False)
    vacature = vacature_in(bestuur)
    client.force_login(kandidaat)

    page = text(client.get(VACATURES))

    assert "Eerst je toestemming" in page
    assert reverse("kandidaat_dashboard") + "#toestemming" in page
    assert vacature.titel not in page


def test_the_candidate_sees_ranked_vacancies_with_reasons(client, kandidaat, kim, bestuur):
    goed = vacature_in(bestuur, titel="Leraar wiskunde bovenbouw")
    minder = vacature_in(bestuur, titel="Leraar Duits", vak=vak("Duits"))
    client.force_login(kandidaat)

    page = text(client.get(VACATURES))

    assert page.index(goed.titel) < page.index(minder.titel)
    assert "Past voor 100%" in page
    assert "Vak past: wiskunde" in page
    assert "Vak past niet: gevraagd is duits" in page
    assert "Toelaatbaar tot een opleiding" in page


def test_the_candidate_reads_their_own_admissibility_more_precisely(
    client, kandidaat, traject, bestuur
):
    profiel_van(traject, toelating=Toelating.DEFICIENTIES)
    vacature_in(bestuur)
    client.force_login(kandidaat)

    assert "Nog niet direct toelaatbaar tot een opleiding" in text(client.get(VACATURES))


def test_asking_for_an_introduction_accepts_it_and_moves_the_journey_to_matching(
    client, kandidaat, kim, bestuur, hr
):
    vacature = vacature_in(bestuur)
    client.force_login(kandidaat)

    response = client.post(vraag_url(vacature), follow=True)

    page = text(response)
    assert "Je hebt een introductie gevraagd bij Stichting Tweede Kans." in page
    assert "Introductie gevraagd" in page
    introductie = Introductie.objects.get()
    assert (introductie.status, introductie.vacature) == (IntroductieStatus.GEACCEPTEERD, vacature)
    kim.refresh_from_db()
    assert kim.fase == Fase.MATCHING
    client.force_login(hr)
    assert "Kim Kandidaat" in text(client.get(reverse("kandidaten:hr_matches", args=[vacature.pk])))


def test_asking_with_htmx_replaces_only_the_button(client, kandidaat, kim, bestuur):
    vacature = vacature_in(bestuur)
    client.force_login(kandidaat)

    response = client.post(vraag_url(vacature), **HTMX)

    page = text(response)
    assert page.lstrip().startswith('<div class="vacature-actie"')
    assert "Introductie gevraagd" in page


def test_asking_twice_gets_a_dutch_message_and_one_introduction(client, kandidaat, kim, bestuur):
    vacature = vacature_in(bestuur)
    client.force_login(kandidaat)
    client.post(vraag_url(vacature))

    response = client.post(vraag_url(vacature))

    assert response.status_code == 422
    assert "Deze kandidaat is al voor deze vacature voorgesteld." in text(response)
    assert Introductie.objects.count() == 1


def test_asking_without_consent_is_refused(client, kandidaat, traject, bestuur):
    profiel_van(traject, deel_met_regio=False)
    vacature = vacature_in(bestuur)
    client.force_login(kandidaat)

    response = client.post(vraag_url(vacature))

    assert response.status_code == 422
    assert "Geef eerst toestemming" in text(response)
    assert not Introductie.objects.exists()


def test_a_closed_vacancy_cannot_be_asked_for(client, kandidaat, kim, bestuur):
    vacature = vacature_in(bestuur, gesloten=True)
    client.force_login(kandidaat)

    assert client.post(vraag_url(vacature)).status_code == 404
    assert not Introductie.objects.exists()


def test_invitations_from_hr_are_shown_with_accept_and_decline(client, kandidaat, kim, bestuur, hr):
    vacature = vacature_in(bestuur, titel="Leraar wiskunde onderbouw")
    introductie = introductie_invite(vacature=vacature, kandidaat=kim, door=hr)
    client.force_login(kandidaat)

    page = text(client.get(VACATURES))

    assert "Uitnodigingen van scholen" in page
    antwoord = reverse("kandidaten:introductie_antwoord", args=[kim.pk, introductie.pk])
    assert antwoord in page
    client.post(antwoord, {"antwoord": "accepteren"})
    introductie.refresh_from_db()
    assert introductie.status == IntroductieStatus.GEACCEPTEERD
    assert "Uitnodigingen van scholen" not in text(client.get(VACATURES))


def test_the_vacancies_page_takes_the_same_queries_for_3_or_30_vacancies(
    client, kandidaat, kim, bestuur, buurbestuur, hr
):
    Kandidaat.objects.filter(pk=kim.pk).update(deel_met_buurregios=True, sectoren=",po,")
    client.force_login(kandidaat)

    def queries():
        with CaptureQueriesContext(connection) as context:
            response = client.get(VACATURES)
        assert response.status_code == 200
        return len(context.captured_queries)

    for _ in range(3):
        vacature_in(bestuur)
        vacature_in(buurbestuur)
    introductie_invite(vacature=vacature_in(bestuur), kandidaat=kim, door=hr)
    drie = queries()
    for _ in range(27):
        vacature_in(bestuur)
        vacature_in(buurbestuur)

    assert queries() == drie


# --- Across regions ---------------------------------------------------------------------------


def test_a_neighbouring_regions_vacancy_is_suggested_when_nothing_fits_at_home(
    client, kandidaat, traject, bestuur, buurbestuur
):
    profiel_van(traject, deel_met_buurregios=True)
    vacature_in(bestuur, titel="Conciërge", sector=Sector.MBO, functie=Functie.OVERIG, vak=None)
    buur = vacature_in(buurbestuur, titel="Leraar wiskunde in de buurt", postcode="7551")
    client.force_login(kandidaat)

    page = text(client.get(VACATURES))

    assert "In de buurregio's" in page
    assert buur.titel in page
    assert "Onderwijsregio Achterhoek" in page


def test_without_consent_for_neighbours_their_vacancy_is_not_suggested(
    client, kandidaat, traject, bestuur, buurbestuur
):
    profiel_van(traject, deel_met_buurregios=False)
    buur = vacature_in(buurbestuur, titel="Leraar wiskunde in de buurt", postcode="7551")
    client.force_login(kandidaat)

    page = text(client.get(VACATURES))

    assert buur.titel not in page
    assert "Deel je profiel ook met de buurregio" in page
    client.post(vraag_url(buur))
    assert not Introductie.objects.exists()


def test_a_good_vacancy_at_home_means_no_neighbouring_suggestions(
    client, kandidaat, traject, bestuur, buurbestuur
):
    profiel_van(traject, deel_met_buurregios=True)
    vacature_in(bestuur)
    buur = vacature_in(buurbestuur, titel="Leraar wiskunde in de buurt", postcode="7551")
    client.force_login(kandidaat)

    assert buur.titel not in text(client.get(VACATURES))


def test_after_asking_for_a_neighbouring_vacancy_advisers_of_both_regions_see_the_journey(
    client, kandidaat, traject, bestuur, buurbestuur, buurregio, adviseur
):
    profiel_van(traject, deel_met_buurregios=True)
    buur = vacature_in(buurbestuur, postcode="7551")
    adviseur_buur = UserFactory(role=Role.LOKETADVISEUR, regio=buurregio)
    adviseur_derde = UserFactory(role=Role.LOKETADVISEUR, regio=RegioFactory())
    traject_url = reverse("kandidaten:traject", args=[traject.pk])
    client.force_login(adviseur_buur)
    assert client.get(traject_url).status_code == 404

    client.force_login(kandidaat)
    client.post(vraag_url(buur))

    assert Introductie.objects.get().bestuur == buurbestuur
    for wie, status in ((adviseur, 200), (adviseur_buur, 200), (adviseur_derde, 404)):
        client.force_login(wie)
        assert client.get(traject_url).status_code == status


def test_hr_of_the_neighbouring_board_sees_the_candidate_only_with_that_consent(
    client, traject, buurbestuur
):
    hr_buur = UserFactory(role=Role.HR, organisatie=buurbestuur)
    vacature = vacature_in(buurbestuur, postcode="7551")
    url = reverse("kandidaten:hr_matches", args=[vacature.pk])
    client.force_login(hr_buur)

    profiel_van(traject, deel_met_buurregios=False)
    assert "0 passende kandidaten" in text(client.get(url))

    profiel_van(traject, deel_met_buurregios=True)
    assert "1 passende kandidaat" in text(client.get(url))


# --- The matching profile ---------------------------------------------------------------------


def profiel_data(**velden):
    data = {
        "vooropleiding": "wo_master",
        "vakgebied": "Werktuigbouwkunde",
        "vakken": [vak("Wiskunde").pk, vak("Natuurkunde").pk],
        "sectoren": ["vo", "mbo"],
        "functies": ["leraar"],
        "postcode": "7511ab",
        "woonplaats": "Enschede",
        "max_afstand_km": "30",
        "fte_gewenst": "0,8",
        "beschikbaar_vanaf": "2027-02-01",
    }
    data.update(velden)
    return data


def test_the_candidate_saves_their_profile_and_a_comma_fte_is_understood(
    client, kandidaat, traject
):
    client.force_login(kandidaat)

    response = client.post(PROFIEL, profiel_data(), follow=True)

    assert "Je profiel is opgeslagen." in text(response)
    traject.refresh_from_db()
    assert traject.fte_gewenst == Decimal("0.8")
    assert traject.sectoren == ["mbo", "vo"]
    assert traject.functies == ["leraar"]
    assert traject.postcode == "7511 AB"
    assert traject.lat == pytest.approx(52.22, abs=0.01)
    assert traject.max_afstand_km == 30
    assert {v.naam for v in traject.vakken.all()} == {"Wiskunde", "Natuurkunde"}
    assert 'value="0,8"' in text(response)


def test_an_unknown_postcode_gets_a_dutch_message_and_saves_nothing(client, kandidaat, traject):
    client.force_login(kandidaat)

    response = client.post(PROFIEL, profiel_data(postcode="0000 XX", fte_gewenst="0,6"))

    assert response.status_code == 422
    assert "We kennen deze postcode niet; vul een Nederlandse postcode in, bijv. 7511 AB." in text(
        response
    )
    traject.refresh_from_db()
    assert (traject.postcode, traject.fte_gewenst, traject.lat) == ("", None, None)
    assert not traject.vakken.exists()


def test_an_unknown_place_without_postcode_gets_a_dutch_message(client, kandidaat, traject):
    client.force_login(kandidaat)

    response = client.post(PROFIEL, profiel_data(postcode="", woonplaats="Nergenshuizen"))

    assert response.status_code == 422
    assert "We kennen deze woonplaats niet" in text(response)
    traject.refresh_from_db()
    assert traject.woonplaats == ""


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("fte_gewenst", "twee dagen", "Vul het aantal fte in als getal, bijv. 0,8."),
        ("fte_gewenst", "1,5", "Vul een omvang in tussen 0,1 en 1,2 fte"),
        ("max_afstand_km", "500", "We zoeken hoogstens 150 km ver."),
        ("beschikbaar_vanaf", "volgende week", "Vul een datum in als 01-08-2027."),
    ],
)
def test_bad_profile_input_gets_a_dutch_message(client, kandidaat, traject, veld, waarde, melding):
    client.force_login(kandidaat)

    response = client.post(PROFIEL, profiel_data(**{veld: waarde}))

    assert response.status_code == 422
    assert melding in text(response)
    traject.refresh_from_db()
    assert traject.vakgebied == ""


def test_saving_the_profile_leaves_the_stage_and_consent_alone(client, kandidaat, traject):
    client.force_login(kandidaat)
    client.get(PROFIEL)
    # Someone else moves the candidate between showing and saving the form.
    Kandidaat.objects.filter(pk=traject.pk).update(fase=Fase.MATCHING, deel_met_regio=True)

    client.post(PROFIEL, profiel_data())

    traject.refresh_from_db()
    assert (traject.fase, traject.deel_met_regio) == (Fase.MATCHING, True)


@pytest.mark.parametrize("persona", ["hr", "adviseur"], indirect=True)
def test_staff_do_not_get_the_candidates_pages(client, persona):
    client.force_login(persona)
    assert client.get(VACATURES).status_code == 404
    assert client.get(PROFIEL).status_code == 404


def test_an_account_without_a_journey_gets_a_friendly_page(client, kandidaat):
    client.force_login(kandidaat)

    assert "zodra je traject bij het loket is begonnen" in text(client.get(VACATURES))
    assert "zodra je traject bij het loket is begonnen" in text(client.get(PROFIEL))
