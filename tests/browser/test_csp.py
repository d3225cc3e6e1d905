"""Script injected into free text never runs: templates escape it, and the Content Security
Policy would stop it even if one did not (checked in real Chromium)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from loket.models import Adviesslot, Gespreksvorm
from loket.services.advies import boeking_create
from regio.models import VacatureStatus, Vak
from regio.vacatures.services import vacature_save, vacature_status_set

from ..factories_vacatures import VacatureFactory

pytestmark = pytest.mark.browser

# Each part would set window.__xss if it ran: an inline handler, an inline script, and a way
# out of the JSON-LD <script> element of the vacancy page.
PAYLOAD = (
    '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'
    "</script><script>window.__xss=1</script>"
)


def assert_nothing_ran(page) -> None:
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert page.locator("img[src='x']").count() == 0


def test_script_in_a_vacancy_is_shown_as_text_and_never_runs(page, browser_errors, bestuur, hr):
    # A live-server test runs after others have flushed the migrations' subjects.
    wiskunde, _ = Vak.objects.get_or_create(naam="Wiskunde", defaults={"slug": "wiskunde"})
    vacature = VacatureFactory(bestuur=bestuur, concept=True, vak=wiskunde)
    vacature.titel = f"Leraar {PAYLOAD}"[:200]
    vacature.omschrijving = f"Wij zoeken iemand. {PAYLOAD}"
    vacature_save(vacature=vacature, door=hr)
    vacature_status_set(vacature=vacature, status=VacatureStatus.GEPUBLICEERD, door=hr)

    page.goto(f"/vacatures/{vacature.pk}/")

    expect(page.get_by_role("heading", level=1)).to_have_text(vacature.titel)
    expect(page.get_by_text(f"Wij zoeken iemand. {PAYLOAD}")).to_be_visible()
    assert_nothing_ran(page)
    assert browser_errors == []


def test_script_in_a_candidates_name_never_runs_on_the_advisers_pages(
    page, browser_errors, log_in, adviseur
):
    slot = Adviesslot.objects.create(
        adviseur=adviseur,
        regio=adviseur.regio,
        start=timezone.now() + timedelta(days=2),
        vorm=Gespreksvorm.VIDEO,
    )
    # The public booking form: anyone can choose their own name and question.
    naam = PAYLOAD[:150]
    boeking, _ = boeking_create(
        slot=slot, naam=naam, email="x@example.nl", telefoon="0612345678", vraag=PAYLOAD
    )
    log_in(adviseur)

    page.goto(f"/adviseur/gesprekken/{boeking.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Adviesgesprek met {naam}")
    expect(page.get_by_text(PAYLOAD, exact=True)).to_be_visible()
    assert_nothing_ran(page)

    page.goto(f"/kandidaten/{boeking.kandidaat_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(naam)
    assert_nothing_ran(page)
    assert browser_errors == []


def test_the_policy_blocks_inline_script_that_got_into_the_page_anyway(page, browser_errors):
    # As if a template had forgotten to escape: markup put into the page as HTML.
    page.goto("/")
    page.evaluate(
        """() => {
            document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="window.__xss=1">');
            const script = document.createElement('script');
            script.textContent = 'window.__xss = 1';
            document.body.appendChild(script);
        }"""
    )
    page.wait_for_timeout(300)

    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert any("Content Security Policy" in error for error in browser_errors), browser_errors
