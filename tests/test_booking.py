"""Advice slots: one live booking per slot, guarded by the database, whatever the traffic."""

import threading
from datetime import datetime, time, timedelta
from itertools import pairwise

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.utils import timezone

from kandidaten.models import EventSoort, Fase, Kandidaat
from kandidaten.services import kandidaat_move, kandidaat_register
from loket.models import Adviesslot, Boeking, Gespreksvorm
from loket.services.advies import (
    AMSTERDAM,
    boeking_cancel,
    boeking_create,
    boeking_reschedule,
    slot_book,
    slot_withdraw,
    slots_publish,
)
from regio.models import User

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


# --- Booking from the public form: account, journey and mail in one transaction ------------


def book(slot, email="nieuw@example.nl", **fields):
    fields.setdefault("naam", "Noor Nieuw")
    fields.setdefault("telefoon", "06 12345678")
    return boeking_create(slot=slot, email=email, **fields)


def test_booking_creates_the_candidate_moves_them_to_advice_and_records_the_conversation(
    adviseur, regio, django_capture_on_commit_callbacks, mailoutbox
):
    slot = make_slot(adviseur)
    with django_capture_on_commit_callbacks(execute=True):
        boeking, nieuw = book(slot, email="Noor@Example.nl", vraag="Kan ik zij-instromen?")

    assert nieuw
    kandidaat = boeking.kandidaat
    assert kandidaat.user.email == "noor@example.nl"
    assert kandidaat.regio == regio
    assert kandidaat.fase == Fase.ADVIES
    assert boeking.toestemming_op is not None
    steps = list(kandidaat.events.values_list("soort", "naar"))
    assert steps == [
        (EventSoort.STAP, Fase.ORIENTATIE),
        (EventSoort.STAP, Fase.ADVIES),
        (EventSoort.GESPREK, Fase.ADVIES),
    ]
    assert kandidaat.events.last().toelichting.startswith("Adviesgesprek gepland op ")
    assert [mail.to for mail in mailoutbox] == [["noor@example.nl"]]


def test_a_candidate_already_in_advice_stays_there_and_gets_the_conversation_event(
    adviseur, regio, traject
):
    kandidaat_move(kandidaat=traject, naar=Fase.ADVIES, door=adviseur)
    boeking, _ = book(make_slot(adviseur), email=traject.user.email)
    traject.refresh_from_db()
    assert boeking.kandidaat == traject
    assert traject.fase == Fase.ADVIES
    assert traject.events.last().soort == EventSoort.GESPREK


def test_a_refused_booking_leaves_no_account_behind(adviseur, regio):
    slot = make_slot(adviseur)
    book(slot, email="eerste@example.nl")
    with pytest.raises(ValidationError, match="net door iemand anders geboekt"):
        book(slot, email="tweede@example.nl")
    assert not User.objects.filter(email="tweede@example.nl").exists()
    assert Kandidaat.objects.count() == 1


def test_a_staff_address_cannot_book(adviseur, regio, hr):
    slot = make_slot(adviseur)
    with pytest.raises(ValidationError, match="hoort bij een medewerker"):
        book(slot, email=hr.email)
    assert not slot.boekingen.exists()


def test_a_candidate_of_another_region_is_sent_to_their_own_desk(adviseur, traject_elders):
    with pytest.raises(ValidationError, match="loket van een andere regio"):
        book(make_slot(adviseur), email=traject_elders.user.email)
    assert not Boeking.objects.exists()


def test_one_planned_conversation_at_a_time(adviseur, regio):
    book(make_slot(adviseur), email="een@example.nl")
    tweede = make_slot(adviseur, start=timezone.now() + timedelta(days=3))
    with pytest.raises(ValidationError, match="al een adviesgesprek gepland"):
        book(tweede, email="een@example.nl")
    assert not tweede.boekingen.exists()


def test_the_same_form_sent_twice_gives_the_first_booking_and_one_mail(
    adviseur, regio, django_capture_on_commit_callbacks, mailoutbox
):
    slot = make_slot(adviseur)
    with django_capture_on_commit_callbacks(execute=True):
        eerste, nieuw = book(slot, email="dubbel@example.nl")
        tweede, nogmaals = book(slot, email="dubbel@example.nl")
    assert (nieuw, nogmaals) == (True, False)
    assert tweede == eerste
    assert slot.boekingen.count() == 1
    assert len(mailoutbox) == 1


# --- Cancelling and rescheduling -----------------------------------------------------------


def test_cancelling_frees_the_slot_records_it_and_mails_a_cancellation(
    adviseur, regio, django_capture_on_commit_callbacks, mailoutbox
):
    slot = make_slot(adviseur)
    boeking, _ = book(slot)
    with django_capture_on_commit_callbacks(execute=True):
        boeking_cancel(boeking=boeking)

    boeking.refresh_from_db()
    assert boeking.status == Boeking.Status.GEANNULEERD
    assert boeking.geannuleerd_op is not None
    assert Adviesslot.objects.bookable().filter(pk=slot.pk).exists()
    assert "geannuleerd door de kandidaat" in boeking.kandidaat.events.last().toelichting
    (mail,) = mailoutbox
    assert mail.subject.startswith("[Onderwijsloket] Geannuleerd: je adviesgesprek op")


def test_a_cancelled_booking_cannot_be_cancelled_again(adviseur, regio):
    boeking, _ = book(make_slot(adviseur))
    boeking_cancel(boeking=boeking)
    events = boeking.kandidaat.events.count()
    with pytest.raises(ValidationError, match="al geannuleerd"):
        boeking_cancel(boeking=boeking)
    assert boeking.kandidaat.events.count() == events


def test_rescheduling_books_the_new_slot_and_cancels_the_old(
    adviseur, regio, django_capture_on_commit_callbacks, mailoutbox
):
    oud_slot = make_slot(adviseur)
    nieuw_slot = make_slot(adviseur, start=timezone.now() + timedelta(days=5))
    boeking, _ = book(oud_slot, vraag="Welke route?")
    with django_capture_on_commit_callbacks(execute=True):
        nieuw = boeking_reschedule(boeking=boeking, slot=nieuw_slot)

    boeking.refresh_from_db()
    assert boeking.status == Boeking.Status.GEANNULEERD
    assert (nieuw.slot, nieuw.kandidaat, nieuw.vraag) == (
        nieuw_slot,
        boeking.kandidaat,
        "Welke route?",
    )
    assert Adviesslot.objects.bookable().filter(pk=oud_slot.pk).exists()
    assert "verzet van" in boeking.kandidaat.events.last().toelichting
    (mail,) = mailoutbox
    assert "Verzet" in mail.subject
    assert [name for name, _, _ in mail.attachments] == [
        "adviesgesprek.ics",
        "oude-afspraak-geannuleerd.ics",
    ]


def test_rescheduling_to_a_taken_slot_changes_nothing(adviseur, regio):
    oud_slot = make_slot(adviseur)
    bezet = make_slot(adviseur, start=timezone.now() + timedelta(days=5))
    boeking, _ = book(oud_slot, email="a@example.nl")
    book(bezet, email="b@example.nl")
    events = boeking.kandidaat.events.count()

    with pytest.raises(ValidationError, match="net door iemand anders geboekt"):
        boeking_reschedule(boeking=boeking, slot=bezet)

    boeking.refresh_from_db()
    assert boeking.status == Boeking.Status.GEBOEKT
    assert boeking.kandidaat.boekingen.count() == 1
    assert boeking.kandidaat.events.count() == events


@pytest.mark.django_db(transaction=True)
def test_two_reschedules_of_one_booking_at_once_leave_one_live_booking(regio):
    adviseur = UserFactory(role="loketadviseur", regio=regio)
    boeking, _ = book(make_slot(adviseur))
    doelen = [make_slot(adviseur, start=timezone.now() + timedelta(days=d)) for d in (4, 5, 6)]
    barrier = threading.Barrier(len(doelen))
    outcomes = []

    def reschedule(slot):
        barrier.wait()
        try:
            boeking_reschedule(boeking=boeking, slot=slot)
            outcomes.append("verzet")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=reschedule, args=[s]) for s in doelen]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert outcomes.count("verzet") == 1
    assert outcomes.count("Deze afspraak is al geannuleerd of verzet.") == 2
    live = Boeking.objects.filter(status=Boeking.Status.GEBOEKT)
    assert live.count() == 1
    assert live.get().slot in doelen


@pytest.mark.django_db(transaction=True)
def test_a_reschedule_racing_a_new_booking_for_the_same_slot_keeps_one_of_them(regio):
    adviseur = UserFactory(role="loketadviseur", regio=regio)
    boeking, _ = book(make_slot(adviseur), email="verzetter@example.nl")
    doel = make_slot(adviseur, start=timezone.now() + timedelta(days=4))
    barrier = threading.Barrier(2)
    outcomes = {}

    def run(name, action):
        barrier.wait()
        try:
            action()
            outcomes[name] = "ok"
        except ValidationError as error:
            outcomes[name] = error.messages[0]
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=run, args=["verzet", lambda: boeking_reschedule(boeking=boeking, slot=doel)]
        ),
        threading.Thread(target=run, args=["nieuw", lambda: book(doel, email="snel@example.nl")]),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(outcomes.values()) == ["Dit moment is net door iemand anders geboekt.", "ok"]
    assert doel.boekingen.exclude(status=Boeking.Status.GEANNULEERD).count() == 1
    boeking.refresh_from_db()
    # Whoever lost, the rescheduling candidate still has exactly one live booking.
    assert boeking.kandidaat.boekingen.filter(status=Boeking.Status.GEBOEKT).count() == 1


# --- Publishing and withdrawing ------------------------------------------------------------


def local_start(days: int, hour: int = 10):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)), AMSTERDAM)


def test_a_weekly_series_keeps_its_wall_clock_time_across_summer_time(adviseur):
    # Half a year always crosses a change to or from summer time; the hour stays 10:00.
    slots = slots_publish(
        adviseur=adviseur, start=local_start(1), duur_minuten=45, vorm=Gespreksvorm.VIDEO, weken=26
    )
    assert len(slots) == 26
    assert len({s.reeks for s in slots}) == 1 and slots[0].reeks is not None
    local = [timezone.localtime(s.start, AMSTERDAM) for s in slots]
    assert {(t.hour, t.minute, t.weekday()) for t in local} == {(10, 0, local[0].weekday())}
    assert all(b.date() - a.date() == timedelta(weeks=1) for a, b in pairwise(local))


def test_a_single_slot_has_no_series(adviseur):
    (slot,) = slots_publish(
        adviseur=adviseur, start=local_start(2), duur_minuten=30, vorm=Gespreksvorm.TELEFOON
    )
    assert slot.reeks is None and slot.regio == adviseur.regio


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"vorm": Gespreksvorm.LOCATIE}, "locatie", "Vul het adres in"),
        ({"start": timezone.now() - timedelta(hours=1)}, "datum", "in de toekomst"),
        ({"weken": 27}, "weken", "tussen 1 en 26"),
        ({"duur_minuten": 5}, "duur_minuten", "tussen 10 en 240"),
    ],
)
def test_publishing_refuses_bad_input_in_dutch(adviseur, fields, field, message):
    values = {"start": local_start(2), "duur_minuten": 45, "vorm": Gespreksvorm.VIDEO, **fields}
    with pytest.raises(ValidationError) as error:
        slots_publish(adviseur=adviseur, **values)
    assert message in " ".join(error.value.message_dict[field])
    assert not Adviesslot.objects.exists()


def test_an_overlapping_slot_is_refused(adviseur):
    slots_publish(adviseur=adviseur, start=local_start(2), duur_minuten=60, vorm="video")
    with pytest.raises(ValidationError, match="overlapt met je moment van"):
        slots_publish(
            adviseur=adviseur,
            start=local_start(2) + timedelta(minutes=30),
            duur_minuten=30,
            vorm="video",
        )
    assert Adviesslot.objects.count() == 1


def test_withdrawing_the_rest_of_a_series_leaves_booked_and_earlier_slots(adviseur, regio):
    slots = slots_publish(
        adviseur=adviseur, start=local_start(1), duur_minuten=45, vorm="video", weken=5
    )
    book(slots[3])
    result = slot_withdraw(slot=slots[1], reeks=True)

    assert result.ingetrokken == 3
    assert result.geboekt == [slots[3]]
    withdrawn = set(Adviesslot.objects.filter(geannuleerd=True).values_list("pk", flat=True))
    assert withdrawn == {slots[1].pk, slots[2].pk, slots[4].pk}


def test_a_booked_slot_is_not_withdrawn(adviseur, regio):
    slot = make_slot(adviseur)
    book(slot)
    result = slot_withdraw(slot=slot)
    assert (result.ingetrokken, result.geboekt) == (0, [slot])
    slot.refresh_from_db()
    assert not slot.geannuleerd
