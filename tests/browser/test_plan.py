"""The region's plan in a real browser: the project leader updates an activity's progress in
its row with htmx, and the page passes axe."""

import datetime

import pytest
from playwright.sync_api import expect

from regio import plan
from regio.models import Activiteit, Ontwikkellijn, Voortgang, eerste_dag

from .axe import assert_accessible

pytestmark = pytest.mark.browser


def test_project_leader_updates_progress_in_the_row(page, log_in, browser_errors, projectleider):
    lijn = Ontwikkellijn.objects.create(regio=projectleider.regio, naam="Werven en matchen")
    jaar, kwartaal = plan.voortgang_kwartalen()[0]
    activiteit = Activiteit.objects.create(
        ontwikkellijn=lijn,
        naam="Eén regionaal adviesloket",
        begin=eerste_dag(jaar, kwartaal),
        einde=datetime.date(jaar + 1, 12, 31),
        beoogd_resultaat="Vraag en aanbod van zij-instromers bij elkaar.",
        eigenaar="Programmabureau",
    )
    log_in(projectleider)
    page.goto("/projectleider/plan/")
    assert_accessible(page)
    row = page.locator(f"#activiteit-{activiteit.pk}")

    row.get_by_role("link", name="Voortgang bijwerken").click()
    expect(row.get_by_label("Status")).to_be_focused()
    assert "bewerken" not in page.url  # swapped in place, not a page load
    row.get_by_label("Status").select_option("risico")
    row.get_by_label("Toelichting").fill("Twee leden van de werkgroep vertrokken.")
    assert_accessible(page)
    row.get_by_role("button", name="Opslaan").click()

    expect(row.get_by_text("Risico")).to_be_visible()
    expect(row.get_by_text("Twee leden van de werkgroep vertrokken.")).to_be_visible()
    expect(row.get_by_role("link", name="Voortgang bijwerken")).to_be_focused()
    assert Voortgang.objects.get().status == "risico"
    assert browser_errors == []
