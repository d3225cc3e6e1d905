"""Introductions to school boards: the adviser proposes, the candidate decides, and only after
the candidate accepts does the board's HR see them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kandidaten.models import EventSoort, Introductie, IntroductieStatus
from kandidaten.services import introductie_answer, introductie_propose
from loket.views.core import RECENTE_INTRODUCTIES

from .factories import KandidaatFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def text(response) -> str:
    return response.content.decode()


def traject_url(kandidaat) -> str:
    return reverse("kandidaten:traject", args=[kandidaat.pk])


def propose_url(kandidaat) -> str:
    return reverse("kandidaten:traject_introductie", args=[kandidaat.pk])


def answer_url(introductie) -> str:
    return reverse(
        "kandidaten:introductie_antwoord", args=[introductie.kandidaat_id, introductie.pk]
    )


@pytest.fixture
def voorstel(traject, bestuur, adviseur):
    return introductie_propose(kandidaat=traject, bestuur=bestuur, door=adviseur)


def test_an_adviser_proposes_an_introduction_which_the_board_cannot_see_yet(
    client, traject, bestuur, adviseur, hr
):
    client.force_login(adviseur)
    response = client.post(propose_url(traject), {"bestuur": bestuur.pk}, follow=True)

    assert "Kim Kandidaat is voorgesteld aan Stichting Tweede Kans." in text(response)
    introductie = Introductie.objects.get()
    assert (introductie.kandidaat, introductie.bestuur, introductie.status) == (
        traject,
        bestuur,
        IntroductieStatus.VOORGESTELD,
    )
    event = traject.events.last()
    assert (event.soort, event.door, event.organisatie, event.toelichting) == (
        EventSoort.INTRODUCTIE,
        adviseur,
        bestuur,
        "",
    )
    assert "Voorgesteld aan Stichting Tweede Kans" in text(response)

    client.force_login(hr)
    assert client.get(traject_url(traject)).status_code == 404
    assert "Kim Kandidaat" not in text(client.get(reverse("hr_dashboard")))


def test_a_board_gets_one_introduction_per_candidate(client, voorstel, bestuur, adviseur):
    client.force_login(adviseur)
    response = client.post(propose_url(voorstel.kandidaat), {"bestuur": bestuur.pk})
    assert response.status_code == 422
    assert "Deze kandidaat is al aan dit bestuur voorgesteld." in text(response)
    assert Introductie.objects.count() == 1
    assert voorstel.kandidaat.events.count() == 2


@pytest.mark.parametrize("welke", ["ander_bestuur", "opleiding", "onzin", "leeg"])
def test_only_a_board_of_the_candidates_region_can_be_proposed(
    client, traject, adviseur, ander_bestuur, opleiding, welke
):
    waarde = {
        "ander_bestuur": ander_bestuur.pk,
        "opleiding": opleiding.pk,
        "onzin": "<b>1</b>",
        "leeg": "",
    }[welke]
    client.force_login(adviseur)
    response = client.post(propose_url(traject), {"bestuur": waarde})
    assert response.status_code == 422
    message = (
        "Kies een schoolbestuur." if welke == "leeg" else "Kies een schoolbestuur uit de regio."
    )
    assert message in text(response)
    assert not Introductie.objects.exists()
    assert traject.events.count() == 1


def test_the_service_refuses_a_board_of_another_region(traject, ander_bestuur, adviseur):
    with pytest.raises(ValidationError):
        introductie_propose(kandidaat=traject, bestuur=ander_bestuur, door=adviseur)
    assert not Introductie.objects.exists()


def test_the_candidate_accepts_and_the_boards_hr_sees_them(client, voorstel, kandidaat, hr):
    client.force_login(kandidaat)
    page = text(client.get(traject_url(voorstel.kandidaat)))
    assert "Je adviseur wil je voorstellen aan Stichting Tweede Kans." in page

    response = client.post(answer_url(voorstel), {"antwoord": "accepteren"}, follow=True)

    assert "Je hebt de introductie bij Stichting Tweede Kans geaccepteerd." in text(response)
    voorstel.refresh_from_db()
    assert voorstel.status == IntroductieStatus.GEACCEPTEERD
    assert voorstel.beantwoord_op is not None

    client.force_login(hr)
    dashboard = text(client.get(reverse("hr_dashboard")))
    assert "Kandidaten die een introductie accepteerden" in dashboard
    assert f'<a href="{traject_url(voorstel.kandidaat)}">Kim Kandidaat</a>' in dashboard
    assert "kandidaat@example.nl" in dashboard
    journey = text(client.get(traject_url(voorstel.kandidaat)))
    assert "Introductie bij Stichting Tweede Kans geaccepteerd" in journey
    assert "mailto:kandidaat@example.nl" in journey


def test_the_candidate_declines_and_the_board_sees_nothing(client, voorstel, kandidaat, hr):
    client.force_login(kandidaat)
    response = client.post(answer_url(voorstel), {"antwoord": "afwijzen"}, **HTMX)

    assert response.status_code == 200
    assert text(response).lstrip().startswith('<div id="traject"')
    assert "Je hebt de introductie bij Stichting Tweede Kans afgewezen." in text(response)
    voorstel.refresh_from_db()
    assert voorstel.status == IntroductieStatus.AFGEWEZEN

    client.force_login(hr)
    assert client.get(traject_url(voorstel.kandidaat)).status_code == 404
    assert "Kim Kandidaat" not in text(client.get(reverse("hr_dashboard")))


def test_an_introduction_is_answered_once(client, voorstel, kandidaat):
    introductie_answer(introductie=voorstel, door=kandidaat, accepteren=False)
    events = voorstel.kandidaat.events.count()
    client.force_login(kandidaat)

    response = client.post(answer_url(voorstel), {"antwoord": "accepteren"})

    assert response.status_code == 422
    assert "Je hebt deze introductie al beantwoord." in text(response)
    voorstel.refresh_from_db()
    assert voorstel.status == IntroductieStatus.AFGEWEZEN
    assert voorstel.kandidaat.events.count() == events


def test_a_bad_answer_gets_a_dutch_message(client, voorstel, kandidaat):
    client.force_login(kandidaat)
    response = client.post(answer_url(voorstel), {"antwoord": "misschien"})
    assert response.status_code == 422
    assert "Kies of je de introductie accepteert of afwijst." in text(response)
    voorstel.refresh_from_db()
    assert voorstel.status == IntroductieStatus.VOORGESTELD


def test_nobody_answers_for_someone_else(
    client, voorstel, ander_traject, kandidaat, kandidaat_b, bestuur, adviseur
):
    # Candidate B answering A's introduction, on A's page or through their own.
    client.force_login(kandidaat_b)
    assert client.post(answer_url(voorstel), {"antwoord": "accepteren"}).status_code == 404
    via_own = reverse("kandidaten:introductie_antwoord", args=[ander_traject.pk, voorstel.pk])
    assert client.post(via_own, {"antwoord": "accepteren"}).status_code == 404
    with pytest.raises(ValidationError):
        introductie_answer(introductie=voorstel, door=kandidaat_b, accepteren=True)
    voorstel.refresh_from_db()
    assert voorstel.status == IntroductieStatus.VOORGESTELD


def test_hr_of_another_board_never_sees_the_candidate(client, voorstel, kandidaat, hr_elders):
    introductie_answer(introductie=voorstel, door=kandidaat, accepteren=True)
    client.force_login(hr_elders)
    assert client.get(traject_url(voorstel.kandidaat)).status_code == 404
    assert "Kim Kandidaat" not in text(client.get(reverse("hr_dashboard")))


def test_the_hr_dashboard_lists_the_latest_20_with_as_many_queries_for_30_as_for_3(
    client, hr, bestuur, regio, adviseur, django_assert_max_num_queries
):
    def add(n):
        for _ in range(n):
            kandidaat = KandidaatFactory(regio=regio)
            introductie = introductie_propose(kandidaat=kandidaat, bestuur=bestuur, door=adviseur)
            introductie_answer(introductie=introductie, door=kandidaat.user, accepteren=True)

    client.force_login(hr)
    add(3)
    with django_assert_max_num_queries(8) as few:
        assert client.get(reverse("hr_dashboard")).status_code == 200
    add(27)
    with django_assert_max_num_queries(8) as many:
        page = text(client.get(reverse("hr_dashboard")))
    assert page.count("/kandidaten/") == RECENTE_INTRODUCTIES == 20
    assert len(many.captured_queries) == len(few.captured_queries)
