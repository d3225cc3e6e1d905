"""Logging in per role, the main menu, keyboard use and accessibility in a real browser."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from regio.models import Role

from ..factories import PASSWORD, UserFactory
from .axe import assert_accessible

pytestmark = pytest.mark.browser

# Per persona: the main menu it sees (in order; nothing more, nothing less) and where a
# login lands; "Startpagina" is "Home" in English. Visitors and candidates see the public
# desk; staff menus keep to their own work.
PUBLIC = ["Routes", "Kennisbank", "Bijeenkomsten", "Adviesgesprek"]
ROLES = [
    pytest.param(
        "kandidaat",
        ["Startpagina", *PUBLIC, "Mijn traject", "Vacatures voor mij"],
        "kandidaat_dashboard",
        id="kandidaat",
    ),
    pytest.param(
        "adviseur",
        ["Startpagina", "Adviesgesprekken", "Kandidaten", "Beschikbaarheid", "Stilgevallen"],
        "adviseur_dashboard",
        id="adviseur",
    ),
    pytest.param(
        "hr", ["Startpagina", "Overzicht", "Vacatures", "Tekortopgave"], "hr_dashboard", id="hr"
    ),
    pytest.param("opleider", ["Startpagina", "Toelating"], "opleider_dashboard", id="opleider"),
    pytest.param(
        "projectleider",
        ["Startpagina", "Regio", "Tekorten", "Plan", "Rapportages"],
        "projectleider_dashboard",
        id="projectleider",
    ),
    pytest.param(
        "beheerder", ["Startpagina", "Rapportages", "Beheer"], "admin:index", id="beheerder"
    ),
]


def main_menu_links(page, name: str = "Hoofdmenu") -> list[str]:
    """The link texts of the main menu, in order."""
    menu = page.get_by_role("navigation", name=name)
    return [text.strip() for text in menu.get_by_role("link").all_inner_texts()]


def assert_no_browser_errors(errors: list[str]) -> None:
    assert errors == [], "The browser console reported:\n" + "\n".join(errors)


@pytest.mark.parametrize(("persona", "menu", "landing"), ROLES, indirect=["persona"])
def test_each_role_logs_in_and_sees_only_its_own_menu(
    page, browser_errors, log_in, persona, menu, landing
):
    log_in(persona, with_totp=persona.is_portal_staff)

    assert page.url.endswith(reverse(landing))
    assert_accessible(page)
    if persona.role == Role.BEHEERDER:
        # Django's admin has its own chrome (and asks for /favicon.ico, which we don't
        # serve); the portal's menu is on every portal page.
        browser_errors[:] = [error for error in browser_errors if "/favicon.ico" not in error]
        page.goto("/")
        assert_accessible(page)
    assert main_menu_links(page) == menu
    assert_no_browser_errors(browser_errors)


@pytest.mark.parametrize("path", ["/", "/account/login/"], ids=["home", "login"])
def test_public_page_is_accessible_and_its_skip_link_moves_focus_to_the_content(
    page, browser_errors, path
):
    page.goto(path)
    assert_accessible(page)

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    assert_no_browser_errors(browser_errors)


def test_the_login_steps_are_accessible(page, browser_errors, log_in, adviseur):
    log_in(adviseur, check_page=assert_accessible)

    assert page.url.endswith(reverse("adviseur_dashboard"))
    assert_no_browser_errors(browser_errors)


def test_the_language_switch_shows_the_portal_in_english(page, browser_errors):
    page.goto("/")
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    expect(page.get_by_role("link", name="Inloggen")).to_have_count(0)
    assert main_menu_links(page, name="Main menu") == [
        "Home",
        "Routes",
        "Knowledge base",
        "Information events",
        "Advice conversation",
        "Vacancies",
    ]
    expect(page.get_by_role("button", name="Nederlands")).to_be_visible()
    assert_accessible(page)
    assert_no_browser_errors(browser_errors)


def test_staff_without_an_authenticator_is_sent_to_set_one_up(page, browser_errors, log_in, regio):
    projectleider = UserFactory(role=Role.PROJECTLEIDER, regio=regio, mfa=False)
    log_in(projectleider, with_totp=False)

    # allauth wants the password once more (a fresh login does not count) before MFA setup.
    assert reverse("account_reauthenticate") in page.url
    expect(page.get_by_text("Stel eerst tweestapsverificatie in")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_label("Wachtwoord").press("Enter")

    page.wait_for_url(f"**{reverse('mfa_activate_totp')}")
    qr_code = page.get_by_role("main").get_by_role("img")
    expect(qr_code).to_be_visible()
    # A QR code blocked by the CSP (img-src) would be an image that never loaded.
    assert qr_code.evaluate("img => img.complete && img.naturalWidth > 0")
    assert_accessible(page)
    assert_no_browser_errors(browser_errors)


def test_project_leader_makes_and_downloads_a_region_overview_pdf(
    page, browser_errors, log_in, projectleider, bestuur
):
    log_in(projectleider)
    expect(page.get_by_text("Nog geen rapporten gemaakt.")).to_be_visible()

    # Celery runs eagerly here: the PDF is made before the dashboard reloads.
    page.get_by_role("button", name="Maak regio-overzicht (PDF)").click()
    download_link = page.get_by_role("link", name="Download PDF")
    expect(download_link).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    assert_no_browser_errors(browser_errors)
