"""A quarterly report survives its worker dying mid-render: real worker processes against the
real Redis broker and the test database (issue 6).

How the Redis transport gives an unacknowledged message back (kombu 5.7,
kombu/transport/redis.py): a worker that takes a message keeps it in the `unacked` hash, and in
the `unacked_index` sorted set scored with the time it was taken. `QoS.restore_visible` puts
messages taken longer than `visibility_timeout` ago back on their queue. A worker runs it once
when it registers with its event loop (`on_poll_init`, at start-up) and then on a timer
(every `unacked_restore_interval` = 10 s, scanning on every `unacked_restore_throttle` = 10th
call: about every 100 s). So the second worker below gets a short visibility timeout and is
started once the killed worker's message is older than that: its start-up sweep restores the
message at once, and nothing depends on sleeping for the right amount of time.
"""

import email
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from email import policy
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.mail.backends import filebased
from django.db import connection

from loket.celery import app
from loket.models import Kwartaalrapportage
from loket.services.kwartaalrapportages import kiesbare_kwartalen, kwartaalrapportage_aanvragen
from loket.tasks import maak_kwartaalrapportage
from regio.models import Activiteit, Ontwikkellijn, Role, Voortgang, VoortgangStatus

from .factories import RegioFactory, UserFactory
from .pdfs import pdf_text

pytestmark = pytest.mark.worker

JAAR, KWARTAAL = kiesbare_kwartalen()[0]
Status = Kwartaalrapportage.Status
# The second worker's visibility timeout: short, so the killed worker's message comes back soon.
VISIBILITY_TIMEOUT = 2
# Every wait is bounded; a worker needs a few seconds to start and a report some more to render.
DEADLINE = 90
POLL = 0.05
MAIL_DIR_ENV = "LOKET_TEST_MAIL_DIR"
# Enough plan to make rendering take seconds, far longer than the polling interval.
AANTAL_ACTIVITEITEN = 30


class MailToFolder(filebased.EmailBackend):
    """The workers' e-mail backend: one file per sent batch in the folder the test names.

    settings.py reads no EMAIL_FILE_PATH, so the path comes from the worker's environment."""

    def __init__(self, *args, **kwargs):
        kwargs["file_path"] = os.environ[MAIL_DIR_ENV]
        super().__init__(*args, **kwargs)


class Worker:
    """A `celery worker` process, its output in a log file."""

    def __init__(self, naam: str, env: dict, log: Path):
        self.naam, self.log = naam, log
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
                [
                    str(Path(sys.executable).parent / "celery"),
                    *("-A", "loket", "worker", "--pool", "solo", "--concurrency", "1"),
                    *("--without-gossip", "--without-mingle", "--without-heartbeat"),
                    *("-l", "info", "-n", f"{naam}@%h"),
                ],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def tail(self, lines: int = 40) -> str:
        return f"--- worker {self.naam} (exit {self.process.poll()}) ---\n" + "\n".join(
            self.output().splitlines()[-lines:]
        )

    def kill(self) -> None:
        """SIGKILL, as the kernel's OOM killer or a lost machine would: no warm shutdown, no
        chance to give the message back. With --pool solo the worker is this one process."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


def wachten(voorwaarde, wat: str, workers: list[Worker], deadline: float = DEADLINE):
    """Poll until `voorwaarde()` is true; fail with the workers' logs after the deadline."""
    einde = time.monotonic() + deadline
    while time.monotonic() < einde:
        if voorwaarde():
            return
        for worker in workers:
            if worker.process.poll() not in (None, -signal.SIGKILL):  # killed on purpose
                pytest.fail(f"worker {worker.naam} stopped, waiting for {wat}\n{worker.tail()}")
        time.sleep(POLL)
    pytest.fail(f"waited {deadline} s for {wat}\n" + "\n".join(worker.tail() for worker in workers))


def broker_legen() -> None:
    """Nothing from another test or an earlier run is delivered: empty the queue, and forget
    messages other workers took but never acknowledged (they would be restored)."""
    with app.connection_for_write() as conn:
        app.control.purge(connection=conn)
        channel = conn.default_channel
        channel.client.delete(
            channel.unacked_key, channel.unacked_index_key, channel.unacked_mutex_key
        )


def afgeleverd_op(task_id: str) -> float | None:
    """When a worker took the task's message and has not acknowledged it yet (the message's
    score in kombu's unacked index), or None if no worker holds it."""
    with app.connection_for_write() as conn:
        channel = conn.default_channel
        for tag, waarde in channel.client.hgetall(channel.unacked_key).items():
            bericht, _exchange, _routing_key = json.loads(waarde)
            if bericht["headers"]["id"] == task_id:
                return channel.client.zscore(channel.unacked_index_key, tag)
    return None


def database_url() -> str:
    """The test database (test_<name>, made by pytest-django) as a DATABASE_URL."""
    db = connection.settings_dict
    login = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        login += ":" + quote(db["PASSWORD"], safe="")
    return (
        f"postgres://{login}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{quote(db['NAME'])}"
    )


@pytest.fixture
def workers(transactional_db, tmp_path):
    """Start worker processes that see this test's database, broker and file storage; every
    one is killed afterwards (and its log printed when the test failed)."""
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    gestart: list[Worker] = []
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": settings.STORAGES["private"]["OPTIONS"]["location"],
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_BACKEND": f"{__name__}.MailToFolder",
        MAIL_DIR_ENV: str(mail_dir),
        # The e-mail backend above lives in this module; the celery script's own folder is
        # what Python puts first on the path, not the project.
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    env.pop("CELERY_VISIBILITY_TIMEOUT", None)

    def start(*namen: str, **extra_env) -> Worker | list[Worker]:
        """Start workers (at the same time) and wait until each is ready."""
        nieuw = [
            Worker(naam, {**env, **extra_env}, tmp_path / f"worker-{naam}.log") for naam in namen
        ]
        gestart.extend(nieuw)
        for worker in nieuw:
            wachten(
                lambda worker=worker: " ready." in worker.output(),
                f"worker {worker.naam} to be ready",
                gestart,
            )
        return nieuw[0] if len(nieuw) == 1 else nieuw

    start.gestart = gestart
    start.mail_dir = mail_dir
    broker_legen()
    app.conf.task_always_eager = False  # this process sends; the workers run
    try:
        yield start
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
        for worker in gestart:
            worker.stop()
        broker_legen()
        # pytest shows what a test printed only when it failed.
        for worker in gestart:
            print(worker.tail(80))


def regio_met_een_groot_plan():
    """A region whose report renders for seconds: a plan of many activities with progress and
    a long note each, so the PDF has many pages."""
    regio = RegioFactory(naam="Onderwijsregio Werkerstest", slug="werkerstest")
    leider = UserFactory(
        email="leider.werkerstest@example.nl", role=Role.PROJECTLEIDER, regio=regio
    )
    lijnen = [
        Ontwikkellijn.objects.create(regio=regio, naam=f"Ontwikkellijn {nummer}", volgorde=nummer)
        for nummer in range(1, 9)
    ]
    activiteiten = Activiteit.objects.bulk_create(
        Activiteit(
            ontwikkellijn=lijnen[nummer % len(lijnen)],
            naam=f"Activiteit {nummer}: zij-instroomtraject techniek",
            begin=date(JAAR, 1, 1),
            einde=date(JAAR, 12, 31),
            beoogd_resultaat="Twintig zij-instromers per jaar in de techniekvakken. " * 3,
            producten="Een handreiking voor scholen en een wervingscampagne.",
            eigenaar="Werkgroep werven en behouden",
            volgorde=nummer,
        )
        for nummer in range(1, AANTAL_ACTIVITEITEN + 1)
    )
    Voortgang.objects.bulk_create(
        Voortgang(
            activiteit=activiteit,
            jaar=JAAR,
            kwartaal=KWARTAAL,
            status=VoortgangStatus.RISICO,
            toelichting="Te weinig begeleiders beschikbaar op de scholen van de regio. " * 6,
        )
        for activiteit in activiteiten
    )
    return regio, leider


def prive_opslag() -> FileSystemStorage:
    """The private storage the workers write to (this test's folder). Not `rapportage.pdf`'s
    storage: a FileField calls its storage callable once, when the model is imported, so in
    this process it still points where settings.py said before conftest moved it."""
    return FileSystemStorage(**settings.STORAGES["private"]["OPTIONS"])


def pdf_bestanden() -> list[str]:
    """Every file in the private storage, relative to it."""
    root = Path(prive_opslag().location)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def pdf_tekst(rapportage: Kwartaalrapportage) -> str:
    with prive_opslag().open(rapportage.pdf.name, "rb") as f:
        return pdf_text(f.read())


def mails(mail_dir: Path) -> list[email.message.EmailMessage]:
    """The messages the workers wrote, one or more per file, split on the backend's rule."""
    berichten = []
    for bestand in sorted(mail_dir.iterdir()):
        for deel in bestand.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if deel.strip():
                berichten.append(email.message_from_bytes(deel, policy=policy.default))
    return berichten


def test_a_report_is_completed_once_after_its_worker_is_killed_mid_render(workers):
    regio, leider = regio_met_een_groot_plan()
    eerste = workers("eerste")

    rapportage, nieuw = kwartaalrapportage_aanvragen(
        regio=regio, jaar=JAAR, kwartaal=KWARTAAL, door=leider
    )
    assert nieuw
    rapportage.refresh_from_db()
    assert rapportage.task_id  # sent on commit, to the broker

    def status():
        return Kwartaalrapportage.objects.values_list("status", flat=True).get(pk=rapportage.pk)

    wachten(lambda: status() == Status.BEZIG, "the first worker to start", workers.gestart)
    eerste.kill()

    # It died mid-render: the report is still being made, no file was stored, and the broker
    # still holds the message as taken but not acknowledged (acks_late).
    rapportage.refresh_from_db()
    assert (rapportage.status, rapportage.pogingen, rapportage.pdf.name) == (Status.BEZIG, 1, "")
    assert pdf_bestanden() == []
    genomen = afgeleverd_op(rapportage.task_id)
    assert genomen is not None, "the killed worker's message is not held unacknowledged"

    # Once the message is older than the visibility timeout, a worker that starts restores it.
    wachten(
        lambda: time.time() > genomen + VISIBILITY_TIMEOUT + 0.1,
        "the visibility timeout",
        workers.gestart,
    )
    tweede = workers("tweede", CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT))
    wachten(
        lambda: (
            Kwartaalrapportage.objects.filter(
                pk=rapportage.pk, status=Status.KLAAR, gemaild_op__isnull=False
            ).exists()
            and mails(workers.mail_dir)
        ),
        "the second worker to complete the report and mail it",
        workers.gestart,
    )

    assert Kwartaalrapportage.objects.count() == 1
    rapportage.refresh_from_db()
    assert (rapportage.status, rapportage.versie, rapportage.pogingen) == (Status.KLAAR, 1, 2)
    assert f"maak_kwartaalrapportage[{rapportage.task_id}] received" in tweede.output()
    assert afgeleverd_op(rapportage.task_id) is None  # acknowledged now
    assert "Onderwijsregio Werkerstest" in pdf_tekst(rapportage)
    assert pdf_bestanden() == [rapportage.pdf.name]
    [bericht] = mails(workers.mail_dir)
    assert bericht["To"] == leider.email
    assert "Onderwijsregio Werkerstest" in bericht["Subject"]


def test_two_deliveries_of_one_task_complete_the_report_once(workers):
    """The same task delivered twice, to two workers at once: both start on the report, one
    completes it, the other throws its own file away; one report, one file, one e-mail."""
    regio, leider = regio_met_een_groot_plan()
    workers("een", "twee")

    rapportage, _ = kwartaalrapportage_aanvragen(
        regio=regio, jaar=JAAR, kwartaal=KWARTAAL, door=leider
    )
    rapportage.refresh_from_db()
    maak_kwartaalrapportage.apply_async(args=[rapportage.pk], task_id=rapportage.task_id)

    klaar = f"maak_kwartaalrapportage[{rapportage.task_id}] succeeded"

    def logs():
        return "".join(worker.output() for worker in workers.gestart)

    wachten(
        lambda: logs().count(klaar) == 2 and mails(workers.mail_dir),
        "both deliveries to finish and the e-mail",
        workers.gestart,
    )

    uitkomsten = sorted(regel.rsplit(": ", 1)[1] for regel in logs().splitlines() if klaar in regel)
    assert uitkomsten == ["False", "True"]  # one run completed it
    rapportage.refresh_from_db()
    assert Kwartaalrapportage.objects.count() == 1
    # Both runs started while it was being made: the second delivery really raced the first.
    assert (rapportage.status, rapportage.pogingen) == (Status.KLAAR, 2)
    assert pdf_bestanden() == [rapportage.pdf.name]
    assert "Onderwijsregio Werkerstest" in pdf_tekst(rapportage)
    assert len(mails(workers.mail_dir)) == 1
