"""Quarterly reports in a real browser: a project leader asks for one, watches it go from the
queue to done without reloading the page (htmx polls the row), and downloads the PDF and the
Excel file. The report is made by a real Celery worker, in-process, against the test Redis:
run eagerly it would be done inside the POST, and there would be no progress to watch."""

import io
import re
import time
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import transaction
from openpyxl import load_workbook
from playwright.sync_api import expect

from loket.celery import app
from loket.models import Kwartaalrapportage
from loket.services.kwartaalrapportages import kiesbare_kwartalen
from regio.models import Vak

from ..factories_vacatures import TekortRegelFactory
from ..pdfs import pdf_text
from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.worker]

JAAR, KWARTAAL = kiesbare_kwartalen()[0]
LABEL = f"K{KWARTAAL} {JAAR}"
REGIO = "Onderwijsregio Twente"
# Rendering a PDF with WeasyPrint takes seconds; on a busy CI machine, more.
KLAAR_BINNEN_MS = 90_000
Status = Kwartaalrapportage.Status


def assert_no_browser_errors(errors: list[str]) -> None:
    assert errors == [], "The browser console reported:\n" + "\n".join(errors)


def wait_until(condition, seconds: float = 15):
    deadline = time.monotonic() + seconds
    while not (result := condition()):
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.1)
    return result


@pytest.fixture
def worker_later(settings):
    """Tasks go to the real Redis broker instead of running inside the request; returns a
    function that starts an in-process worker on them. The live server, this test and the
    worker each have their own database connection, and see each other's rows because
    browser tests use transactional database access (pytest-django's live_server)."""
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    # Tasks a failed earlier run left behind would act on rows that now have other ids.
    app.control.purge()
    app.conf.task_always_eager = False
    workers = ExitStack()

    def start() -> None:
        workers.enter_context(
            start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10)
        )

    try:
        yield start
    finally:
        workers.close()
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
        app.control.purge()


@pytest.fixture
def tekortopgave(bestuur):
    """The board's return for the quarter: 3.1 fte of 50 filled by unqualified staff, a
    shortage of 6.2% of employment."""
    # A transactional test before this one may have flushed the subjects of the data migration.
    wiskunde, _ = Vak.objects.get_or_create(naam="Wiskunde", defaults={"slug": "wiskunde"})
    return TekortRegelFactory(
        opgave__bestuur=bestuur,
        opgave__jaar=JAAR,
        opgave__kwartaal=KWARTAAL,
        vak=wiskunde,
        werkgelegenheid_fte=Decimal("50"),
        onbevoegd_fte=Decimal("3.1"),
        ingevuld_onbevoegd_fte=Decimal("3.1"),
    )


def aanvragen(page) -> None:
    formulier = page.get_by_role("region", name="Nieuwe versie laten maken")
    formulier.get_by_label("Regio of groep").select_option(label=REGIO)
    formulier.get_by_label("Kwartaal").select_option(label=LABEL)
    formulier.get_by_role("button", name="Maak kwartaalrapportage").click()


def rijen(page):
    return page.get_by_role("region", name="Gemaakte rapportages").locator("tbody > tr")


def test_project_leader_watches_the_report_being_made_and_downloads_it(
    page,
    log_in,
    browser_errors,
    worker_later,
    projectleider,
    tekortopgave,
):
    log_in(projectleider)
    page.goto("/rapportages/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kwartaalrapportages")
    expect(page.get_by_text("Nog geen kwartaalrapportages.")).to_be_visible()
    assert_accessible(page)

    aanvragen(page)

    expect(page.get_by_role("status")).to_contain_text(
        f"Versie 1 van de kwartaalrapportage {LABEL} van {REGIO} wordt gemaakt."
    )
    rij = rijen(page)
    expect(rij).to_have_count(1)
    expect(rij.get_by_role("cell")).to_have_text(
        [REGIO, LABEL, "1", re.compile(r"Piet Projectleider$"), "In de wachtrij…"]
    )
    # Sent to the broker, not made inside the request: no worker runs yet.
    rapportage = Kwartaalrapportage.objects.get()
    assert (rapportage.status, rapportage.pogingen) == (Status.WACHT, 0)
    assert rapportage.task_id
    status = rij.get_by_role("cell").last
    expect(status).to_have_attribute("hx-trigger", "every 2s")
    expect(status).to_have_attribute("aria-live", "polite")
    assert_accessible(page)

    # The row asks for its status every two seconds; it still waits while no worker runs.
    def is_poll(response) -> bool:
        return (
            response.url.endswith(f"/rapportages/{rapportage.pk}/")
            and response.request.headers.get("hx-request") == "true"
        )

    polls = []
    page.on("response", lambda response: is_poll(response) and polls.append(response))
    with page.expect_response(is_poll):
        pass
    expect(rij.get_by_role("cell").last).to_have_text("In de wachtrij…")
    # Whatever is kept in the page's window would be lost by a reload.
    page.evaluate("window.zelfdePagina = true")

    worker_later()

    # The worker marks the report as being made, renders it for seconds, then stores it. A
    # row lock holds it at that last step until the browser has shown "being made", so the
    # test does not depend on how fast the machine renders.
    wait_until(
        lambda: Kwartaalrapportage.objects.filter(pk=rapportage.pk, status=Status.BEZIG).exists()
    )
    with transaction.atomic():
        vast = Kwartaalrapportage.objects.select_for_update().get(pk=rapportage.pk)
        assert vast.status == Status.BEZIG, "the worker was done before the test could hold it"
        expect(rij.get_by_role("cell").last).to_have_text("Wordt gemaakt…")

    expect(rij.get_by_role("link", name="PDF")).to_be_visible(timeout=KLAAR_BINNEN_MS)
    expect(rij.get_by_role("cell").last).to_have_text("PDF · Excel · CSV")
    assert page.evaluate("window.zelfdePagina") is True, "the page was reloaded"
    assert page.url.endswith("/rapportages/")
    rapportage.refresh_from_db()
    assert (rapportage.status, rapportage.pogingen) == (Status.KLAAR, 1)
    # A finished report's answer is HTTP 286, which ends the polling; the cell (a live region
    # that stays on the page) only had its content replaced.
    assert [poll.status for poll in polls][-1] == 286
    assert all(poll.status == 200 for poll in polls[:-1])
    aantal = len(polls)
    page.wait_for_timeout(2_500)
    assert len(polls) == aantal
    assert_accessible(page)

    with page.expect_download() as download:
        rij.get_by_role("link", name="PDF").click()
    pdf = download.value
    assert pdf.suggested_filename == f"kwartaalrapportage-twente-{JAAR}-q{KWARTAAL}-v1.pdf"
    tekst = pdf_text(Path(pdf.path()).read_bytes())
    assert REGIO in tekst
    assert LABEL in tekst
    # 3.1 of 50 fte: a 6.2% shortage, with a Dutch decimal comma.
    assert "Tekort 3,1 6,2 de werkgelegenheid" in tekst
    assert f"{LABEL} 50,0 0,0 3,1 3,1 6,2" in tekst  # the quarter's line of the trend

    with page.expect_download() as download:
        rij.get_by_role("link", name="Excel").click()
    excel = download.value
    assert excel.suggested_filename == f"kwartaalrapportage-twente-{JAAR}-q{KWARTAAL}-v1.xlsx"
    werkboek = load_workbook(io.BytesIO(Path(excel.path()).read_bytes()))
    over = {
        rij[0]: rij[1]
        for rij in werkboek["Over dit rapport"].iter_rows(min_row=3, values_only=True)
    }
    assert over["Regio"] == REGIO
    assert over["Kwartaal"] == LABEL
    kerncijfers = {
        rij[0]: rij[1] for rij in werkboek["1 Tekorten"].iter_rows(min_row=3, values_only=True)
    }
    assert kerncijfers["Werkgelegenheid (fte)"] == pytest.approx(50)
    assert kerncijfers["Tekort (% van de werkgelegenheid)"] == pytest.approx(6.2)

    # The worker also mails the region's project leaders that the report is ready.
    wait_until(lambda: mail.outbox)
    assert mail.outbox[0].to == [projectleider.email]
    assert LABEL in mail.outbox[0].subject
    assert_no_browser_errors(browser_errors)


def test_asking_again_while_a_version_is_on_its_way_does_not_start_a_second(
    page,
    log_in,
    browser_errors,
    worker_later,
    projectleider,
    tekortopgave,
):
    # No worker: the first version stays in the queue.
    log_in(projectleider)
    page.goto("/rapportages/")

    aanvragen(page)
    expect(page.get_by_role("status")).to_contain_text(
        f"Versie 1 van de kwartaalrapportage {LABEL} van {REGIO} wordt gemaakt."
    )
    aanvragen(page)

    expect(page.get_by_role("status")).to_have_text(
        f"Er wordt al een versie van de kwartaalrapportage {LABEL} van {REGIO} gemaakt; "
        "wacht tot die klaar is."
    )
    rij = rijen(page)
    expect(rij).to_have_count(1)
    expect(rij.get_by_role("cell").nth(2)).to_have_text("1")
    expect(rij.get_by_role("cell").last).to_have_text("In de wachtrij…")
    [rapportage] = Kwartaalrapportage.objects.all()
    assert (rapportage.versie, rapportage.status) == (1, Status.WACHT)
    assert_accessible(page)
    assert_no_browser_errors(browser_errors)
