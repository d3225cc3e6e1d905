"""Generators for the boards' vacancies, and the book the candidates step fills them from.

Nationally about 20,000: a few still a concept, many published and open now, and a history of
the past 18 months, filled or closed, so that quarterly figures have a past and candidates'
introductions, interviews and appointments have a vacancy to be about. Vacancies are written
first with their own fate; the candidates step then appoints candidates to some of them, and
the `filled` step writes what that changed (as kandidaten.services.aanstelling_record does),
and the `publications` step their publication history (as regio.vacatures.services keeps it).
"""

import random
from bisect import bisect_right
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils.text import slugify

from regio.models import (
    Bevoegdheid,
    Functie,
    Sector,
    Vacature,
    VacaturePublicatie,
    VacatureStatus,
    Vak,
)

from .advies import AMSTERDAM, HISTORY_DAYS
from .bulk import insert_rows, insert_rows_returning_ids, update_rows
from .context import Board, DemoContext
from .registry import apportion
from .tekorten import (
    LINES,
    SEED_002_OPEN_SHARE,
    SEED_002_REGION,
    SEED_002_SHORTAGE,
    SEED_002_SUBJECTS,
    end_ts,
    quarters_for,
)

DAY = 86400.0
HOUR = 3600.0
WEEK = 7 * DAY
INF = float("inf")
# Of a region's vacancies: still a concept, published and open now, and the rest history.
CONCEPT_SHARE = 0.06
OPEN_SHARE = 0.44
# Published within this many days, open now: closing in the coming 1 to 12 weeks.
OPEN_PUBLISHED_DAYS = 42
OPEN_CLOSING_DAYS = (7, 84)
# A vacancy of the past was open for two to ten weeks, then filled (mostly) or closed.
HISTORY_OPEN_DAYS = (14, 70)
HISTORY_FILLED = 0.65
# The part of its boards' employment Rotterdam's returns cover (the rest: staff in no line).
ROTTERDAM_COVERAGE = 0.95

# fmt: off
# Functions of vacancies by sector, with weights: mostly teachers.
FUNCTIES = {
    Sector.PO: ((Functie.LERAAR, 75), (Functie.ONDERWIJSASSISTENT, 12),
                (Functie.INTERN_BEGELEIDER, 5), (Functie.SCHOOLLEIDER, 5),
                (Functie.LERAARONDERSTEUNER, 3)),
    Sector.SO: ((Functie.LERAAR, 68), (Functie.ONDERWIJSASSISTENT, 20),
                (Functie.INTERN_BEGELEIDER, 6), (Functie.SCHOOLLEIDER, 6)),
    Sector.VO: ((Functie.LERAAR, 86), (Functie.ONDERWIJSASSISTENT, 6),
                (Functie.LERAARONDERSTEUNER, 4), (Functie.SCHOOLLEIDER, 4)),
}
# Subjects of vo teacher vacancies, weighted toward the shortage subjects of seed 002.
VAKKEN = (
    ("Wiskunde", 12), ("Nederlands", 11), ("Engels", 8), ("Duits", 8), ("Natuurkunde", 7),
    ("NASK", 5), ("Informatica", 5), ("Techniek", 6), ("Economie", 6), ("Scheikunde", 4),
    ("Biologie", 4), ("Geschiedenis", 4), ("Aardrijkskunde", 3), ("Frans", 4),
    ("Lichamelijke opvoeding", 3), ("Maatschappijleer", 2), ("Beroepsgerichte vakken vmbo", 3),
    ("Klassieke talen", 2), ("Spaans", 1), ("Muziek", 1), ("Beeldende vorming", 1),
    ("Filosofie", 1), ("Godsdienst en levensbeschouwing", 1),
)
# Size in tenths of an fte, by function.
FTE = {
    Functie.LERAAR: ((4, 8), (5, 10), (6, 14), (7, 12), (8, 20), (9, 8), (10, 28)),
    Functie.ONDERWIJSASSISTENT: ((4, 10), (5, 15), (6, 20), (7, 15), (8, 15), (9, 5), (10, 10)),
    Functie.LERAARONDERSTEUNER: ((4, 10), (5, 15), (6, 20), (7, 15), (8, 20), (10, 10)),
    Functie.INTERN_BEGELEIDER: ((4, 20), (5, 20), (6, 25), (7, 15), (8, 20)),
    Functie.SCHOOLLEIDER: ((8, 30), (9, 20), (10, 50)),
}
GROEPEN = ("1/2", "3", "4", "5", "6", "7", "8", "3/4", "5/6", "7/8")
# Subjects written with a capital in a title (languages, abbreviations).
CAPITALS = {"Nederlands", "Engels", "Duits", "Frans", "Spaans", "NASK"}
SCHALEN = {
    (Sector.PO, Functie.LERAAR): ("L10",), (Sector.SO, Functie.LERAAR): ("L10", "L11"),
    (Sector.VO, Functie.LERAAR): ("LB", "LB", "LC"),
    Functie.ONDERWIJSASSISTENT: ("schaal 6", "schaal 7"), Functie.LERAARONDERSTEUNER: ("schaal 8",),
    Functie.INTERN_BEGELEIDER: ("L11",), Functie.SCHOOLLEIDER: ("D11", "D12"),
}
INTROS = (
    "{school} in {plaats} zoekt een enthousiaste {wie} voor {fte} fte.",
    "Wil jij leerlingen zien groeien? Bij {school} ({plaats}) is plaats voor een {wie} "
    "({fte} fte).",
    "Voor {school} in {plaats} zoeken wij per {start} een {wie} voor {fte} fte.",
    "Kom ons team versterken! {school} in {plaats} heeft ruimte voor een {wie}.",
)
MIDDLES = (
    "Je komt in een betrokken team dat elkaar helpt en samen leert. Een inwerkprogramma en "
    "een eigen coach staan klaar.",
    "Je werkt nauw samen met je collega's en de intern begeleider, en krijgt ruimte om je "
    "lessen op je eigen manier vorm te geven.",
    "Onze school is een opleidingsschool: starters en studenten krijgen bij ons goede "
    "begeleiding en tijd om te leren.",
    "Wij bieden een afwisselende baan op een school met een open sfeer, korte lijnen en "
    "aandacht voor elkaar.",
)
ZIJ_INSTROOM = (
    "Zij-instromers zijn van harte welkom: je haalt je bevoegdheid terwijl je bij ons werkt.",
    "Ben je zij-instromer? Dan begeleiden we je tijdens je opleiding tot bevoegd leraar.",
)
BEVOEGD = {
    Bevoegdheid.PABO: "Je hebt een pabodiploma.",
    Bevoegdheid.TWEEDEGRAADS: "Je hebt een tweedegraads bevoegdheid (of haalt die binnenkort).",
    Bevoegdheid.EERSTEGRAADS: "Je hebt een eerstegraads bevoegdheid.",
    Bevoegdheid.GEEN: "Ervaring in het onderwijs is een pré.",
}
# fmt: on


class Vacancy:
    """One vacancy as the candidates step sees it: when it was live, what is still open, and
    the appointments the desk's candidates made to it. Times are epoch seconds; `end` is when
    it stopped being open (INF: still open), `close` the end of its closing date."""

    __slots__ = (
        "board", "close", "end", "filled", "fills", "fte", "functie", "open", "pin", "pk",
        "school", "sector", "start", "used", "vak",
    )  # fmt: skip

    def __init__(self, board, school, sector, functie, vak, fte, start, close, end, filled):
        self.pk = 0
        self.board, self.school, self.sector = board, school, sector
        self.functie, self.vak, self.fte, self.open = functie, vak, fte, fte
        self.start, self.close, self.end, self.filled = start, close, end, filled
        self.pin = 0.0  # no appointment before this moment (it must stay open until then)
        self.used = 0.0  # the last introduction or interview about it
        self.fills: list[tuple[float, int]] = []  # (when, tenths of an fte) by candidates

    def live(self, at: float) -> bool:
        """Open for introductions at `at`: published, not past its closing date, fte open
        then (candidates are placed one after another, not in order of time: one appointed
        later may have filled it since)."""
        if self.start is None or not self.start <= at <= min(self.close, self.end):
            return False
        return self.open > 0 or self.open_at(at) > 0

    def claimable(self, at: float, guard: float) -> bool:
        """An appointment at `at` may fill it: published before, still something open, no
        later introduction about it. A vacancy that would have been closed (or filled by
        someone from outside the desk) stays open until the appointment instead: hard-to-fill
        posts stay up until they are filled. Not across `guard` (the reference date whose open
        vacancies are counted for seed 002), nor once a candidate filled part of it."""
        if self.start is None or not self.start <= at or self.open <= 0 or at < self.used:
            return False
        if at <= self.pin:
            return False
        return not (at > self.end and (self.fills or self.end < guard < at))

    def open_at(self, ts: float) -> int:
        """Tenths of an fte open at `ts`."""
        if self.start is None or not self.start <= ts < self.end:
            return 0
        if not self.fills:
            return self.fte
        return self.fte - sum(tenths for at, tenths in self.fills if at <= ts)

    def state(self) -> tuple[str, int, float | None]:
        """(status, fte_open in tenths, afgesloten_op) as the database has them."""
        if self.start is None:
            return VacatureStatus.CONCEPT, self.fte, None
        if self.end == INF:
            return VacatureStatus.GEPUBLICEERD, self.open, None
        if self.filled or self.open == 0:
            return VacatureStatus.VERVULD, 0, self.end
        return VacatureStatus.GESLOTEN, self.open, self.end


class VacancyBook:
    """A region's vacancies, by board in order of publishing and by week they were open."""

    def __init__(self, origin: float, guard: float = 0.0):
        self.origin = origin
        self.guard = guard
        self.by_board: dict[int, list[Vacancy]] = {}
        self.starts: dict[int, list[float]] = {}
        self.weeks: dict[tuple[str, int], list[Vacancy]] = {}
        self.demo: Vacancy | None = None  # the demo HR's vacancy the demo candidate applied to

    def add(self, vacancy: Vacancy) -> None:
        if vacancy.start is None:
            return
        board = self.by_board.setdefault(vacancy.board, [])
        starts = self.starts.setdefault(vacancy.board, [])
        at = bisect_right(starts, vacancy.start)
        board.insert(at, vacancy)
        starts.insert(at, vacancy.start)
        last = min(vacancy.close, vacancy.end)
        for week in range(self._week(vacancy.start), self._week(last) + 1):
            self.weeks.setdefault((vacancy.sector, week), []).append(vacancy)

    def _week(self, ts: float) -> int:
        return int((ts - self.origin) // WEEK)

    def for_intro(
        self, rng, at: float, sectors, skip, vak, functie, partners, hire: float | None = None
    ) -> Vacancy | None:
        """A vacancy open at `at` to introduce a candidate for, of a board not in `skip`:
        of the subject and function they want and of a board taking part more likely. With
        `hire`, one the candidate can still be appointed to then, if there is one."""
        everything: list[Vacancy] = []
        for sector in sectors:
            everything += self.weeks.get((sector, self._week(at)), ())
        # A sample is enough where many are open; the whole week where that finds none.
        pool = rng.sample(everything, 24) if len(everything) > 24 else everything
        live = [v for v in pool if v.board not in skip and v.live(at)]
        if hire is not None and not any(v.claimable(hire, self.guard) for v in live):
            live = [v for v in everything if v.board not in skip and v.live(at)]
            live = [v for v in live if v.claimable(hire, self.guard)] or live
        elif not live and pool is not everything:
            live = [v for v in everything if v.board not in skip and v.live(at)]
        elif hire is not None:
            live = [v for v in live if v.claimable(hire, self.guard)]
        if not live:
            return None
        weights = [
            (4 if vak and v.vak == vak else 1)
            * (3 if v.functie == functie else 1)
            * (2 if v.board in partners else 1)
            for v in live
        ]
        return rng.choices(live, weights)[0]

    def of_board(self, board: int, at: float, first: Vacancy | None = None) -> Vacancy | None:
        """A vacancy of `board` an appointment at `at` can fill, `first` if it can."""
        if first is not None and first.claimable(at, self.guard):
            return first
        vacancies = self.by_board.get(board, [])
        last = bisect_right(self.starts.get(board, []), at)
        for vacancy in reversed(vacancies[max(0, last - 40) : last]):
            if vacancy.claimable(at, self.guard):
                return vacancy
        return None

    @staticmethod
    def use(vacancy: Vacancy, at: float) -> None:
        vacancy.used = max(vacancy.used, at)

    @staticmethod
    def fill(vacancy: Vacancy, at: float, tenths: int) -> None:
        """An appointment of `tenths` at `at`: what aanstelling_record does to the vacancy."""
        vacancy.open -= tenths
        vacancy.fills.append((at, tenths))
        vacancy.used = max(vacancy.used, at)
        if vacancy.open == 0:
            vacancy.end, vacancy.filled = at, True
        elif at > vacancy.end:
            vacancy.end = at


def vak_ids() -> dict[str, int]:
    """The managed subject list by name (the regio data migration makes it; made here for a
    database that lost some)."""
    from .profielen import VAK_NAMEN, VERWANT
    from .tekorten import VO_LINES

    found = dict(Vak.objects.values_list("naam", "pk"))
    wanted = {n for n, _ in VAKKEN} | {v for _, v, _ in VO_LINES if v} | set(VAK_NAMEN.values())
    wanted |= {v for related in VERWANT.values() for v in related}
    for naam in sorted(wanted - set(found)):
        found[naam] = Vak.objects.get_or_create(slug=slugify(naam), defaults={"naam": naam})[0].pk
    return found


def make_vacancies(ctx: DemoContext, rng: random.Random) -> int:
    """Each region's share of the scale's vacancies, spread over its boards by their schools;
    in the region of seed 002 also those open on its last completed quarter's reference date
    that its shortage figures need (see tekorten.make_returns)."""
    ctx.vakken = vak_ids()
    now = ctx.now.timestamp()
    quarter_end = end_ts(*quarters_for(ctx.now).calibrated)
    schools = [sum(b.schools for b in ctx.boards if b.spec is spec) for spec, _ in ctx.regions]
    shares = apportion(ctx.scale.vacancies, schools, ctx.scale.min_vacancies_per_region)
    made = 0
    for (spec, regio), count in zip(ctx.regions, shares, strict=True):
        boards = [b for b in ctx.boards if b.spec is spec and b.vestigingen]
        calibrated = spec.short == SEED_002_REGION
        book = VacancyBook(now - (HISTORY_DAYS + 120) * DAY, quarter_end if calibrated else 0.0)
        maker = _Maker(rng, ctx, now, quarter_end if calibrated else None)
        rows = []
        if regio.pk == ctx.regions[0][1].pk:
            rows.append(maker.demo(book, boards[0]))
        weights = [b.schools for b in boards]
        for board in rng.choices(boards, weights, k=count):
            rows.append(maker.background(board))
        if calibrated:
            rows += maker.seed_002([b for b in boards if b.org.pk in ctx.taking_part])
        ids = insert_rows_returning_ids(Vacature, FIELDS, [row for _, row in rows])
        for (vacancy, _), pk in zip(rows, ids, strict=True):
            vacancy.pk = pk
            book.add(vacancy)
        ctx.vacancies[regio.slug] = book
        ctx.vacancy_list[regio.slug] = [vacancy for vacancy, _ in rows]
        made += len(ids)
    return made


def make_filled(ctx: DemoContext, rng: random.Random) -> int:
    """What the appointments of the candidates step changed: fte still open, and filled (with
    the moment) where nothing is left, as aanstelling_record leaves a vacancy."""
    rows = [
        (vacancy.pk, status, Decimal(tenths) / 10, _at(afgesloten))
        for vacancies in ctx.vacancy_list.values()
        for vacancy in vacancies
        if vacancy.fills
        for status, tenths, afgesloten in [vacancy.state()]
    ]
    return update_rows(Vacature, ["status", "fte_open", "afgesloten_op"], rows)


def make_publications(ctx: DemoContext, rng: random.Random) -> int:
    """Each published vacancy's publication period, once the candidates step and `filled`
    have settled when it ended: from `gepubliceerd_op` until `afgesloten_op` (open while it is
    still published). A demo vacancy is published once and never reopened, so one period
    each."""
    rows = (
        (vacancy.pk, _at(vacancy.start), _at(afgesloten))
        for vacancies in ctx.vacancy_list.values()
        for vacancy in vacancies
        if vacancy.start is not None
        for _, _, afgesloten in [vacancy.state()]
    )
    return insert_rows(VacaturePublicatie, ["vacature_id", "van", "tot"], rows)


FIELDS = [
    "bestuur_id",
    "vestiging_id",
    "titel",
    "functie",
    "sector",
    "vak_id",
    "bevoegdheid",
    "zij_instroom",
    "fte",
    "fte_open",
    "salarisschaal",
    "startdatum",
    "sluitdatum",
    "omschrijving",
    "status",
    "aangemaakt_op",
    "gepubliceerd_op",
    "afgesloten_op",
]


class _Maker:
    """Makes one vacancy at a time: its place in time, what it asks for and its text."""

    def __init__(self, rng: random.Random, ctx: DemoContext, now: float, quarter_end):
        self.rng, self.ctx, self.now = rng, ctx, now
        self.today = _day(now)
        self.quarter_end = quarter_end  # where set: no other vacancy open then (seed 002)

    def background(self, board: Board) -> tuple[Vacancy, tuple]:
        rng = self.rng
        toss = rng.random()
        if toss < CONCEPT_SHARE:
            return self._concept(board)
        if toss < CONCEPT_SHARE + OPEN_SHARE:
            first = self.now - OPEN_PUBLISHED_DAYS * DAY
            if self.quarter_end:
                # Not yet open on the reference date (unless that was yesterday).
                first = min(max(first, self.quarter_end + HOUR), self.now - 2 * HOUR)
            start = rng.uniform(first, self.now - HOUR)
            return self._make(board, start, self.today + _days(rng, *OPEN_CLOSING_DAYS))
        for _ in range(20):
            start = self.now - rng.uniform(21, HISTORY_DAYS) * DAY
            vacancy, row = self._make(board, start, _day(start) + _days(rng, *HISTORY_OPEN_DAYS))
            if not (self.quarter_end and vacancy.start <= self.quarter_end < vacancy.end):
                break
        return vacancy, row

    def demo(self, book: VacancyBook, board: Board) -> tuple[Vacancy, tuple]:
        """The demo HR's vacancy the demo candidate is introduced for: open now, so HR can
        record her appointment in the demo; no other candidate fills it."""
        start = self.now - 55 * DAY + 10 * HOUR
        made = self._make(board, start, self.today + timedelta(days=20), functie=Functie.LERAAR)
        made[0].pin = INF
        book.demo = made[0]
        return made

    def seed_002(self, boards: list[Board]) -> list[tuple[Vacancy, tuple]]:
        """The vacancies open on the quarter's reference date in the region of seed 002: the
        open part of the shortage (40% of 7% of employment), per subject in proportion to
        its shortage, the rest over the other lines; none is filled before that date."""
        rng, made = self.rng, []
        covered = {
            sector: ROTTERDAM_COVERAGE * sum(float(b.org.fte) for b in boards if b.sector == sector)
            for sector in (Sector.VO, Sector.SO, Sector.PO)
        }
        total = sum(covered.values())
        plan = []  # (sector, functie, vak, fte to open)
        for sector, employment in covered.items():
            lines = LINES[sector]
            weight = sum(w for _, _, w in lines)
            for functie, vak, w in lines:
                plan.append([sector, functie, vak, employment * w / weight])
        target = SEED_002_SHORTAGE * SEED_002_OPEN_SHARE * total
        subjects = 0.0
        for line in plan:
            if line[2] in SEED_002_SUBJECTS:
                line[3] *= SEED_002_OPEN_SHARE * SEED_002_SUBJECTS[line[2]]
                subjects += line[3]
        rest = sum(line[3] for line in plan if line[2] not in SEED_002_SUBJECTS)
        for line in plan:
            if line[2] not in SEED_002_SUBJECTS:
                line[3] *= (target - subjects) / rest
        for sector, functie, vak, fte in plan:
            candidates = [b for b in boards if b.sector == sector]
            weights = [float(b.org.fte) for b in candidates]
            left = round(fte * 10)
            while left >= 4:
                tenths = min(_pick(rng, FTE[functie]), left)
                left -= tenths
                board = rng.choices(candidates, weights)[0]
                start = self.quarter_end - rng.uniform(1, 63) * DAY
                closing = _day(self.quarter_end) + timedelta(days=rng.randint(1, 56))
                vacancy, row = self._make(
                    board, start, closing, functie=functie, vak=vak or None, tenths=tenths
                )
                vacancy.pin = self.quarter_end
                made.append((vacancy, row))
        return made

    def _concept(self, board: Board) -> tuple[Vacancy, tuple]:
        rng = self.rng
        created = self.now - rng.uniform(0.2, 20) * DAY
        closing = self.today + _days(rng, 21, 84)
        return self._make(board, None, closing, created=created)

    def _make(
        self, board, start, closing: date, *, functie=None, vak=None, tenths=None, created=None
    ) -> tuple[Vacancy, tuple]:
        """A vacancy published at `start` (None: a concept) and open until `closing`: still
        open if that lies ahead, else filled or closed a little after it."""
        rng, ctx = self.rng, self.ctx
        school = rng.choice(board.vestigingen)
        sector = school.sector
        functie = functie or _pick(rng, FUNCTIES.get(sector, FUNCTIES[Sector.PO]))
        if functie == Functie.LERAAR and sector == Sector.VO and vak is None:
            vak = _pick(rng, VAKKEN)
        tenths = tenths or _pick(rng, FTE[functie])
        end, filled = INF, False
        if start is not None and closing < self.today:
            close_end = _end_of(closing)
            end = min(close_end + rng.uniform(0, 14) * DAY, self.now - HOUR)
            end = max(end, start + HOUR)
            filled = rng.random() < HISTORY_FILLED
        vacancy = Vacancy(
            board.org.pk,
            school.pk,
            sector,
            functie,
            ctx.vakken[vak] if vak else None,
            tenths,
            start,
            _end_of(closing),
            end,
            filled,
        )
        published = _day(start) if start is not None else _day(created)
        startdatum = max(published, closing - timedelta(days=rng.randint(0, 28)))
        bevoegdheid = _bevoegdheid(rng, sector, functie)
        zij = functie == Functie.LERAAR and rng.random() < 0.5
        status, open_tenths, afgesloten = vacancy.state()
        fte = Decimal(tenths) / 10
        created = created if start is None else start - rng.uniform(0.05, 4) * DAY
        row = (
            board.org.pk,
            school.pk,
            _titel(rng, sector, functie, vak, fte),
            functie,
            sector,
            vacancy.vak,
            bevoegdheid,
            zij,
            fte,
            Decimal(open_tenths) / 10,
            _schaal(rng, sector, functie),
            startdatum,
            closing,
            _omschrijving(rng, school, functie, vak, fte, startdatum, bevoegdheid, zij),
            status,
            _at(created),
            _at(start),
            _at(afgesloten),
        )
        return vacancy, row


def _titel(rng, sector: str, functie: str, vak: str | None, fte: Decimal) -> str:
    omvang = f"({_nl(fte)} fte)"
    if functie == Functie.LERAAR:
        if vak:
            return f"Leraar {vak if vak in CAPITALS else vak.lower()} {omvang}"
        if sector == Sector.SO:
            return f"Leraar speciaal onderwijs {omvang}"
        return f"Leraar groep {rng.choice(GROEPEN)} {omvang}"
    if functie == Functie.SCHOOLLEIDER:
        return f"{rng.choice(('Schoolleider', 'Directeur', 'Teamleider'))} {omvang}"
    return f"{Functie(functie).label} {omvang}"


def _omschrijving(rng, school, functie, vak, fte, start: date, bevoegdheid, zij: bool) -> str:
    wie = Functie(functie).label.lower()
    if functie == Functie.LERAAR and vak:
        wie = f"leraar {vak if vak in CAPITALS else vak.lower()}"
    elif functie == Functie.SCHOOLLEIDER:
        wie = "schoolleider"
    opening = rng.choice(INTROS).format(
        school=school.naam, plaats=school.plaats, wie=wie, fte=_nl(fte), start=_nl_date(start)
    )
    parts = [opening, rng.choice(MIDDLES), BEVOEGD[bevoegdheid]]
    if zij:
        parts.append(rng.choice(ZIJ_INSTROOM))
    return " ".join(parts)


def _bevoegdheid(rng, sector: str, functie: str) -> str:
    if functie in (Functie.LERAAR, Functie.INTERN_BEGELEIDER):
        if sector == Sector.VO:
            return Bevoegdheid.EERSTEGRAADS if rng.random() < 0.3 else Bevoegdheid.TWEEDEGRAADS
        return Bevoegdheid.PABO
    return Bevoegdheid.GEEN


def _schaal(rng, sector: str, functie: str) -> str:
    return rng.choice(SCHALEN.get((sector, functie)) or SCHALEN.get(functie) or ("",))


MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
)  # fmt: skip


def _nl(fte: Decimal) -> str:
    return f"{fte:.1f}".replace(".", ",")


def _nl_date(day: date) -> str:
    return f"{day.day} {MAANDEN[day.month - 1]} {day.year}"


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _days(rng, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _day(ts: float) -> date:
    return datetime.fromtimestamp(ts, AMSTERDAM).date()


def _end_of(day: date) -> float:
    """The last second of `day`, Amsterdam time."""
    following = day + timedelta(days=1)
    return (
        datetime(following.year, following.month, following.day, tzinfo=AMSTERDAM).timestamp() - 1
    )


def _at(ts: float | None):
    return None if ts is None else datetime.fromtimestamp(ts, AMSTERDAM)
