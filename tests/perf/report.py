"""What every benchmark shares: the machine it ran on, and writing its own section of
BENCHMARKS.md between its markers."""

import os
import platform
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import django
from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment

BENCHMARKS = Path(__file__).resolve().parents[2] / "BENCHMARKS.md"
HEADER = """# Benchmarks

Every figure here comes from a real run of a benchmark in `tests/perf/`; each section names the
command, the machine and the date. Run them all with `make bench` (PostgreSQL and Redis are
started if needed, then `pytest tests/perf/bench_*.py -s` runs with the test environment of the
Makefile). Benchmarks are not part of `make test`: their files are named `bench_*.py` and the
normal run only collects `test_*.py`. Each benchmark rewrites its own section between its
markers and fails when it exceeds its time budget.
"""


def machine() -> dict[str, str]:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    meminfo = Path("/proc/meminfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    mem_kib = int(re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.MULTILINE).group(1))
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    return {
        "CPU": model.group(1).strip() if model else platform.processor() or "unknown",
        "cores (nproc)": str(len(os.sched_getaffinity(0))),
        "memory": f"{mem_kib / 1024**2:.1f} GiB",
        "database": f"PostgreSQL {pg_version}",
        "Python / Django": f"{platform.python_version()} / {django.get_version()}",
    }


def write_section(section: str, start: str, end: str) -> None:
    """Replace a benchmark's section of BENCHMARKS.md (between `start` and `end`), or append it."""
    text = BENCHMARKS.read_text() if BENCHMARKS.exists() else HEADER
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    BENCHMARKS.write_text(text)


@contextmanager
def without_test_instrumentation():
    """Measure pages as a server renders them. The test environment (set up by pytest-django)
    makes every template render send a signal for which the test client copies the whole
    context, a cost that grows with the number of partials on a page and that no server
    pays. Undone for the measurement, set up again after."""
    teardown_test_environment()
    try:
        yield
    finally:
        setup_test_environment()


def machine_and_data(counts: dict[str, int]) -> list[str]:
    """The two tables every benchmark section starts with: the machine and the data size."""
    return [
        "| machine | |",
        "| --- | --- |",
        *[f"| {key} | {value} |" for key, value in machine().items()],
        "",
        "| data | |",
        "| --- | ---: |",
        *[f"| {key} | {value:,} |" for key, value in counts.items()],
        "",
    ]


def database_url() -> str:
    """The address of the database the tests use (the test database), for another process."""
    db = connection.settings_dict
    login = db["USER"] + (f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else "")
    return f"postgres://{login}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def seed_in_another_process(scale: str = "national") -> None:
    """Seed the test database with `seed_demo --scale <scale> --seed 1` from a separate
    process, so the measuring process (like a web worker) does not carry the seeding's heap."""
    subprocess.run(
        [sys.executable, "manage.py", "seed_demo", "--scale", scale, "--seed", "1"],
        cwd=BENCHMARKS.parent,
        env={**os.environ, "DATABASE_URL": database_url()},
        check=True,
        stdout=subprocess.DEVNULL,
    )
