"""The registry in a real browser: DUO import, inline editing, coverage, public partner list.

The acceptance scenario of the registry: a project leader reads DUO's files into the region,
marks boards as taking part, fixes a partnership, and the public region page shows the new
coverage. Also: the same edit without JavaScript, the public list's htmx filters, and going
back to a search that htmx no longer has in its history cache (a regression test).
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..factories import (
    PASSWORD,
    DeelnameFactory,
    OpleidingsschoolFactory,
    OrganisatieFactory,
    PlaatsingenFactory,
)
from .axe import assert_accessible
from .conftest import totp_code

pytestmark = pytest.mark.browser

DUO_DATA = Path(__file__).parent.parent / "data" / "duo"

# What a visitor of the region page reads under "Dekking van de regio", per figure: the value,
# then the line beneath it.
BESTUREN = "Deelnemende schoolbesturen"
FTE = "Fte van deelnemende besturen"
LEERLINGEN = "Leerlingen bij deelnemende besturen"
STUDENTEN = "Studenten opgeleid binnen een opleidingsschool"
ZIJ_INSTROMERS = "Zij-instromers opgeleid binnen een opleidingsschool"
VOLDOET = "De regio voldoet aan de eisen."
VOLDOET_NIET = "De regio voldoet nog niet aan de eisen."

KATHOLIEK = "Stichting Katholiek Onderwijs Enschede"
OPENBAAR = "Stichting Openbaar Primair Onderwijs Hengelo"
CHRISTELIJK = "Stichting Christelijk Onderwijs Hellendoorn"


# --- helpers ------------------------------------------------------------------------------------


def figures(page) -> dict[str, list[str]]:
    """Each figure of the page's figure list (<dl class="figures">) as shown: term -> values."""
    expect(page.locator("dl.figures")).to_be_visible()
    shown = {}
    for group in page.locator("dl.figures > div").all():
        term = group.locator("dt").inner_text().strip()
        shown[term] = [" ".join(text.split()) for text in group.locator("dd").all_inner_texts()]
    return shown


def assert_no_browser_errors(errors: list[str]) -> None:
    assert errors == [], "The browser console reported:\n" + "\n".join(errors)


def mark_page(page) -> None:
    """Leave a mark in the window; a page load (instead of an htmx swap) would wipe it."""
    page.evaluate("() => { window.geenNieuwePagina = true; }")


def assert_same_page(page) -> None:
    assert page.evaluate("() => window.geenNieuwePagina === true"), "the page was reloaded"


def open_from_dashboard(page, link: str) -> None:
    """Back to the project leader's dashboard through the main menu, then one of its links."""
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Regio").click()
    page.get_by_role("link", name=link, exact=True).click()


def upload(page, name: str, summary: str) -> None:
    """Read one of the sample DUO files in; wait for the summary it must give."""
    page.get_by_label("DUO-bestand").set_input_files(DUO_DATA / name)
    page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_text(summary, exact=True)).to_be_visible()


def for_(action: str, naam: str) -> re.Pattern:
    """The accessible name of "Bewerken"/"Opslaan" with its visually hidden ": naam".

    Chromium puts a space before the colon (the hidden span is positioned absolutely, so it
    counts as a block of its own); a screen reader says the same either way.
    """
    return re.compile(rf"^{action} ?: {re.escape(naam)}$")


def register_row(page, naam: str):
    """The register's row of one organisation, found by its edit link and kept by its id."""
    link = page.get_by_role("link", name=for_("Bewerken", naam))
    row_id = page.locator("tbody tr", has=link).get_attribute("id")
    return page.locator(f"#{row_id}")


def edit_row_inline(page, naam: str, *, status: str, sinds: str, fte: str):
    """Open a register row for editing, set participation and fte, save; htmx swaps the row."""
    row = register_row(page, naam)
    row.get_by_role("link", name=for_("Bewerken", naam)).click()
    expect(row).to_have_class(re.compile(r"\bedit-row\b"))
    # The row replaced the link that was clicked: focus moved to its first input.
    expect(row.get_by_label("Naam", exact=True)).to_be_focused()
    expect(row.get_by_label("Naam", exact=True)).to_have_value(naam)
    row.get_by_label("Deelname", exact=True).select_option(label=status)
    row.get_by_label("Sinds", exact=True).fill(sinds)
    row.get_by_label("Fte", exact=True).fill(fte)
    with page.expect_response(lambda r: r.request.method == "POST" and "/rij/" in r.url) as saved:
        row.get_by_role("button", name=for_("Opslaan", naam)).click()
    assert saved.value.request.headers.get("hx-request") == "true"
    expect(row).not_to_have_class(re.compile(r"\bedit-row\b"))
    return row


# --- 1. the acceptance scenario -----------------------------------------------------------------


@pytest.fixture
def twente(regio):
    """Twente without Almelo: DUO's rows of Almelo and The Hague are outside the region."""
    regio.gemeenten = ["Enschede", "Hengelo", "Hellendoorn", "Borne"]
    regio.save()
    return regio


@pytest.fixture
def partnerschap(twente):
    """A partnership with one partner institute, no members yet, and last year's placements;
    a second institute of the region still has to be added to it."""
    pabo = OrganisatieFactory(opleiding=True, regio=twente, naam="Pabo Twente")
    OrganisatieFactory(opleiding=True, regio=twente, naam="Universiteit Twente ELAN")
    opleidingsschool = OpleidingsschoolFactory(
        regio=twente, naam="Opleidingsschool Twente-Noord", instituten=[pabo]
    )
    PlaatsingenFactory(
        opleidingsschool=opleidingsschool,
        schooljaar=2025,
        studenten_binnen=6,
        studenten_buiten=4,
        zij_instromers_binnen=1,
        zij_instromers_buiten=1,
    )
    return opleidingsschool


def test_a_project_leader_imports_duo_data_keeps_the_registry_and_the_region_page_shows_it(
    page, browser_errors, log_in, projectleider, twente, partnerschap
):
    # Before: the region has no school boards yet, and last year 6 of 10 students were
    # trained within its one opleidingsschool.
    page.goto(f"/regio/{twente.slug}/")
    expect(page.get_by_text(VOLDOET_NIET, exact=True)).to_be_visible()
    assert figures(page) == {
        BESTUREN: ["0 / 0", "– (voldoet niet)"],
        FTE: ["0 / 0", "– (voldoet niet)"],
        LEERLINGEN: ["0 / 0", "–"],
        STUDENTEN: ["60,0%", "schooljaar 2025/26, ambitie 100%"],
        ZIJ_INSTROMERS: ["50,0%", "schooljaar 2025/26, ambitie 100%"],
    }
    assert_accessible(page)

    # DUO import: boards first, then their schools, then a file with mistakes in it.
    log_in(projectleider)
    page.get_by_role("link", name="DUO-gegevens inlezen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DUO-gegevens inlezen")
    expect(page.get_by_text("Enschede, Hengelo, Hellendoorn, Borne")).to_be_visible()

    upload(
        page,
        "besturen.csv",
        "Besturen: 3 nieuw, 0 bijgewerkt, 0 ongewijzigd, "
        "2 overgeslagen (buiten de regio), 0 afgewezen.",
    )
    assert figures(page) == {
        "Nieuw": ["3"],
        "Bijgewerkt": ["0"],
        "Ongewijzigd": ["0"],
        "Buiten de regio overgeslagen": ["2"],
        "Afgewezen": ["0"],
    }
    expect(page.get_by_role("table")).to_have_count(0)

    upload(
        page,
        "vestigingen.csv",
        "Vestigingen: 5 nieuw, 0 bijgewerkt, 0 ongewijzigd, "
        "2 overgeslagen (buiten de regio), 0 afgewezen.",
    )
    expect(page.get_by_role("heading", name="Resultaat: Vestigingen")).to_be_visible()

    upload(
        page,
        "vestigingen_fouten.csv",
        "Vestigingen: 0 nieuw, 0 bijgewerkt, 2 ongewijzigd, "
        "1 overgeslagen (buiten de regio), 7 afgewezen.",
    )
    rejected = page.get_by_role("table", name=re.compile("^Afgewezen regels"))
    expect(rejected.locator("tbody tr")).to_have_count(7)
    rows = [row.get_by_role("cell").all_inner_texts() for row in rejected.locator("tbody tr").all()]
    assert rows == [
        [
            "3",
            "9XTW00",
            "De BRIN-code 9XTW bestaat niet uit twee cijfers en twee letters of cijfers.",
        ],
        ["4", "91TWA1", "Het vestigingsnummer A1 bestaat niet uit twee cijfers."],
        ["5", "91TW02", "De naam van de vestiging ontbreekt."],
        ["6", "91TW00", "91TW00 staat ook al op regel 2 van dit bestand."],
        [
            "7",
            "96TW00",
            "Het bestuur met bevoegd-gezagnummer 99999 staat niet in het register; "
            "importeer eerst de besturen.",
        ],
        ["8", "92TW02", "De vestigingscode 92TW02 hoort niet bij BRIN-code 91TW."],
        ["11", "94TW01", "De gemeente (GEMEENTENAAM) ontbreekt."],
    ]
    assert_accessible(page)

    # The register: two of the three imported boards take part, edited in place.
    open_from_dashboard(page, "Partners en deelname bijhouden")
    expect(page.get_by_role("heading", level=1)).to_have_text("Register van Onderwijsregio Twente")
    for naam in (KATHOLIEK, OPENBAAR, CHRISTELIJK):
        expect(register_row(page, naam).get_by_role("cell").nth(4)).to_have_text("Geen deelname")
    mark_page(page)

    row = register_row(page, KATHOLIEK)
    row.get_by_role("link", name=for_("Bewerken", KATHOLIEK)).click()
    expect(row.get_by_label("Deelname", exact=True)).to_be_visible()
    assert_accessible(page)
    row.get_by_role("link", name="Annuleren").click()
    expect(row.get_by_role("link", name=for_("Bewerken", KATHOLIEK))).to_be_focused()

    row = edit_row_inline(page, KATHOLIEK, status="Neemt deel", sinds="2025-08-01", fte="900")
    expect(row.get_by_role("cell")).to_have_text(
        [
            "Schoolbestuur",
            "90101",
            "900,0",
            "–",
            "Neemt deel",
            "1-8-2025",
            "–",
            f"Bewerken: {KATHOLIEK}",
        ]
    )
    # Focus goes back to the row's edit link, where the keyboard user left off.
    expect(row.get_by_role("link", name=for_("Bewerken", KATHOLIEK))).to_be_focused()

    row = edit_row_inline(page, OPENBAAR, status="Neemt deel", sinds="2025-09-01", fte="800")
    expect(row.get_by_role("cell").nth(4)).to_have_text("Neemt deel")
    expect(register_row(page, CHRISTELIJK).get_by_role("cell").nth(4)).to_have_text("Geen deelname")
    assert_same_page(page)

    # The partnership: its members and the missing institute, then this year's placements.
    open_from_dashboard(page, "Opleidingsscholen bijhouden")
    page.get_by_role("link", name="Opleidingsschool Twente-Noord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opleidingsschool Twente-Noord")
    gegevens = page.get_by_role("region", name="Gegevens en deelnemers")
    besturen = gegevens.get_by_role("group", name=re.compile("^Deelnemende besturen"))
    besturen.get_by_role("checkbox", name=KATHOLIEK).check()
    besturen.get_by_role("checkbox", name=OPENBAAR).check()
    instituten = gegevens.get_by_role("group", name=re.compile("^Partnerinstituten"))
    expect(instituten.get_by_role("checkbox", name="Pabo Twente")).to_be_checked()
    instituten.get_by_role("checkbox", name="Universiteit Twente ELAN").check()
    gegevens.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De opleidingsschool is opgeslagen.")).to_be_visible()
    expect(instituten.get_by_role("checkbox", name="Universiteit Twente ELAN")).to_be_checked()
    expect(besturen.get_by_role("checkbox", name=OPENBAAR)).to_be_checked()

    mark_page(page)
    plaatsingen = page.get_by_role("region", name="Plaatsingen")
    nieuw = plaatsingen.locator("tr.new-row")
    nieuw.get_by_label("Schooljaar").fill("2026")
    nieuw.get_by_label("Studenten binnen").fill("18")
    nieuw.get_by_label("Studenten buiten").fill("2")
    nieuw.get_by_label("Zij-instromers binnen").fill("3")
    nieuw.get_by_label("Zij-instromers buiten").fill("1")
    nieuw.get_by_role("button", name="Toevoegen").click()
    expect(plaatsingen.get_by_role("status")).to_have_text("De plaatsingen zijn opgeslagen.")
    expect(plaatsingen.locator("tbody tr:not(.new-row)")).to_have_count(2)
    assert_same_page(page)
    assert_accessible(page)

    # After: two of three boards with 1,700 fte, and 90% of this year's students within.
    open_from_dashboard(page, "Openbare pagina van de regio")
    expect(page.get_by_role("heading", level=1)).to_have_text("Onderwijsregio Twente")
    expect(page.get_by_text(VOLDOET, exact=True)).to_be_visible()
    assert figures(page) == {
        BESTUREN: ["2 / 3", "66,7% (voldoet)"],
        FTE: ["1.700 / 1.700", "100,0% (voldoet)"],
        LEERLINGEN: ["0 / 0", "–"],
        STUDENTEN: ["90,0%", "schooljaar 2026/27, ambitie 100%"],
        ZIJ_INSTROMERS: ["75,0%", "schooljaar 2026/27, ambitie 100%"],
    }
    assert_accessible(page)
    assert_no_browser_errors(browser_errors)


# --- 2. the same edit without JavaScript ---------------------------------------------------------


@pytest.fixture
def page_without_js(browser, live_server):
    """A page in a fresh context whose scripts never run (htmx included)."""
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_a_participation_is_edited_without_javascript_on_the_plain_edit_page(
    page_without_js, projectleider, regio, bestuur
):
    page = page_without_js
    # Console errors (CSP violations among them), as browser_errors collects for `page`.
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    OrganisatieFactory(
        bestuur=True, regio=regio, naam="Stichting Veldvaart", fte=50, leerlingen=700
    )
    page.goto(f"/regio/{regio.slug}/")
    before = figures(page)
    assert before[BESTUREN] == ["0 / 2", "0,0% (voldoet niet)"]
    assert before[FTE] == ["0 / 150", "0,0% (voldoet niet)"]

    # Log in through the forms, as in conftest's log_in, but on this page.
    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill(projectleider.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_label("Wachtwoord").press("Enter")
    page.wait_for_url("**/account/2fa/authenticate/")
    page.get_by_label("Code").fill(totp_code())
    page.get_by_label("Code").press("Enter")
    page.wait_for_url("**/projectleider/")

    page.get_by_role("link", name="Partners en deelname bijhouden").click()
    # Without htmx the row's edit link is a plain link to the organisation's own page.
    page.get_by_role("link", name=for_("Bewerken", "Stichting Tweede Kans")).click()
    page.wait_for_url(f"**/projectleider/register/{bestuur.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stichting Tweede Kans")

    deelname = page.get_by_role("region", name="Deelname aan het plan van Onderwijsregio Twente")
    deelname.get_by_label("Deelname").select_option(label="Neemt deel")
    deelname.get_by_label("Ondertekend op").fill("2025-09-15")
    deelname.get_by_role("button", name="Deelname opslaan").click()
    page.wait_for_url(f"**/projectleider/register/{bestuur.pk}/#deelname")
    expect(page.get_by_role("status")).to_have_text("De deelname is opgeslagen.")
    expect(deelname.get_by_label("Deelname")).to_have_value("deelnemend")

    page.get_by_role("link", name="Terug naar het register").click()
    row = register_row(page, "Stichting Tweede Kans")
    expect(row.get_by_role("cell").nth(4)).to_have_text("Neemt deel")
    expect(row.get_by_role("cell").nth(6)).to_have_text("15-9-2025")

    page.get_by_role("link", name="Openbare pagina van de regio met de dekking").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Onderwijsregio Twente")
    after = figures(page)
    assert after[BESTUREN] == ["1 / 2", "50,0% (voldoet niet)"]
    assert after[FTE] == ["100 / 150", "66,7% (voldoet niet)"]
    assert after[LEERLINGEN] == ["1.500 / 2.200", "68,2%"]
    assert_no_browser_errors(errors)


# --- 3. the public partner list -----------------------------------------------------------------


def test_the_public_partner_list_filters_and_pages_with_htmx(
    page, browser_errors, regio, bestuur, opleiding, ander_bestuur
):
    DeelnameFactory(organisatie=bestuur, regio=regio)
    for _ in range(27):
        OrganisatieFactory(bestuur=True, regio=regio)
    url = f"/regio/{regio.slug}/partners/"
    page.goto(url)
    results = page.locator("#resultaten")
    names = results.locator("tbody").get_by_role("link")
    expect(results.get_by_role("status")).to_have_text("29 organisaties gevonden")
    expect(results.get_by_text("Pagina 1 van 2")).to_be_visible()
    expect(results.locator("tbody tr")).to_have_count(25)
    expect(page.get_by_role("link", name="Stichting Elders")).to_have_count(0)
    assert_accessible(page)
    mark_page(page)

    search = page.get_by_role("searchbox", name="Zoeken")
    search.press_sequentially("tweede kans")
    expect(results.get_by_role("status")).to_have_text("1 organisatie gevonden")
    expect(page).to_have_url(re.compile(r"/partners/\?q=tweede(%20|\+)kans&soort=&deelname=$"))
    expect(names).to_have_text(["Stichting Tweede Kans"])
    # Only the results were replaced: the field keeps its text and the keyboard focus.
    expect(search).to_be_focused()
    expect(search).to_have_value("tweede kans")
    assert_same_page(page)

    # The pushed address is a page of its own: reloading it shows the same search.
    page.reload()
    expect(search).to_have_value("tweede kans")
    expect(names).to_have_text(["Stichting Tweede Kans"])
    mark_page(page)

    search.fill("")
    page.get_by_label("Soort").select_option(label="Lerarenopleiding")
    expect(results.get_by_role("status")).to_have_text("1 organisatie gevonden")
    expect(page).to_have_url(re.compile(r"soort=lerarenopleiding"))
    expect(names).to_have_text(["Pabo Twente"])

    page.get_by_label("Soort").select_option(label="Alle soorten")
    page.get_by_label("Deelname").select_option(label="Neemt deel")
    expect(results.get_by_role("status")).to_have_text("1 organisatie gevonden")
    expect(page).to_have_url(re.compile(r"deelname=deelnemend"))
    expect(names).to_have_text(["Stichting Tweede Kans"])
    expect(results.locator("tbody td:last-child")).to_have_text(["Neemt deel"])

    page.get_by_label("Deelname").select_option(label="Alle")
    expect(results.get_by_role("status")).to_have_text("29 organisaties gevonden")
    results.get_by_role("link", name="Volgende").click()
    expect(results.get_by_text("Pagina 2 van 2")).to_be_visible()
    expect(results.locator("tbody tr")).to_have_count(4)
    expect(page).to_have_url(re.compile(r"page=2"))
    assert_same_page(page)
    assert_accessible(page)

    results.get_by_role("link", name="Vorige").click()
    expect(results.get_by_text("Pagina 1 van 2")).to_be_visible()
    expect(page).to_have_url(re.compile(r"page=1"))
    # The browser's Back button returns to page 2, from htmx's history cache.
    page.go_back()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(results.get_by_text("Pagina 2 van 2")).to_be_visible()
    expect(results.locator("tbody tr")).to_have_count(4)
    assert_same_page(page)
    assert_no_browser_errors(browser_errors)


@pytest.mark.parametrize("lijst", ["partners", "opleidingsscholen"])
def test_going_back_to_a_search_no_longer_in_htmxs_history_cache_shows_the_whole_page(
    page, regio, opleiding, lijst
):
    OpleidingsschoolFactory(
        regio=regio, naam="Opleidingsschool Twente-Noord", instituten=[opleiding]
    )
    page.goto(f"/regio/{regio.slug}/{lijst}/?q=twente")
    status = page.locator("#resultaten").get_by_role("status")
    expect(status).to_have_text(re.compile(r"^1 \w+ gevonden$"))
    page.get_by_role("searchbox").fill("niets")
    expect(status).to_have_text(re.compile(r"^0 \w+ gevonden$"))
    # htmx keeps ten pages in sessionStorage; after ten more searches the first is gone, as
    # it is here at once (or in a tab whose sessionStorage is full or unavailable).
    page.evaluate("() => sessionStorage.removeItem('htmx-history-cache')")

    with page.expect_response(lambda r: r.request.headers.get("hx-history-restore-request")):
        page.go_back()

    expect(page).to_have_url(re.compile(r"\?q=twente$"))
    expect(status).to_have_text(re.compile(r"^1 \w+ gevonden$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible(timeout=1_000)
    expect(page.get_by_role("search")).to_be_visible(timeout=1_000)
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible(timeout=1_000)
