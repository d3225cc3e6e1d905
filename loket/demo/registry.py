"""Generators for the registry: regions, their partner organisations, school boards and schools."""

import random
import string
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.utils.text import slugify

from regio.geo import coordinates_for
from regio.models import (
    Opleidingsniveau,
    Opleidingssoort,
    Organisatie,
    OrganisatieSoort,
    Regio,
    Sector,
    Vestiging,
)

from . import addresses, data
from .context import BATCH_SIZE, Board, DemoContext

BRIN_LETTERS = string.ascii_uppercase
BRIN_CODES = 100 * len(BRIN_LETTERS) ** 2  # "00AA" .. "99ZZ"
FTE_RANGE = (20.0, 1500.0)


def make_regions(ctx: DemoContext, rng: random.Random) -> int:
    """The first regions of data.REGIONS, as many as the scale asks for."""
    specs = data.REGIONS[: ctx.scale.regions]
    regios = [
        Regio(
            naam=f"Onderwijsregio {spec.short}",
            slug=slugify(spec.short),
            sector=spec.sector,
            gemeenten=list(spec.gemeenten),
        )
        for spec in specs
    ]
    Regio.objects.bulk_create(regios, batch_size=BATCH_SIZE)
    ctx.regions = list(zip(specs, regios, strict=True))
    return len(regios)


def make_partners(ctx: DemoContext, rng: random.Random) -> int:
    """Per region: its teacher-training institutes, an ROC, a mobility centre, gemeente and UWV."""
    # Addresses draw from a stream of their own, so they do not shift the names drawn above.
    where = ctx.rng("partners/addresses")
    rows = []
    for spec, regio in ctx.regions:
        city = spec.gemeenten[0]
        institutes = [
            Organisatie(
                regio=regio,
                soort=OrganisatieSoort.LERARENOPLEIDING,
                naam=naam,
                plaats=plaats,
                **institute_kind(naam),
            )
            for naam, plaats in spec.institutes
        ]
        ctx.institutes[regio.slug] = institutes
        mobiliteitscentrum = spec.mobiliteitscentrum or f"Mobiliteitscentrum Onderwijs {spec.short}"
        others = [
            (OrganisatieSoort.ROC, spec.roc),
            (OrganisatieSoort.MOBILITEITSCENTRUM, mobiliteitscentrum),
            (OrganisatieSoort.GEMEENTE, f"Gemeente {city}"),
            (OrganisatieSoort.UWV, f"UWV Werkplein {city}"),
        ]
        partners = institutes + [
            Organisatie(regio=regio, soort=s, naam=n, plaats=addresses.main_place(city))
            for s, n in others
        ]
        for org in partners:
            _locate(where, spec, org)
        ctx.partners[regio.slug] = partners
        rows += partners
    Organisatie.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def _locate(rng: random.Random, spec: data.RegionSpec, org: Organisatie) -> None:
    """Street address, postcode and website of an organisation. An institute in a town of
    another region (ICLON in Leiden, for Rotterdam) gets a postcode of that region."""
    org.adres = addresses.street_address(rng)
    region = next((r.short for r in (spec, *data.REGIONS) if org.plaats in _towns(r)), spec.short)
    org.postcode = addresses.postcode(rng, region)
    org.website = addresses.website(org.naam)


def _towns(spec: data.RegionSpec) -> set[str]:
    return {addresses.main_place(g) for g in spec.gemeenten}


def institute_kind(naam: str) -> dict:
    """Kind and level of a teacher-training institute, read from its (real) name."""
    if "pabo" in naam.lower():
        return {"opleidingssoort": Opleidingssoort.PABO, "opleidingsniveau": Opleidingsniveau.HBO}
    if "universit" in naam.lower():
        return {
            "opleidingssoort": Opleidingssoort.EERSTEGRAADS,
            "opleidingsniveau": Opleidingsniveau.WO,
        }
    return {
        "opleidingssoort": Opleidingssoort.TWEEDEGRAADS,
        "opleidingsniveau": Opleidingsniveau.HBO,
    }


def make_boards(ctx: DemoContext, rng: random.Random) -> int:
    """School boards with unique bevoegd-gezagnummers, sized in fte and pupils by their schools.

    A region of data.KNOWN_COVERAGE (Twente) gets the published number of boards and their
    published totals exactly, and its schools follow from the boards' sizes instead.
    """
    known = [data.KNOWN_COVERAGE.get(spec.short) for spec, _ in ctx.regions]
    free = [i for i, k in enumerate(known) if k is None]
    per_region = [k.taking_part.boards + k.others.boards if k else 0 for k in known]
    shares = apportion(
        ctx.scale.boards - sum(per_region),
        [ctx.regions[i][0].size for i in free],
        ctx.scale.min_boards_per_region,
    )
    for i, share in zip(free, shares, strict=True):
        per_region[i] = share
    plans = [
        _known_plan(rng, k) if k else [_Plan(s) for s in _board_sectors(rng, spec, count)]
        for (spec, _), k, count in zip(ctx.regions, known, per_region, strict=True)
    ]
    # A region's share of the schools follows its boards, VO and SO boards running fewer.
    schools_left = ctx.scale.schools - sum(p.schools for plan in plans for p in plan)
    if schools_left < sum(len(plans[i]) for i in free):
        raise ValueError(f"Scale {ctx.scale.name} has too few schools for one per board.")
    school_weights = [sum(data.SCHOOLS_WEIGHT[p.sector] for p in plans[i]) for i in free]
    for i, total in zip(free, apportion(schools_left, school_weights, minimum=0), strict=True):
        counts = _spread_schools(rng, [p.sector for p in plans[i]], total)
        for plan, schools in zip(plans[i], counts, strict=True):
            plan.schools = schools
    numbers = iter(rng.sample(range(10000, 100000), ctx.scale.boards))
    used_names: set[str] = set()
    for (spec, regio), plan in zip(ctx.regions, plans, strict=True):
        for index, p in enumerate(plan):
            org, gemeente, denomination = _new_board(
                rng, spec, index, p.sector, p.schools, used_names
            )
            org.regio = regio
            org.bevoegd_gezag_nummer = str(next(numbers))
            board = Board(org, spec, p.sector, denomination, p.schools, gemeente, p.takes_part)
            if p.fte is None:
                _size_board(rng, board)
            else:
                org.fte, org.leerlingen = p.fte, p.pupils
            ctx.boards.append(board)
    where = ctx.rng("boards/addresses")
    for board in ctx.boards:
        _locate(where, board.spec, board.org)
    Organisatie.objects.bulk_create([b.org for b in ctx.boards], batch_size=BATCH_SIZE)
    return len(ctx.boards)


@dataclass
class _Plan:
    """A board before it is made: its sector, and for a known region its size and part."""

    sector: str
    schools: int = 0
    fte: Decimal | None = None
    pupils: int | None = None
    takes_part: bool | None = None


def _known_plan(rng: random.Random, known: data.KnownCoverage) -> list[_Plan]:
    """The boards of a region with published figures: those taking part first (the named ones
    of TWENTE_BOARDS among them), sized so that each group's totals are the published ones."""
    return [
        *_known_group(rng, known.taking_part, takes_part=True, biggest_first=True),
        *_known_group(rng, known.others, takes_part=False, biggest_first=False),
    ]


def _known_group(rng, group: data.BoardGroup, *, takes_part: bool, biggest_first: bool):
    """Split a group's fte and pupils over its boards exactly (in tenths of an fte), at least
    FTE_RANGE[0] each; with `biggest_first` the first board (the penvoerder, KOE) is the largest."""
    sectors = [Sector.PO] * (group.boards - group.so_boards) + [Sector.SO] * group.so_boards
    # A board of special education serves the whole region: larger than most primary ones.
    weights = [rng.lognormvariate(0, 0.6) * (1.5 if s == Sector.SO else 1) for s in sectors]
    if biggest_first:
        weights[0] = max(weights) * rng.uniform(1.1, 1.4)
    tenths = apportion(int(Decimal(group.fte) * 10), weights, minimum=int(FTE_RANGE[0] * 10))
    ratios = [rng.uniform(*data.PUPILS_PER_FTE[s]) for s in sectors]
    pupils = apportion(group.pupils, [t * r for t, r in zip(tenths, ratios, strict=True)], 0)
    plans = []
    for sector, tenth, count in zip(sectors, tenths, pupils, strict=True):
        fte = Decimal(tenth) / 10
        per_school = rng.uniform(*data.FTE_PER_SCHOOL[sector])
        schools = min(max(round(float(fte) / per_school), 1), data.MAX_SCHOOLS[sector])
        plans.append(_Plan(sector, schools, fte, count, takes_part))
    return plans


def make_schools(ctx: DemoContext, rng: random.Random) -> int:
    """School locations with unique BRIN codes; some boards run a school on several sites."""
    total = sum(board.schools for board in ctx.boards)
    brins = iter(rng.sample(range(BRIN_CODES), total))
    locating = ctx.rng("schools/addresses")
    rows = []
    for board in ctx.boards:
        first = len(rows)
        names: set[str] = set()
        main = None  # the board's latest school: (brin, naam, gemeente, locations so far)
        for _ in range(board.schools):
            gemeente = _school_gemeente(rng, board)
            if main and main[3] < 10 and rng.random() < data.SECOND_LOCATION[board.sector]:
                brin, naam, main_gemeente, count = main
                where = gemeente if gemeente != main_gemeente else rng.choice(data.WIJKEN)
                rows.append(_vestiging(board, brin, count, f"{naam}, locatie {where}", gemeente))
                main = (brin, naam, main_gemeente, count + 1)
                continue
            naam = _unique(partial(school_name, rng, board, gemeente), names)
            brin = brin_code(next(brins))
            rows.append(_vestiging(board, brin, 0, naam, gemeente))
            main = (brin, naam, gemeente, 1)
        board.vestigingen = rows[first:]
        for school in board.vestigingen:
            school.plaats = addresses.place(locating, school.gemeente)
            school.adres = addresses.street_address(locating)
            school.postcode = addresses.real_postcode(
                locating, board.spec.short, school.gemeente, school.plaats
            )
            # What Vestiging.save() would fill in; bulk_create does not call it.
            school.lat, school.lon = coordinates_for(
                postcode=school.postcode, plaats=school.plaats, gemeente=school.gemeente
            )
    Vestiging.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def apportion(total: int, weights: list[float], minimum: int) -> list[int]:
    """Split `total` over `weights` (largest remainder), each share at least `minimum`."""
    rest = total - minimum * len(weights)
    if rest < 0:
        raise ValueError(f"Cannot give {len(weights)} shares {minimum} each out of {total}.")
    exact = [rest * w / sum(weights) for w in weights]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[: rest - sum(shares)]:
        shares[i] += 1
    return [minimum + share for share in shares]


def brin_code(number: int) -> str:
    """The BRIN-like code for a number below BRIN_CODES: two digits, two letters ("12AB")."""
    digits, letters = divmod(number, len(BRIN_LETTERS) ** 2)
    first, second = divmod(letters, len(BRIN_LETTERS))
    return f"{digits:02d}{BRIN_LETTERS[first]}{BRIN_LETTERS[second]}"


def school_name(rng: random.Random, board: Board, gemeente: str) -> str:
    """A school name that fits the board's sector and denomination."""
    if board.sector == Sector.SO:
        return f"{rng.choice(data.SO_PREFIXES)} {rng.choice(data.SO_NAMES)}"
    if board.sector == Sector.VO:
        template = rng.choice(data.VO_TEMPLATES[board.denomination])
        return template.format(
            n=rng.choice(data.VO_NAMES), p=rng.choice(data.VO_PERSONS), g=gemeente
        )
    names = data.PO_NAMES
    if board.denomination == "rk":
        names += data.PO_NAMES_RK
    elif board.denomination == "christelijk":
        names += data.PO_NAMES_CHRISTELIJK
    return f"{rng.choice(data.PO_PREFIXES[board.denomination])} {rng.choice(names)}"


def _board_sectors(rng: random.Random, spec: data.RegionSpec, count: int) -> list[str]:
    """The sector of each board of a region, by the region's mix; Twente's named boards are PO."""
    known = len(data.TWENTE_BOARDS) if spec.short == "Twente" else 0
    sectors, shares = zip(*data.BOARD_SECTOR_MIX[spec.sector], strict=True)
    drawn = rng.choices(sectors, shares, k=max(count - known, 0))
    return [Sector.PO] * min(known, count) + drawn


def _spread_schools(rng: random.Random, sectors: list[str], total: int) -> list[int]:
    """Schools per board: one each, the rest by a skewed weight, so a few boards run many."""
    counts = [1] * len(sectors)
    caps = [data.MAX_SCHOOLS[s] for s in sectors]
    if sum(caps) < total:
        caps = [total] * len(sectors)
    weights = [data.SCHOOLS_WEIGHT[s] * min(rng.paretovariate(1.2), 25.0) for s in sectors]
    for i in rng.choices(range(len(sectors)), weights, k=max(total - len(sectors), 0)):
        while counts[i] >= caps[i]:  # full: the next board with room takes it
            i = (i + 1) % len(sectors)
        counts[i] += 1
    return counts


def _new_board(rng, spec, index, sector, schools, used_names) -> tuple[Organisatie, str, str]:
    """An unsaved board, the municipality it sits in and its denomination; Twente starts with
    the partners of seed 000. Its plaats is the main town of the municipality."""
    known = data.TWENTE_BOARDS if spec.short == "Twente" else ()
    if index < len(known):
        naam, gemeente = known[index]
        gemeente = gemeente or _home_gemeente(rng, spec, schools)
        denomination = "rk" if "Katholiek" in naam else "algemeen"
    else:
        gemeente = _home_gemeente(rng, spec, schools)
        naam, denomination = _board_name(rng, spec, sector, gemeente, used_names)
    used_names.add(naam)
    plaats = addresses.main_place(gemeente)
    org = Organisatie(soort=OrganisatieSoort.SCHOOLBESTUUR, naam=naam, plaats=plaats)
    return org, gemeente, denomination


def _board_name(rng, spec, sector, plaats, used_names) -> tuple[str, str]:
    """A board name not used yet in this run, and the denomination it implies."""
    for _ in range(20):
        template, denomination = rng.choice(data.BOARD_TEMPLATES[sector])
        naam = template.format(g=plaats, b=rng.choice(data.BRANDS))
        if naam not in used_names:
            return naam, denomination
    base = naam = f"{naam} ({spec.short})"
    number = 2
    while naam in used_names:
        naam, number = f"{base} {number}", number + 1
    return naam, denomination


def _size_board(rng: random.Random, board: Board) -> None:
    """Staff in fte from its schools (kept within FTE_RANGE), pupils about 14 per fte."""
    low, high = data.FTE_PER_SCHOOL[board.sector]
    fte = sum(rng.uniform(low, high) for _ in range(board.schools))
    fte = min(max(fte, FTE_RANGE[0]), FTE_RANGE[1])
    board.org.fte = Decimal(f"{fte:.1f}")
    board.org.leerlingen = round(fte * rng.uniform(*data.PUPILS_PER_FTE[board.sector]))


def _home_gemeente(rng: random.Random, spec: data.RegionSpec, schools: int) -> str:
    """Where a board sits: the central city (listed first) is three times as likely as any
    other municipality, and a board of eight schools or more sits in one of the first three."""
    gemeenten = spec.gemeenten[:3] if schools >= 8 else spec.gemeenten
    return rng.choices(gemeenten, [3, *[1] * (len(gemeenten) - 1)])[0]


def _school_gemeente(rng: random.Random, board: Board) -> str:
    """Most schools lie in the board's own municipality, the rest elsewhere in the region."""
    return board.gemeente if rng.random() < 0.7 else rng.choice(board.spec.gemeenten)


def _unique(make, used: set[str], tries: int = 5) -> str:
    """Call `make` until it gives a value not in `used` (or give up after a few tries)."""
    for _ in range(tries):
        value = make()
        if value not in used:
            break
    used.add(value)
    return value


def _vestiging(board: Board, brin: str, number: int, naam: str, gemeente: str) -> Vestiging:
    return Vestiging(
        bestuur=board.org,
        brin=brin,
        vestigingsnummer=f"{number:02d}",
        naam=naam,
        gemeente=gemeente,
        sector=board.sector,
    )
