"""Booking advice in a real browser, as a new visitor: choose a region and a moment, book,
read the confirmation with its invitation, cancel through the link; then the adviser records
the outcome of another conversation and the candidate's journey moves on."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from kandidaten.models import Fase, RouteSoort
from loket.models import Adviesslot, Boeking, Gespreksvorm
from loket.services.advies import boeking_create

from .axe import assert_accessible

pytestmark = pytest.mark.browser

BEHEREN_LINK = re.compile(r"https?://\S+/advies/beheren/[^/\s]+/")


def assert_no_browser_errors(errors: list[str]) -> None:
    assert errors == [], "The browser console reported:\n" + "\n".join(errors)


@pytest.fixture
def agenda(adviseur, regio, opleiding):
    """A free video slot in three days, and a conversation with Bo that took place today."""
    vrij = Adviesslot.objects.create(
        adviseur=adviseur,
        regio=regio,
        start=timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
        + timedelta(days=3),
        vorm=Gespreksvorm.VIDEO,
    )
    geweest = Adviesslot.objects.create(
        adviseur=adviseur, regio=regio, start=timezone.now() + timedelta(days=1), vorm="telefoon"
    )
    boeking, _ = boeking_create(
        slot=geweest,
        naam="Bo Bakker",
        email="bo@example.nl",
        telefoon="06 87654321",
        vraag="Kan ik de pabo in deeltijd doen?",
    )
    Adviesslot.objects.filter(pk=geweest.pk).update(start=timezone.now() - timedelta(hours=1))
    return vrij, boeking


def test_a_visitor_books_and_cancels_advice_and_the_adviser_records_an_outcome(
    page, browser_errors, log_in, live_server, settings, mailoutbox, agenda, adviseur, opleiding
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LOKET_BASE_URL = live_server.url
    vrij, boeking_bo = agenda

    # The public booking page: choose the region; htmx swaps in its free moments.
    page.goto("/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Adviesgesprek"
    ).click()
    expect(page.get_by_text("Kies hierboven de regio")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Regio").select_option(label="Onderwijsregio Twente")
    moment = page.locator("a.advies-moment")
    expect(moment).to_have_count(1)
    expect(page).to_have_url(re.compile(r"regio=twente"))
    assert_accessible(page)
    expect(moment).to_contain_text("10:00")
    moment.click()

    # The booking form.
    expect(page.get_by_role("heading", name="Adviesgesprek boeken")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Je naam").fill("Noor Nieuw")
    page.get_by_label("E-mailadres").fill("noor@example.nl")
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    page.get_by_label("Waar wil je het over hebben?").fill("Welke bevoegdheid heb ik nodig?")
    page.get_by_label("Ik geef het onderwijsloket toestemming").check()
    page.get_by_role("button", name="Gesprek boeken").click()

    expect(page.get_by_role("heading", name="Je adviesgesprek is geboekt")).to_be_visible()
    assert_accessible(page)
    boeking = Boeking.objects.get(slot=vrij)
    assert boeking.kandidaat.fase == Fase.ADVIES

    # The confirmation: text and HTML, the invitation, the link to cancel.
    (mail,) = [m for m in mailoutbox if m.to == ["noor@example.nl"]]
    assert "Je adviesgesprek op" in mail.subject
    name, ics, _ = mail.attachments[0]
    assert name == "adviesgesprek.ics"
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART").hour == 10
    link = BEHEREN_LINK.search(mail.body).group(0)
    assert link.startswith(live_server.url)

    # Cancel through the link, without logging in.
    page.goto(link)
    expect(page.get_by_role("heading", name="Je adviesgesprek")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Afspraak annuleren").click()
    expect(
        page.get_by_text("Je afspraak is geannuleerd. Je krijgt een bevestiging")
    ).to_be_visible()
    assert_accessible(page)
    boeking.refresh_from_db()
    assert boeking.status == Boeking.Status.GEANNULEERD
    assert any("Geannuleerd" in m.subject for m in mailoutbox)

    # The adviser logs in and records the outcome of Bo's conversation.
    log_in(adviseur)
    open_gesprekken = page.get_by_role("region", name="Uitkomst nog vastleggen")
    open_gesprekken.get_by_role("link", name="Bo Bakker").click()
    expect(page.get_by_text("Kan ik de pabo in deeltijd doen?")).to_be_visible()
    page.get_by_label("Route gekozen: verwezen naar een opleiding").check()
    page.get_by_label("Gekozen route").select_option(label="Deeltijd pabo")
    page.get_by_label("Verwezen naar opleiding").select_option(label="Pabo Twente")
    page.get_by_label("Notities").fill("Hbo-diploma; start in september.")
    page.get_by_role("button", name="Uitkomst vastleggen").click()

    expect(page.get_by_text("De uitkomst van het gesprek is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Gesprek afgerond: Route gekozen")).to_be_visible()
    kandidaat = boeking_bo.kandidaat
    kandidaat.refresh_from_db()
    assert kandidaat.fase == Fase.ROUTE_TOELATING
    assert (kandidaat.route, kandidaat.opleiding) == (RouteSoort.DEELTIJD_PABO, opleiding)
    assert_no_browser_errors(browser_errors)


def test_the_booking_form_works_without_javascript(browser, live_server, adviseur, regio):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    slot = Adviesslot.objects.create(
        adviseur=adviseur,
        regio=regio,
        start=timezone.now() + timedelta(days=2),
        vorm=Gespreksvorm.LOCATIE,
        locatie="Stadhuis Enschede",
    )
    page.goto("/advies/")
    page.get_by_label("Regio").select_option(label="Onderwijsregio Twente")
    page.get_by_role("button", name="Toon momenten").click()
    page.locator("a.advies-moment").click()
    page.get_by_label("Je naam").fill("Zonder Script")
    page.get_by_label("E-mailadres").fill("zonder@example.nl")
    page.get_by_label("Telefoonnummer").fill("0612345678")
    page.get_by_label("Ik geef het onderwijsloket toestemming").check()
    page.get_by_role("button", name="Gesprek boeken").click()
    expect(page.get_by_role("heading", name="Je adviesgesprek is geboekt")).to_be_visible()
    assert slot.boekingen.get().kandidaat.user.email == "zonder@example.nl"
    context.close()
