"""Advice slots: one live booking per slot, guarded by the database, whatever the traffic."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.utils import timezone

from kandidaten.services import kandidaat_register
from loket.models import Adviesslot, Boeking, Gespreksvorm
from loket.services.advies import slot_book

from .factories import UserFactory


def make_slot(adviseur, **fields):
    fields.setdefault("start", timezone.now() + timedelta(days=2))
    return Adviesslot.objects.create(
        adviseur=adviseur, regio=adviseur.regio, vorm=Gespreksvorm.VIDEO, **fields
    )


def make_kandidaat(regio):
    return kandidaat_register(user=UserFactory(), regio=regio)


def test_a_candidate_books_a_free_slot(adviseur, regio):
    slot = make_slot(adviseur)
    boeking = slot_book(slot=slot, kandidaat=make_kandidaat(regio), vraag="Mag ik zij-instromen?")
    assert boeking.status == Boeking.Status.GEBOEKT
    assert not Adviesslot.objects.bookable().filter(pk=slot.pk).exists()


def test_a_taken_slot_is_refused_in_dutch(adviseur, regio):
    slot = make_slot(adviseur)
    slot_book(slot=slot, kandidaat=make_kandidaat(regio))
    with pytest.raises(ValidationError) as error:
        slot_book(slot=slot, kandidaat=make_kandidaat(regio))
    assert error.value.messages == ["Dit moment is net door iemand anders geboekt."]
    assert slot.boekingen.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"start": timezone.now() - timedelta(hours=1)}, "Dit moment is al voorbij"),
        ({"geannuleerd": True}, "Dit moment is geannuleerd"),
    ],
)
def test_past_or_cancelled_slots_cannot_be_booked(adviseur, regio, fields, message):
    slot = make_slot(adviseur, **fields)
    with pytest.raises(ValidationError, match=message):
        slot_book(slot=slot, kandidaat=make_kandidaat(regio))
    assert not slot.boekingen.exists()


def test_the_database_refuses_a_second_live_booking_even_without_the_service(adviseur, regio):
    slot = make_slot(adviseur)
    Boeking.objects.create(slot=slot, kandidaat=make_kandidaat(regio))
    with pytest.raises(IntegrityError):
        Boeking.objects.bulk_create([Boeking(slot=slot, kandidaat=make_kandidaat(regio))])


def test_a_cancelled_booking_frees_the_slot(adviseur, regio):
    slot = make_slot(adviseur)
    eerste = slot_book(slot=slot, kandidaat=make_kandidaat(regio))
    Boeking.objects.filter(pk=eerste.pk).update(status=Boeking.Status.GEANNULEERD)
    assert Adviesslot.objects.bookable().filter(pk=slot.pk).exists()
    tweede = slot_book(slot=slot, kandidaat=make_kandidaat(regio))
    assert tweede.status == Boeking.Status.GEBOEKT


@pytest.mark.django_db(transaction=True)
def test_many_candidates_racing_for_one_slot_leave_exactly_one_booking(regio):
    adviseur = UserFactory(role="loketadviseur", regio=regio)
    slot = make_slot(adviseur)
    kandidaten = [make_kandidaat(regio) for _ in range(12)]
    barrier = threading.Barrier(len(kandidaten))
    outcomes = []

    def book(kandidaat):
        barrier.wait()
        try:
            slot_book(slot=slot, kandidaat=kandidaat)
            outcomes.append("booked")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=[k]) for k in kandidaten]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert outcomes.count("booked") == 1
    assert outcomes.count("Dit moment is net door iemand anders geboekt.") == 11
    assert Boeking.objects.filter(slot=slot).count() == 1
