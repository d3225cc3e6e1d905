"""Stall alerts: marking stalled candidates in bulk, one digest per adviser, friendly nudges to
candidates who asked for them, each at most once per period; the adviser's stalled list."""

from datetime import timedelta

import pytest
from django.core import mail
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone, translation

from kandidaten import tasks
from kandidaten.models import EventSoort, Fase, Kandidaat, Stilstandregel
from kandidaten.opvolging import (
    adviseurs_nudge,
    kandidaten_mark_stalled,
    kandidaten_nudge,
    opvolging_run,
)
from regio.models import Role

from .factories import KandidaatFactory, UserFactory

NOW = timezone.now()


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.LOKET_BASE_URL = "https://loket.onderwijsregio.example"


def kandidaat(regio, *, fase=Fase.ORIENTATIE, dagen_stil=0, naam=None, **fields) -> Kandidaat:
    """A candidate in `fase` whose last activity was `dagen_stil` days before NOW."""
    user = UserFactory(naam=naam) if naam else UserFactory()
    k = KandidaatFactory(regio=regio, user=user, **fields)
    Kandidaat.objects.filter(pk=k.pk).update(
        fase=fase, laatste_activiteit=NOW - timedelta(days=dagen_stil)
    )
    k.refresh_from_db()
    return k


def stil(*kandidaten) -> set[int]:
    return {k.pk for k in kandidaten}


def stalled_pks() -> set[int]:
    return set(Kandidaat.objects.filter(stil_sinds__isnull=False).values_list("pk", flat=True))


@pytest.fixture
def adviseur2(regio):
    return UserFactory(email="tweede.adviseur@example.nl", role=Role.LOKETADVISEUR, regio=regio)


def test_the_seeded_rules_leave_training_and_induction_alone(db):
    assert dict(Stilstandregel.objects.values_list("fase", "dagen")) == {
        "orientatie": 30,
        "advies": 21,
        "route_toelating": 30,
        "matching": 30,
        "aanstelling": 45,
    }


def test_marks_exactly_those_past_their_stages_threshold(regio, adviseur):
    te_lang = kandidaat(regio, dagen_stil=31)
    net_niet = kandidaat(regio, dagen_stil=29)
    advies = kandidaat(regio, fase=Fase.ADVIES, dagen_stil=22)
    advies_net_niet = kandidaat(regio, fase=Fase.ADVIES, dagen_stil=20)
    kandidaat(regio, fase=Fase.OPLEIDING_INDUCTIE, dagen_stil=200)
    kandidaat(regio, fase=Fase.UITGEVALLEN, dagen_stil=200)
    kandidaat(regio, fase=Fase.DOORVERWEZEN, dagen_stil=200)
    kandidaat(regio, fase=Fase.GEPAUZEERD, dagen_stil=200)  # no rule for a pause
    gewist = kandidaat(regio, dagen_stil=200)
    Kandidaat.objects.filter(pk=gewist.pk).update(gewist_op=NOW, user=None)

    assert kandidaten_mark_stalled(now=NOW) == 2

    assert stalled_pks() == stil(te_lang, advies)
    assert set(Kandidaat.objects.filter(stil_sinds=NOW).values_list("pk", flat=True)) == stil(
        te_lang, advies
    )
    assert net_niet.pk not in stalled_pks() and advies_net_niet.pk not in stalled_pks()


def test_even_an_admin_rule_for_an_end_stage_never_stalls_anyone(regio):
    Stilstandregel.objects.create(fase=Fase.OPLEIDING_INDUCTIE, dagen=1)
    Stilstandregel.objects.create(fase=Fase.UITGEVALLEN, dagen=1)
    kandidaat(regio, fase=Fase.OPLEIDING_INDUCTIE, dagen_stil=50)
    kandidaat(regio, fase=Fase.UITGEVALLEN, dagen_stil=50)
    assert kandidaten_mark_stalled(now=NOW) == 0


def test_marking_is_a_bulk_update_whatever_the_number_of_candidates(
    regio, django_assert_max_num_queries
):
    for _ in range(3):
        kandidaat(regio, dagen_stil=40)
    with django_assert_max_num_queries(8):
        assert kandidaten_mark_stalled(now=NOW) == 3
    for _ in range(30):
        kandidaat(regio, dagen_stil=40)
    with django_assert_max_num_queries(8):
        assert kandidaten_mark_stalled(now=NOW) == 30


def test_activity_or_a_relaxed_rule_ends_the_stall(regio, adviseur):
    actief = kandidaat(regio, dagen_stil=40)
    versoepeld = kandidaat(regio, fase=Fase.ADVIES, dagen_stil=25)
    kandidaten_mark_stalled(now=NOW)
    assert stalled_pks() == stil(actief, versoepeld)

    from kandidaten.services import event_record

    event_record(kandidaat=actief, soort=EventSoort.GESPREK, door=adviseur)
    Stilstandregel.objects.filter(fase=Fase.ADVIES).update(dagen=60)
    kandidaten_mark_stalled(now=NOW)

    assert stalled_pks() == set()


# --- Reminders -------------------------------------------------------------------------------


def test_one_digest_per_adviser_and_the_regions_advisers_for_candidates_without_one(
    regio, adviseur, adviseur2, adviseur_elders
):
    eigen_a = kandidaat(regio, dagen_stil=40, naam="Anna Eigen", adviseur=adviseur)
    eigen_b = kandidaat(
        regio, fase=Fase.MATCHING, dagen_stil=35, naam="Bram Eigen", adviseur=adviseur
    )
    kandidaat(regio, dagen_stil=40, naam="Chris Zonder")
    kandidaat(regio, dagen_stil=5, naam="Dirk Actief", adviseur=adviseur)
    kandidaten_mark_stalled(now=NOW)

    assert adviseurs_nudge(now=NOW) == 2

    per_adviseur = {message.to[0]: message for message in mail.outbox}
    assert set(per_adviseur) == {adviseur.email, adviseur2.email}
    eerste = per_adviseur[adviseur.email]
    assert "3 stilgevallen kandidaten om op te volgen" in eerste.subject
    for naam in ["Anna Eigen", "Bram Eigen", "Chris Zonder"]:
        assert naam in eerste.body
    assert "Dirk Actief" not in eerste.body
    assert "Matching, 35 dagen zonder activiteit" in eerste.body
    assert "https://loket.onderwijsregio.example/adviseur/stilgevallen/" in eerste.body
    tweede = per_adviseur[adviseur2.email]
    assert "1 stilgevallen kandidaat om op te volgen" in tweede.subject
    assert "Chris Zonder" in tweede.body and "Anna Eigen" not in tweede.body
    eigen_a.refresh_from_db()
    eigen_b.refresh_from_db()
    assert eigen_a.adviseur_herinnerd_op == NOW == eigen_b.adviseur_herinnerd_op


def test_the_cadence_is_honoured_over_repeated_runs(regio, adviseur):
    k = kandidaat(regio, dagen_stil=40, adviseur=adviseur, herinneringen=True)

    eerste = opvolging_run(now=NOW)
    assert eerste == {"gemarkeerd": 1, "adviseurs": 1, "kandidaten": 1}
    assert len(mail.outbox) == 2

    # Later the same day, tomorrow, and on day 13 of the fourteen-day period: nothing new.
    for later in [timedelta(hours=3), timedelta(days=1), timedelta(days=13)]:
        assert opvolging_run(now=NOW + later) == {"gemarkeerd": 0, "adviseurs": 0, "kandidaten": 0}
    assert len(mail.outbox) == 2

    assert opvolging_run(now=NOW + timedelta(days=14)) == {
        "gemarkeerd": 0,
        "adviseurs": 1,
        "kandidaten": 1,
    }
    k.refresh_from_db()
    assert k.adviseur_herinnerd_op == k.kandidaat_herinnerd_op == NOW + timedelta(days=14)


def test_a_configured_period_of_one_day_reminds_the_next_day_whatever_the_minute(regio, adviseur):
    Stilstandregel.objects.filter(fase=Fase.ORIENTATIE).update(herinner_elke_dagen=1)
    kandidaat(regio, dagen_stil=40, adviseur=adviseur)
    assert adviseurs_nudge(now=NOW + timedelta(days=1)) == 0  # not stalled yet
    kandidaten_mark_stalled(now=NOW)
    assert adviseurs_nudge(now=NOW) == 1
    assert adviseurs_nudge(now=NOW + timedelta(hours=2)) == 0
    assert adviseurs_nudge(now=NOW + timedelta(days=1, minutes=-5)) == 1


def test_only_candidates_who_opted_in_get_a_friendly_nudge(regio, adviseur):
    ja = kandidaat(regio, dagen_stil=40, naam="Jasmijn Ja", herinneringen=True)
    nee = kandidaat(regio, dagen_stil=40, naam="Nico Nee", herinneringen=False)
    kandidaten_mark_stalled(now=NOW)

    assert kandidaten_nudge(now=NOW) == 1

    [message] = mail.outbox
    assert message.to == [ja.user.email]
    assert message.subject.endswith("Hoe gaat het met je stap naar het onderwijs?")
    assert "Hallo Jasmijn," in message.body
    assert "Zet het uit bij 'Mijn toestemming'" in message.body
    assert "https://loket.onderwijsregio.example/mijn/#toestemming" in message.body
    nee.refresh_from_db()
    assert nee.kandidaat_herinnerd_op is None


def test_the_daily_task_twice_on_one_day_sends_nothing_new(regio, adviseur):
    kandidaat(regio, dagen_stil=40, adviseur=adviseur, herinneringen=True)

    assert tasks.mark_stalled.delay().get() == {"gemarkeerd": 1, "adviseurs": 1, "kandidaten": 1}
    assert tasks.mark_stalled.delay().get() == {"gemarkeerd": 0, "adviseurs": 0, "kandidaten": 0}
    assert len(mail.outbox) == 2


# --- The adviser's list ----------------------------------------------------------------------


def test_the_adviser_sees_their_regions_stalled_candidates(client, regio, andere_regio, adviseur):
    hier = kandidaat(regio, dagen_stil=40, naam="Hanna Hier")
    kandidaat(regio, dagen_stil=3, naam="Anton Actief")
    kandidaat(andere_regio, dagen_stil=40, naam="Erik Elders")
    kandidaten_mark_stalled(now=NOW)
    adviseurs_nudge(now=NOW)
    client.force_login(adviseur)

    page = client.get(reverse("kandidaten:stilgevallen")).content.decode()

    assert "1 kandidaat stilgevallen" in page
    assert "Hanna Hier" in page
    assert "Anton Actief" not in page and "Erik Elders" not in page
    assert "40 dagen geleden" in page
    assert "Nog geen adviseur" in page
    hier.refresh_from_db()
    with translation.override("nl"):
        herinnerd = date_filter(timezone.localtime(hier.adviseur_herinnerd_op), "j M Y")
    assert f"<td>{herinnerd}</td>" in page


def test_only_my_candidates_filter(client, regio, adviseur, adviseur2):
    kandidaat(regio, dagen_stil=40, naam="Mijn Kandidaat", adviseur=adviseur)
    kandidaat(regio, dagen_stil=40, naam="Andermans Kandidaat", adviseur=adviseur2)
    kandidaten_mark_stalled(now=NOW)
    client.force_login(adviseur)

    page = client.get(reverse("kandidaten:stilgevallen"), {"mijn": "on"}).content.decode()

    assert "Mijn Kandidaat" in page and "Andermans Kandidaat" not in page


@pytest.mark.parametrize(
    "persona", ["kandidaat", "hr", "opleider", "projectleider", "beheerder"], indirect=True
)
def test_only_advisers_reach_the_stalled_list(client, persona):
    client.force_login(persona)
    assert client.get(reverse("kandidaten:stilgevallen")).status_code == 404


def test_recording_a_follow_up_clears_the_stall(client, regio, adviseur):
    k = kandidaat(regio, dagen_stil=40, naam="Hanna Hier")
    kandidaten_mark_stalled(now=NOW)
    client.force_login(adviseur)

    response = client.post(
        reverse("kandidaten:opvolging_vastleggen", args=[k.pk]),
        {f"k{k.pk}-notitie": "Gebeld: wacht op haar diploma, belt terug in maart."},
        follow=True,
    )

    page = response.content.decode()
    assert "Opvolging vastgelegd voor Hanna Hier." in page
    assert "0 kandidaten stilgevallen" in page
    k.refresh_from_db()
    assert k.stil_sinds is None
    event = k.events.order_by("-pk").first()
    assert (event.soort, event.door, event.toelichting) == (
        EventSoort.GESPREK,
        adviseur,
        "Gebeld: wacht op haar diploma, belt terug in maart.",
    )


def test_a_follow_up_without_a_note_is_refused_in_dutch(client, regio, adviseur):
    k = kandidaat(regio, dagen_stil=40)
    kandidaten_mark_stalled(now=NOW)
    client.force_login(adviseur)

    response = client.post(
        reverse("kandidaten:opvolging_vastleggen", args=[k.pk]), {f"k{k.pk}-notitie": ""}
    )

    assert response.status_code == 422
    assert "Schrijf kort op wat jullie bespraken." in response.content.decode()
    k.refresh_from_db()
    assert k.stil_sinds is not None and k.events.count() == 1


def test_with_htmx_the_row_is_replaced(client, regio, adviseur):
    k = kandidaat(regio, dagen_stil=40, naam="Hanna Hier")
    kandidaten_mark_stalled(now=NOW)
    client.force_login(adviseur)

    response = client.post(
        reverse("kandidaten:opvolging_vastleggen", args=[k.pk]),
        {f"k{k.pk}-notitie": "Gemaild."},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode().strip()
    assert page.startswith(f'<tr id="kandidaat-{k.pk}" class="opgevolgd">')
    assert "Opvolging vastgelegd voor Hanna Hier." in page


def test_an_adviser_elsewhere_cannot_record_a_follow_up(client, regio, adviseur_elders):
    k = kandidaat(regio, dagen_stil=40)
    kandidaten_mark_stalled(now=NOW)
    client.force_login(adviseur_elders)

    response = client.post(
        reverse("kandidaten:opvolging_vastleggen", args=[k.pk]), {f"k{k.pk}-notitie": "Hallo"}
    )

    assert response.status_code == 404
    assert k.events.count() == 1


def test_the_stalled_list_query_count_does_not_grow(
    client, regio, adviseur, django_assert_max_num_queries
):
    client.force_login(adviseur)
    for _ in range(3):
        kandidaat(regio, dagen_stil=40, adviseur=adviseur)
    kandidaten_mark_stalled(now=NOW)
    with django_assert_max_num_queries(8):
        assert (
            "3 kandidaten stilgevallen"
            in client.get(reverse("kandidaten:stilgevallen")).content.decode()
        )
    for _ in range(27):
        kandidaat(regio, dagen_stil=40, adviseur=adviseur)
    kandidaten_mark_stalled(now=NOW)
    with django_assert_max_num_queries(8):
        assert (
            "30 kandidaten stilgevallen"
            in client.get(reverse("kandidaten:stilgevallen")).content.decode()
        )
