"""A real Celery worker, in-process, against the real Redis broker and the test database."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from loket.celery import app
from loket.models import Rapport
from loket.services import rapporten

from .factories import OrganisatieFactory, RegioFactory, UserFactory
from .pdfs import pdf_text

pytestmark = pytest.mark.worker


@pytest.fixture
def worker(settings):
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


@pytest.mark.django_db(transaction=True)
def test_a_worker_renders_the_requested_report(worker):
    regio = RegioFactory(naam="Onderwijsregio Utrecht")
    OrganisatieFactory(bestuur=True, regio=regio, naam="Stichting Worker Test")
    leider = UserFactory(role="projectleider", regio=regio)

    rapport = rapporten.rapport_request(
        regio=regio, soort=Rapport.Soort.REGIO_OVERZICHT, user=leider
    )

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        rapport.refresh_from_db()
        if rapport.status != Rapport.Status.WACHT:
            break
        time.sleep(0.2)
    assert rapport.status == Rapport.Status.KLAAR, rapport.foutmelding
    assert rapport.task_id  # recorded when the task was sent, not run eagerly
    with rapport.bestand.open("rb") as f:
        assert "Stichting Worker Test" in pdf_text(f.read())
