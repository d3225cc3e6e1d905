"""Generators for the registry: regions, their partner organisations, school boards and schools."""

import random
import string
from decimal import Decimal
from functools import partial

from django.utils.text import slugify

from regio.models import (
    Opleidingsniveau,
    Opleidingssoort,
    Organisatie,
    OrganisatieSoort,
    Regio,
    Sector,
    Vestiging,
)

from . import data
from .context import BATCH_SIZE, Board, DemoContext

BRIN_LETTERS = string.ascii_uppercase
BRIN_CODES = 100 * len(BRIN_LETTERS) ** 2  # "00AA" .. "99ZZ"
FTE_RANGE = (20.0, 1500.0)
PUPILS_PER_FTE = (12.5, 15.5)


def make_regions(ctx: DemoContext, rng: random.Random) -> int:
    """The first regions of data.REGIONS, as many as the scale asks for."""
    specs = data.REGIONS[: ctx.scale.regions]
    regios = [
        Regio(naam=f"Onderwijsregio {spec.short}", slug=slugify(spec.short), sector=spec.sector)
        for spec in specs
    ]
    Regio.objects.bulk_create(regios, batch_size=BATCH_SIZE)
    ctx.regions = list(zip(specs, regios, strict=True))
    return len(regios)


def make_partners(ctx: DemoContext, rng: random.Random) -> int:
    """Per region: its teacher-training institutes, an ROC, a mobility centre, gemeente and UWV."""
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
        rows += institutes
        rows += [Organisatie(regio=regio, soort=s, naam=n, plaats=city) for s, n in others]
    Organisatie.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


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
    """School boards with unique bevoegd-gezagnummers, sized in fte and pupils by their schools."""
    weights = [spec.size for spec, _ in ctx.regions]
    per_region = apportion(ctx.scale.boards, weights, ctx.scale.min_boards_per_region)
    sectors = [
        _board_sectors(rng, spec, count)
        for (spec, _), count in zip(ctx.regions, per_region, strict=True)
    ]
    # A region's share of the schools follows its boards, VO and SO boards running fewer.
    school_weights = [sum(data.SCHOOLS_WEIGHT[s] for s in region) for region in sectors]
    per_region_schools = apportion(ctx.scale.schools, school_weights, minimum=0)
    numbers = iter(rng.sample(range(10000, 100000), ctx.scale.boards))
    used_names: set[str] = set()
    for (spec, regio), region_sectors, total in zip(
        ctx.regions, sectors, per_region_schools, strict=True
    ):
        counts = _spread_schools(rng, region_sectors, total)
        for index, (sector, schools) in enumerate(zip(region_sectors, counts, strict=True)):
            org, denomination = _new_board(rng, spec, index, sector, schools, used_names)
            org.regio = regio
            org.bevoegd_gezag_nummer = str(next(numbers))
            board = Board(org, spec, sector, denomination, schools)
            _size_board(rng, board)
            ctx.boards.append(board)
    Organisatie.objects.bulk_create([b.org for b in ctx.boards], batch_size=BATCH_SIZE)
    return len(ctx.boards)


def make_schools(ctx: DemoContext, rng: random.Random) -> int:
    """School locations with unique BRIN codes; some boards run a school on several sites."""
    total = sum(board.schools for board in ctx.boards)
    brins = iter(rng.sample(range(BRIN_CODES), total))
    rows = []
    for board in ctx.boards:
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


def _new_board(rng, spec, index, sector, schools, used_names) -> tuple[Organisatie, str]:
    """An unsaved board and its denomination; Twente starts with the partners of seed 000."""
    known = data.TWENTE_BOARDS if spec.short == "Twente" else ()
    if index < len(known):
        naam, plaats = known[index]
        plaats = plaats or _home_gemeente(rng, spec, schools)
        denomination = "rk" if "Katholiek" in naam else "algemeen"
    else:
        plaats = _home_gemeente(rng, spec, schools)
        naam, denomination = _board_name(rng, spec, sector, plaats, used_names)
    used_names.add(naam)
    org = Organisatie(soort=OrganisatieSoort.SCHOOLBESTUUR, naam=naam, plaats=plaats)
    return org, denomination


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
    board.org.leerlingen = round(fte * rng.uniform(*PUPILS_PER_FTE))


def _home_gemeente(rng: random.Random, spec: data.RegionSpec, schools: int) -> str:
    """Where a board sits: the central city (listed first) is three times as likely as any
    other municipality, and a board of eight schools or more sits in one of the first three."""
    gemeenten = spec.gemeenten[:3] if schools >= 8 else spec.gemeenten
    return rng.choices(gemeenten, [3, *[1] * (len(gemeenten) - 1)])[0]


def _school_gemeente(rng: random.Random, board: Board) -> str:
    """Most schools lie in the board's own municipality, the rest elsewhere in the region."""
    return board.org.plaats if rng.random() < 0.7 else rng.choice(board.spec.gemeenten)


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
