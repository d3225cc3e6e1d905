"""Playwright fixtures: one Chromium per session, a fresh context and page per test."""

import os
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import sync_playwright

from ..factories import PASSWORD, TOTP_SECRET

# Playwright's sync API runs an event loop in the test thread from the moment the browser
# starts until the session ends; Django would otherwise refuse every ORM call made meanwhile
# (fixtures, factories, and the tests that run after these) as "async unsafe".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium, never a downloaded one; the flags keep it off the (closed) internet.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOTP_PERIOD = 30


@pytest.fixture(scope="session")
def browser():
    """Chromium, launched once for the whole session."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A page in a fresh context (no cookies), Dutch like most visitors, on the live server."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def browser_errors(page):
    """Console errors (CSP violations show up here) and uncaught exceptions of the page."""
    errors = []

    def on_console(message):
        if message.type == "error":
            errors.append(f"{message.text} ({message.location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"Uncaught {error}"))
    return errors


def totp_code() -> str:
    """A valid code for the test authenticator, not about to expire (allauth has no slack)."""
    if TOTP_PERIOD - time.time() % TOTP_PERIOD < 2:
        time.sleep(2)
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // TOTP_PERIOD))


@pytest.fixture
def log_in(page):
    """Log in on `page` through the real allauth forms, as a person would."""

    def log_in(user, *, with_totp: bool = True, check_page=None) -> None:
        """E-mail and password, then the TOTP code; `check_page(page)` runs on each form."""
        page.goto("/account/login/")
        if check_page:
            check_page(page)
        page.get_by_label("E-mailadres").fill(user.email)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_label("Wachtwoord").press("Enter")
        page.wait_for_url(lambda url: "/account/login/" not in url)
        if with_totp:
            assert "/account/2fa/authenticate/" in page.url
            if check_page:
                check_page(page)
            page.get_by_label("Code").fill(totp_code())
            page.get_by_label("Code").press("Enter")
            page.wait_for_url(lambda url: "/account/2fa/authenticate/" not in url)

    return log_in
