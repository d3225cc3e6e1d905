"""The matching services: shortlist, invitations and requests for an introduction, interviews
and trial lessons, and the appointment that fills (part of) a vacancy."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kandidaten.journey import timeline_for
from kandidaten.models import (
    Aanstelling,
    Contractsoort,
    EventSoort,
    Fase,
    Introductie,
    IntroductieStatus,
    Kandidaat,
    Shortlist,
    Sollicitatiestap,
    Uitkomst,
)
from kandidaten.services import introductie_answer, kandidaat_move
from kandidaten.services.matching import (
    aanstelling_record,
    introductie_invite,
    introductie_request,
    shortlist_set,
    sollicitatiestap_record,
    sollicitatiestap_uitkomst,
)
from regio.models import VacatureStatus

from .factories import OrganisatieFactory, RegioFactory, VestigingFactory
from .factories_matching import profiel_van, vacature_in

MORGEN = timezone.now() + datetime.timedelta(days=1)


@pytest.fixture
def vacature(bestuur):
    return vacature_in(bestuur, fte=Decimal("1.0"))


@pytest.fixture
def kim(traject):
    return profiel_van(traject)


@pytest.fixture
def geaccepteerd(kim, vacature, hr, kandidaat):
    introductie = introductie_invite(vacature=vacature, kandidaat=kim, door=hr)
    return introductie_answer(introductie=introductie, door=kandidaat, accepteren=True)


def titels(kandidaat, user) -> list[str]:
    return [regel.titel for regel in timeline_for(Kandidaat.objects.get(pk=kandidaat.pk), user)]


# --- Shortlist ------------------------------------------------------------------------------


def test_the_shortlist_is_idempotent(hr, vacature, kim):
    assert shortlist_set(vacature=vacature, kandidaat=kim, door=hr, op_lijst=True)
    assert shortlist_set(vacature=vacature, kandidaat=kim, door=hr, op_lijst=True)
    assert Shortlist.objects.count() == 1

    assert not shortlist_set(vacature=vacature, kandidaat=kim, door=hr, op_lijst=False)
    assert not Shortlist.objects.exists()


def test_hr_of_another_board_cannot_shortlist_or_invite(hr_elders, vacature, kim):
    with pytest.raises(ValidationError, match="niet van jouw schoolbestuur"):
        shortlist_set(vacature=vacature, kandidaat=kim, door=hr_elders, op_lijst=True)
    with pytest.raises(ValidationError, match="niet van jouw schoolbestuur"):
        introductie_invite(vacature=vacature, kandidaat=kim, door=hr_elders)
    assert not Shortlist.objects.exists() and not Introductie.objects.exists()


def test_an_unconsented_candidate_cannot_be_shortlisted_or_invited(hr, vacature, traject):
    profiel_van(traject, deel_met_regio=False)

    with pytest.raises(ValidationError, match="deelt zijn profiel niet"):
        shortlist_set(vacature=vacature, kandidaat=traject, door=hr, op_lijst=True)
    with pytest.raises(ValidationError, match="deelt zijn profiel niet"):
        introductie_invite(vacature=vacature, kandidaat=traject, door=hr)
    assert not traject.events.filter(soort=EventSoort.INTRODUCTIE).exists()


# --- Introductions ----------------------------------------------------------------------------


def test_an_invitation_waits_for_the_candidate_and_hr_sees_nothing_yet(hr, vacature, kim):
    introductie = introductie_invite(vacature=vacature, kandidaat=kim, door=hr)

    assert (introductie.status, introductie.vacature) == (IntroductieStatus.VOORGESTELD, vacature)
    assert not Kandidaat.objects.visible_to(hr).exists()
    with pytest.raises(ValidationError, match="al voor deze vacature voorgesteld"):
        introductie_invite(vacature=vacature, kandidaat=kim, door=hr)


def test_a_closed_vacancy_invites_nobody(hr, bestuur, kim):
    gesloten = vacature_in(bestuur, gesloten=True)

    with pytest.raises(ValidationError, match="staat niet \\(meer\\) open"):
        introductie_invite(vacature=gesloten, kandidaat=kim, door=hr)


def test_accepting_an_invitation_shows_the_candidate_to_hr_and_moves_to_matching(
    hr, kim, geaccepteerd
):
    kim.refresh_from_db()
    assert kim.fase == Fase.MATCHING
    assert list(Kandidaat.objects.visible_to(hr)) == [kim]
    stap = kim.events.filter(soort=EventSoort.STAP).last()
    assert (stap.van, stap.naar) == (Fase.ADVIES, Fase.MATCHING)


def test_declining_an_invitation_keeps_the_candidate_hidden_and_where_they_were(
    hr, vacature, kim, kandidaat
):
    introductie = introductie_invite(vacature=vacature, kandidaat=kim, door=hr)

    introductie_answer(introductie=introductie, door=kandidaat, accepteren=False)

    kim.refresh_from_db()
    assert kim.fase == Fase.ADVIES
    assert not Kandidaat.objects.visible_to(hr).exists()


def test_a_candidate_asking_for_an_introduction_is_accepted_at_once(hr, vacature, kim, kandidaat):
    introductie = introductie_request(vacature=vacature, kandidaat=kim, door=kandidaat)

    assert introductie.status == IntroductieStatus.GEACCEPTEERD
    assert kim.fase == Fase.MATCHING
    assert list(Kandidaat.objects.visible_to(hr)) == [kim]
    assert any(
        "Introductie bij Stichting Tweede Kans gevraagd" in t for t in titels(kim, kandidaat)
    )


def test_only_the_candidate_asks_for_their_own_introduction(vacature, kim, kandidaat_b, hr):
    with pytest.raises(ValidationError, match="Alleen de kandidaat zelf"):
        introductie_request(vacature=vacature, kandidaat=kim, door=kandidaat_b)
    with pytest.raises(ValidationError, match="Alleen de kandidaat zelf"):
        introductie_request(vacature=vacature, kandidaat=kim, door=hr)
    assert not Introductie.objects.exists()


def test_asking_for_a_neighbouring_vacancy_needs_consent_for_neighbours(regio, kim, kandidaat):
    buur = RegioFactory()
    regio.buurregios.add(buur)
    elders = vacature_in(OrganisatieFactory(bestuur=True, regio=buur), postcode="7551")
    ver_weg = vacature_in(OrganisatieFactory(bestuur=True, regio=RegioFactory()))

    with pytest.raises(ValidationError, match="valt buiten wat je deelt"):
        introductie_request(vacature=elders, kandidaat=kim, door=kandidaat)

    profiel_van(kim, deel_met_buurregios=True)
    introductie_request(vacature=elders, kandidaat=kim, door=kandidaat)
    with pytest.raises(ValidationError, match="valt buiten wat je deelt"):
        introductie_request(vacature=ver_weg, kandidaat=kim, door=kandidaat)
    assert Introductie.objects.count() == 1


# --- Interviews and trial lessons -------------------------------------------------------------


def test_interviews_need_an_accepted_introduction(hr, vacature, kim):
    introductie_invite(vacature=vacature, kandidaat=kim, door=hr)

    with pytest.raises(ValidationError, match="geen introductie bij jullie bestuur"):
        sollicitatiestap_record(
            vacature=vacature,
            kandidaat=kim,
            soort="gesprek",
            op=MORGEN,
            uitkomst="gepland",
            door=hr,
        )
    assert not Sollicitatiestap.objects.exists()


def test_an_interview_and_a_trial_lesson_appear_on_the_candidates_timeline(
    hr, vacature, geaccepteerd, kandidaat, adviseur, hr_elders
):
    kim = geaccepteerd.kandidaat
    sollicitatiestap_record(
        vacature=vacature, kandidaat=kim, soort="gesprek", op=MORGEN, uitkomst="gepland", door=hr
    )
    stap = sollicitatiestap_record(
        vacature=vacature, kandidaat=kim, soort="proefles", op=MORGEN, uitkomst="gepland", door=hr
    )

    sollicitatiestap_uitkomst(stap=stap, uitkomst=Uitkomst.POSITIEF, door=hr)

    stap.refresh_from_db()
    assert stap.uitkomst == Uitkomst.POSITIEF
    for kijker in (kandidaat, adviseur, hr):
        assert any(
            t.startswith("Sollicitatiegesprek bij Stichting Tweede Kans")
            for t in titels(kim, kijker)
        )
        assert any(t.startswith("Proefles bij Stichting Tweede Kans") for t in titels(kim, kijker))


def test_a_bad_outcome_is_refused(hr, vacature, geaccepteerd):
    stap = sollicitatiestap_record(
        vacature=vacature,
        kandidaat=geaccepteerd.kandidaat,
        soort="gesprek",
        op=MORGEN,
        uitkomst="gepland",
        door=hr,
    )

    with pytest.raises(ValidationError):
        sollicitatiestap_uitkomst(stap=stap, uitkomst="geweldig", door=hr)
    stap.refresh_from_db()
    assert stap.uitkomst == Uitkomst.GEPLAND


# --- The appointment --------------------------------------------------------------------------


def aanstellen(vacature, kandidaat, door, fte, **kwargs):
    kwargs.setdefault("startdatum", timezone.localdate() + datetime.timedelta(days=30))
    kwargs.setdefault("contractsoort", Contractsoort.TIJDELIJK)
    return aanstelling_record(vacature=vacature, kandidaat=kandidaat, fte=fte, door=door, **kwargs)


def test_appointing_part_of_the_fte_keeps_the_vacancy_published(hr, vacature, geaccepteerd):
    kim = geaccepteerd.kandidaat

    aanstelling = aanstellen(vacature, kim, hr, Decimal("0.4"))

    vacature.refresh_from_db()
    assert (vacature.fte_open, vacature.status) == (Decimal("0.6"), VacatureStatus.GEPUBLICEERD)
    assert aanstelling.vestiging == vacature.vestiging
    kim.refresh_from_db()
    assert kim.fase == Fase.AANSTELLING
    assert any(t.startswith("Aangesteld bij Stichting Tweede Kans") for t in titels(kim, hr))


def test_appointing_the_rest_fills_the_vacancy(hr, vacature, geaccepteerd, regio):
    from .factories_matching import zoekende

    aanstellen(vacature, geaccepteerd.kandidaat, hr, Decimal("0.4"))
    ander = zoekende(regio)
    introductie_answer(
        introductie=introductie_invite(vacature=vacature, kandidaat=ander, door=hr),
        door=ander.user,
        accepteren=True,
    )

    aanstellen(vacature, ander, hr, Decimal("0.6"))

    vacature.refresh_from_db()
    assert (vacature.fte_open, vacature.status) == (Decimal("0"), VacatureStatus.VERVULD)
    assert vacature.afgesloten_op is not None
    ander.refresh_from_db()
    assert ander.fase == Fase.AANSTELLING
    with pytest.raises(ValidationError, match="staat niet meer open"):
        aanstellen(vacature, ander, hr, Decimal("0.1"))


@pytest.mark.parametrize("fte", [Decimal("0"), Decimal("1.3"), Decimal("-0.5"), None])
def test_an_appointment_with_a_bad_fte_changes_nothing(hr, vacature, geaccepteerd, fte):
    with pytest.raises(ValidationError) as error:
        aanstellen(vacature, geaccepteerd.kandidaat, hr, fte)

    assert error.value.message_dict == {"fte": ["Het aantal fte is meer dan 0 en hoogstens 1,2."]}
    vacature.refresh_from_db()
    assert vacature.fte_open == Decimal("1.0")
    assert not Aanstelling.objects.exists()
    assert Kandidaat.objects.get(pk=geaccepteerd.kandidaat_id).fase == Fase.MATCHING


def test_an_appointment_at_another_boards_school_changes_nothing(
    hr, vacature, geaccepteerd, ander_bestuur
):
    with pytest.raises(ValidationError) as error:
        aanstellen(
            vacature,
            geaccepteerd.kandidaat,
            hr,
            Decimal("0.4"),
            vestiging=VestigingFactory(bestuur=ander_bestuur),
        )

    assert error.value.message_dict == {"vestiging": ["Kies een school van het eigen bestuur."]}
    assert not Aanstelling.objects.exists()
    vacature.refresh_from_db()
    assert vacature.fte_open == Decimal("1.0")


def test_hr_of_another_board_cannot_record_an_appointment(hr_elders, vacature, geaccepteerd):
    with pytest.raises(ValidationError, match="niet van jouw schoolbestuur"):
        aanstellen(vacature, geaccepteerd.kandidaat, hr_elders, Decimal("0.4"))
    assert not Aanstelling.objects.exists()


def test_a_paused_candidate_cannot_be_appointed(hr, adviseur, vacature, geaccepteerd):
    kim = geaccepteerd.kandidaat
    kandidaat_move(kandidaat=kim, naar=Fase.GEPAUZEERD, door=adviseur)

    with pytest.raises(ValidationError, match="gepauzeerd"):
        aanstellen(vacature, kim, hr, Decimal("0.4"))
    vacature.refresh_from_db()
    assert vacature.fte_open == Decimal("1.0")
