"""The public desk in a real browser, as a new visitor; every page is checked with axe.

The route finder step by step, a route, the knowledge base, signing up for an information
evening and cancelling; also the route finder without JavaScript.
"""

import importlib
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from loket.models import Aanmelding, Evenement
from regio.models import Opleidingssoort, OrganisatieSoort

from ..factories import OrganisatieFactory
from .axe import assert_accessible

pytestmark = pytest.mark.browser

CONTENT = importlib.import_module("loket.migrations.0004_kennisbank_inhoud")


def assert_no_browser_errors(errors: list[str]) -> None:
    assert errors == [], "The browser console reported:\n" + "\n".join(errors)


def mark_page(page) -> None:
    """Leave a mark in the window; a page load (instead of an htmx swap) would wipe it."""
    page.evaluate("() => { window.geenNieuwePagina = true; }")


def assert_same_page(page) -> None:
    assert page.evaluate("() => window.geenNieuwePagina === true"), "the page was reloaded"


@pytest.fixture
def desk(regio, andere_regio):
    """The desk's content, the institutes of Twente, and one information evening there."""
    CONTENT.inhoud_laden(apps)
    OrganisatieFactory(
        opleiding=True,
        regio=regio,
        naam="Universiteit Twente ELAN",
        opleidingssoort=Opleidingssoort.EERSTEGRAADS,
    )
    OrganisatieFactory(
        opleiding=True, regio=regio, naam="Pabo Enschede", opleidingssoort=Opleidingssoort.PABO
    )
    OrganisatieFactory(regio=regio, soort=OrganisatieSoort.ROC, naam="ROC van Twente")
    start = timezone.now() + timedelta(days=10)
    return Evenement.objects.create(
        regio=regio,
        titel="Informatieavond leraar worden",
        beschrijving="Alles over zij-instroom en de lerarenopleidingen.",
        start=start,
        eind=start + timedelta(hours=2),
        locatie="Stadhuis Enschede",
        capaciteit=12,
    )


def answer(page, question: str, option: str, button: str = "Volgende vraag") -> None:
    """Answer the step's one question and go on; htmx swaps in the next step."""
    expect(page.get_by_role("group", name=question)).to_be_visible()
    page.get_by_role("radio", name=option, exact=True).check()
    page.get_by_role("button", name=button).click()


def test_a_new_visitor_finds_a_route_reads_the_faq_and_signs_up_for_an_evening(
    page, browser_errors, desk, live_server, settings
):
    settings.LOKET_BASE_URL = live_server.url  # links in the e-mails point at this server
    # Home → the route finder, which htmx turns into one question per step.
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Vind je route met de routewijzer").click()
    expect(page.get_by_text("Vraag 1 van 6")).to_be_visible()
    expect(page.get_by_role("group", name="In welke sector wil je werken?")).to_have_count(0)
    assert_accessible(page)
    mark_page(page)

    answer(page, "Wat is je hoogste afgeronde opleiding?", "Wo-master")
    expect(page.get_by_text("Vraag 2 van 6")).to_be_visible()
    # The next question has the focus, for keyboard and screen reader users.
    expect(page.get_by_role("radio", name="Basisonderwijs (PO)")).to_be_focused()
    assert "stap=2" in page.url
    answer(page, "In welke sector wil je werken?", "Voortgezet onderwijs (VO)")
    page.get_by_label("Welk vak wil je geven?").fill("Duits")
    page.get_by_role("button", name="Volgende vraag").click()
    answer(page, "Past de richting van je opleiding bij dat vak?", "Ja")
    # Back one step and forward again: the answer given is still chosen.
    page.get_by_role("link", name="Vorige vraag").click()
    expect(page.get_by_text("Vraag 4 van 6")).to_be_visible()
    expect(page.get_by_role("radio", name="Ja", exact=True)).to_be_checked()
    page.get_by_role("button", name="Volgende vraag").click()
    answer(page, "Werk je al in het onderwijs?", "Nee")
    assert_accessible(page)
    answer(page, "Wil je de opleiding combineren met een baan?", "Ja", "Toon mijn routes")

    expect(page.get_by_text("6 routes passen bij je antwoorden.")).to_be_visible()
    assert_same_page(page)
    assert "stap=7" in page.url
    match = page.locator(".route-match", has_text="Universitaire lerarenopleiding")
    expect(match.get_by_text("Je vooropleiding past bij Duits")).to_be_visible()
    expect(match.get_by_role("link", name=re.compile("^Adviesgesprek boeken"))).to_have_attribute(
        "href", "/advies/?route=universitaire-lerarenopleiding"
    )
    assert_accessible(page)

    # The route: who it suits, and where to study it in the region the visitor picks.
    match.get_by_role(
        "link", name="Universitaire lerarenopleiding of educatieve master", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Universitaire lerarenopleiding of educatieve master"
    )
    expect(page.get_by_text("Kies je regio om te zien welke opleidingen")).to_be_visible()
    mark_page(page)
    page.get_by_label("Regio").select_option(label="Onderwijsregio Twente")
    expect(page.get_by_role("link", name="Universiteit Twente ELAN")).to_be_visible()
    expect(page.get_by_text("Pabo Enschede")).to_have_count(0)
    assert_same_page(page)
    assert "regio=twente" in page.url
    assert_accessible(page)

    # The knowledge base: live search as you type, then the answer.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Kennisbank").click()
    expect(page.get_by_role("heading", name="Bevoegdheid")).to_be_visible()
    assert_accessible(page)
    mark_page(page)
    page.get_by_label("Zoek in de kennisbank").fill("zij-instromen")
    expect(page.get_by_text("Zoekresultaten voor ‘zij-instromen’")).to_be_visible()
    first = page.locator("#resultaten .faq-list li a").first
    expect(first).to_have_text("Wat is zij-instroom?")
    assert_same_page(page)
    assert_accessible(page)
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat is zij-instroom?")
    expect(page.get_by_text("Je begint met een geschiktheidsonderzoek.")).to_be_visible()
    assert_accessible(page)

    # An information evening: sign up, read the confirmation, cancel by the e-mailed link.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Bijeenkomsten"
    ).click()
    expect(page.get_by_text("Nog 12 plaatsen vrij")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Informatieavond leraar worden").click()
    expect(page.get_by_text("Nog 12 plaatsen vrij van de 12")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Naam").fill("Noor Nieuw")
    page.get_by_label("E-mailadres").fill("geen-adres")
    page.get_by_role("button", name="Aanmelden").click()
    expect(
        page.get_by_text("Vul een geldig e-mailadres in, bijv. naam@voorbeeld.nl.")
    ).to_be_visible()
    expect(page.get_by_text("Geef toestemming voor het gebruik van je gegevens")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("E-mailadres").fill("noor@example.nl")
    page.get_by_label("Telefoonnummer (niet verplicht)").fill("06 12345678")
    page.get_by_label(re.compile("^Ik geef het loket toestemming")).check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(
        page.get_by_text("Je bent aangemeld. We hebben een bevestiging gestuurd")
    ).to_be_visible()
    expect(page.get_by_text("Nog 11 plaatsen vrij van de 12")).to_be_visible()
    assert_accessible(page)

    [bevestiging] = mail.outbox
    link = re.search(r"https?://\S+/bijeenkomsten/afmelden/\S+/", bevestiging.body).group(0)
    assert link.startswith(live_server.url)
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Ja, meld mij af").click()
    expect(page.get_by_text("Je bent afgemeld. Je plaats is vrijgegeven.")).to_be_visible()
    assert Aanmelding.objects.get().status == Aanmelding.Status.AFGEMELD
    assert_accessible(page)

    page.goto("/bijeenkomsten/afmelden/vals/")
    expect(page.get_by_text("Deze afmeldlink klopt niet.")).to_be_visible()
    assert_accessible(page)
    # The refused form answered 422 and the forged link 400, as they should; the console
    # reports both. Nothing else may be there.
    browser_errors[:] = [e for e in browser_errors if not re.search(r"status of (400|422) ", e)]
    assert_no_browser_errors(browser_errors)


def test_the_route_finder_works_without_javascript(page, desk):
    # No htmx, the portal's only script: the page must work as plain HTML. (A context with
    # JavaScript switched off would also switch off the axe check.)
    page.route("**/django_htmx/**", lambda route: route.abort())
    page.goto("/routewijzer/")
    # Every question on one page.
    expect(page.get_by_role("group")).to_have_count(5)
    expect(page.get_by_label("Welk vak wil je geven?")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Toon mijn routes").click()
    expect(page.get_by_text("Kies een antwoord.").first).to_be_visible()
    assert_accessible(page)

    for vraag, antwoord in (
        ("Wat is je hoogste afgeronde opleiding?", "Mbo"),
        ("In welke sector wil je werken?", "Basisonderwijs (PO)"),
        ("Past de richting van je opleiding bij dat vak?", "Weet ik niet"),
        ("Werk je al in het onderwijs?", "Nee"),
        ("Wil je de opleiding combineren met een baan?", "Ja"),
    ):
        group = page.get_by_role("group", name=vraag)
        group.get_by_role("radio", name=antwoord, exact=True).check()
    page.get_by_role("button", name="Toon mijn routes").click()

    expect(page.get_by_text("3 routes passen bij je antwoorden.")).to_be_visible()
    expect(page.get_by_role("link", name="Deeltijd pabo", exact=True)).to_be_visible()
    expect(
        page.get_by_role("link", name="Zij-instroom in het basisonderwijs", exact=True)
    ).to_have_count(0)
    assert "niveau=mbo" in page.url
    assert_accessible(page)
