"""The candidate's own pages in a real browser: upload a document, change consent, download
the export, erase the account; and an adviser following up a stalled candidate. Every page
state is checked with axe."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kandidaten.models import Document, Fase, Kandidaat, Stilstandregel
from kandidaten.opvolging import kandidaten_mark_stalled
from regio.models import User

from ..factories import KandidaatFactory, UserFactory
from .axe import assert_accessible

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def assert_no_browser_errors(errors: list[str]) -> None:
    assert errors == [], "The browser console reported:\n" + "\n".join(errors)


def test_a_candidate_uploads_a_pdf_changes_consent_and_downloads_their_data(
    page, browser_errors, log_in, traject
):
    log_in(traject.user, with_totp=False)
    expect(page.get_by_role("heading", name="Mijn traject", level=1)).to_be_visible()
    assert_accessible(page)

    # Upload: with htmx only the documents section is replaced.
    documenten = page.locator("#documenten")
    documenten.get_by_label("Soort document").select_option("cv")
    documenten.get_by_label("Bestand").set_input_files(
        {"name": "cv-kim.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    documenten.get_by_role("button", name="Uploaden").click()
    expect(page.locator("#documenten")).to_contain_text("cv-kim.pdf is opgeslagen.")
    expect(page.get_by_role("link", name="cv-kim.pdf")).to_be_visible()
    assert Document.objects.get(kandidaat=traject).naam == "cv-kim.pdf"
    assert_accessible(page)

    # A disguised file is refused with a Dutch message, in place.
    documenten = page.locator("#documenten")
    documenten.get_by_label("Bestand").set_input_files(
        {"name": "factuur.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00 program"}
    )
    documenten.get_by_role("button", name="Uploaden").click()
    expect(page.locator("#documenten")).to_contain_text("geen echt .pdf-bestand")
    assert Document.objects.filter(kandidaat=traject).count() == 1
    assert_accessible(page)

    # Consent.
    page.get_by_label("Deel mijn profiel met scholen in mijn regio").check()
    page.get_by_label("Stuur me af en toe een vriendelijke herinnering per e-mail").check()
    page.get_by_role("button", name="Keuzes opslaan").click()
    expect(page.locator("#toestemming")).to_contain_text(
        "Je keuzes zijn opgeslagen en gelden meteen."
    )
    traject.refresh_from_db()
    assert traject.deel_met_regio and traject.herinneringen
    assert_accessible(page)

    # Export.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download mijn gegevens (JSON)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("mijn-gegevens-onderwijsloket-")
    with open(download.path(), encoding="utf-8") as export:
        data = json.load(export)
    assert data["account"]["e-mailadres"] == traject.user.email
    assert data["documenten"][0]["bestandsnaam"] == "cv-kim.pdf"
    assert data["toestemming"]["profiel_delen_met_scholen_in_mijn_regio"] is True
    assert_no_browser_errors(browser_errors)


def test_a_candidate_erases_their_account(page, browser_errors, log_in, traject):
    user_pk = traject.user_id
    log_in(traject.user, with_totp=False)
    page.get_by_role("link", name="Mijn account en gegevens wissen").click()
    expect(page.get_by_role("heading", name="Mijn account wissen")).to_be_visible()
    assert_accessible(page)

    page.get_by_label(
        "Ik begrijp dat mijn account en mijn gegevens definitief worden gewist."
    ).check()
    page.get_by_role("button", name="Wis mijn account definitief").click()

    expect(page.get_by_role("heading", name="Je account is gewist")).to_be_visible()
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()
    assert_accessible(page)
    assert not User.objects.filter(pk=user_pk).exists()
    assert Kandidaat.objects.get(pk=traject.pk).gewist_op is not None
    assert_no_browser_errors(browser_errors)


def test_an_account_without_a_journey_sees_a_friendly_start(
    page, browser_errors, log_in, kandidaat
):
    log_in(kandidaat, with_totp=False)
    expect(page.get_by_role("link", name="Boek een gratis adviesgesprek")).to_be_visible()
    assert_accessible(page)
    assert_no_browser_errors(browser_errors)


def test_an_adviser_follows_up_a_stalled_candidate(page, browser_errors, log_in, adviseur, regio):
    stil = KandidaatFactory(regio=regio, user=UserFactory(naam="Sanne Stil"), adviseur=adviseur)
    Kandidaat.objects.filter(pk=stil.pk).update(
        laatste_activiteit=timezone.now() - timedelta(days=45)
    )
    # A live-server test empties the tables after itself, the seeded rules included.
    Stilstandregel.objects.get_or_create(fase=Fase.ORIENTATIE, defaults={"dagen": 30})
    kandidaten_mark_stalled()
    log_in(adviseur)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Stilgevallen"
    ).click()
    expect(page.get_by_role("heading", name="Stilgevallen kandidaten")).to_be_visible()
    expect(page.get_by_text("1 kandidaat stilgevallen")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Notitie van het opvolggesprek met Sanne Stil").fill("Gebeld, ze komt terug.")
    page.get_by_role("button", name=re.compile(r"Opvolging vastleggen\W+Sanne Stil")).click()

    expect(page.get_by_text("Opvolging vastgelegd voor Sanne Stil.")).to_be_visible()
    stil.refresh_from_db()
    assert stil.stil_sinds is None
    assert_accessible(page)
    assert_no_browser_errors(browser_errors)
