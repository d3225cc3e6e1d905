"""Calendar invitations (iCalendar, RFC 5545) for advice conversations."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from .models import Boeking, Gespreksvorm
from .services.advies import AMSTERDAM, boeking_beheren_url, slot_einde

PRODID = "-//Onderwijsloket//Adviesgesprekken//NL"


def desk_address() -> str:
    """The desk's sending address, bare (DEFAULT_FROM_EMAIL may carry a display name)."""
    address = settings.DEFAULT_FROM_EMAIL
    if "<" in address:
        address = address.split("<", 1)[1].rstrip(">")
    return address.strip()


def boeking_uid(boeking: Boeking) -> str:
    """The same for every invitation, update and cancellation of one booking."""
    domain = desk_address().rsplit("@", 1)[-1] or "onderwijsloket"
    return f"adviesgesprek-{boeking.pk}@{domain}"


def _location(boeking: Boeking) -> str:
    slot = boeking.slot
    if slot.vorm == Gespreksvorm.LOCATIE:
        return slot.locatie
    if slot.vorm == Gespreksvorm.VIDEO:
        return _("Online (videogesprek)")
    return _("Telefonisch")


def _description(boeking: Boeking, beheren_url: str) -> str:
    slot = boeking.slot
    if slot.vorm == Gespreksvorm.TELEFOON:
        how = _("Je adviseur belt je op %(telefoon)s.") % {
            "telefoon": boeking.kandidaat.telefoon or _("het nummer dat je opgaf")
        }
    elif slot.vorm == Gespreksvorm.VIDEO:
        how = _("Je adviseur stuurt je vóór het gesprek de link naar het videogesprek.")
    else:
        how = _("Het gesprek is op deze plek: %(locatie)s.") % {"locatie": slot.locatie}
    lines = [
        _("Adviesgesprek met %(adviseur)s van het onderwijsloket van %(regio)s.")
        % {"adviseur": slot.adviseur.get_full_name(), "regio": slot.regio.naam},
        how,
    ]
    if beheren_url:
        lines.append(_("Verzetten of annuleren: %(url)s") % {"url": beheren_url})
    return "\n\n".join(lines)


def boeking_ics(boeking: Boeking, *, method: str = "REQUEST", beheren_url: str = "") -> bytes:
    """An invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL) for one booking.

    Times carry TZID=Europe/Amsterdam with a VTIMEZONE for the years around the event, so
    calendars that do not know the zone still show the right hour. The UID is stable per
    booking, and a cancellation has a higher SEQUENCE, so calendars replace the invitation.
    """
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(f"Unsupported METHOD {method!r}")
    slot = boeking.slot
    start = timezone.localtime(slot.start, AMSTERDAM)
    user = boeking.kandidaat.user

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)

    event = Event()
    event.add("uid", boeking_uid(boeking))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", timezone.localtime(slot_einde(slot), AMSTERDAM))
    event.add("sequence", 1 if method == "CANCEL" else 0)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    event.add(
        "summary",
        _("Adviesgesprek onderwijsloket %(regio)s") % {"regio": slot.regio.naam},
    )
    if method == "REQUEST" and not beheren_url:
        beheren_url = boeking_beheren_url(boeking)
    event.add("description", _description(boeking, beheren_url if method == "REQUEST" else ""))
    event.add("location", _location(boeking))
    organizer = vCalAddress(f"mailto:{desk_address()}")
    organizer.params["cn"] = vText(
        _("%(adviseur)s, onderwijsloket %(regio)s")
        % {"adviseur": slot.adviseur.get_full_name(), "regio": slot.regio.naam}
    )
    event.add("organizer", organizer)
    if user is not None:
        attendee = vCalAddress(f"mailto:{user.email}")
        attendee.params["cn"] = vText(user.get_full_name())
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("ACCEPTED")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee)
    calendar.add_component(event)
    calendar.add_missing_timezones(
        first_date=start.date() - timedelta(days=366), last_date=start.date() + timedelta(days=366)
    )
    return calendar.to_ical()
