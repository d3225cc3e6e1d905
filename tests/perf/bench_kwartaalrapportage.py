"""Time of the quarterly report on national-scale demo data (issue 6): one region's figures and
PDF in this process, then every region's and group's report of the quarter just ended made by
a real Celery worker (prefork, two processes) with its peak memory; writes its section of
BENCHMARKS.md."""

import datetime
import io
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from kandidaten.models import Kandidaat, TrajectEvent
from loket.celery import app
from loket.kwartaalrapportage.gegevens import rapportage_gegevens
from loket.kwartaalrapportage.weergave import pdf_maken
from loket.models import Kwartaalrapportage
from loket.services.kwartaalrapportages import kwartaalrapportages_nieuw_kwartaal
from regio.models import Regio, Regiogroep, TekortOpgave, TekortRegel, Vacature, kwartaal_van
from regio.tekorten import kwartaal_label, vorig_kwartaal

from .report import machine_and_data, without_test_instrumentation, write_section

START = "<!-- bench_kwartaalrapportage:start -->"
END = "<!-- bench_kwartaalrapportage:end -->"
ROOT = Path(__file__).resolve().parents[2]
REPETITIONS = 5
CONCURRENCY = 2
# The issue's targets: one region's figures and PDF; every report of a quarter with 2 workers.
BUDGET_ONE_S = 5.0
BUDGET_ALL_S = 60.0
# How long to wait before calling the worker stuck (far above the budget).
WAIT_ALL_S = 600
SAMPLE_EVERY_S = 0.1
Status = Kwartaalrapportage.Status


def _database_url() -> str:
    db = connection.settings_dict
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _seed_in_another_process() -> None:
    """Seed the test database from a separate process (see bench_matching): the seeding's
    leftover heap would otherwise be part of this process's timings."""
    subprocess.run(
        [sys.executable, "manage.py", "seed_demo", "--scale", "national", "--seed", "1"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": _database_url()},
        check=True,
        stdout=subprocess.DEVNULL,
    )


# --- one region, in this process -----------------------------------------------------------


def _one_region(regio: Regio, jaar: int, kwartaal: int) -> dict:
    """Figures and PDF of one region's report, REPETITIONS times; the first call of the
    process (imports of matplotlib and WeasyPrint, font set-up) is measured apart."""
    kwargs = {"regios": [regio], "jaar": jaar, "kwartaal": kwartaal, "titel": regio.naam}
    gegevens_s, pdf_s, samen_s = [], [], []
    for _ in range(REPETITIONS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            gegevens = rapportage_gegevens(**kwargs)
            tussen = time.perf_counter()
        pdf = pdf_maken(gegevens, versie=1, gemaakt_op=timezone.now())
        klaar = time.perf_counter()
        gegevens_s.append(tussen - started)
        pdf_s.append(klaar - tussen)
        samen_s.append(klaar - started)
    return {
        "regio": regio.naam,
        "kandidaten": regio.aantal_kandidaten,
        "gegevens": gegevens_s,
        "pdf": pdf_s,
        "samen": samen_s,
        "queries": len(captured),
        "pdf_kib": len(pdf) / 1024,
        "paginas": len(PdfReader(io.BytesIO(pdf)).pages),
    }


def _cold_first_report(regio: Regio, jaar: int, kwartaal: int) -> tuple[float, float]:
    started = time.perf_counter()
    gegevens = rapportage_gegevens(regios=[regio], jaar=jaar, kwartaal=kwartaal, titel=regio.naam)
    tussen = time.perf_counter()
    pdf_maken(gegevens, versie=1, gemaakt_op=timezone.now())
    return tussen - started, time.perf_counter() - tussen


# --- all regions, by a real worker ----------------------------------------------------------


def _children(pid: int) -> list[int]:
    kinderen = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # Fields after the command name (which may hold spaces): state, ppid, ...
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            kinderen.append(int(entry.name))
    return kinderen


def _status_kib(pid: int, field: str) -> int | None:
    try:
        match = re.search(rf"^{field}:\s*(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M)
    except OSError:
        return None
    return int(match.group(1)) if match else None


def _cpu_s(pid: int) -> float | None:
    """User + system CPU seconds a process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pss_kib(pid: int) -> int | None:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    match = re.search(r"^Pss:\s*(\d+) kB", text, re.M)
    return int(match.group(1)) if match else None


class MemorySampler(threading.Thread):
    """Every SAMPLE_EVERY_S: the resident size of the worker's parent and of each pool child,
    and their sum (RSS counts pages the children share with the parent in each of them; the
    sum of PSS divides shared pages among them, so it is what the processes use together)."""

    def __init__(self, parent: int):
        super().__init__(daemon=True)
        self.parent = parent
        self.peak_rss: dict[int, int] = {}
        self.peak_hwm: dict[int, int] = {}
        self.peak_sum_rss = 0
        self.peak_sum_pss = 0
        self.cpu: dict[int, float] = {}
        self.halt = threading.Event()

    def sample(self) -> None:
        som_rss = som_pss = 0
        for pid in [self.parent, *_children(self.parent)]:
            rss, hwm, pss = _status_kib(pid, "VmRSS"), _status_kib(pid, "VmHWM"), _pss_kib(pid)
            if rss is None:
                continue
            self.peak_rss[pid] = max(self.peak_rss.get(pid, 0), rss)
            self.peak_hwm[pid] = max(self.peak_hwm.get(pid, 0), hwm or 0)
            self.cpu[pid] = _cpu_s(pid) or self.cpu.get(pid, 0.0)
            som_rss += rss
            som_pss += pss or 0
        self.peak_sum_rss = max(self.peak_sum_rss, som_rss)
        self.peak_sum_pss = max(self.peak_sum_pss, som_pss)

    def run(self) -> None:
        while not self.halt.wait(SAMPLE_EVERY_S):
            self.sample()


@contextmanager
def _worker(tmp_path: Path):
    """A real worker as production runs it (prefork, CONCURRENCY processes), against the test
    database and this run's Redis, tasks not eager, private media in a temporary folder.
    Yields (pid, log file)."""
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "the worker needs Redis"
    app.control.purge()  # nothing left over from an earlier run may be made first
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    command = [
        sys.executable, "-m", "celery", "-A", "loket", "worker",
        "--pool", "prefork", "--concurrency", str(CONCURRENCY), "--loglevel", "INFO",
        "--hostname", f"bench-kwartaal-{os.getpid()}@%h",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    with log.open("w") as out:
        worker = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 120
        while " ready." not in log.read_text():
            assert worker.poll() is None, f"the worker stopped:\n{log.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"the worker did not start:\n{log.read_text()}"
            time.sleep(0.2)
        yield worker.pid, log
    finally:
        worker.send_signal(signal.SIGTERM)  # warm shutdown: finishes what it is doing
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def _task_runtimes(log: Path) -> dict[str, float]:
    """task id → seconds the task ran, from the worker's "succeeded in" lines."""
    pattern = r"maak_kwartaalrapportage\[([0-9a-f-]+)\] succeeded in ([0-9.]+)s"
    return {task_id: float(s) for task_id, s in re.findall(pattern, log.read_text())}


def _all_regions(tmp_path: Path, jaar: int, kwartaal: int) -> dict:
    with _worker(tmp_path) as (pid, log):
        sampler = MemorySampler(pid)
        sampler.sample()
        idle_rss = sum(sampler.peak_rss.values())
        idle_cpu = sum(sampler.cpu.values())
        sampler.start()
        app.conf.task_always_eager = False
        try:
            load_voor = os.getloadavg()[0]
            started = time.monotonic()
            gevraagd = kwartaalrapportages_nieuw_kwartaal()
            rapportages = Kwartaalrapportage.objects.filter(jaar=jaar, kwartaal=kwartaal)
            while rapportages.filter(status__in=Kwartaalrapportage.LOPEND).exists():
                assert time.monotonic() - started < WAIT_ALL_S, "the reports never finished"
                time.sleep(0.1)
            wall = time.monotonic() - started
            load_na = os.getloadavg()[0]
        finally:
            app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
            sampler.halt.set()
            sampler.join()
        sampler.sample()  # the children's own high-water marks, read once more at the end
        mislukt = list(rapportages.filter(status=Status.MISLUKT).values_list("pk", "foutmelding"))
        assert not mislukt, f"reports failed: {mislukt}\n{log.read_text()[-3000:]}"
        time.sleep(1)  # the last "succeeded" line reaches the log just after the row is updated
        runtimes = _task_runtimes(log)
    rijen = list(rapportages.values("task_id", "regio__naam", "groep__naam"))
    per_regio = [runtimes[r["task_id"]] for r in rijen if r["regio__naam"]]
    per_groep = {r["groep__naam"]: runtimes[r["task_id"]] for r in rijen if r["groep__naam"]}
    children = [p for p in sampler.peak_rss if p != pid]
    return {
        "gevraagd": gevraagd,
        "regios": len(per_regio),
        "groepen": len(per_groep),
        "wall": wall,
        "per_regio": sorted(per_regio),
        "per_groep": per_groep,
        "som": sum(runtimes.values()),
        "cpu": sum(sampler.cpu.values()) - idle_cpu,
        "load": (load_voor, load_na),
        "parent_rss": sampler.peak_rss[pid],
        "children_rss": [sampler.peak_rss[p] for p in children],
        "children_hwm": [sampler.peak_hwm[p] for p in children],
        "idle_rss": idle_rss,
        "sum_rss": sampler.peak_sum_rss,
        "sum_pss": sampler.peak_sum_pss,
    }


# --- the benchmark -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_quarterly_reports_are_made_within_budget_on_national_data(tmp_path):
    assert connection.vendor == "postgresql", "the budget is for PostgreSQL"
    _seed_in_another_process()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    # The quarter that just ended: the one the beat schedule asks every report for.
    jaar, kwartaal = vorig_kwartaal(*kwartaal_van(timezone.localdate()))
    regios = list(
        Regio.objects.annotate(aantal_kandidaten=Count("kandidaten")).order_by(
            "-aantal_kandidaten", "naam"
        )
    )
    grootste, gewone = regios[0], regios[len(regios) // 2]

    with without_test_instrumentation():
        koud = _cold_first_report(gewone, jaar, kwartaal)
        een = [_one_region(regio, jaar, kwartaal) for regio in (grootste, gewone)]
    alle = _all_regions(tmp_path, jaar, kwartaal)

    counts = {
        "regions": len(regios),
        "groups of regions": Regiogroep.objects.count(),
        "candidates": Kandidaat.objects.count(),
        "journey events": TrajectEvent.objects.count(),
        "vacancies": Vacature.objects.count(),
        "shortage returns (rows)": TekortOpgave.objects.count(),
        "shortage return lines": TekortRegel.objects.count(),
    }
    section = _section(kwartaal_label(jaar, kwartaal), counts, koud, een, alle)
    write_section(section, START, END)
    print(section)

    assert alle["regios"] == len(regios) and alle["groepen"] == counts["groups of regions"]
    slow = [(r["regio"], statistics.median(r["samen"])) for r in een]
    slow = [(naam, s) for naam, s in slow if s > BUDGET_ONE_S]
    assert not slow, f"one region's report took more than {BUDGET_ONE_S} s (median): {slow}"
    assert alle["wall"] <= BUDGET_ALL_S, f"all reports took {alle['wall']:.1f} s"


def _mib(kib: float) -> str:
    return f"{kib / 1024:,.0f} MiB"


def _section(kwartaal: str, counts: dict, koud, een: list[dict], alle: dict) -> str:
    def tijden(label: str, xs: list[float]) -> str:
        return f"{label} | {statistics.median(xs):.2f} | {max(xs):.2f}"

    regio_rijen = []
    for r in een:
        naam = f"{r['regio']} ({r['kandidaten']:,} candidates)"
        regio_rijen += [
            f"| {naam} | {tijden('figures', r['gegevens'])} | {r['queries']} | |",
            f"| {naam} | {tijden('PDF', r['pdf'])} | | {r['pdf_kib']:,.0f} KiB, "
            f"{r['paginas']} pages |",
            f"| {naam} | {tijden('**together**', r['samen'])} | | |",
        ]
    per_regio = alle["per_regio"]
    return "\n".join(
        [
            START,
            "## Kwartaalrapportage (issue 6)",
            f'Command: `make bench ARGS="-k kwartaalrapportage"` '
            f"(`tests/perf/bench_kwartaalrapportage.py`), run on "
            f"{datetime.date.today().isoformat()}. Seeds `seed_demo --scale national --seed 1` in "
            "a separate process, vacuums and analyses, then, for the quarter that just ended "
            f"({kwartaal}): (1) in the benchmark's own process, the region with the most "
            "candidates and a typical one (the median region by candidates): "
            "`rapportage_gegevens` (the figures) and `pdf_maken` (charts and WeasyPrint), "
            f"{REPETITIONS} times each, after one first report that pays the process's imports "
            "of matplotlib and WeasyPrint; (2) a real Celery worker (`celery worker --pool "
            f"prefork --concurrency {CONCURRENCY}`, Redis broker, started and idle before the "
            "clock starts) makes every report that `kwartaalrapportages_nieuw_kwartaal` asks "
            "for (every region's and every group's), timed from asking until the last one is "
            "`klaar` (none may fail); its memory is sampled every "
            f"{SAMPLE_EVERY_S * 1000:.0f} ms from /proc (RSS and VmHWM of the parent and each "
            "pool child; PSS summed over them, which counts pages the children share with the "
            "parent once). Other work ran on the 2-core machine at the same time, so timings "
            f"are noisy. Budget: one region ≤ {BUDGET_ONE_S:.0f} s (median of figures + PDF), "
            f"all reports ≤ {BUDGET_ALL_S:.0f} s.",
            "",
            *machine_and_data(counts),
            "| one region | step | median s | max s | queries | PDF |",
            "| --- | --- | ---: | ---: | ---: | --- |",
            *regio_rijen,
            f"| first report of a process ({een[1]['regio']}) | figures / PDF | "
            f"{koud[0]:.2f} / {koud[1]:.2f} | | | |",
            "",
            "| all reports, worker with 2 processes | value |",
            "| --- | ---: |",
            f"| reports asked for | {alle['gevraagd']} ({alle['regios']} regions, "
            f"{alle['groepen']} group{'s' if alle['groepen'] != 1 else ''}) |",
            f"| **wall time, asking until the last is klaar** | **{alle['wall']:.1f} s** |",
            f"| one region's task, median / max | {statistics.median(per_regio):.2f} s / "
            f"{max(per_regio):.2f} s |",
            *[f"| group's task: {naam} | {s:.2f} s |" for naam, s in alle["per_groep"].items()],
            f"| the reports' task times summed | {alle['som']:.1f} s |",
            f"| CPU time the worker's processes used meanwhile | {alle['cpu']:.1f} s |",
            f"| machine's load average (1 min) when asking / when done | "
            f"{alle['load'][0]:.1f} / {alle['load'][1]:.1f} |",
            f"| all worker processes idle, before asking: summed RSS | {_mib(alle['idle_rss'])} |",
            f"| worker parent, peak RSS | {_mib(alle['parent_rss'])} |",
            *[
                f"| pool child {i}, peak RSS (VmHWM) | {_mib(rss)} ({_mib(hwm)}) |"
                for i, (rss, hwm) in enumerate(
                    zip(alle["children_rss"], alle["children_hwm"], strict=True), start=1
                )
            ],
            f"| **all worker processes, peak of summed RSS / PSS** | "
            f"**{_mib(alle['sum_rss'])} / {_mib(alle['sum_pss'])}** |",
            END,
        ]
    )
