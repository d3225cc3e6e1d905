"""Regression tests from the scoping and security review of the candidate-side pages: each
one failed before its fix (or guards a boundary the review checked)."""

import time
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from kandidaten.models import Fase, Kandidaat, TrajectEvent
from kandidaten.services import kandidaat_move
from loket.models import Aanmelding, Evenement
from loket.services.evenementen import SALT, aanmelding_create, aanmelding_token

from .factories import KandidaatFactory, UserFactory

# --- follow-up: an adviser only reads along with candidates referred to their region -------


@pytest.fixture
def doorverwezen_hierheen(andere_regio, adviseur_elders, regio):
    """A candidate of the other region, referred by that desk to `regio`, then found stalled."""
    kandidaat = KandidaatFactory(
        user=UserFactory(email="doorverwezen@example.nl", naam="Dirk Doorverwezen"),
        regio=andere_regio,
        adviseur=adviseur_elders,
    )
    kandidaat_move(
        kandidaat=kandidaat, naar=Fase.DOORVERWEZEN, door=adviseur_elders, naar_regio=regio
    )
    Kandidaat.objects.filter(pk=kandidaat.pk).update(stil_sinds=timezone.now())
    return kandidaat


def test_an_adviser_cannot_record_a_follow_up_for_a_candidate_referred_to_their_region(
    client, adviseur, doorverwezen_hierheen
):
    kandidaat = doorverwezen_hierheen
    assert Kandidaat.objects.visible_to(adviseur).filter(pk=kandidaat.pk).exists()
    events_before = kandidaat.events.count()
    client.force_login(adviseur)

    response = client.post(
        reverse("kandidaten:opvolging_vastleggen", args=[kandidaat.pk]),
        {f"k{kandidaat.pk}-notitie": "Gebeld door een andere regio."},
    )

    assert response.status_code == 404
    assert kandidaat.events.count() == events_before
    kandidaat.refresh_from_db()
    assert kandidaat.stil_sinds is not None


def test_the_stalled_list_shows_only_the_advisers_own_region(
    client, adviseur, doorverwezen_hierheen
):
    client.force_login(adviseur)
    page = client.get(reverse("kandidaten:stilgevallen")).content.decode()
    assert "Dirk Doorverwezen" not in page


def test_the_referring_regions_adviser_still_records_the_follow_up(
    client, adviseur_elders, doorverwezen_hierheen
):
    kandidaat = doorverwezen_hierheen
    client.force_login(adviseur_elders)
    response = client.post(
        reverse("kandidaten:opvolging_vastleggen", args=[kandidaat.pk]),
        {f"k{kandidaat.pk}-notitie": "Nagebeld over de verwijzing."},
        follow=True,
    )
    assert "Opvolging vastgelegd voor Dirk Doorverwezen." in response.content.decode()


# --- the e-mailed link that cancels an event sign-up -------------------------------------


@pytest.fixture
def aanmelding(regio):
    start = timezone.now() + timedelta(days=3)
    evenement = Evenement.objects.create(
        regio=regio,
        titel="Informatieavond zij-instroom",
        start=start,
        eind=start + timedelta(hours=2),
        locatie="Stadhuis Enschede",
        capaciteit=20,
    )
    return aanmelding_create(evenement=evenement, naam="Noor Nieuw", email="noor@example.nl")


def test_a_sign_up_for_an_event_that_has_passed_cannot_be_cancelled(client, aanmelding):
    url = reverse("aanmelding_annuleren", args=[aanmelding_token(aanmelding)])
    start = timezone.now() - timedelta(days=1)
    Evenement.objects.filter(pk=aanmelding.evenement_id).update(
        start=start, eind=start + timedelta(hours=2)
    )

    page = client.get(url).content.decode()
    assert "afmelden kan niet meer" in page
    assert "Ja, meld mij af" not in page

    response = client.post(url, follow=True)
    assert "Deze bijeenkomst is al begonnen of voorbij; afmelden kan niet meer." in (
        response.content.decode()
    )
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmelding.Status.AANGEMELD
    assert not TrajectEvent.objects.filter(toelichting__startswith="Afgemeld voor").exists()


class _OldSigner(signing.TimestampSigner):
    """Signs as if it were two years ago."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 2 * 365 * 24 * 3600)


def test_an_expired_sign_up_link_changes_nothing(client, aanmelding):
    token = _OldSigner(salt=SALT).sign_object({"a": aanmelding.pk})
    assert signing.loads(token, salt=SALT) == {"a": aanmelding.pk}  # valid, only old

    response = client.post(reverse("aanmelding_annuleren", args=[token]))

    assert response.status_code == 400
    assert "Deze afmeldlink klopt niet." in response.content.decode()
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmelding.Status.AANGEMELD


def test_a_booking_link_does_not_open_a_sign_up_with_the_same_id(client, aanmelding):
    # The booking link's salt and payload key differ, so even a matching id is refused.
    token = signing.dumps({"b": aanmelding.pk}, salt="loket.boeking")
    response = client.post(reverse("aanmelding_annuleren", args=[token]))
    assert response.status_code == 400
    response = client.post(reverse("advies_beheren", args=[aanmelding_token(aanmelding)]))
    assert response.status_code == 400
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmelding.Status.AANGEMELD
