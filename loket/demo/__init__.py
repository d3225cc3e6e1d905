"""Deterministic demo data for the portal: the steps of `manage.py seed_demo` and how they run.

Each kind of data has one generator, `make_<kind>(ctx, rng) -> rows`, listed in STEPS in the
order they must run. A generator reads what earlier ones left in the DemoContext, inserts its
rows in bulk (bulk_create, or bulk.insert_rows for the large tables: COPY on PostgreSQL) and
returns how many it made. To add a kind of data, write its generator in a module of this
package and put it in STEPS after the steps whose data it needs.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection, transaction

from regio.models import Regio, User

from .advies import make_evenings, make_hr, make_slots, make_staff
from .context import SCALES, DemoContext
from .data import DEMO_PASSWORD
from .kandidaten import make_candidates, make_demo_candidate
from .logins import demo_emails, existing_demo_logins, logins_table, make_demo_logins
from .participation import make_contacts, make_deelnames
from .partnerships import make_members, make_partnerships, make_placements, make_training_places
from .plan import make_groups, make_plans
from .registry import make_boards, make_partners, make_regions, make_schools
from .tekorten import make_returns
from .vacatures import make_filled, make_publications, make_vacancies

__all__ = [
    "DEMO_PASSWORD",
    "SCALES",
    "STEPS",
    "DatabaseNotEmpty",
    "Outcome",
    "logins_table",
    "seed_demo",
]


class Step(NamedTuple):
    name: str
    make: Callable


STEPS: list[Step] = [
    Step("regions", make_regions),
    Step("partners", make_partners),
    Step("boards", make_boards),
    Step("schools", make_schools),
    Step("logins", make_demo_logins),
    Step("participations", make_deelnames),
    Step("contacts", make_contacts),
    Step("partnerships", make_partnerships),
    Step("memberships", make_members),
    Step("places", make_training_places),
    Step("placements", make_placements),
    Step("staff", make_staff),
    Step("hr", make_hr),
    Step("evenings", make_evenings),
    Step("slots", make_slots),
    Step("vacancies", make_vacancies),
    Step("demo_candidate", make_demo_candidate),
    Step("candidates", make_candidates),
    Step("filled", make_filled),  # the vacancies the candidates were appointed to
    Step("publications", make_publications),  # when each vacancy was published, once settled
    Step("returns", make_returns),
    Step("plans", make_plans),
    Step("groups", make_groups),
]


class DatabaseNotEmpty(Exception):
    """The database already holds data that the demo data would clash with."""


@dataclass
class Outcome:
    """What a run did: whether it made data, the rows per step, and the demo logins there are."""

    created: bool
    existing_regions: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    logins: list[User] = field(default_factory=list)


def seed_demo(
    *, scale: str, seed: int, if_empty: bool = False, log: Callable[[str], None] | None = None
) -> Outcome:
    """Fill an empty database with the demo data of `scale`, the same for the same `seed`.

    All in one transaction. With data present it raises DatabaseNotEmpty, or with `if_empty`
    returns an Outcome with created=False. `log`, if given, gets one line per step with its
    row count and time.
    """
    ctx = DemoContext(scale=SCALES[scale], seed=seed)
    outcome = Outcome(created=False)
    with transaction.atomic():
        outcome.existing_regions = Regio.objects.count()
        if outcome.existing_regions:
            if not if_empty:
                raise DatabaseNotEmpty(
                    f"The database already has {outcome.existing_regions} region(s); seed_demo "
                    "only fills an empty database. Use --if-empty to leave it as it is, or "
                    "flush the database first."
                )
            outcome.logins = existing_demo_logins()
            return outcome
        taken = list(User.objects.filter(email__in=demo_emails()).values_list("email", flat=True))
        if taken:
            raise DatabaseNotEmpty(
                f"The database has no regions but already has demo user(s) {', '.join(taken)}; "
                "remove them or flush the database first."
            )
        for step in STEPS:
            started = time.perf_counter()
            rows = step.make(ctx, ctx.rng(step.name))
            outcome.rows[step.name] = rows
            outcome.seconds[step.name] = time.perf_counter() - started
            if log:
                log(f"step {step.name:<14} {rows:>8} rows {outcome.seconds[step.name]:8.3f} s")
        outcome.created = True
    if connection.vendor == "postgresql":
        # COPY leaves the planner without statistics until autovacuum gets round to it; with
        # none it guessed ~1,800 events per candidate and the pipeline board took 150 ms
        # instead of 40. Gather them now, outside the transaction.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    outcome.logins = existing_demo_logins()
    return outcome
