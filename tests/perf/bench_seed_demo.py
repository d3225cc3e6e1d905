"""Benchmark of `seed_demo --scale national` on PostgreSQL; writes its section of BENCHMARKS.md."""

import datetime
import re
import resource
import time
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db import connection

from kandidaten.models import EventSoort, Fase, Introductie, Kandidaat, TrajectEvent
from loket.demo.context import start_of_today
from loket.models import Aanmelding, Adviesslot, Boeking, Evenement
from opleidingsscholen.models import Opleidingsplaatsen, Opleidingsschool, Plaatsingen
from regio.coverage import dekking_for
from regio.models import (
    Contactpersoon,
    Deelname,
    Organisatie,
    OrganisatieSoort,
    Regio,
    User,
    Vestiging,
)

from .report import machine, write_section

BUDGET_SECONDS = 3 * 60
BUDGET_MIB = 500
START = "<!-- bench_seed_demo:start -->"
END = "<!-- bench_seed_demo:end -->"


@pytest.mark.django_db(transaction=True)
def test_seed_demo_national_stays_within_three_minutes_and_500_mib():
    assert connection.vendor == "postgresql", "the budget is for PostgreSQL"
    rss_before = _rss_mib()
    reset = _reset_peak_rss()
    out = StringIO()
    started = time.perf_counter()
    call_command("seed_demo", "--scale", "national", "--seed", "1", verbosity=2, stdout=out)
    seconds = time.perf_counter() - started
    peak = _peak_rss_mib()

    models = (
        Regio,
        Organisatie,
        Vestiging,
        User,
        EmailAddress,
        Deelname,
        Contactpersoon,
        Opleidingsschool,
        Opleidingsschool.instituten.through,
        Opleidingsschool.besturen.through,
        Opleidingsschool.vestigingen.through,
        Opleidingsplaatsen,
        Plaatsingen,
        Kandidaat,
        TrajectEvent,
        Introductie,
        Adviesslot,
        Boeking,
        Evenement,
        Aanmelding,
    )
    rows = {model._meta.db_table: model.objects.count() for model in models}
    steps = re.findall(r"^step (\S+)\s+(\d+) rows\s+([\d.]+) s$", out.getvalue(), re.MULTILINE)
    peak_label = "peak during the run" if reset else "peak of the whole process"
    memory = {
        "resident before the run": f"{rss_before:.0f} MiB",
        f"{peak_label} (ru_maxrss)": f"{peak:.0f} MiB",
    }
    write_section(_section(seconds, rows, steps, memory), START, END)
    print(f"\nseed_demo --scale national: {seconds:.2f} s, peak RSS {peak:.0f} MiB")

    _assert_national_data(rows)
    assert seconds < BUDGET_SECONDS
    assert peak < BUDGET_MIB


def _assert_national_data(rows: dict[str, int]) -> None:
    """What the national scale promises, checked in SQL (a million events is too many to
    walk through in Python here; tests/test_seed_demo.py walks every timeline at small scale)."""
    assert rows["regio_regio"] == 35
    assert Organisatie.objects.filter(soort=OrganisatieSoort.SCHOOLBESTUUR).count() == 1200
    assert rows["regio_vestiging"] == 7000
    met = [dekking_for(regio).eisen_gehaald for regio in Regio.objects.all()]
    assert 3 <= met.count(False) <= 10
    assert Opleidingsschool.objects.filter(instituten=None).count() == 0
    assert Regio.objects.filter(opleidingsscholen=None).count() == 0
    assert 95_000 <= rows["kandidaten_kandidaat"] <= 105_000
    assert 900_000 <= rows["kandidaten_trajectevent"] <= 1_100_000
    assert set(Kandidaat.objects.values_list("fase", flat=True).distinct()) == set(Fase)
    with connection.cursor() as cursor:
        # Every candidate's stage is the stage its last step led to.
        cursor.execute(
            """
            SELECT count(*) FROM kandidaten_kandidaat k JOIN (
                SELECT DISTINCT ON (kandidaat_id) kandidaat_id, naar, op
                FROM kandidaten_trajectevent WHERE soort = 'stap'
                ORDER BY kandidaat_id, op DESC, id DESC
            ) last ON last.kandidaat_id = k.id
            WHERE last.naar <> k.fase OR last.op <> k.fase_sinds
            """
        )
        assert cursor.fetchone()[0] == 0
        # No slot holds two live bookings; no evening more sign-ups than places.
        cursor.execute(
            "SELECT count(*) FROM (SELECT slot_id FROM loket_boeking WHERE status <> "
            "'geannuleerd' GROUP BY slot_id HAVING count(*) > 1) twice"
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute(
            """
            SELECT count(*) FROM loket_evenement e WHERE e.capaciteit < (
                SELECT count(*) FROM loket_aanmelding a
                WHERE a.evenement_id = e.id AND a.status = 'aangemeld')
            """
        )
        assert cursor.fetchone()[0] == 0
        # Milestones name their institute or board; only a referral has a route and only
        # an outcome an admissibility outcome (the fields kandidaten migration 0006 added).
        cursor.execute(
            """
            SELECT
                count(*) FILTER (WHERE soort IN ('verwijzing', 'toelating', 'introductie')
                                 AND organisatie_id IS NULL),
                count(*) FILTER (WHERE (route <> '') <> (soort = 'verwijzing')),
                count(*) FILTER (WHERE (toelating <> '') <> (soort = 'toelating'))
            FROM kandidaten_trajectevent
            """
        )
        assert cursor.fetchone() == (0, 0, 0)
        # Nobody is past their retention period unerased, and nobody erased has an account:
        # the retention task's first run has no backlog.
        cursor.execute(
            """
            SELECT
                count(*) FILTER (WHERE gewist_op IS NULL AND (
                    (NOT bewaren_na_afloop AND afgerond_op <= %(now)s - interval '28 days')
                    OR afgerond_op <= %(now)s - interval '365 days')),
                count(*) FILTER (WHERE gewist_op IS NOT NULL AND user_id IS NOT NULL),
                count(*) FILTER (WHERE gewist_op IS NOT NULL)
            FROM kandidaten_kandidaat
            """,
            {"now": start_of_today()},
        )
        backlog, erased_with_account, erased = cursor.fetchone()
        assert (backlog, erased_with_account) == (0, 0)
        assert erased >= 10_000
    for soort in (EventSoort.VERWIJZING, EventSoort.ADVISEUR):
        assert TrajectEvent.objects.filter(soort=soort).exists()
    assert User.objects.filter(role="loketadviseur").count() >= 3 * 35


def _peak_rss_mib() -> float:
    """Peak resident memory of this process (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mib() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"^VmRSS:\s*(\d+) kB", status, re.MULTILINE).group(1)) / 1024


def _reset_peak_rss() -> bool:
    """Reset the high-water mark behind ru_maxrss, so it shows the run's peak, not the
    migrations' that created the test database. False where Linux does not allow it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _section(seconds, rows, steps, memory) -> str:
    rest = seconds - sum(float(s) for _, _, s in steps)
    lines = [
        START,
        "## seed_demo --scale national --seed 1 (PostgreSQL)",
        "",
        f"Command: `make bench` (`tests/perf/bench_seed_demo.py`), run on "
        f"{datetime.date.today().isoformat()}. Budget: {BUDGET_SECONDS} s and "
        f"{BUDGET_MIB} MiB peak memory. On PostgreSQL the large tables are written with COPY "
        "(`loket/demo/bulk.py`); the whole command runs in one transaction, so its time "
        "includes the commit, where PostgreSQL checks the deferred foreign keys. Candidates "
        "past their retention period are stored already erased, without an account, so there "
        "are fewer users than candidates.",
        "",
        "| machine | |",
        "| --- | --- |",
        *[f"| {key} | {value} |" for key, value in machine().items()],
        "",
        "| rows made | |",
        "| --- | ---: |",
        *[f"| {table} | {count:,} |" for table, count in rows.items()],
        "",
        "| figure | value |",
        "| --- | ---: |",
        f"| wall time, whole command | {seconds:.2f} s |",
        *[f"| step {name} ({int(n):,} rows) | {float(s):.3f} s |" for name, n, s in steps],
        f"| commit, ANALYZE and the rest (whole command minus steps) | {rest:.3f} s |",
        *[f"| memory, {key} | {value} |" for key, value in memory.items()],
        END,
    ]
    return "\n".join(lines)
