"""Who sees which candidate: every branch of KandidaatQuerySet.visible_to, the negative ones
included."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from kandidaten.models import Fase, Introductie, IntroductieStatus, Kandidaat
from kandidaten.services import kandidaat_move
from regio.models import Role

from .factories import KandidaatFactory, RegioFactory, UserFactory


def visible(user) -> set:
    return set(Kandidaat.objects.visible_to(user))


def test_a_candidate_sees_only_themself(kandidaat, traject, ander_traject):
    assert visible(kandidaat) == {traject}


def test_a_user_who_is_no_candidate_yet_sees_nobody(db, traject):
    assert visible(UserFactory()) == set()


def test_an_anonymous_visitor_sees_nobody(traject):
    assert visible(AnonymousUser()) == set()


def test_an_adviser_sees_the_candidates_of_their_region_only(
    adviseur, adviseur_elders, traject, ander_traject, traject_elders
):
    assert visible(adviseur) == {traject, ander_traject}
    assert visible(adviseur_elders) == {traject_elders}


def test_an_adviser_also_sees_candidates_referred_to_their_region_once(
    adviseur, adviseur_elders, andere_regio, traject, traject_elders
):
    kandidaat_move(
        kandidaat=traject, naar=Fase.DOORVERWEZEN, door=adviseur, naar_regio=andere_regio
    )
    derde = UserFactory(role=Role.LOKETADVISEUR, regio=RegioFactory())

    assert visible(adviseur_elders) == {traject, traject_elders}
    assert list(Kandidaat.objects.visible_to(adviseur_elders)).count(traject) == 1
    assert traject in visible(adviseur)
    assert visible(derde) == set()


def test_a_referral_without_a_region_shows_the_candidate_to_no_other_region(
    adviseur, adviseur_elders, traject
):
    kandidaat_move(kandidaat=traject, naar=Fase.DOORVERWEZEN, door=adviseur)
    assert visible(adviseur_elders) == set()


def test_an_opleider_sees_only_candidates_referred_to_their_institute(
    opleider, opleider_elders, opleiding, traject, ander_traject
):
    assert visible(opleider) == set()
    traject.opleiding = opleiding
    traject.save()

    assert visible(opleider) == {traject}
    assert visible(opleider_elders) == set()


def test_an_opleider_does_not_see_an_erased_candidate(opleider, opleiding, traject):
    traject.opleiding = opleiding
    traject.gewist_op = timezone.now()
    traject.save()
    assert visible(opleider) == set()


@pytest.mark.parametrize(
    ("status", "sees"),
    [
        (IntroductieStatus.VOORGESTELD, False),
        (IntroductieStatus.AFGEWEZEN, False),
        (IntroductieStatus.GEACCEPTEERD, True),
    ],
)
def test_hr_sees_a_candidate_only_after_accepting_an_introduction(
    hr, bestuur, traject, adviseur, status, sees
):
    Introductie.objects.create(kandidaat=traject, bestuur=bestuur, door=adviseur, status=status)
    assert visible(hr) == ({traject} if sees else set())


def test_hr_of_another_board_does_not_see_the_candidate(
    hr, hr_elders, bestuur, traject, ander_traject, adviseur
):
    Introductie.objects.create(
        kandidaat=traject, bestuur=bestuur, door=adviseur, status=IntroductieStatus.GEACCEPTEERD
    )
    assert visible(hr) == {traject}
    assert visible(hr_elders) == set()


def test_hr_does_not_see_an_erased_candidate(hr, bestuur, traject, adviseur):
    Introductie.objects.create(
        kandidaat=traject, bestuur=bestuur, door=adviseur, status=IntroductieStatus.GEACCEPTEERD
    )
    traject.gewist_op = timezone.now()
    traject.save()
    assert visible(hr) == set()


def test_a_project_leader_sees_no_candidate_individually(projectleider, traject):
    assert visible(projectleider) == set()


def test_the_operator_sees_every_candidate(beheerder, traject, traject_elders):
    erased = KandidaatFactory(regio=traject.regio, gewist_op=timezone.now())
    assert visible(beheerder) == {traject, traject_elders, erased}
