"""Generators for the desk's people and calendar: advisers, studieadviseurs, advice slots
(weekly series, past and the coming four weeks) and information evenings."""

import random
import uuid
from array import array
from bisect import bisect_left
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from regio.models import OrganisatieSoort, Role, User

from ..models import Adviesslot, Evenement, Gespreksvorm
from . import addresses, data
from .bulk import BATCH, insert_rows_returning_ids
from .context import DemoContext
from .logins import demo_emails
from .participation import FIRST_NAMES, SURNAMES
from .registry import apportion

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# How far back the desk's history goes (about 18 months), and how far ahead slots and
# evenings are published.
HISTORY_DAYS = 545
SLOTS_AHEAD_DAYS = 28
EVENINGS_AHEAD_DAYS = 63
# Advisers per region: at least this many, or one per this many candidates.
MIN_ADVISERS = 3
CANDIDATES_PER_ADVISER = 600
# Booked conversations per candidate (measured on the generated journeys), and how many
# slots an adviser offers for each one: most slots are taken, not all.
BOOKINGS_PER_CANDIDATE = 1.2
SLOTS_PER_BOOKING = 1.6
# A weekly series is published for this many weeks, then published anew.
SERIES_WEEKS = 13
# Parts of the day a block of slots fits in: (first start, minutes available, forms).
DAY_PARTS = (
    (9 * 60, 210, (Gespreksvorm.LOCATIE, Gespreksvorm.VIDEO, Gespreksvorm.TELEFOON)),
    (13 * 60, 180, (Gespreksvorm.VIDEO, Gespreksvorm.LOCATIE, Gespreksvorm.TELEFOON)),
    # Evenings, for candidates who have a job during the day: online or by phone.
    (18 * 60 + 30, 150, (Gespreksvorm.VIDEO, Gespreksvorm.TELEFOON)),
)
ONE_OFF_START = 16 * 60 + 15  # a single extra slot sits between the afternoon and the evening
VORMEN = tuple(Gespreksvorm)
MOBILITEITSCENTRUM = OrganisatieSoort.MOBILITEITSCENTRUM

# fmt: off
DAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december")
# Information evenings: (title, description, online, capacity range). {r} the region.
EVENING_KINDS: tuple[tuple[str, str, bool, tuple[int, int]], ...] = (
    ("Informatieavond Werken in het onderwijs",
     "Hoe word je leraar, onderwijsassistent of schoolleider in {r}? Adviseurs van het loket, "
     "schoolbesturen en lerarenopleidingen vertellen over routes, bevoegdheden en vacatures.",
     False, (30, 80)),
    ("Webinar Zij-instroom: zo werkt het",
     "In een uur online: wat zij-instroom is, wie ervoor in aanmerking komt, hoe het "
     "geschiktheidsonderzoek gaat en wie de opleiding betaalt. Met tijd voor vragen.",
     True, (100, 250)),
    ("Open avond deeltijdopleidingen",
     "Maak kennis met de deeltijdpabo en de tweedegraads lerarenopleidingen in {r}: studeren "
     "naast je werk, toelating en studielast.",
     False, (40, 120)),
    ("Meeloopavond: een kijkje in de klas",
     "Zij-instromers en startende leraren uit {r} vertellen hoe hun eerste jaar ging. Daarna "
     "praat je in kleine groepen door met schoolleiders.",
     False, (20, 45)),
)
# fmt: on


def moment(ts: float) -> str:
    """'dinsdag 3 maart 2026 om 10:00' on Amsterdam's clock, as the desk writes it."""
    local = datetime.fromtimestamp(ts, AMSTERDAM)
    return (
        f"{DAGEN[local.weekday()]} {local.day} {MAANDEN[local.month - 1]} {local.year} "
        f"om {local:%H:%M}"
    )


def make_staff(ctx: DemoContext, rng: random.Random) -> int:
    """A few advisers per region (the demo adviser among the first region's) and a
    studieadviseur per teacher-training institute, with the demo password and a verified
    address so they can log in; like the demo logins, they have no second factor yet."""
    demo = {u.email: u for u in User.objects.filter(email__in=demo_emails())}
    # The demo password is hashed once by the logins step; reuse that hash.
    hashed = next((u.password for u in demo.values()), None) or make_password(data.DEMO_PASSWORD)
    demo_adviser = demo.get(f"adviseur@{data.DEMO_DOMAIN}")
    demo_opleider = demo.get(f"opleider@{data.DEMO_DOMAIN}")
    shares = _candidate_shares(ctx)
    used: set[str] = set(demo)
    rows: list[User] = []
    for (_, regio), candidates in zip(ctx.regions, shares, strict=True):
        count = max(MIN_ADVISERS, round(candidates / CANDIDATES_PER_ADVISER))
        advisers = [demo_adviser] if demo_adviser and demo_adviser.regio_id == regio.pk else []
        while len(advisers) < count:
            user = _person(rng, regio.slug, used, Role.LOKETADVISEUR, hashed)
            user.regio = regio
            advisers.append(user)
            rows.append(user)
        ctx.advisers[regio.slug] = advisers
        for institute in ctx.institutes[regio.slug]:
            if demo_opleider and demo_opleider.organisatie_id == institute.pk:
                ctx.opleiders[institute.pk] = demo_opleider
                continue
            user = _person(rng, regio.slug, used, Role.OPLEIDER, hashed)
            user.organisatie = institute
            ctx.opleiders[institute.pk] = user
            rows.append(user)
    User.objects.bulk_create(rows, batch_size=BATCH)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in rows],
        batch_size=BATCH,
    )
    ctx.candidate_shares = shares
    return len(rows) * 2


def make_hr(ctx: DemoContext, rng: random.Random) -> int:
    """An HR member of staff for every school board (the demo HR is the first region's first
    board's): who posts its vacancies, sends its shortage returns and records interviews and
    appointments. With the demo password and a verified address, like the advisers."""
    demo = User.objects.filter(email__in=demo_emails())
    hashed = next((u.password for u in demo), None) or make_password(data.DEMO_PASSWORD)
    taken = set(demo.filter(role=Role.HR).values_list("organisatie_id", flat=True))
    used = set(User.objects.values_list("email", flat=True))
    rows = []
    for board in ctx.boards:
        if board.org.pk in taken:
            continue
        user = _person(rng, board.org.regio.slug, used, Role.HR, hashed)
        user.organisatie = board.org
        rows.append(user)
    User.objects.bulk_create(rows, batch_size=BATCH)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in rows],
        batch_size=BATCH,
    )
    return len(rows) * 2


def _candidate_shares(ctx: DemoContext) -> list[int]:
    """Candidates per region, by the region's size, each at least the scale's minimum."""
    weights = [spec.size for spec, _ in ctx.regions]
    return apportion(ctx.scale.candidates, weights, ctx.scale.min_candidates_per_region)


def _person(rng, slug: str, used: set[str], role: str, hashed: str) -> User:
    """A staff member with a Dutch name and an address under the region's demo domain."""
    while True:
        first = rng.choice(FIRST_NAMES)
        tussen, achternaam = rng.choice(SURNAMES)
        local = ".".join(slugify(p).replace("-", ".") for p in (first, tussen, achternaam) if p)
        email = f"{local}@{slug}.{data.DEMO_DOMAIN}"
        if email not in used:
            used.add(email)
            break
    naam = " ".join(p for p in (first, tussen, achternaam) if p)
    return User(email=email, naam=naam, role=role, password=hashed)


class Agenda:
    """An adviser's slots in start order, with which are still free to book.

    Kept in arrays rather than model instances: nationally there are a few hundred
    thousand slots, and the candidates step only needs start, length, form and id.
    """

    def __init__(self, adviser_pk: int):
        self.adviser_pk = adviser_pk
        self.starts = array("q")  # epoch seconds
        self.pks = array("q")
        self.minutes = array("H")
        self.vorm = bytearray()  # index in VORMEN
        self.free = bytearray()  # 1: bookable (not withdrawn, not taken)

    def find(self, lo: float, hi: float, target: float) -> int | None:
        """The free slot starting within [lo, hi] closest to `target`, or None."""
        if lo > hi:
            return None
        target = min(max(target, lo), hi)
        right = bisect_left(self.starts, target)
        left = right - 1
        while True:
            ok_right = right < len(self.starts) and self.starts[right] <= hi
            ok_left = left >= 0 and self.starts[left] >= lo
            if not ok_right and not ok_left:
                return None
            if ok_right and (
                not ok_left or self.starts[right] - target <= target - self.starts[left]
            ):
                if self.free[right]:
                    return right
                right += 1
            else:
                if self.free[left]:
                    return left
                left -= 1

    def take(self, index: int) -> None:
        self.free[index] = 0

    def end(self, index: int) -> float:
        return self.starts[index] + 60 * self.minutes[index]


def make_slots(ctx: DemoContext, rng: random.Random) -> int:
    """Every adviser's slots from 18 months ago to four weeks ahead: weekly series that are
    published anew each quarter, slots in holiday weeks withdrawn, and a few one-off slots."""
    first_monday = _monday(ctx.now - timedelta(days=HISTORY_DAYS + 7))
    last_day = ctx.now + timedelta(days=SLOTS_AHEAD_DAYS)
    weeks = (last_day - first_monday).days // 7 + 1
    history_weeks = HISTORY_DAYS / 7
    made = 0
    pending: list[tuple[Agenda, list[tuple]]] = []
    for (_, regio), candidates in zip(ctx.regions, ctx.candidate_shares, strict=True):
        advisers = ctx.advisers[regio.slug]
        demand = candidates * BOOKINGS_PER_CANDIDATE / len(advisers) / history_weeks
        per_week = max(2, round(demand * SLOTS_PER_BOOKING))
        # The region's mobility centre hosts the desk's conversations on location.
        desk = next(o for o in ctx.partners[regio.slug] if o.soort == MOBILITEITSCENTRUM)
        locatie = f"{desk.naam}, {desk.adres}, {desk.plaats}"
        for adviser in advisers:
            agenda = Agenda(adviser.pk)
            ctx.agendas[adviser.pk] = agenda
            rows = _adviser_slots(
                rng, ctx, adviser, regio, locatie, per_week, first_monday, weeks, last_day
            )
            pending.append((agenda, rows))
            if sum(len(r) for _, r in pending) >= BATCH:
                made += _insert_slots(pending)
                pending = []
    return made + _insert_slots(pending)


def _adviser_slots(rng, ctx, adviser, regio, locatie, per_week, first_monday, weeks, last_day):
    blocks = _blocks(rng, per_week)
    holidays = _holiday_weeks(rng, first_monday, weeks)
    rows = []
    for period_start in range(0, weeks, SERIES_WEEKS):
        # One series per slot time (weekday and hour), as slots_publish makes them.
        reeksen = [
            [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(block[2])]
            for block in blocks
        ]
        for week in range(period_start, min(period_start + SERIES_WEEKS, weeks)):
            monday = first_monday + timedelta(weeks=week)
            for (weekday, start, _, minutes, vorm), ids in zip(blocks, reeksen, strict=True):
                day = monday.date() + timedelta(days=weekday)
                for n, reeks in enumerate(ids):
                    begin = _at(day, start + n * (minutes + 15))
                    if begin >= last_day:
                        continue
                    withdrawn = week in holidays
                    rows.append(
                        _slot(adviser, regio, begin, minutes, vorm, locatie, reeks, withdrawn)
                    )
            if rng.random() < 0.15:  # an extra slot now and then, outside the series
                day = monday.date() + timedelta(days=rng.randrange(5))
                begin = _at(day, ONE_OFF_START)
                if begin < last_day and week not in holidays:
                    vorm = rng.choice((Gespreksvorm.VIDEO, Gespreksvorm.TELEFOON))
                    rows.append(_slot(adviser, regio, begin, 45, vorm, locatie, None, False))
    rows.sort(key=lambda s: s[2])
    return rows


def _blocks(rng: random.Random, per_week: int) -> list[tuple[int, int, int, int, str]]:
    """An adviser's week: blocks of consecutive slots (weekday, start minute, count, length,
    form), at most one per part of a day, adding up to about `per_week` slots."""
    parts = [(day, part) for day in range(5) for part in range(len(DAY_PARTS))]
    rng.shuffle(parts)
    # Mornings and afternoons first; evenings only when the week needs many slots.
    parts.sort(key=lambda p: p[1] == 2)
    blocks, total = [], 0
    for day, part in parts:
        if total >= per_week:
            break
        start, room, vormen = DAY_PARTS[part]
        minutes = rng.choice((45, 45, 45, 30, 60))
        count = min(per_week - total, rng.randint(2, 4), room // (minutes + 15))
        vorm = rng.choices(vormen, (5, 3, 2)[: len(vormen)])[0]
        blocks.append((day, start, count, minutes, vorm))
        total += count
    return sorted(blocks)


def _holiday_weeks(rng: random.Random, first_monday: datetime, weeks: int) -> set[int]:
    """Weeks an adviser withdrew their slots: three summer weeks, Christmas, and one more."""
    holidays = set()
    for week in range(weeks):
        day = (first_monday + timedelta(weeks=week)).date()
        if (day.month, day.day) >= (7, 21) and (day.month, day.day) <= (8, 11):
            holidays.add(week)
        if day.month == 12 and day.day >= 22:
            holidays.add(week)
    holidays.add(rng.randrange(weeks))
    return holidays


SLOT_FIELDS = [
    "adviseur_id",
    "regio_id",
    "start",
    "duur_minuten",
    "vorm",
    "locatie",
    "reeks",
    "geannuleerd",
]


def _slot(adviser, regio, begin, minutes, vorm, locatie, reeks, withdrawn) -> tuple:
    """An Adviesslot row, in the order of SLOT_FIELDS."""
    locatie = locatie if vorm == Gespreksvorm.LOCATIE else ""
    return (adviser.pk, regio.pk, begin, minutes, vorm, locatie, reeks, withdrawn)


def _insert_slots(pending: list[tuple[Agenda, list[tuple]]]) -> int:
    rows = [slot for _, slots in pending for slot in slots]
    pks = iter(insert_rows_returning_ids(Adviesslot, SLOT_FIELDS, rows))
    for agenda, slots in pending:
        for _, _, start, minutes, vorm, _, _, withdrawn in slots:
            agenda.starts.append(int(start.timestamp()))
            agenda.pks.append(next(pks))
            agenda.minutes.append(minutes)
            agenda.vorm.append(VORMEN.index(vorm))
            agenda.free.append(0 if withdrawn else 1)
    return len(rows)


def _monday(moment_: datetime) -> datetime:
    local = moment_.astimezone(AMSTERDAM)
    day = local.date() - timedelta(days=local.weekday())
    return datetime(day.year, day.month, day.day, tzinfo=AMSTERDAM)


def _at(day, minute_of_day: int) -> datetime:
    """A wall-clock time in Amsterdam on `day` (summer time included)."""
    hour, minute = divmod(minute_of_day, 60)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


class Evenings:
    """A region's information evenings in start order, with the places still free."""

    def __init__(self):
        self.starts = array("q")
        self.pks = array("q")
        self.left = array("l")  # free places; 0 for a cancelled or unpublished evening
        self.titles: list[str] = []

    def find(self, rng: random.Random, lo: float, hi: float, skip=()) -> int | None:
        """One of the first two evenings starting within [lo, hi] with a free place (not one
        of `skip`)."""
        found = []
        i = bisect_left(self.starts, lo)
        while i < len(self.starts) and self.starts[i] <= hi and len(found) < 2:
            if self.left[i] > 0 and self.pks[i] not in skip:
                found.append(i)
            i += 1
        return rng.choice(found) if found else None


def make_evenings(ctx: DemoContext, rng: random.Random) -> int:
    """Every region's information evenings and webinars, about one a fortnight from 18 months
    ago to two months ahead; a few were cancelled, and the latest one is still a draft."""
    first = ctx.now - timedelta(days=HISTORY_DAYS)
    rows = []
    for spec, regio in ctx.regions:
        evenings = Evenings()
        ctx.evenings[regio.slug] = evenings
        city = addresses.main_place(spec.gemeenten[0])
        venues = [o for o in ctx.partners[regio.slug] if o.soort != OrganisatieSoort.UWV]
        day = first.date() + timedelta(days=rng.randrange(14))
        made = []
        while day <= (ctx.now + timedelta(days=EVENINGS_AHEAD_DAYS)).date():
            day += timedelta(days=rng.randint(11, 17))
            while day.weekday() >= 4:  # Monday to Thursday
                day += timedelta(days=1)
            titel, beschrijving, online, (low, high) = rng.choice(EVENING_KINDS)
            start = _at(day, 19 * 60 + (30 if not online else 0))
            venue = rng.choice(venues)
            row = Evenement(
                regio=regio,
                titel=titel if online else f"{titel} in {venue.plaats or city}",
                beschrijving=beschrijving.format(r=spec.short),
                start=start,
                eind=start + timedelta(minutes=60 if online else 120),
                locatie="Online" if online else f"{venue.naam}, {venue.adres}, {venue.plaats}",
                capaciteit=rng.randint(low, high),
                geannuleerd=rng.random() < 0.04,
            )
            made.append(row)
        made[-1].gepubliceerd = False  # the next one is being prepared
        rows += made
    Evenement.objects.bulk_create(rows, batch_size=BATCH)
    for row in rows:
        evenings = ctx.evenings[row.regio.slug]
        evenings.starts.append(int(row.start.timestamp()))
        evenings.pks.append(row.pk)
        open_ = row.gepubliceerd and not row.geannuleerd
        evenings.left.append(row.capaciteit if open_ else 0)
        evenings.titles.append(row.titel)
    return len(rows)
