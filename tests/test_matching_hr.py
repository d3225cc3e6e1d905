"""HR's matching pages: ranked, pseudonymised candidates per vacancy with shortlist and
invitations, and an accepted introduction with interviews, trial lessons and the appointment."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kandidaten.matching import pseudoniem, pseudoniem_code
from kandidaten.models import (
    Aanstelling,
    Fase,
    Introductie,
    IntroductieStatus,
    Inzage,
    Kandidaat,
    Shortlist,
    Sollicitatiestap,
    Uitkomst,
)
from kandidaten.services import introductie_answer
from kandidaten.services.matching import introductie_invite, sollicitatiestap_record
from regio.models import VacatureStatus

from .factories import VestigingFactory
from .factories_matching import profiel_van, vacature_in, zoekende

HTMX = {"HTTP_HX_REQUEST": "true"}


def text(response) -> str:
    return response.content.decode()


def matches_url(vacature, **query) -> str:
    url = reverse("kandidaten:hr_matches", args=[vacature.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def shortlist_url(vacature) -> str:
    return reverse("kandidaten:hr_matches_shortlist", args=[vacature.pk])


def invite_url(vacature) -> str:
    return reverse("kandidaten:hr_matches_uitnodigen", args=[vacature.pk])


def introductie_url(introductie) -> str:
    return reverse("kandidaten:hr_introductie", args=[introductie.pk])


@pytest.fixture
def vacature(bestuur):
    return vacature_in(bestuur, fte=Decimal("1.0"))


@pytest.fixture
def kim(traject):
    """Candidate A (Kim Kandidaat) with a phone number and a matching profile."""
    traject.telefoon = "06-12345678"
    traject.save(update_fields=["telefoon"])
    return profiel_van(traject)


@pytest.fixture
def geaccepteerd(kim, vacature, hr, kandidaat):
    introductie = introductie_invite(vacature=vacature, kandidaat=kim, door=hr)
    return introductie_answer(introductie=introductie, door=kandidaat, accepteren=True)


def test_hr_sees_ranked_candidates_by_pseudonym_with_score_and_reasons(
    client, hr, vacature, kim, regio
):
    minder = zoekende(regio, vakken=["Duits"])
    client.force_login(hr)

    response = client.get(matches_url(vacature))

    page = text(response)
    assert response.status_code == 200
    assert pseudoniem(kim.pk) in page and pseudoniem(minder.pk) in page
    assert page.index(pseudoniem(kim.pk)) < page.index(pseudoniem(minder.pk))
    assert "Vak past: wiskunde" in page
    assert "Vak past niet: gevraagd is wiskunde" in page
    assert "Afstand 0 km (max. 25 km)" in page
    assert "2 passende kandidaten" in page


def test_the_pseudonymised_list_never_shows_name_email_phone_or_journey_link(
    client, hr, vacature, kim, kandidaat
):
    client.force_login(hr)

    page = text(client.get(matches_url(vacature)))

    assert "Kim Kandidaat" not in page
    assert kandidaat.email not in page
    assert "06-12345678" not in page
    assert reverse("kandidaten:traject", args=[kim.pk]) not in page
    assert f'name="kandidaat" value="{kim.pk}"' not in page
    assert f'name="kandidaat" value="{pseudoniem_code(kim.pk)}"' in page
    assert pseudoniem_code(kim.pk) in page


def test_the_admissibility_outcome_is_not_shown_to_hr(client, hr, vacature, kim):
    Kandidaat.objects.filter(pk=kim.pk).update(toelating="lang_traject")
    client.force_login(hr)

    page = text(client.get(matches_url(vacature)))

    assert "Nog geen toelating tot een opleiding" in page
    assert "lang traject" not in page.lower()
    assert "niet direct toelaatbaar" not in page.lower()


def test_unconsented_erased_and_non_seeking_candidates_are_never_listed(
    client, hr, vacature, regio
):
    zonder = zoekende(regio, deel_met_regio=False)
    gewist = zoekende(regio, gewist_op=timezone.now())
    aangesteld = zoekende(regio, fase=Fase.AANSTELLING)
    orientatie = zoekende(regio, fase=Fase.ORIENTATIE)
    wel = zoekende(regio)
    client.force_login(hr)

    page = text(client.get(matches_url(vacature)))

    assert pseudoniem(wel.pk) in page
    for niet in (zonder, gewist, aangesteld, orientatie):
        assert pseudoniem(niet.pk) not in page
    assert "1 passende kandidaat" in page


def test_withdrawing_consent_removes_the_candidate_from_the_list_at_once(client, hr, vacature, kim):
    client.force_login(hr)
    Shortlist.objects.create(vacature=vacature, kandidaat=kim, door=hr)
    assert pseudoniem(kim.pk) in text(client.get(matches_url(vacature)))

    Kandidaat.objects.filter(pk=kim.pk).update(deel_met_regio=False)

    assert pseudoniem(kim.pk) not in text(client.get(matches_url(vacature)))
    assert pseudoniem(kim.pk) not in text(client.get(matches_url(vacature, shortlist=1)))


def test_hr_of_another_board_gets_404_on_the_list_and_cannot_act_on_it(
    client, hr_elders, vacature, kim
):
    client.force_login(hr_elders)
    code = pseudoniem_code(kim.pk)

    assert client.get(matches_url(vacature)).status_code == 404
    assert (
        client.post(shortlist_url(vacature), {"kandidaat": code, "op_lijst": "1"}).status_code
        == 404
    )
    assert client.post(invite_url(vacature), {"kandidaat": code}).status_code == 404
    assert not Shortlist.objects.exists()
    assert not Introductie.objects.exists()


@pytest.mark.parametrize("persona", ["adviseur", "kandidaat", "projectleider"], indirect=True)
def test_other_roles_do_not_get_the_matches_page(client, persona, vacature):
    client.force_login(persona)
    assert client.get(matches_url(vacature)).status_code == 404


def test_hr_of_another_board_never_sees_this_boards_shortlist(
    client, hr, hr_elders, ander_bestuur, vacature, kim
):
    Shortlist.objects.create(vacature=vacature, kandidaat=kim, door=hr)
    eigen = vacature_in(ander_bestuur)
    client.force_login(hr_elders)

    page = text(client.get(matches_url(eigen, shortlist=1)))

    assert pseudoniem(kim.pk) not in page
    assert "Er staat nog niemand op de shortlist." in page


def test_shortlisting_with_htmx_swaps_the_row(client, hr, vacature, kim):
    client.force_login(hr)

    response = client.post(
        shortlist_url(vacature), {"kandidaat": pseudoniem_code(kim.pk), "op_lijst": "1"}, **HTMX
    )

    page = text(response)
    assert response.status_code == 200
    assert page.lstrip().startswith("<tr")
    assert "Van de shortlist" in page
    assert "staat op de shortlist" in page
    assert Shortlist.objects.filter(vacature=vacature, kandidaat=kim).exists()


def test_shortlisting_without_javascript_redirects_back_and_the_filter_shows_it(
    client, hr, vacature, kim, regio
):
    ander = zoekende(regio)
    client.force_login(hr)

    response = client.post(
        shortlist_url(vacature) + "?shortlist=1",
        {"kandidaat": pseudoniem_code(kim.pk), "op_lijst": "1"},
    )

    assert response.status_code == 302
    assert response.url == matches_url(vacature, shortlist=1)
    page = text(client.get(response.url))
    assert pseudoniem(kim.pk) in page
    assert pseudoniem(ander.pk) not in page
    assert "staat op de shortlist" in page

    client.post(shortlist_url(vacature), {"kandidaat": pseudoniem_code(kim.pk), "op_lijst": "0"})
    assert not Shortlist.objects.exists()


def test_an_unknown_pseudonym_changes_nothing_and_says_so(client, hr, vacature, kim):
    client.force_login(hr)

    response = client.post(shortlist_url(vacature), {"kandidaat": "ZZZZZZ", "op_lijst": "1"})

    assert response.status_code == 422
    assert "Deze kandidaat staat niet (meer) in de lijst" in text(response)
    assert not Shortlist.objects.exists()


def test_hr_cannot_invite_a_candidate_it_may_not_see(client, hr, vacature, regio):
    zonder = zoekende(regio, deel_met_regio=False)
    client.force_login(hr)

    response = client.post(invite_url(vacature), {"kandidaat": pseudoniem_code(zonder.pk)})

    assert response.status_code == 422
    assert not Introductie.objects.exists()


def test_invite_then_the_candidate_accepts_and_hr_sees_the_name(
    client, hr, vacature, kim, kandidaat
):
    client.force_login(hr)
    response = client.post(invite_url(vacature), {"kandidaat": pseudoniem_code(kim.pk)}, **HTMX)
    assert "Uitgenodigd, wacht op de kandidaat" in text(response)
    introductie = Introductie.objects.get()
    assert (introductie.status, introductie.vacature) == (IntroductieStatus.VOORGESTELD, vacature)
    page = text(client.get(matches_url(vacature)))
    assert "Kim Kandidaat" not in page
    assert pseudoniem(kim.pk) in page

    client.force_login(kandidaat)
    client.post(
        reverse("kandidaten:introductie_antwoord", args=[kim.pk, introductie.pk]),
        {"antwoord": "accepteren"},
    )

    client.force_login(hr)
    page = text(client.get(matches_url(vacature)))
    assert "Kim Kandidaat" in page
    assert introductie_url(introductie) in page
    assert reverse("kandidaten:traject", args=[kim.pk]) in page
    kim.refresh_from_db()
    assert kim.fase == Fase.MATCHING


def test_a_declined_invitation_stays_pseudonymised(client, hr, vacature, kim, kandidaat):
    introductie = introductie_invite(vacature=vacature, kandidaat=kim, door=hr)
    introductie_answer(introductie=introductie, door=kandidaat, accepteren=False)
    client.force_login(hr)

    page = text(client.get(matches_url(vacature)))

    assert "Afgewezen door de kandidaat" in page
    assert "Kim Kandidaat" not in page
    assert introductie_url(introductie) not in page


def test_the_matches_page_takes_the_same_queries_for_3_or_30_candidates(
    client, hr, vacature, regio
):
    client.force_login(hr)

    def queries():
        with CaptureQueriesContext(connection) as context:
            response = client.get(matches_url(vacature))
        assert response.status_code == 200
        return len(context.captured_queries)

    kandidaten = [zoekende(regio) for _ in range(3)]
    introductie_invite(vacature=vacature, kandidaat=kandidaten[0], door=hr)
    Shortlist.objects.create(vacature=vacature, kandidaat=kandidaten[1], door=hr)
    drie = queries()
    meer = [zoekende(regio, vakken=["Duits"] if i % 2 else ["Wiskunde"]) for i in range(27)]
    introductie_invite(vacature=vacature, kandidaat=meer[0], door=hr)
    Shortlist.objects.create(vacature=vacature, kandidaat=meer[1], door=hr)

    assert queries() == drie


def test_the_list_shows_at_most_twenty_per_page(client, hr, vacature, regio):
    for _ in range(22):
        zoekende(regio)
    client.force_login(hr)

    page = text(client.get(matches_url(vacature)))
    tweede = text(client.get(matches_url(vacature, page=2)))

    assert "22 passende kandidaten" in page
    assert page.count('<tr id="kandidaat-') == 20
    assert tweede.count('<tr id="kandidaat-') == 2


# --- The accepted introduction ----------------------------------------------------------------


def test_hr_sees_the_accepted_candidates_contact_details_and_the_read_is_logged(
    client, hr, geaccepteerd, kandidaat
):
    client.force_login(hr)

    page = text(client.get(introductie_url(geaccepteerd)))

    assert "Kim Kandidaat" in page
    assert kandidaat.email in page
    assert "06-12345678" in page
    assert Inzage.objects.filter(door=hr, kandidaat=geaccepteerd.kandidaat).exists()


def test_an_introduction_not_yet_accepted_or_of_another_board_is_404(
    client, hr, hr_elders, vacature, kim
):
    voorgesteld = introductie_invite(vacature=vacature, kandidaat=kim, door=hr)
    client.force_login(hr)
    assert client.get(introductie_url(voorgesteld)).status_code == 404

    voorgesteld.status = IntroductieStatus.GEACCEPTEERD
    voorgesteld.save(update_fields=["status"])
    client.force_login(hr_elders)
    assert client.get(introductie_url(voorgesteld)).status_code == 404
    assert (
        client.post(
            introductie_url(voorgesteld),
            {"actie": "stap", "stap-soort": "gesprek", "stap-op": "2027-03-15T14:30"},
        ).status_code
        == 404
    )
    assert not Sollicitatiestap.objects.exists()


def test_hr_records_an_interview_and_the_candidate_sees_it_on_the_timeline(
    client, hr, geaccepteerd, kandidaat
):
    client.force_login(hr)

    response = client.post(
        introductie_url(geaccepteerd),
        {
            "actie": "stap",
            "stap-soort": "gesprek",
            "stap-op": "2027-03-15T14:30",
            "stap-uitkomst": "gepland",
            "stap-notitie": "Met de sectieleider",
        },
        follow=True,
    )

    page = text(response)
    assert "Sollicitatiegesprek vastgelegd." in page
    assert "15 maart 2027, 14:30" in page
    assert "Met de sectieleider" in page
    stap = Sollicitatiestap.objects.get()
    assert (stap.soort, stap.uitkomst, stap.door) == ("gesprek", Uitkomst.GEPLAND, hr)

    client.force_login(kandidaat)
    tijdlijn = text(client.get(reverse("kandidaten:traject", args=[geaccepteerd.kandidaat_id])))
    assert "Sollicitatiegesprek bij Stichting Tweede Kans" in tijdlijn


def test_hr_records_a_trial_lesson_and_changes_its_outcome(client, hr, geaccepteerd):
    client.force_login(hr)
    client.post(
        introductie_url(geaccepteerd),
        {"actie": "stap", "stap-soort": "proefles", "stap-op": "2027-03-16T09:00"},
    )
    stap = Sollicitatiestap.objects.get()
    assert stap.soort == "proefles"

    response = client.post(
        introductie_url(geaccepteerd),
        {"actie": "uitkomst", "stap": stap.pk, f"s{stap.pk}-uitkomst": "positief"},
        follow=True,
    )

    assert "De uitkomst is bijgewerkt." in text(response)
    stap.refresh_from_db()
    assert stap.uitkomst == Uitkomst.POSITIEF


def test_a_bad_interview_date_gets_a_dutch_message_and_records_nothing(client, hr, geaccepteerd):
    client.force_login(hr)

    response = client.post(
        introductie_url(geaccepteerd),
        {"actie": "stap", "stap-soort": "gesprek", "stap-op": "morgen"},
    )

    assert response.status_code == 422
    assert "Vul de datum en tijd in als 15-03-2027 14:30." in text(response)
    assert not Sollicitatiestap.objects.exists()


def test_the_appointment_form_defaults_to_the_vacancy(client, hr, geaccepteerd, vacature):
    client.force_login(hr)

    page = text(client.get(introductie_url(geaccepteerd)))

    assert 'name="aanstelling-fte" value="1"' in page
    assert f'value="{vacature.startdatum:%Y-%m-%d}"' in page
    assert f'<option value="{vacature.vestiging_id}" selected>' in page


def aanstelling(client, introductie, **data):
    velden = {
        "actie": "aanstelling",
        "aanstelling-vestiging": introductie.vacature.vestiging_id,
        "aanstelling-startdatum": "2027-08-01",
        "aanstelling-fte": "0,4",
        "aanstelling-contractsoort": "tijdelijk",
    }
    velden.update({f"aanstelling-{k}": v for k, v in data.items()})
    return client.post(introductie_url(introductie), velden)


def test_an_appointment_for_part_of_the_fte_keeps_the_vacancy_open(
    client, hr, geaccepteerd, vacature
):
    client.force_login(hr)

    response = aanstelling(client, geaccepteerd, fte="0,4")

    assert response.status_code == 302
    vacature.refresh_from_db()
    assert vacature.fte_open == Decimal("0.6")
    assert vacature.status == VacatureStatus.GEPUBLICEERD
    kandidaat = Kandidaat.objects.get(pk=geaccepteerd.kandidaat_id)
    assert kandidaat.fase == Fase.AANSTELLING
    page = text(client.get(response.url))
    assert "De aanstelling van Kim Kandidaat is vastgelegd." in page
    assert "0,4 fte (Tijdelijk)" in page


def test_an_appointment_for_the_rest_fills_the_vacancy(client, hr, geaccepteerd, vacature, regio):
    ander = zoekende(regio)
    client.force_login(hr)
    aanstelling(client, geaccepteerd, fte="0.4")
    tweede = introductie_answer(
        introductie=introductie_invite(vacature=vacature, kandidaat=ander, door=hr),
        door=ander.user,
        accepteren=True,
    )

    response = aanstelling(client, tweede, fte="0,6", contractsoort="vast")

    assert response.status_code == 302
    vacature.refresh_from_db()
    assert (vacature.fte_open, vacature.status) == (Decimal("0"), VacatureStatus.VERVULD)
    ander.refresh_from_db()
    assert ander.fase == Fase.AANSTELLING
    assert "Deze vacature staat niet meer open." in text(client.get(introductie_url(tweede)))


@pytest.mark.parametrize(
    ("fte", "melding"),
    [
        ("0", "Het aantal fte is meer dan 0 en hoogstens 1,2."),
        ("1,3", "Het aantal fte is meer dan 0 en hoogstens 1,2."),
        ("veel", "Vul het aantal fte in als getal, bijv. 0,8."),
        ("", "Vul het aantal fte in, bijv. 0,8."),
    ],
)
def test_a_bad_fte_gets_a_dutch_message_and_changes_nothing(
    client, hr, geaccepteerd, vacature, fte, melding
):
    client.force_login(hr)

    response = aanstelling(client, geaccepteerd, fte=fte)

    assert response.status_code == 422
    assert melding in text(response)
    vacature.refresh_from_db()
    assert vacature.fte_open == Decimal("1.0")
    assert not Aanstelling.objects.exists()
    assert Kandidaat.objects.get(pk=geaccepteerd.kandidaat_id).fase == Fase.MATCHING


def test_a_school_of_another_board_is_refused(client, hr, geaccepteerd, vacature, ander_bestuur):
    elders = VestigingFactory(bestuur=ander_bestuur)
    client.force_login(hr)

    response = aanstelling(client, geaccepteerd, vestiging=elders.pk)

    assert response.status_code == 422
    assert "Kies een school van het eigen bestuur." in text(response)
    assert not Aanstelling.objects.exists()
    vacature.refresh_from_db()
    assert vacature.fte_open == Decimal("1.0")


def test_the_appointment_can_be_at_another_school_of_the_same_board(
    client, hr, geaccepteerd, bestuur
):
    andere_school = VestigingFactory(bestuur=bestuur, naam="Het Andere College")
    client.force_login(hr)

    aanstelling(client, geaccepteerd, vestiging=andere_school.pk)

    assert Aanstelling.objects.get().vestiging == andere_school


def test_an_introduction_to_the_board_without_vacancy_lets_hr_pick_one(
    client, hr, bestuur, vacature, kim, kandidaat, adviseur
):
    from kandidaten.services import introductie_propose

    introductie = introductie_answer(
        introductie=introductie_propose(kandidaat=kim, bestuur=bestuur, door=adviseur),
        door=kandidaat,
        accepteren=True,
    )
    client.force_login(hr)
    page = text(client.get(introductie_url(introductie)))
    assert "Kies een vacature" in page

    client.post(
        introductie_url(introductie),
        {
            "actie": "stap",
            "stap-vacature": vacature.pk,
            "stap-soort": "gesprek",
            "stap-op": "2027-03-15T14:30",
            "stap-uitkomst": "gepland",
        },
    )

    assert Sollicitatiestap.objects.get().vacature == vacature


def test_an_interview_recorded_earlier_is_shown_with_its_outcome(client, hr, geaccepteerd):
    sollicitatiestap_record(
        vacature=geaccepteerd.vacature,
        kandidaat=geaccepteerd.kandidaat,
        soort="gesprek",
        op=timezone.now() + datetime.timedelta(days=3),
        uitkomst=Uitkomst.NEGATIEF,
        door=hr,
    )
    client.force_login(hr)

    page = text(client.get(introductie_url(geaccepteerd)))

    assert '<option value="negatief" selected>' in page


def test_the_shortlist_filter_with_htmx_replaces_only_the_results(client, hr, vacature, kim):
    client.force_login(hr)

    response = client.get(matches_url(vacature, shortlist=1), **HTMX)

    page = text(response)
    assert page.lstrip().startswith('<div id="resultaten">')
    assert "Er staat nog niemand op de shortlist." in page


def test_the_list_stops_at_the_best_hundred(client, hr, vacature, regio, monkeypatch):
    monkeypatch.setattr("kandidaten.views.matching.MAX_KANDIDATEN", 3)
    beste = [zoekende(regio) for _ in range(3)]
    minder = [zoekende(regio, vakken=["Duits"]) for _ in range(2)]
    client.force_login(hr)

    page = text(client.get(matches_url(vacature)))

    assert "3 passende kandidaten (de beste 3)" in page
    assert all(pseudoniem(k.pk) in page for k in beste)
    assert not any(pseudoniem(k.pk) in page for k in minder)


def test_the_operator_sees_any_boards_list(client, beheerder, vacature, kim):
    client.force_login(beheerder)

    assert pseudoniem(kim.pk) in text(client.get(matches_url(vacature)))


def test_an_invitation_left_unanswered_leaves_the_list_when_consent_is_withdrawn(
    client, hr, vacature, kim
):
    introductie_invite(vacature=vacature, kandidaat=kim, door=hr)
    client.force_login(hr)
    assert pseudoniem(kim.pk) in text(client.get(matches_url(vacature)))

    Kandidaat.objects.filter(pk=kim.pk).update(deel_met_regio=False)
    assert pseudoniem(kim.pk) not in text(client.get(matches_url(vacature)))
