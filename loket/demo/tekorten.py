"""Generators for the boards' hidden-shortage returns (tekortopgaven) and the quarters each
region reported. Rotterdam's last completed quarter reproduces the figures of seed 002."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection

from regio.models import (
    Functie,
    KwartaalAfsluiting,
    Role,
    Sector,
    TekortOpgave,
    TekortRegel,
    User,
    kwartaal_van,
    laatste_dag,
)

from .advies import AMSTERDAM
from .bulk import insert_rows, insert_rows_returning_ids
from .context import Board, DemoContext

# Seed 002 (plan of approach 2024 of onderwijsregio Rotterdam, vo-mbo): the shortage is about
# 7% of employment, about 40% of it open vacancies and 60% hidden; the hidden posts are filled
# 30% by a qualified and 70% by an unqualified person; classes are merged for 15% of the hidden
# shortage; and the subjects with the highest shortage, as % of their employment, are these.
# The demo's Rotterdam region reproduces them for its last completed quarter.
SEED_002_REGION = "Rotterdam"
SEED_002_SHORTAGE = 0.07
SEED_002_OPEN_SHARE = 0.40
SEED_002_QUALIFIED_SHARE = 0.30
SEED_002_MERGED_SHARE = 0.15
SEED_002_SUBJECTS: dict[str, float] = {
    "Techniek": 0.205,
    "NASK": 0.108,
    "Informatica": 0.103,
    "Duits": 0.102,
    "Economie": 0.102,
    "Nederlands": 0.099,
    "Natuurkunde": 0.097,
    "Wiskunde": 0.085,
}
# Who fills a hidden shortage follows from its kind: a qualified person where another-qualified
# teacher takes the lessons or classes are merged (one qualified teacher for both), an
# unqualified one where the post went to someone without the qualification or otherwise;
# cancelled lessons are filled by nobody. Rotterdam's kinds give seed 002's shares exactly:
# 15% merged classes, and 30% of the hidden shortage filled by a qualified person, 70% not.
QUALIFIED_KINDS = ("anders_bevoegd_fte", "samengevoegd_fte")
UNQUALIFIED_KINDS = ("onbevoegd_fte", "overig_fte")
ROTTERDAM_KINDS = {
    "onbevoegd_fte": 1 - SEED_002_QUALIFIED_SHARE - 0.05,
    "anders_bevoegd_fte": SEED_002_QUALIFIED_SHARE - SEED_002_MERGED_SHARE,
    "samengevoegd_fte": SEED_002_MERGED_SHARE,
    "lesuitval_fte": 0.0,
    "overig_fte": 0.05,
}

# fmt: off
# A vo board's employment by line (share of its fte): teachers per subject, assistants and
# school leaders. Rotterdam's boards report every line; other vo boards a handful of subjects.
VO_LINES: tuple[tuple[str, str, float], ...] = (
    (Functie.LERAAR, "Wiskunde", 0.085), (Functie.LERAAR, "Nederlands", 0.095),
    (Functie.LERAAR, "Engels", 0.085), (Functie.LERAAR, "Duits", 0.04),
    (Functie.LERAAR, "Natuurkunde", 0.035), (Functie.LERAAR, "Economie", 0.035),
    (Functie.LERAAR, "Informatica", 0.015), (Functie.LERAAR, "NASK", 0.02),
    (Functie.LERAAR, "Techniek", 0.02), (Functie.LERAAR, "Geschiedenis", 0.05),
    (Functie.LERAAR, "Biologie", 0.045), (Functie.LERAAR, "Scheikunde", 0.03),
    (Functie.LERAAR, "Aardrijkskunde", 0.035), (Functie.LERAAR, "Frans", 0.03),
    (Functie.LERAAR, "Lichamelijke opvoeding", 0.05),
    (Functie.LERAAR, "Beroepsgerichte vakken vmbo", 0.06),
    (Functie.ONDERWIJSASSISTENT, "", 0.10), (Functie.SCHOOLLEIDER, "", 0.04),
)
LINES: dict[str, tuple[tuple[str, str, float], ...]] = {
    Sector.PO: ((Functie.LERAAR, "", 0.78), (Functie.ONDERWIJSASSISTENT, "", 0.14),
                (Functie.SCHOOLLEIDER, "", 0.08)),
    Sector.SO: ((Functie.LERAAR, "", 0.72), (Functie.ONDERWIJSASSISTENT, "", 0.20),
                (Functie.SCHOOLLEIDER, "", 0.08)),
    Sector.VO: VO_LINES,
}
# fmt: on
# Share of a vo board's teachers' subjects in a return of another region: a handful.
VO_SUBJECTS_REPORTED = (5, 8)
# Hidden shortage as a share of employment (seed 000 and 002 speak of a few per cent).
HIDDEN_RATE = (0.02, 0.05)
# Share of boards that already sent in their return for the quarter under way.
CURRENT_SHARE = 0.70
QUARTERS_BACK = 4


@dataclass(frozen=True)
class Quarters:
    """The quarters the demo has returns for, relative to `now`."""

    current: tuple[int, int]
    completed: list[tuple[int, int]]  # the last QUARTERS_BACK, newest first

    @property
    def calibrated(self) -> tuple[int, int]:
        """Rotterdam's quarter with the figures of seed 002: the last completed one."""
        return self.completed[0]


def quarters_for(now: datetime) -> Quarters:
    jaar, kwartaal = kwartaal_van(now.astimezone(AMSTERDAM).date())
    completed = []
    for _ in range(QUARTERS_BACK):
        jaar, kwartaal = (jaar, kwartaal - 1) if kwartaal > 1 else (jaar - 1, 4)
        completed.append((jaar, kwartaal))
    return Quarters(kwartaal_van(now.astimezone(AMSTERDAM).date()), completed)


def first_day(jaar: int, kwartaal: int) -> date:
    return date(jaar, 3 * kwartaal - 2, 1)


def end_ts(jaar: int, kwartaal: int) -> float:
    """The last second of a quarter's reference date (peildatum), Amsterdam time."""
    day = laatste_dag(jaar, kwartaal) + timedelta(days=1)
    return datetime.combine(day, time.min, tzinfo=AMSTERDAM).timestamp() - 1


def _start_ts(jaar: int, kwartaal: int) -> float:
    return datetime.combine(first_day(jaar, kwartaal), time.min, tzinfo=AMSTERDAM).timestamp()


def make_returns(ctx: DemoContext, rng: random.Random) -> int:
    """Every board taking part sent a return for each of the last QUARTERS_BACK completed
    quarters and, most of them, for the quarter under way; the regions reported all completed
    quarters but the last one, which their project leader still has to close. Employment per
    line follows the board's fte; the hidden shortage is a few per cent of it, rising a little
    over time. Rotterdam's last completed quarter has the figures of seed 002."""
    quarters = quarters_for(ctx.now)
    now = ctx.now.timestamp()
    hr = dict(User.objects.filter(role=Role.HR).values_list("organisatie_id", "pk"))
    leaders = dict(User.objects.filter(role=Role.PROJECTLEIDER).values_list("regio_id", "pk"))
    oldest_first = list(reversed(quarters.completed))
    current_start = _start_ts(*quarters.current)
    rows = 0
    closings = []
    for spec, regio in ctx.regions:
        reported = {q: end_ts(*q) + rng.uniform(32, 50) * 86400 for q in quarters.completed[1:]}
        closings += [
            (regio.pk, jaar, kwartaal, _at(at), leaders.get(regio.pk))
            for (jaar, kwartaal), at in sorted(reported.items())
        ]
        opgaven, lines = [], []
        boards = [b for b in ctx.boards if b.spec is spec and b.org.pk in ctx.taking_part]
        for board in boards:
            plan = _BoardPlan(rng, board)
            for index, quarter in enumerate(oldest_first):
                q_end = end_ts(*quarter)
                deadline = reported.get(quarter, now - 3600)
                sent = _moment(rng, q_end + 60, min(q_end + rng.uniform(3, 25) * 86400, deadline))
                changed = sent
                if rng.random() < 0.3:
                    changed = _moment(rng, sent, min(sent + rng.uniform(1, 20) * 86400, deadline))
                opgaven.append(
                    (board.org.pk, *quarter, _at(sent), hr.get(board.org.pk), _at(changed))
                )
                lines.append(plan.lines(rng, index))
            if now - current_start > 3 * 86400 and rng.random() < CURRENT_SHARE:
                sent = rng.uniform(current_start + 2 * 86400, now - 3600)
                opgaven.append(
                    (board.org.pk, *quarters.current, _at(sent), hr.get(board.org.pk), _at(sent))
                )
                lines.append(plan.lines(rng, QUARTERS_BACK))
        if spec.short == SEED_002_REGION and boards:
            calibrated = quarters.calibrated
            keys = [(o[0], o[1], o[2]) for o in opgaven]
            seed_002 = _seed_002_lines(ctx, regio.slug, boards, end_ts(*calibrated))
            for board in boards:
                lines[keys.index((board.org.pk, *calibrated))] = seed_002[board.org.pk]
        ids = insert_rows_returning_ids(TekortOpgave, OPGAVE_FIELDS, opgaven)
        rows += len(ids)
        rows += insert_rows(
            TekortRegel,
            REGEL_FIELDS,
            (
                (pk, sector, functie, ctx.vakken[vak] if vak else None, *figures)
                for pk, board_lines in zip(ids, lines, strict=True)
                for sector, functie, vak, *figures in board_lines
            ),
        )
    rows += insert_rows(KwartaalAfsluiting, AFSLUITING_FIELDS, closings)
    return rows


OPGAVE_FIELDS = [
    "bestuur_id",
    "jaar",
    "kwartaal",
    "ingediend_op",
    "ingediend_door_id",
    "gewijzigd_op",
]
KINDS = [
    "onbevoegd_fte",
    "anders_bevoegd_fte",
    "samengevoegd_fte",
    "lesuitval_fte",
    "overig_fte",
]
REGEL_FIELDS = [
    "opgave_id",
    "sector",
    "functie",
    "vak_id",
    "werkgelegenheid_fte",
    *KINDS,
    "ingevuld_bevoegd_fte",
    "ingevuld_onbevoegd_fte",
]
AFSLUITING_FIELDS = ["regio_id", "jaar", "kwartaal", "afgesloten_op", "door_id"]


class _BoardPlan:
    """A board's lines and how its hidden shortage goes, the same from quarter to quarter."""

    def __init__(self, rng: random.Random, board: Board):
        self.board = board
        self.coverage = rng.uniform(0.92, 1.0)
        self.rate = rng.uniform(*HIDDEN_RATE)
        self.trend = rng.uniform(-0.02, 0.06)  # per quarter, relative
        lines = LINES[board.sector]
        total = sum(w for _, _, w in lines)
        if board.sector == Sector.VO:
            subjects = [line for line in lines if line[1]]
            count = rng.randint(*VO_SUBJECTS_REPORTED)
            # Boards report the subjects they struggle with: the shortage ones more often.
            ranked = sorted(
                subjects,
                key=lambda line: (
                    rng.random() ** (1 / (line[2] * (3 if line[1] in SEED_002_SUBJECTS else 1)))
                ),
                reverse=True,
            )
            chosen = {line[1] for line in ranked[:count]}
            lines = [line for line in lines if not line[1] or line[1] in chosen]
        self.shares = [(functie, vak, w / total) for functie, vak, w in lines]
        self.kinds = _kinds(rng)

    def lines(self, rng: random.Random, index: int) -> list[tuple]:
        employment = float(self.board.org.fte) * self.coverage * (1 + rng.uniform(-0.01, 0.01))
        rate = self.rate * (1 + self.trend * index)
        made = []
        for functie, vak, share in self.shares:
            fte = _cents(employment * share)
            bias = 1.6 if vak in SEED_002_SUBJECTS else 1.0
            hidden = round(fte * rate * bias * rng.uniform(0.6, 1.4))  # in hundredths too
            made.append((self.board.sector, functie, vak, _fte(fte), *_split(hidden, self.kinds)))
        return made


def _kinds(rng: random.Random) -> dict[str, float]:
    """A board's usual mix of hidden shortage by kind: about 15% merged classes and 30% of
    what is filled filled by a qualified person, as seed 002 found, varying per board."""
    shares = {
        "onbevoegd_fte": rng.uniform(0.4, 0.6),
        "anders_bevoegd_fte": rng.uniform(0.08, 0.2),
        "samengevoegd_fte": rng.uniform(0.08, 0.2),
        "lesuitval_fte": rng.uniform(0.02, 0.08),
        "overig_fte": rng.uniform(0.0, 0.06),
    }
    total = sum(shares.values())
    return {kind: share / total for kind, share in shares.items()}


def _split(hidden: int, shares: dict[str, float]) -> tuple:
    """A line's hidden shortage (in hundredths of an fte) by kind, and how much of it a
    qualified and an unqualified person fill: fte values for the row."""
    return _row(dict(zip(KINDS, _diffuse(hidden, [shares[k] for k in KINDS]), strict=True)))


def _row(parts: dict[str, int]) -> tuple:
    """The kinds of a line's hidden shortage (hundredths) and who fills them, as fte."""
    bevoegd = sum(parts[kind] for kind in QUALIFIED_KINDS)
    onbevoegd = sum(parts[kind] for kind in UNQUALIFIED_KINDS)
    if connection.vendor == "sqlite" and bevoegd + onbevoegd == sum(parts.values()) > 0:
        # SQLite checks TekortRegel's constraint in floating point, where a shortage filled
        # exactly may come out a hair over; leave a hundredth of it unfilled there.
        if onbevoegd:
            onbevoegd -= 1
        else:
            bevoegd -= 1
    return (*(_fte(parts[kind]) for kind in KINDS), _fte(bevoegd), _fte(onbevoegd))


def _seed_002_lines(ctx, slug: str, boards: list[Board], quarter_end: float) -> dict[int, list]:
    """The lines of the region of seed 002 for its calibrated quarter.

    The vacancies open on the reference date are what they are (vacatures.py opened them);
    employment is set so that they are 40% of a 7% shortage, split over the boards by fte and
    over the lines by VO_LINES and LINES; each subject of SEED_002_SUBJECTS gets the hidden
    shortage that brings it to its percentage, and the other lines share the rest. Hidden
    shortages are split into kinds as ROTTERDAM_KINDS says.
    """
    ids = {b.org.pk for b in boards}
    names = {pk: naam for naam, pk in ctx.vakken.items()}
    open_fte: dict[tuple[int, str, str], float] = {}
    for vacancy in ctx.vacancy_list[slug]:
        if vacancy.board in ids and (tenths := vacancy.open_at(quarter_end)):
            key = (vacancy.board, vacancy.functie, names.get(vacancy.vak, ""))
            open_fte[key] = open_fte.get(key, 0) + tenths / 10
    employment = sum(open_fte.values()) / (SEED_002_SHORTAGE * SEED_002_OPEN_SHARE)
    factor = employment / sum(float(b.org.fte) for b in boards)
    plan = []  # [board, sector, functie, vak, employment]
    for board in boards:
        lines = LINES[board.sector]
        total = sum(w for _, _, w in lines)
        own = [
            [board, board.sector, f, v, float(board.org.fte) * factor * w / total]
            for f, v, w in lines
        ]
        for (pk, functie, vak), _ in sorted(open_fte.items()):
            if pk == board.org.pk and not any(line[2:4] == [functie, vak] for line in own):
                # An open vacancy the usual lines do not cover: a small line of its own.
                biggest = max(own, key=lambda line: line[4])
                biggest[4] -= 1.0
                own.append([board, board.sector, functie, vak, 1.0])
        plan += own
    # Employment in fte per subject: by the lines' weights, but at least so much that the
    # subject's open vacancies are no more than their share of its shortage (they are what
    # they are; on a quarter's first day, say, all those open now were open on its last).
    opened = {
        v: sum(fte for (_, _, w), fte in open_fte.items() if w == v) for v in SEED_002_SUBJECTS
    }
    groups = [[i for i, line in enumerate(plan) if line[3] == vak] for vak in SEED_002_SUBJECTS]
    totals = [
        max(sum(plan[i][4] for i in members), opened[vak] / (SEED_002_OPEN_SHARE * pct))
        for members, (vak, pct) in zip(groups, SEED_002_SUBJECTS.items(), strict=True)
    ]
    groups.append([i for i, line in enumerate(plan) if line[3] not in SEED_002_SUBJECTS])
    totals.append(employment - sum(totals))
    for members, total in zip(groups, totals, strict=True):
        cents = _diffuse(round(total * 100), [plan[i][4] for i in members])
        for i, value in zip(members, cents, strict=True):
            plan[i][4] = value
    hidden_total = SEED_002_SHORTAGE * (1 - SEED_002_OPEN_SHARE) * employment
    hidden = [0] * len(plan)
    subject_hidden = 0.0
    for vak, pct in SEED_002_SUBJECTS.items():
        members = [i for i, line in enumerate(plan) if line[3] == vak]
        subject_fte = sum(plan[i][4] for i in members) / 100
        want = pct * subject_fte - opened[vak]
        subject_hidden += want
        shares = _diffuse(round(want * 100), [plan[i][4] for i in members])
        for i, value in zip(members, shares, strict=True):
            hidden[i] = value
    rest = [i for i, line in enumerate(plan) if line[3] not in SEED_002_SUBJECTS]
    remaining = round((hidden_total - subject_hidden) * 100)
    for i, value in zip(rest, _diffuse(remaining, [plan[i][4] for i in rest]), strict=True):
        hidden[i] = value
    # The kinds and how the posts are filled, exact over the region (not only per line).
    kinds = list(
        zip(*[_diffuse_each(hidden, ROTTERDAM_KINDS[kind]) for kind in KINDS], strict=True)
    )
    by_board: dict[int, list] = {b.org.pk: [] for b in boards}
    for i, (board, sector, functie, vak, fte) in enumerate(plan):
        parts = list(kinds[i])
        while sum(parts[1:]) > hidden[i]:  # rounding gave a tiny line a hundredth too many
            parts[parts.index(max(parts[1:]), 1)] -= 1
        parts[0] = hidden[i] - sum(parts[1:])  # unqualified: what the other kinds leave
        by_board[board.org.pk].append(
            (
                sector,
                functie,
                vak,
                _fte(fte),
                *_row(dict(zip(KINDS, parts, strict=True))),
            )
        )
    return by_board


def _diffuse(total: int, weights: list[float]) -> list[int]:
    """Split an integer `total` over `weights`, each part rounded so the parts add up (the
    rounding error is carried to the next part)."""
    whole = sum(weights)
    if not weights or whole <= 0:
        return [0] * len(weights)
    parts, exact, given = [], 0.0, 0
    for weight in weights:
        exact += total * weight / whole
        part = round(exact) - given
        parts.append(part)
        given += part
    return parts


def _diffuse_each(values: list[int], share: float) -> list[int]:
    """`share` of each value, rounded so that the sum is `share` of the total."""
    parts, exact, given = [], 0.0, 0
    for value in values:
        exact += value * share
        part = min(max(round(exact) - given, 0), value)
        parts.append(part)
        given += part
    return parts


def _cents(fte: float) -> int:
    return round(fte * 100)


def _fte(cents: int) -> Decimal:
    return Decimal(cents) / 100


def _moment(rng: random.Random, lo: float, hi: float) -> float:
    return rng.uniform(lo, hi) if hi > lo else lo


def _at(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, AMSTERDAM)
