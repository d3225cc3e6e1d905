"""The candidate's journey: allowed moves in one place, each move an append-only event."""

import threading
from itertools import pairwise

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from kandidaten.journey import HOOFDPAD, allowed_moves
from kandidaten.models import Fase, Kandidaat, TrajectEvent, Uitvalreden
from kandidaten.services import kandidaat_move, kandidaat_register

from .factories import UserFactory


@pytest.fixture
def kandidaat(regio):
    return kandidaat_register(user=UserFactory(), regio=regio)


@pytest.fixture
def reden(db):
    return Uitvalreden.objects.create(naam="Kiest toch voor een andere sector")


def test_a_new_candidate_starts_at_orientation_with_a_first_event(kandidaat):
    assert kandidaat.fase == Fase.ORIENTATIE
    event = kandidaat.events.get()
    assert (event.van, event.naar) == ("", Fase.ORIENTATIE)


def test_a_candidate_walks_the_main_path_and_every_step_is_recorded(kandidaat, adviseur):
    for fase in HOOFDPAD[1:]:
        kandidaat_move(kandidaat=kandidaat, naar=fase, door=adviseur, toelichting="ok")
    kandidaat.refresh_from_db()
    assert kandidaat.fase == Fase.OPLEIDING_INDUCTIE
    steps = list(kandidaat.events.values_list("van", "naar"))
    assert steps == [("", HOOFDPAD[0]), *pairwise(HOOFDPAD)]
    assert all(e.door == adviseur for e in kandidaat.events.all()[1:])


def test_skipping_a_stage_is_refused_in_dutch_and_changes_nothing(kandidaat, adviseur):
    with pytest.raises(ValidationError) as error:
        kandidaat_move(kandidaat=kandidaat, naar=Fase.MATCHING, door=adviseur)
    assert "Van Oriëntatie naar Matching is geen toegestane stap." in error.value.messages
    kandidaat.refresh_from_db()
    assert kandidaat.fase == Fase.ORIENTATIE
    assert kandidaat.events.count() == 1


def test_dropping_out_needs_a_reason(kandidaat, adviseur, reden):
    with pytest.raises(ValidationError, match="Kies een reden"):
        kandidaat_move(kandidaat=kandidaat, naar=Fase.UITGEVALLEN, door=adviseur)
    event = kandidaat_move(kandidaat=kandidaat, naar=Fase.UITGEVALLEN, door=adviseur, reden=reden)
    assert event.reden == reden
    assert allowed_moves(Fase.UITGEVALLEN) == {Fase.ORIENTATIE}


def test_a_retired_reason_cannot_be_chosen(kandidaat, adviseur, reden):
    reden.actief = False
    reden.save()
    with pytest.raises(ValidationError, match="niet meer te kiezen"):
        kandidaat_move(kandidaat=kandidaat, naar=Fase.UITGEVALLEN, door=adviseur, reden=reden)


def test_a_paused_candidate_resumes_where_they_paused(kandidaat, adviseur):
    kandidaat_move(kandidaat=kandidaat, naar=Fase.ADVIES, door=adviseur)
    kandidaat_move(kandidaat=kandidaat, naar=Fase.GEPAUZEERD, door=adviseur)
    with pytest.raises(ValidationError):
        kandidaat_move(kandidaat=kandidaat, naar=Fase.MATCHING, door=adviseur)
    kandidaat_move(kandidaat=kandidaat, naar=Fase.ADVIES, door=adviseur)
    kandidaat.refresh_from_db()
    assert kandidaat.fase == Fase.ADVIES


def test_a_referral_ends_the_journey_in_this_region(kandidaat, adviseur):
    kandidaat_move(kandidaat=kandidaat, naar=Fase.DOORVERWEZEN, door=adviseur)
    assert allowed_moves(Fase.DOORVERWEZEN) == set()
    with pytest.raises(ValidationError):
        kandidaat_move(kandidaat=kandidaat, naar=Fase.ORIENTATIE, door=adviseur)


def test_events_can_be_neither_changed_nor_deleted(kandidaat):
    event = kandidaat.events.get()
    event.toelichting = "achteraf aangepast"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    assert TrajectEvent.objects.get(pk=event.pk).toelichting == ""


@pytest.mark.django_db(transaction=True)
def test_two_advisers_moving_at_once_are_applied_one_after_the_other(regio):
    """Both try advies -> route & toelating; the second is checked against the first's result."""
    adviseur = UserFactory(role="loketadviseur", regio=regio)
    kandidaat = kandidaat_register(user=UserFactory(), regio=regio)
    kandidaat_move(kandidaat=kandidaat, naar=Fase.ADVIES, door=adviseur)
    barrier = threading.Barrier(2)
    outcomes = []

    def move():
        barrier.wait()
        try:
            kandidaat_move(
                kandidaat=Kandidaat.objects.get(pk=kandidaat.pk),
                naar=Fase.ROUTE_TOELATING,
                door=adviseur,
            )
            outcomes.append("moved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=move) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    # route & toelating -> route & toelating is no move: exactly one of the two went through.
    assert sorted(outcomes) == ["moved", "refused"]
    assert kandidaat.events.filter(naar=Fase.ROUTE_TOELATING).count() == 1


def test_each_role_sees_only_the_candidates_it_may(kandidaat, adviseur, adviseur_elders, hr):
    assert list(Kandidaat.objects.visible_to(kandidaat.user)) == [kandidaat]
    assert list(Kandidaat.objects.visible_to(adviseur)) == [kandidaat]
    assert not Kandidaat.objects.visible_to(adviseur_elders).exists()
    assert not Kandidaat.objects.visible_to(hr).exists()
    other = UserFactory()
    assert not Kandidaat.objects.visible_to(other).exists()


def test_the_desk_starts_with_a_list_of_drop_out_reasons(db):
    assert Uitvalreden.objects.filter(actief=True).count() >= 5
    assert Uitvalreden.objects.filter(naam="Financiële redenen").exists()
