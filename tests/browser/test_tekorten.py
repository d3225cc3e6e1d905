"""Hidden-shortage returns in a real browser: HR adds lines with htmx and files; the project
leader's overview passes axe."""

import pytest
from playwright.sync_api import expect

from regio import tekorten
from regio.models import TekortOpgave, Vak

from ..factories import OrganisatieFactory
from ..factories_vacatures import TekortOpgaveFactory, TekortRegelFactory
from .axe import assert_accessible

pytestmark = pytest.mark.browser

JAAR, KWARTAAL = tekorten.vorig_kwartaal(*tekorten.huidig_kwartaal())


def test_hr_adds_a_line_with_htmx_and_files_the_return(
    page,
    log_in,
    browser_errors,
    hr,
    bestuur,
):
    # A transactional test before this one may have flushed the subjects of the data migration.
    Vak.objects.get_or_create(naam="Wiskunde", defaults={"slug": "wiskunde"})
    log_in(hr)
    page.goto(f"/hr/tekorten/{JAAR}/{KWARTAAL}/")
    assert_accessible(page)
    regels = page.locator("#regels > tr")
    expect(regels).to_have_count(3)

    page.get_by_role("button", name="Regel toevoegen").click()
    expect(regels).to_have_count(4)
    expect(page.locator("#id_regels-3-sector")).to_be_focused()
    expect(page.locator("#id_regels-TOTAL_FORMS")).to_have_value("4")

    page.locator("#id_regels-0-sector").select_option("vo")
    page.locator("#id_regels-0-functie").select_option("leraar")
    page.locator("#id_regels-0-vak").select_option(label="Wiskunde")
    page.locator("#id_regels-0-werkgelegenheid_fte").fill("40")
    page.locator("#id_regels-0-onbevoegd_fte").fill("1,5")
    page.locator("#id_regels-0-ingevuld_onbevoegd_fte").fill("1.5")
    page.locator("#id_regels-3-sector").select_option("po")
    page.locator("#id_regels-3-functie").select_option("onderwijsassistent")
    page.locator("#id_regels-3-werkgelegenheid_fte").fill("12,5")
    page.get_by_role("button", name="Opgave indienen").click()

    expect(page.get_by_text("is ingediend.")).to_be_visible()
    opgave = TekortOpgave.objects.get(bestuur=bestuur, jaar=JAAR, kwartaal=KWARTAAL)
    assert sorted(opgave.regels.values_list("functie", flat=True)) == [
        "leraar",
        "onderwijsassistent",
    ]
    assert_accessible(page)
    assert browser_errors == []


def test_the_project_leaders_overview_is_accessible(
    page,
    log_in,
    browser_errors,
    projectleider,
    regio,
):
    OrganisatieFactory(bestuur=True, regio=regio, naam="Stichting Zonder Opgave")
    met_opgave = OrganisatieFactory(bestuur=True, regio=regio, naam="Stichting Met Opgave")
    TekortRegelFactory(
        opgave=TekortOpgaveFactory(bestuur=met_opgave, jaar=JAAR, kwartaal=KWARTAAL), vak=None
    )
    log_in(projectleider)

    page.goto(f"/projectleider/tekorten/?kwartaal={JAAR}-{KWARTAAL}")

    expect(page.get_by_role("row", name="Stichting Zonder Opgave")).to_contain_text(
        "Niet ingediend"
    )
    assert_accessible(page)
    page.get_by_role("link", name="Stichting Met Opgave").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stichting Met Opgave")
    assert_accessible(page)
    assert browser_errors == []
