"""The journey in a real browser: an institute records admissibility and the candidate sees it
on their timeline; an adviser moves a candidate on the pipeline board without a page load."""

import re

import pytest
from playwright.sync_api import expect

from kandidaten.models import Fase, RouteSoort, Uitvalreden
from kandidaten.services import kandidaat_move, kandidaat_refer

from .axe import assert_accessible

pytestmark = pytest.mark.browser


def assert_no_browser_errors(errors: list[str]) -> None:
    assert errors == [], "The browser console reported:\n" + "\n".join(errors)


def mark_page(page) -> None:
    """Leave a mark in the window; a page load (instead of an htmx swap) would wipe it."""
    page.evaluate("() => { window.geenNieuwePagina = true; }")


def assert_same_page(page) -> None:
    assert page.evaluate("() => window.geenNieuwePagina === true"), "the page was reloaded"


def for_(action: str, naam: str) -> re.Pattern:
    """A button's name with its visually hidden ": naam" (Chromium may add a space before
    the colon, as the hidden span is positioned absolutely)."""
    return re.compile(rf"^{re.escape(action)} ?: {re.escape(naam)}$")


def count_of(page, fase: str):
    return page.locator(f'#fasetabs a[data-fase="{fase}"] .aantal')


def test_an_institute_records_admissibility_and_the_candidate_sees_it(
    page, browser_errors, log_in, traject, adviseur, opleider, opleiding, kandidaat
):
    kandidaat_refer(
        kandidaat=traject, route=RouteSoort.ZIJ_INSTROOM, opleiding=opleiding, door=adviseur
    )
    log_in(opleider)
    expect(page.get_by_role("heading", level=1)).to_have_text("Toelating")
    assert_accessible(page)

    page.get_by_role("link", name="Kim Kandidaat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kim Kandidaat")
    expect(page.get_by_text("Verwezen naar Pabo Twente (Zij-instroom)")).to_be_visible()
    assert_accessible(page)
    mark_page(page)

    page.get_by_label("Uitkomst van het geschiktheidsonderzoek").select_option(
        label="Toelaatbaar, met baan"
    )
    page.get_by_label("Toelichting (optioneel)").fill("Sterke motivatie, <b>baan</b> bij De Esch")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Uitkomst vastleggen").click()
    assert posted.value.request.headers.get("hx-request") == "true"

    expect(page.get_by_role("status")).to_have_text(
        "De uitkomst is vastgelegd: Toelaatbaar, met baan."
    )
    timeline = page.locator("ol.tijdlijn")
    expect(timeline.get_by_text("Toelating: Toelaatbaar, met baan")).to_be_visible()
    expect(timeline.get_by_text("Sterke motivatie, <b>baan</b> bij De Esch")).to_be_visible()
    assert_same_page(page)
    assert_accessible(page)

    page.get_by_role("button", name="Uitloggen").click()
    log_in(kandidaat, with_totp=False)
    page.goto(f"/kandidaten/{traject.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kim Kandidaat")
    timeline = page.locator("ol.tijdlijn")
    expect(timeline.get_by_text("Toelating: Toelaatbaar, met baan")).to_be_visible()
    expect(timeline.get_by_text("door Olga Opleider")).to_be_visible()
    expect(timeline.get_by_text("Opleiding: Pabo Twente")).to_be_visible()
    expect(page.locator("dl.details")).to_contain_text("Toelaatbaar, met baan")
    assert_accessible(page)
    assert_no_browser_errors(browser_errors)


def test_an_adviser_moves_a_candidate_on_the_board_without_a_page_load(
    page, browser_errors, log_in, traject, ander_traject, adviseur
):
    kandidaat_move(kandidaat=ander_traject, naar=Fase.ADVIES, door=adviseur)
    # The live server's database is emptied between tests, migrations' rows included.
    Uitvalreden.objects.get_or_create(naam="Financiële redenen")
    log_in(adviseur)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Kandidaten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kandidaten")
    expect(count_of(page, "orientatie")).to_have_text("1")
    expect(count_of(page, "advies")).to_have_text("1")
    assert_accessible(page)
    mark_page(page)

    row = page.locator(f"#kandidaat-{traject.pk}")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        row.get_by_role("button", name=for_("Naar Advies", "Kim Kandidaat")).click()
    assert posted.value.request.headers.get("hx-request") == "true"

    expect(row.get_by_role("status")).to_have_text("Kim Kandidaat staat nu in de fase Advies.")
    expect(row.get_by_role("cell").nth(0)).to_have_text("Advies")
    expect(count_of(page, "orientatie")).to_have_text("0")
    expect(count_of(page, "advies")).to_have_text("2")
    # Focus went back to the row (its name), not lost to the top of the page.
    expect(row.get_by_role("link", name="Kim Kandidaat")).to_be_focused()
    expect(
        row.get_by_role("button", name=for_("Naar Route & toelating", "Kim Kandidaat"))
    ).to_be_visible()
    assert_same_page(page)
    assert_accessible(page)

    # The stage tab shows only that stage (a page of its own, with the filter kept).
    page.locator('#fasetabs a[data-fase="advies"]').click()
    expect(page).to_have_url(re.compile(r"fase=advies"))
    expect(page.locator("tbody tr")).to_have_count(2)
    expect(page.get_by_label("Fase", exact=True)).to_have_value("advies")
    assert_accessible(page)

    # On the journey page the adviser's forms are accessible too; a drop-out needs a reason.
    page.get_by_role("link", name="Kim Kandidaat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kim Kandidaat")
    assert_accessible(page)
    mark_page(page)
    uitval = page.get_by_role("region", name="Uitval vastleggen")
    uitval.get_by_label("Reden van uitval").select_option(label="Financiële redenen")
    uitval.get_by_role("button", name="Uitval vastleggen").click()
    expect(page.get_by_role("status")).to_have_text(
        "Kim Kandidaat staat nu in de fase Uitgevallen."
    )
    expect(page.locator("ol.tijdlijn").get_by_text("Reden: Financiële redenen")).to_be_visible()
    expect(page.get_by_role("main").locator(".fase-label")).to_have_text("Uitgevallen")
    assert_same_page(page)
    assert_accessible(page)
    assert_no_browser_errors(browser_errors)
