"""The reminder the day before: only tomorrow's conversations (Amsterdam's date), each once."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone

from loket.models import Adviesslot, Boeking, Gespreksvorm
from loket.services.advies import AMSTERDAM, boeking_cancel, boeking_create
from loket.services.advies_mail import herinneringen_send
from loket.tasks import send_advies_herinneringen


def at(days: int, hour: int, minute: int = 0):
    day = timezone.localdate(timezone=AMSTERDAM) + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)), AMSTERDAM)


@pytest.fixture
def booking_at(adviseur, regio):
    def make(start, email):
        slot = Adviesslot.objects.create(
            adviseur=adviseur, regio=regio, start=start, vorm=Gespreksvorm.TELEFOON
        )
        boeking, _ = boeking_create(slot=slot, naam="Noor", email=email, telefoon="06 12345678")
        return boeking

    return make


def test_tomorrows_conversations_are_reminded_once_across_two_runs(booking_at, mailoutbox):
    vroeg = booking_at(at(1, 0, 0), "vroeg@example.nl")
    laat = booking_at(at(1, 23, 59), "laat@example.nl")
    booking_at(at(2, 0, 0), "overmorgen@example.nl")
    booking_at(at(0, 23, 59), "vandaag@example.nl")

    assert send_advies_herinneringen.apply().get() == 2
    assert send_advies_herinneringen.apply().get() == 0

    assert sorted(mail.to[0] for mail in mailoutbox) == ["laat@example.nl", "vroeg@example.nl"]
    mail = mailoutbox[0]
    assert mail.subject.startswith("[Onderwijsloket] Morgen: je adviesgesprek op")
    assert "belt je op 06 12345678" in mail.body
    assert mail.alternatives[0][1] == "text/html"
    assert mail.attachments[0][0] == "adviesgesprek.ics"
    for boeking in (vroeg, laat):
        boeking.refresh_from_db()
        assert boeking.herinnering_verstuurd_op is not None


def test_a_cancelled_conversation_gets_no_reminder(booking_at, mailoutbox):
    boeking = booking_at(at(1, 10), "afgezegd@example.nl")
    boeking_cancel(boeking=boeking)
    assert herinneringen_send() == 0
    assert mailoutbox == []


def test_tomorrow_is_amsterdams_tomorrow_not_utcs(booking_at, mailoutbox):
    # Half past midnight in Amsterdam is still the evening before in UTC: "tomorrow" must
    # be counted from Amsterdam's date, or the wrong day's conversations are reminded.
    now = at(1, 0, 30)
    assert now.astimezone(UTC).date() < now.date()
    zelfde_dag = booking_at(at(1, 9), "vandaag.nog@example.nl")
    volgende_dag = booking_at(at(2, 9), "morgen@example.nl")

    assert herinneringen_send(now=now) == 1
    assert [mail.to for mail in mailoutbox] == [["morgen@example.nl"]]
    zelfde_dag.refresh_from_db()
    volgende_dag.refresh_from_db()
    assert zelfde_dag.herinnering_verstuurd_op is None
    assert volgende_dag.herinnering_verstuurd_op is not None


def test_a_claimed_booking_is_not_sent_again(booking_at, mailoutbox):
    boeking = booking_at(at(1, 10), "geclaimd@example.nl")
    # Another run claimed it a moment ago (its UPDATE came first).
    Boeking.objects.filter(pk=boeking.pk).update(herinnering_verstuurd_op=timezone.now())
    assert herinneringen_send() == 0
    assert mailoutbox == []


def test_a_failed_send_releases_the_claim_for_the_next_run(booking_at, mailoutbox, settings):
    boeking = booking_at(at(1, 10), "kapot@example.nl")
    settings.EMAIL_BACKEND = "tests.test_herinneringen.BrokenBackend"
    assert herinneringen_send() == 0
    boeking.refresh_from_db()
    assert boeking.herinnering_verstuurd_op is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert herinneringen_send() == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")
