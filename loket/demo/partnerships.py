"""Generators for opleidingsscholen: partnerships, their members, training places, placements."""

import math
import random
from dataclasses import dataclass, field
from typing import NamedTuple

from opleidingsscholen.models import (
    Opleidingsplaatsen,
    Opleidingsschool,
    Plaatsingen,
    StudentSoort,
)
from regio.models import Opleidingssoort, Organisatie, OrganisatieSoort, Sector, Vestiging

from . import addresses, data
from .context import BATCH_SIZE, Board, DemoContext

SCHOOL_YEARS = (2023, 2024, 2025)
ERKEND, ASPIRANT = Opleidingsschool.Status.ERKEND, Opleidingsschool.Status.ASPIRANT
# A school board joins a partnership this often if it takes part in the region's plan, else less.
JOINS = {True: 0.8, False: 0.35}
# Share of a member board's schools that are member schools themselves: (low, high).
SCHOOLS_JOINING = (0.5, 0.9)
# Share trained within the partnership in its first year (low, high), growth a year, ceiling.
SHARE_WITHIN = (0.40, 0.78)
SHARE_GROWTH = (0.01, 0.05)
SHARE_CEILING = 0.90
# Training places a year per member school, by the partnership's sector and kind of student.
PLACES_PER_SCHOOL: dict[str, dict[str, float]] = {
    Sector.PO: {
        StudentSoort.PABO_VOLTIJD: 1.0,
        StudentSoort.PABO_DEELTIJD: 0.3,
        StudentSoort.ZIJ_INSTROOM: 0.25,
        StudentSoort.ONDERWIJSASSISTENT: 0.4,
    },
    Sector.SO: {
        StudentSoort.PABO_VOLTIJD: 0.6,
        StudentSoort.ZIJ_INSTROOM: 0.3,
        StudentSoort.ONDERWIJSASSISTENT: 0.5,
    },
    Sector.VO: {
        StudentSoort.TWEEDEGRAADS: 3.0,
        StudentSoort.EERSTEGRAADS: 1.2,
        StudentSoort.ZIJ_INSTROOM: 1.0,
    },
}


class KnownPartnership(NamedTuple):
    """A partnership of a region as the demo knows it; institutes by the start of their name."""

    naam: str
    sector: str
    status: str
    institutes: tuple[str, ...]


# fmt: off
# Seed 004 names the five partnerships of PO Noord-Nederland and their institutes; the one for
# special education is "in oprichting". Twente's and Rotterdam's are realistic, not real.
KNOWN_PARTNERSHIPS: dict[str, tuple[KnownPartnership, ...]] = {
    "Twente": (
        KnownPartnership("Opleidingsschool Twente", Sector.PO, ERKEND, ("Pabo Saxion", "ROC")),
        KnownPartnership("Samen Opleiden Twente Gespecialiseerd Onderwijs", Sector.SO, ASPIRANT,
                         ("Pabo Saxion",)),
    ),
    "Rotterdam": (
        KnownPartnership("Opleidingsschool Rotterdam-Zuid", Sector.VO, ERKEND,
                         ("Hogeschool Rotterdam, Instituut", "Universiteit Leiden")),
        KnownPartnership("Opleidingsschool Rotterdam-Noord", Sector.VO, ERKEND,
                         ("Hogeschool Rotterdam, Instituut", "TU Delft")),
        KnownPartnership("Samen Opleiden Rijnmond", Sector.VO, ASPIRANT,
                         ("Hogeschool Rotterdam, Willem", "Hogeschool Rotterdam, Instituut")),
    ),
    "PO Noord-Nederland": (
        KnownPartnership("SAMEN Opleiden Noord (PO Noord)", Sector.PO, ERKEND,
                         ("Hanze Pabo",)),
        KnownPartnership("Opleidingsschool Friesland", Sector.PO, ERKEND,
                         ("NHL Stenden Pabo Leeuwarden",)),
        KnownPartnership("Opleidingsschool Drenthe-Kop van Overijssel", Sector.PO, ERKEND,
                         ("NHL Stenden Pabo Emmen",)),
        KnownPartnership("Opleidingsschool Kop van Drenthe/Groningen", Sector.PO, ERKEND,
                         ("NHL Stenden Pabo Emmen", "NHL Stenden Pabo Leeuwarden")),
        KnownPartnership("Opleidingsschool Gespecialiseerd Onderwijs (i.o.)", Sector.SO, ASPIRANT,
                         ("NHL Stenden", "Rijksuniversiteit Groningen", "Hanze Pabo")),
    ),
}
# Names for the partnerships of other regions by sector: {r} the region, {p} a town of it.
NAME_TEMPLATES: dict[str, tuple[str, ...]] = {
    Sector.PO: ("Opleidingsschool {r}", "Samen Opleiden {r} PO", "Opleidingsschool {p} e.o.",
                "Partnerschap Samen Opleiden {p}", "Academische Opleidingsschool {r} PO"),
    Sector.VO: ("Opleidingsschool {r} VO", "Academische Opleidingsschool {r}",
                "Opleidingsschool {p} VO", "Samen Opleiden {r} VO"),
    Sector.SO: ("Opleidingsschool Gespecialiseerd Onderwijs {r}",),
}
# fmt: on


@dataclass
class Partnership:
    """A partnership being made, with what the places and placements steps need of it."""

    row: Opleidingsschool
    institutes: list[Organisatie]
    boards: list[Board] = field(default_factory=list)
    schools: list[Vestiging] = field(default_factory=list)

    @property
    def years(self) -> tuple[int, ...]:
        """An aspirant partnership is new: it has figures from its second year on only."""
        return SCHOOL_YEARS if self.row.status == ERKEND else SCHOOL_YEARS[1:]

    @property
    def trains_assistants(self) -> bool:
        return any(i.soort == OrganisatieSoort.ROC for i in self.institutes)


def make_partnerships(ctx: DemoContext, rng: random.Random) -> int:
    """1-5 opleidingsscholen per region, each with one or more partner institutes."""
    rows = []
    for spec, regio in ctx.regions:
        known = KNOWN_PARTNERSHIPS.get(spec.short) or _invent(rng, spec)
        roc = next(o for o in ctx.partners[regio.slug] if o.soort == OrganisatieSoort.ROC)
        for k in known:
            institutes = _institutes(rng, ctx.institutes[regio.slug], roc, k)
            row = Opleidingsschool(regio=regio, naam=k.naam, sector=k.sector, status=k.status)
            ctx.partnerships.append(Partnership(row, institutes))
            rows.append(row)
    Opleidingsschool.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    through = Opleidingsschool.instituten.through
    through.objects.bulk_create(
        [
            through(opleidingsschool=p.row, organisatie=org)
            for p in ctx.partnerships
            for org in p.institutes
        ],
        batch_size=BATCH_SIZE,
    )
    return len(rows)


def make_members(ctx: DemoContext, rng: random.Random) -> int:
    """Member boards and schools: most boards that take part in the plan join a partnership of
    their sector, fewer of the others; a member board brings most of its schools."""
    by_region: dict[str, list[Partnership]] = {}
    for p in ctx.partnerships:
        by_region.setdefault(p.row.regio.slug, []).append(p)
    for board in ctx.boards:
        partnerships = by_region[board.org.regio.slug]
        fitting = _fitting(partnerships, board.sector)
        if fitting and rng.random() < JOINS[board.org.pk in ctx.taking_part]:
            rng.choice(fitting).boards.append(board)
    for partnerships in by_region.values():
        for p in partnerships:
            if not p.boards:  # at least one board: of its sector if the region has one
                region = [b for b in ctx.boards if b.org.regio is p.row.regio]
                fitting = [b for b in region if p in _fitting(partnerships, b.sector)]
                if fitting or region:
                    p.boards.append(rng.choice(fitting or region))
    board_rows, school_rows = [], []
    BoardMember = Opleidingsschool.besturen.through
    SchoolMember = Opleidingsschool.vestigingen.through
    for p in ctx.partnerships:
        for board in p.boards:
            board_rows.append(BoardMember(opleidingsschool=p.row, organisatie=board.org))
            share = rng.uniform(*SCHOOLS_JOINING)
            schools = [s for s in board.vestigingen if rng.random() < share]
            schools = schools or board.vestigingen[:1]
            p.schools += schools
            school_rows += [SchoolMember(opleidingsschool=p.row, vestiging=s) for s in schools]
    BoardMember.objects.bulk_create(board_rows, batch_size=BATCH_SIZE)
    SchoolMember.objects.bulk_create(school_rows, batch_size=BATCH_SIZE)
    return len(board_rows) + len(school_rows)


def make_training_places(ctx: DemoContext, rng: random.Random) -> int:
    """Places per school year and kind of student: now, growing each year, and wanted (more)."""
    rows = []
    for p in ctx.partnerships:
        growth = rng.uniform(1.03, 1.15)
        for soort, per_school in _kinds(p).items():
            base = max(len(p.schools), 1) * per_school * rng.uniform(0.8, 1.2)
            for year in p.years:
                now = max(round(base * growth ** (year - SCHOOL_YEARS[0])), 1)
                wanted = math.ceil(now * rng.uniform(1.1, 1.6))
                rows.append(
                    Opleidingsplaatsen(
                        opleidingsschool=p.row,
                        schooljaar=year,
                        soort=soort,
                        capaciteit_nu=now,
                        capaciteit_gewenst=wanted,
                    )
                )
    Opleidingsplaatsen.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    ctx.places = rows
    return len(rows)


def make_placements(ctx: DemoContext, rng: random.Random) -> int:
    """Per school year: students and career switchers at the members' schools trained within
    the partnership (filling most of its places) and outside it; the share within grows."""
    places: dict[tuple[int, int], dict[str, int]] = {}
    for row in ctx.places:
        key = (row.opleidingsschool.pk, row.schooljaar)
        places.setdefault(key, {})[row.soort] = row.capaciteit_nu
    rows = []
    for p in ctx.partnerships:
        share_students = rng.uniform(*SHARE_WITHIN)
        share_switchers = rng.uniform(*SHARE_WITHIN)
        for year in p.years:
            now = places[(p.row.pk, year)]
            switchers = now.pop(StudentSoort.ZIJ_INSTROOM, 0)
            students = sum(now.values())
            s_in, s_out = _split(rng, students, share_students)
            z_in, z_out = _split(rng, switchers, share_switchers)
            rows.append(
                Plaatsingen(
                    opleidingsschool=p.row,
                    schooljaar=year,
                    studenten_binnen=s_in,
                    studenten_buiten=s_out,
                    zij_instromers_binnen=z_in,
                    zij_instromers_buiten=z_out,
                )
            )
            share_students = min(share_students + rng.uniform(*SHARE_GROWTH), SHARE_CEILING)
            share_switchers = min(share_switchers + rng.uniform(*SHARE_GROWTH), SHARE_CEILING)
    Plaatsingen.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def _split(rng: random.Random, places: int, share: float) -> tuple[int, int]:
    """Trained within (most of the places, at least one) and outside, for a share within."""
    within = max(round(places * rng.uniform(0.8, 1.0)), 1)
    return within, max(round(within * (1 - share) / share), 1)


def _kinds(p: Partnership) -> dict[str, float]:
    kinds = dict(PLACES_PER_SCHOOL[p.row.sector])
    if not p.trains_assistants:
        kinds.pop(StudentSoort.ONDERWIJSASSISTENT, None)
    return kinds


def _fitting(partnerships: list[Partnership], sector: str) -> list[Partnership]:
    """The partnerships a board of `sector` may join: of its own sector, and for a board of
    special education without one of its own, those of primary (else secondary) education."""
    for wanted in (sector, Sector.PO, Sector.VO) if sector == Sector.SO else (sector,):
        fitting = [p for p in partnerships if p.row.sector == wanted]
        if fitting:
            return fitting
    return []


def _invent(rng: random.Random, spec: data.RegionSpec) -> list[KnownPartnership]:
    """1-5 partnerships for a region not in KNOWN_PARTNERSHIPS, more in a larger region."""
    count = rng.randint(max(1, spec.size - 1), min(5, spec.size + 1))
    if spec.sector == Sector.SECTOROVERSTIJGEND:
        sectors = [Sector.PO, Sector.VO][:count]
        sectors += rng.choices([Sector.PO, Sector.VO, Sector.SO], [3, 2, 1], k=count - len(sectors))
    elif spec.sector == Sector.VO:
        sectors = [Sector.VO] * count
    else:
        sectors = [Sector.PO, *rng.choices([Sector.PO, Sector.SO], [4, 1], k=count - 1)]
    used: set[str] = set()
    invented = []
    for sector in sectors:
        for _ in range(10):
            template = rng.choice(NAME_TEMPLATES[sector])
            town = addresses.main_place(rng.choice(spec.gemeenten))
            naam = template.format(r=spec.short, p=town)
            if naam not in used:
                break
        else:
            continue  # no name left for one more of this sector: the region has one fewer
        used.add(naam)
        status = ERKEND if rng.random() < 0.8 else ASPIRANT
        invented.append(KnownPartnership(naam, sector, status, ()))
    return invented


def _institutes(rng, institutes: list[Organisatie], roc: Organisatie, k: KnownPartnership):
    """The partner institutes: the named ones, or one or two that train for the sector (and
    sometimes the ROC, for teaching assistants). Never none: a partnership needs one."""
    if k.institutes:
        chosen = [
            org
            for org in [*institutes, roc]
            if any(org.naam.startswith(start) for start in k.institutes)
        ]
    else:
        pabo = [i for i in institutes if i.opleidingssoort == Opleidingssoort.PABO]
        others = [i for i in institutes if i.opleidingssoort != Opleidingssoort.PABO]
        fitting = (others if k.sector == Sector.VO else pabo) or institutes
        chosen = rng.sample(fitting, min(len(fitting), rng.choice((1, 1, 2))))
        if k.sector != Sector.VO and rng.random() < 0.4:
            chosen.append(roc)
    return chosen or institutes[:1]
