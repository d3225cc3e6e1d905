"""The calendar invitation of a booking: valid iCalendar, Amsterdam time, one UID per booking."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from loket.ics import boeking_ics
from loket.models import Adviesslot, Gespreksvorm
from loket.services.advies import AMSTERDAM, boeking_create

# Half past nine in winter and in summer: UTC differs, the wall clock must not.
WINTER = datetime(2027, 1, 12, 9, 30, tzinfo=AMSTERDAM)
ZOMER = datetime(2027, 6, 15, 9, 30, tzinfo=AMSTERDAM)


@pytest.fixture
def booking(adviseur, regio):
    def make(start=WINTER, vorm=Gespreksvorm.VIDEO, locatie=""):
        slot = Adviesslot.objects.create(
            adviseur=adviseur, regio=regio, start=start, duur_minuten=45, vorm=vorm, locatie=locatie
        )
        boeking, _ = boeking_create(
            slot=slot,
            naam="Noor Nieuw",
            email=f"noor{slot.pk}@example.nl",
            telefoon="06 12345678",
        )
        return boeking

    return make


def parse(ics: bytes):
    calendar = Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


@pytest.mark.parametrize("start", [WINTER, ZOMER], ids=["winter", "zomer"])
def test_the_invitation_is_valid_icalendar_in_amsterdam_time(booking, start):
    boeking = booking(start=start)
    calendar, event = parse(boeking_ics(boeking))

    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    dtstart = event.decoded("DTSTART")
    assert (dtstart.hour, dtstart.minute) == (9, 30)
    assert dtstart.utcoffset() == (timedelta(hours=1) if start is WINTER else timedelta(hours=2))
    assert event.decoded("DTEND") - dtstart == timedelta(minutes=45)
    assert str(event["SUMMARY"]) == "Adviesgesprek onderwijsloket Onderwijsregio Twente"
    assert str(event["UID"]) == f"adviesgesprek-{boeking.pk}@onderwijsregio.example"
    assert str(event["ORGANIZER"]) == "mailto:loket@onderwijsregio.example"
    assert "Ada Adviseur" in event["ORGANIZER"].params["CN"]
    assert str(event["ATTENDEE"]) == f"mailto:{boeking.kandidaat.user.email}"
    assert str(event["STATUS"]) == "CONFIRMED"


def test_the_uid_is_stable_and_a_cancellation_replaces_the_invitation(booking):
    boeking = booking()
    _, first = parse(boeking_ics(boeking))
    _, again = parse(boeking_ics(boeking))
    calendar, cancel = parse(boeking_ics(boeking, method="CANCEL"))

    assert first["UID"] == again["UID"] == cancel["UID"]
    assert calendar["METHOD"] == "CANCEL"
    assert str(cancel["STATUS"]) == "CANCELLED"
    assert cancel["SEQUENCE"] > first["SEQUENCE"]


@pytest.mark.parametrize(
    ("vorm", "locatie", "where", "how"),
    [
        (Gespreksvorm.TELEFOON, "", "Telefonisch", "belt je op 06 12345678"),
        (Gespreksvorm.VIDEO, "", "Online (videogesprek)", "link naar het videogesprek"),
        (
            Gespreksvorm.LOCATIE,
            "Hengelosestraat 1, Enschede",
            "Hengelosestraat 1, Enschede",
            "op deze plek: Hengelosestraat 1, Enschede",
        ),
    ],
)
def test_location_and_description_follow_the_kind_of_conversation(
    booking, vorm, locatie, where, how
):
    boeking = booking(start=timezone.now() + timedelta(days=3), vorm=vorm, locatie=locatie)
    _, event = parse(boeking_ics(boeking))
    assert str(event["LOCATION"]) == where
    description = str(event["DESCRIPTION"])
    assert how in description
    assert "/advies/beheren/" in description
