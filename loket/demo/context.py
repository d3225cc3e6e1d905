"""The scales of demo data and the state the generators share while they fill the database."""

import random
from dataclasses import dataclass, field
from datetime import datetime, time

from django.utils import timezone

from regio.models import Organisatie, Regio, Vestiging

from .data import RegionSpec

# Rows per INSERT for bulk_create; the database backend lowers it where it must (SQLite).
BATCH_SIZE = 1000


@dataclass(frozen=True)
class Scale:
    """How much demo data to make: the first `regions` of data.REGIONS and totals over them."""

    name: str
    regions: int
    boards: int
    schools: int
    min_boards_per_region: int
    candidates: int = 0  # over all regions, each at least min_candidates_per_region
    min_candidates_per_region: int = 0
    vacancies: int = 0  # over all regions by their schools, each at least the minimum
    min_vacancies_per_region: int = 0


# At small scale Twente alone has 24 boards and about 200 schools (see data.KNOWN_COVERAGE); the
# other two regions get enough boards to show regions that do and do not meet the requirements.
# Candidates: a few dozen per region at small scale (every page has something to show), and
# about 100,000 nationally (with about a million timeline events) to see pages at real size.
# Vacancies likewise: a few dozen per region, and about 20,000 nationally; the region of seed
# 002 has more, those open on its calibrated quarter's reference date (see tekorten.py).
SCALES: dict[str, Scale] = {
    "small": Scale(
        "small",
        regions=3,
        boards=60,
        schools=420,
        min_boards_per_region=4,
        candidates=150,
        min_candidates_per_region=30,
        vacancies=150,
        min_vacancies_per_region=30,
    ),
    "national": Scale(
        "national",
        regions=35,
        boards=1200,
        schools=7000,
        min_boards_per_region=4,
        candidates=100_000,
        min_candidates_per_region=500,
        vacancies=20_000,
        min_vacancies_per_region=100,
    ),
}


@dataclass
class Board:
    """A school board being made, with what the later steps need to know about it."""

    org: Organisatie
    spec: RegionSpec
    sector: str
    denomination: str
    schools: int
    gemeente: str  # the municipality it sits in (org.plaats is the town)
    takes_part: bool | None = None  # fixed for a region of data.KNOWN_COVERAGE, else drawn later
    vestigingen: list[Vestiging] = field(default_factory=list)


@dataclass
class DemoContext:
    """What one run has made so far, for the generators that come after."""

    scale: Scale
    seed: int
    regions: list[tuple[RegionSpec, Regio]] = field(default_factory=list)
    institutes: dict[str, list[Organisatie]] = field(default_factory=dict)  # by regio slug
    partners: dict[str, list[Organisatie]] = field(default_factory=dict)  # by regio slug
    boards: list[Board] = field(default_factory=list)
    taking_part: set[int] = field(default_factory=set)  # pks of boards taking part in the plan
    partnerships: list = field(default_factory=list)  # of partnerships.Partnership
    places: list = field(default_factory=list)  # the Opleidingsplaatsen rows made
    # The moment the demo treats as now: the start of today (local time), so two runs on one
    # day make the same data, and whatever lies "in the past" is past all day long.
    now: datetime = field(default_factory=lambda: start_of_today())
    candidate_shares: list[int] = field(default_factory=list)  # candidates per region, in order
    advisers: dict[str, list] = field(default_factory=dict)  # loketadviseur Users by regio slug
    opleiders: dict[int, object] = field(default_factory=dict)  # studieadviseur by institute pk
    agendas: dict[int, object] = field(default_factory=dict)  # advies.Agenda by adviser pk
    evenings: dict[str, object] = field(default_factory=dict)  # advies.Evenings by regio slug
    vakken: dict[str, int] = field(default_factory=dict)  # managed subjects: naam -> pk
    vacancies: dict[str, object] = field(default_factory=dict)  # vacatures.VacancyBook by slug
    vacancy_list: dict[str, list] = field(default_factory=dict)  # vacatures.Vacancy by slug

    def rng(self, stream: str) -> random.Random:
        """A random stream of its own per generator, derived from the seed only.

        A string seed is hashed with SHA-512, so it does not depend on PYTHONHASHSEED, and a
        generator added later does not shift the numbers the existing ones draw.
        """
        return random.Random(f"{self.seed}/{stream}")


def start_of_today() -> datetime:
    """Midnight of the current day in the project's time zone."""
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
