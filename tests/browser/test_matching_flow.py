"""Matching in a real browser, from vacancy to appointment: HR posts and publishes a maths
vacancy, finds a fitting candidate by pseudonym and invites them; the candidate accepts on
their own computer; HR then sees who it is and records the appointment; the adviser sees the
candidate appointed on their journey, and the vacancy is filled."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from kandidaten.matching import pseudoniem
from kandidaten.models import Fase
from kandidaten.services import kandidaat_move
from regio.models import Functie, Sector, Vak

from ..factories import PASSWORD, VestigingFactory
from .axe import assert_accessible

pytestmark = pytest.mark.browser

BESTUUR = "Stichting Tweede Kans"
SCHOOL = "Het Stedelijk Lyceum"
SCHOOL_OPTIE = f"{SCHOOL} (34CD00)"  # how a school is named in a choice list
TITEL = "Leraar wiskunde"
PSEUDONIEM = re.compile(r"^Kandidaat [A-Z2-7]{6}$")


def assert_no_browser_errors(errors: list[str]) -> None:
    assert errors == [], "The browser console reported:\n" + "\n".join(errors)


def for_(action: str, naam: str) -> re.Pattern:
    """A button's name with its visually hidden ": naam" (Chromium may add a space before
    the colon, as the hidden span is positioned absolutely)."""
    return re.compile(rf"^{re.escape(action)} ?: {re.escape(naam)}$")


def menu(page):
    return page.get_by_role("navigation", name="Hoofdmenu")


def over(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def dutch(date: datetime.date) -> str:
    """A date as the pages write it, e.g. "1 augustus 2027"."""
    with translation.override("nl"):
        return formats.date_format(date, "j F Y")


@pytest.fixture
def lyceum(bestuur):
    """The board's secondary school in Enschede, a few kilometres from the candidate."""
    return VestigingFactory(
        bestuur=bestuur,
        naam=SCHOOL,
        brin="34CD",
        vestigingsnummer="00",
        sector=Sector.VO,
        postcode="7514 AA",
        gemeente="Enschede",
    )


@pytest.fixture
def wiskundige(traject, adviseur):
    """Kim, advised by the desk, shares a profile that fits a maths vacancy in Enschede."""
    kandidaat_move(kandidaat=traject, naar=Fase.ADVIES, door=adviseur)
    traject.refresh_from_db()
    # The live server's database is emptied between tests, migrations' rows included.
    wiskunde, _ = Vak.objects.get_or_create(naam="Wiskunde", defaults={"slug": "wiskunde"})
    profiel = {
        "sectoren": [Sector.VO],
        "functies": [Functie.LERAAR],
        "postcode": "7511 AB",
        "max_afstand_km": 25,
        "fte_gewenst": Decimal("0.8"),
        "beschikbaar_vanaf": timezone.localdate() + datetime.timedelta(days=30),
        "deel_met_regio": True,
    }
    for name, value in profiel.items():
        setattr(traject, name, value)
    traject.save(update_fields=list(profiel))
    traject.vakken.set([wiskunde])
    return traject


@pytest.fixture
def tweede_scherm(browser, live_server):
    """Another person's browser (a fresh context, no cookies) with its console errors."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []

    def on_console(message):
        if message.type == "error":
            errors.append(f"{message.text} ({message.location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"Uncaught {error}"))
    yield page, errors
    context.close()


def test_hr_finds_invites_and_appoints_a_candidate_who_accepted(
    page,
    browser_errors,
    log_in,
    tweede_scherm,
    hr,
    kandidaat,
    adviseur,
    lyceum,
    wiskundige,
):
    # HR posts a maths vacancy at the lyceum through the menu and the form.
    log_in(hr)
    menu(page).get_by_role("link", name="Vacatures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vacatures")
    page.get_by_role("link", name="Nieuwe vacature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe vacature")
    page.get_by_label("Titel").fill(TITEL)
    page.get_by_label("School").select_option(label=SCHOOL_OPTIE)
    page.get_by_label("Functie").select_option(label="Leraar")
    page.get_by_label("Sector").select_option(label="Voortgezet onderwijs (VO)")
    page.get_by_label("Vak").select_option(label="Wiskunde")
    page.get_by_label("Vereiste bevoegdheid").select_option(label="Tweedegraads")
    page.get_by_label("Open voor zij-instromers").check()
    page.get_by_label("Fte").fill("0,8")
    page.get_by_label("Startdatum").fill(over(60).isoformat())
    page.get_by_label("Sluitdatum").fill(over(90).isoformat())
    page.get_by_label("Omschrijving").fill("Wiskunde in de onderbouw van havo en vwo.")
    page.get_by_role("button", name="Vacature opslaan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITEL)
    expect(page.get_by_text(f"De vacature {TITEL} is opgeslagen als concept.")).to_be_visible()
    page.get_by_role("button", name="Publiceren").click()
    expect(
        page.get_by_text("De vacature is gepubliceerd en staat nu op de vacaturesite.")
    ).to_be_visible()
    expect(page.locator("#status dd[data-status]")).to_have_text("Gepubliceerd")

    # The matching page: the candidate by pseudonym only, with why they fit.
    page.get_by_role("link", name="Passende kandidaten bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Kandidaten voor {TITEL}")
    resultaten = page.locator("#resultaten")
    expect(resultaten.get_by_role("status")).to_have_text("1 passende kandidaat")
    rij = resultaten.get_by_role("row").filter(has=page.get_by_role("rowheader"))
    expect(rij).to_have_count(1)
    label = pseudoniem(wiskundige.pk)
    assert PSEUDONIEM.match(label)
    expect(rij.get_by_role("rowheader")).to_have_text(label)
    expect(rij.get_by_text("Vak past: wiskunde")).to_be_visible()
    expect(rij.get_by_text("Sector past: Voortgezet onderwijs (VO)")).to_be_visible()
    expect(rij.get_by_text("Functie past: leraar")).to_be_visible()
    expect(rij.get_by_text(re.compile(r"^Afstand \d+(,\d)? km \(max\. 25 km\)$"))).to_be_visible()
    main = page.get_by_role("main")
    expect(main).not_to_contain_text(kandidaat.naam)
    expect(main).not_to_contain_text(kandidaat.email)
    assert kandidaat.naam not in page.content()
    assert kandidaat.email not in page.content()
    assert_accessible(page)

    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        rij.get_by_role("button", name=for_("Uitnodigen", label)).click()
    assert posted.value.request.headers.get("hx-request") == "true"
    expect(rij.get_by_role("status")).to_contain_text(f"{label} is uitgenodigd.")
    expect(rij.get_by_text("Uitgenodigd, wacht op de kandidaat")).to_be_visible()
    assert kandidaat.naam not in page.content()
    assert_accessible(page)

    # The candidate, on their own computer, accepts the school's invitation.
    scherm, scherm_errors = tweede_scherm
    scherm.goto("/account/login/")
    scherm.get_by_label("E-mailadres").fill(kandidaat.email)
    scherm.get_by_label("Wachtwoord").fill(PASSWORD)
    scherm.get_by_label("Wachtwoord").press("Enter")
    scherm.wait_for_url(lambda url: "/account/login/" not in url)
    menu(scherm).get_by_role("link", name="Vacatures voor mij").click()
    expect(scherm.get_by_role("heading", level=1)).to_have_text("Vacatures voor mij")
    uitnodigingen = scherm.get_by_role("region", name="Uitnodigingen van scholen")
    expect(uitnodigingen).to_contain_text(f"{BESTUUR}: {TITEL} – {SCHOOL}")
    eigen = scherm.get_by_role("region", name="In Onderwijsregio Twente")
    expect(eigen.get_by_role("link", name=TITEL)).to_be_visible()
    expect(eigen.get_by_text("Vak past: wiskunde")).to_be_visible()
    expect(eigen.get_by_text("De school nodigt je uit: zie hierboven")).to_be_visible()
    assert_accessible(scherm)
    uitnodigingen.get_by_role("button", name=for_("Accepteren", BESTUUR)).click()
    expect(
        scherm.get_by_text(f"Je hebt de introductie bij {BESTUUR} geaccepteerd.")
    ).to_be_visible()
    menu(scherm).get_by_role("link", name="Vacatures voor mij").click()
    expect(scherm.get_by_role("region", name="Uitnodigingen van scholen")).to_have_count(0)
    expect(scherm.get_by_text("Introductie geaccepteerd")).to_be_visible()
    assert_no_browser_errors(scherm_errors)

    # HR reloads the list: now the candidate has a name, and a page of their own.
    page.reload()
    introducties = page.get_by_role("region", name="Introducties voor deze vacature")
    expect(introducties).to_contain_text(f"{kandidaat.naam} – Geaccepteerd")
    expect(page.get_by_text("Introductie geaccepteerd")).to_be_visible()
    introducties.get_by_role("link", name=for_("Gesprekken en aanstelling", kandidaat.naam)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(kandidaat.naam)
    expect(page.get_by_role("link", name=kandidaat.email)).to_be_visible()
    expect(page.locator("dl.details")).to_contain_text(f"{TITEL} – {SCHOOL} (0,8 fte open)")
    assert_accessible(page)

    # The appointment, through its form.
    aanstelling = page.get_by_role("form", name="Aanstelling")
    aanstelling.get_by_label("School").select_option(label=SCHOOL_OPTIE)
    aanstelling.get_by_label("Startdatum").fill(over(60).isoformat())
    aanstelling.get_by_label("Fte").fill("0,8")
    aanstelling.get_by_label("Soort contract").select_option(
        label="Tijdelijk, met uitzicht op vast"
    )
    aanstelling.get_by_role("button", name="Aanstelling vastleggen").click()
    expect(page.get_by_text(f"De aanstelling van {kandidaat.naam} is vastgelegd.")).to_be_visible()
    sectie = page.get_by_role("region", name="Aanstelling")
    expect(sectie.get_by_role("listitem")).to_have_text(
        f"Aangesteld bij {SCHOOL} vanaf {dutch(over(60))}, "
        "0,8 fte (Tijdelijk, met uitzicht op vast)"
    )
    expect(sectie.get_by_text("Deze vacature staat niet meer open.")).to_be_visible()
    expect(page.locator("dl.details div", has_text="Fase").locator("dd")).to_have_text(
        "Aanstelling"
    )
    assert_accessible(page)

    # The vacancy is filled: HR's list says so and has no fte left open.
    menu(page).get_by_role("link", name="Vacatures").click()
    vacature_rij = page.get_by_role("row", name=re.compile(re.escape(TITEL)))
    expect(vacature_rij.get_by_role("cell").nth(4)).to_have_text("Vervuld")
    expect(vacature_rij.get_by_role("cell").nth(2)).to_have_text("0 / 0,8")
    assert_no_browser_errors(browser_errors)

    # The adviser follows the candidate: appointed, with the introduction and appointment.
    page.get_by_role("button", name="Uitloggen").click()
    log_in(adviseur)
    menu(page).get_by_role("link", name="Kandidaten").click()
    page.get_by_role("link", name=kandidaat.naam).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(kandidaat.naam)
    expect(page.get_by_role("main").locator(".fase-label")).to_have_text("Aanstelling")
    tijdlijn = page.locator("ol.tijdlijn")
    # Oldest first: invited, accepted (which starts matching), appointed.
    expect(tijdlijn.locator("li strong")).to_have_text(
        [
            "Aangemeld: Oriëntatie",
            "Van Oriëntatie naar Advies",
            f"Voorgesteld aan {BESTUUR} ({TITEL})",
            f"Introductie bij {BESTUUR} geaccepteerd ({TITEL})",
            "Van Advies naar Matching",
            f"Aangesteld bij {BESTUUR} ({TITEL})",
            "Van Matching naar Aanstelling",
        ]
    )
    expect(tijdlijn.get_by_role("listitem").nth(5)).to_contain_text("door Henk HR")
    assert_accessible(page)
    assert_no_browser_errors(browser_errors)
