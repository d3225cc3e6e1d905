"""Generators for candidates: their accounts, profiles, journeys (timelines), advice bookings,
introductions to boards for their vacancies, interviews, appointments and sign-ups, plus the
demo candidate's own journey.

Nationally this is about 100,000 candidates and a million timeline events, so candidates
are planned, placed in time and written a chunk at a time: memory stays bounded, and every
insert writes many rows at once (bulk.py).
"""

import random
from collections.abc import Iterator
from datetime import UTC, datetime

from django.utils.text import slugify

from kandidaten.models import (
    Aanstelling,
    Fase,
    Introductie,
    Kandidaat,
    RouteSoort,
    Sollicitatiestap,
    Stilstandregel,
    Toelating,
    TrajectEvent,
    Uitvalreden,
)
from regio.models import OrganisatieSoort, Role, Sector, User

from ..models import Aanmelding, Boeking, GesprekUitkomst
from . import data
from .bulk import insert_rows, insert_rows_returning_ids
from .context import DemoContext
from .journeys import (
    BOOK,
    CALL,
    EVENING,
    INTRO,
    OVER,
    REDENEN,
    REG,
    SELF,
    STAP,
    TOEL,
    Item,
    Plan,
    plan_journey,
)
from .participation import FIRST_NAMES, SURNAMES
from .timelines import DAY, Realizer, Record, Region, erase_if_expired

# Django's mark of an unusable password is a leading "!": nothing to hash, nobody logs in
# with it. Bulk candidates sign in by e-mail code, as candidates from the public forms do.
UNUSABLE_PASSWORD = "!demo-kandidaat"
CHUNK = 2000  # candidates planned and written per round
# Stall rules the kandidaten migration starts with, for a database that lost them.
DEFAULT_RULES = {
    "orientatie": 30,
    "advies": 21,
    "route_toelating": 30,
    "matching": 30,
    "aanstelling": 45,
}
# fmt: off
MORE_FIRST_NAMES: tuple[str, ...] = (
    "Daan", "Lisa", "Emma", "Sem", "Noor", "Tim", "Julia", "Lars", "Eva", "Thomas", "Sara",
    "Ruben", "Anouk", "Jesse", "Iris", "Nina", "Milan", "Fleur", "Stijn", "Laura", "Kevin",
    "Demi", "Mark", "Romy", "Yara", "Omar", "Ilias", "Amira", "Priya", "Bilal", "Zeynep",
    "Jasper", "Maud", "Floris", "Esmée", "Hamza", "Nadia", "Wouter", "Roos", "Tom",
)
PROVIDERS: tuple[str, ...] = ("mail", "post", "web", "online", "thuis")
# fmt: on


def make_demo_candidate(ctx: DemoContext, rng: random.Random) -> int:
    """The demo candidate's journey in the first region: an information evening, an advice
    conversation with a colleague of the demo adviser, who then takes the candidate over, a
    second conversation with the demo adviser and a referral to the demo opleider's
    institute, its admissibility outcome, an introduction for a vacancy of the demo board
    (still open, so its HR can record her appointment) with an interview and a trial lesson
    that went well, a conversation booked for the coming weeks and a sign-up for an upcoming
    evening."""
    user = User.objects.filter(email=f"kandidaat@{data.DEMO_DOMAIN}").first()
    if user is None:
        return 0
    spec, regio = ctx.regions[0]
    region = _region(ctx, spec, regio)
    adviser = next(
        (a for a in region.advisers if a.email == f"adviseur@{data.DEMO_DOMAIN}"),
        region.advisers[0],
    )
    institute = region.institutes[0]  # the demo opleider's
    hr_board = next(b.org for b in ctx.boards if b.spec is spec)  # the demo HR's
    other = next(b for b in region.boards["*"] if b[0] != hr_board.pk)
    colleague = next(a for a in region.advisers if a.pk != adviser.pk)
    days_ago = (150, 147, 120, 105, 98, 70, 62, 40, 12, 9, 5, 4)
    items = [
        Item(REG, 0, text="Aangemeld via het webformulier van het loket."),
        Item(EVENING, 0),
        Item(BOOK, 0, intake=True, uitkomst=GesprekUitkomst.VERDER_ORIENTEREN),
        Item(OVER, 0),
        Item(BOOK, 0, uitkomst=GesprekUitkomst.ROUTE_GEKOZEN, naar=Fase.ROUTE_TOELATING),
        Item(TOEL, 0, toelating=Toelating.ZONDER_BAAN),
        Item(STAP, 0, naar=Fase.MATCHING, text="Toelaatbaar; op zoek naar een school."),
        Item(INTRO, 0, accept=True, steps=2),
        Item(INTRO, 0, accept=None),
        Item(CALL, 0, text="Proefles besproken; enthousiast over de school."),
        Item(BOOK, 0, future=True, days_ahead=3),
        Item(EVENING, 0, future=True),
    ]
    plan = Plan(Fase.MATCHING, False, Sector.PO, RouteSoort.ZIJ_INSTROOM, items)
    now = ctx.now.timestamp()
    planned = [now - d * DAY + 19.5 * 3600 for d in days_ago]
    realizer = Realizer(rng, region, now, _rules(), _reasons())
    record = realizer.realize(
        plan,
        planned=planned,
        adviser=colleague,
        successor=adviser,
        institute=institute,
        boards=[(hr_board.pk, hr_board.naam), other],
    )
    record.user_pk = user.pk
    record.fields.update(
        telefoon="06-12345678",
        deel_met_regio=True,
        deel_met_buurregios=False,
        bewaren_na_afloop=False,
        herinneringen=True,
        toestemming_gewijzigd_op=record.fields["aangemeld_op"],
    )
    return _Writer(regio.pk).write([record])


def make_candidates(ctx: DemoContext, rng: random.Random) -> int:
    """Each region's share of the scale's candidates, spread over the stages as a funnel.

    Those whose retention period after their procedure had passed are stored erased, as
    the daily retention task leaves them, so its first run finds no backlog."""
    rules, reasons = _rules(), _reasons()
    names = _Names(rng)
    # Plans draw from a stream of their own, so how far candidates get does not shift with
    # every change to how a journey is placed in time.
    plans = ctx.rng("candidates/plans")
    now = ctx.now.timestamp()
    rows = 0
    for (spec, regio), count in zip(ctx.regions, ctx.candidate_shares, strict=True):
        region = _region(ctx, spec, regio)
        realizer = Realizer(rng, region, now, rules, reasons)
        writer = _Writer(regio.pk)
        for first in range(0, count, CHUNK):
            records = []
            for _ in range(min(CHUNK, count - first)):
                record = realizer.realize(plan_journey(plans, spec.sector))
                record.naam, record.email = names.next()
                if rng.random() < 0.75:
                    record.fields["telefoon"] = f"06-{rng.randrange(10**8):08d}"
                erase_if_expired(record, now)
                records.append(record)
            rows += writer.write(records)
    return rows


def _rules() -> dict[str, int]:
    rules = dict(Stilstandregel.objects.values_list("fase", "dagen"))
    return rules or dict(DEFAULT_RULES)


def _reasons() -> dict[str, int]:
    """Drop-out reasons by key: the kandidaten migration made them; made here if gone."""
    found = dict(Uitvalreden.objects.filter(naam__in=REDENEN.values()).values_list("naam", "pk"))
    for naam in REDENEN.values():
        if naam not in found:
            found[naam] = Uitvalreden.objects.get_or_create(naam=naam)[0].pk
    return {key: found[naam] for key, naam in REDENEN.items()}


def _region(ctx: DemoContext, spec, regio) -> Region:
    institutes = [(o.pk, o.naam, o.opleidingssoort) for o in ctx.institutes[regio.slug]]
    hr = dict(
        User.objects.filter(role=Role.HR, organisatie__regio=regio).values_list(
            "organisatie_id", "pk"
        )
    )
    boards: dict[str, list] = {"*": []}
    own = [b for b in ctx.boards if b.spec is spec]
    # Boards taking part in the plan first: the desk introduces candidates to partners.
    own.sort(key=lambda b: b.org.pk not in ctx.taking_part)
    for board in own:
        pair = (board.org.pk, board.org.naam)
        boards.setdefault(board.sector, []).append(pair)
        boards["*"].append(pair)
    boards.setdefault(Sector.MBO, boards["*"])
    roc = next(o.naam for o in ctx.partners[regio.slug] if o.soort == OrganisatieSoort.ROC)
    return Region(
        pk=regio.pk,
        advisers=ctx.advisers[regio.slug],
        agendas=ctx.agendas,
        evenings=ctx.evenings[regio.slug],
        institutes=institutes,
        opleiders={pk: user.pk for pk, user in ctx.opleiders.items()},
        boards=boards,
        elsewhere=[(r.pk, r.naam) for _, r in ctx.regions if r.pk != regio.pk],
        roc=roc,
        short=spec.short,
        gemeenten=spec.gemeenten,
        gemeente_weights=(3, *[1] * (len(spec.gemeenten) - 1)),
        vakken=ctx.vakken,
        book=ctx.vacancies.get(regio.slug),
        board_names={b.org.pk: b.org.naam for b in own},
        partners={b.org.pk for b in own if b.org.pk in ctx.taking_part},
        schools={b.org.pk: [v.pk for v in b.vestigingen] for b in own},
        hr=hr,
    )


class _Names:
    """Dutch names and unique example e-mail addresses for candidates."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.first_names = FIRST_NAMES + MORE_FIRST_NAMES
        self.used: set[str] = set()

    def next(self) -> tuple[str, str]:
        rng = self.rng
        first = rng.choice(self.first_names)
        tussen, achternaam = rng.choice(SURNAMES)
        naam = " ".join(p for p in (first, tussen, achternaam) if p)
        last = slugify(f"{tussen}{achternaam}").replace("-", "")
        local = rng.choice((f"{slugify(first)}.{last}", f"{slugify(first)[0]}{last}"))
        email = f"{local}@{rng.choice(PROVIDERS)}.voorbeeld.nl"
        while email in self.used:
            email = f"{local}{rng.randrange(10, 1000)}@{rng.choice(PROVIDERS)}.voorbeeld.nl"
        self.used.add(email)
        return naam, email


def _at(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


USER_FIELDS = ["email", "naam", "role", "password", "date_joined"]
KANDIDAAT_FIELDS = [
    "user_id",
    "regio_id",
    "adviseur_id",
    "fase",
    "fase_sinds",
    "aangemeld_op",
    "sectoren",
    "functies",
    "vak",
    "telefoon",
    "route",
    "opleiding_id",
    "toelating",
    "toelating_op",
    "vooropleiding",
    "vakgebied",
    "postcode",
    "woonplaats",
    "lat",
    "lon",
    "max_afstand_km",
    "fte_gewenst",
    "beschikbaar_vanaf",
    "deel_met_regio",
    "deel_met_buurregios",
    "bewaren_na_afloop",
    "herinneringen",
    "toestemming_gewijzigd_op",
    "laatste_activiteit",
    "stil_sinds",
    "adviseur_herinnerd_op",
    "kandidaat_herinnerd_op",
    "afgerond_op",
    "gewist_op",
]
TIMES = {name for name in KANDIDAAT_FIELDS if name.endswith(("_op", "_sinds", "activiteit"))}
EVENT_FIELDS = [
    "kandidaat_id",
    "door_id",
    "soort",
    "van",
    "naar",
    "op",
    "reden_id",
    "naar_regio_id",
    "organisatie_id",
    "toelating",  # NOT NULL without a database default: "" when not an outcome
    "route",  # likewise: "" when not a referral
    "vacature_id",
    "toelichting",
]
BOOKING_FIELDS = [
    "slot_id",
    "kandidaat_id",
    "status",
    "uitkomst",
    "notities",
    "vraag",
    "geboekt_op",
    "toestemming_op",
    "afgerond_op",
    "geannuleerd_op",
]
INTRO_FIELDS = [
    "kandidaat_id",
    "bestuur_id",
    "door_id",
    "status",
    "voorgesteld_op",
    "beantwoord_op",
    "vacature_id",
]
SIGNUP_FIELDS = ["evenement_id", "kandidaat_id", "status", "aangemeld_op"]
VAK_FIELDS = ["kandidaat_id", "vak_id"]
STAP_FIELDS = [
    "kandidaat_id",
    "vacature_id",
    "soort",
    "op",
    "uitkomst",
    "notitie",
    "door_id",
    "vastgelegd_op",
]
AANSTELLING_FIELDS = [
    "kandidaat_id",
    "bestuur_id",
    "vestiging_id",
    "vacature_id",
    "startdatum",
    "fte",
    "contractsoort",
    "door_id",
    "vastgelegd_op",
]


class _Writer:
    """Writes Records of one region: accounts, candidates, then the rows that point to them."""

    def __init__(self, regio_pk: int):
        self.regio_pk = regio_pk

    def write(self, records: list[Record]) -> int:
        # An erased candidate has no account any more (kandidaat_erase deleted it).
        new = [r for r in records if r.user_pk is None and not r.erased]
        users = insert_rows_returning_ids(
            User,
            USER_FIELDS,
            [
                (r.email, r.naam, Role.KANDIDAAT, UNUSABLE_PASSWORD, _at(r.fields["aangemeld_op"]))
                for r in new
            ],
        )
        for record, pk in zip(new, users, strict=True):
            record.user_pk = pk
        ids = insert_rows_returning_ids(
            Kandidaat, KANDIDAAT_FIELDS, [self._kandidaat(r) for r in records]
        )
        pairs = list(zip(records, ids, strict=True))
        rows = len(users) + len(ids)
        rows += insert_rows(TrajectEvent, EVENT_FIELDS, self._events(pairs))
        rows += insert_rows(Boeking, BOOKING_FIELDS, self._bookings(pairs))
        rows += insert_rows(Introductie, INTRO_FIELDS, self._intros(pairs))
        rows += insert_rows(Aanmelding, SIGNUP_FIELDS, self._signups(pairs))
        rows += insert_rows(
            Kandidaat.vakken.through,
            VAK_FIELDS,
            ((pk, vak) for record, pk in pairs for vak in record.vakken),
        )
        rows += insert_rows(
            Sollicitatiestap,
            STAP_FIELDS,
            (
                (pk, vacature, soort, _at(op), uitkomst, note, door, _at(recorded))
                for record, pk in pairs
                for vacature, soort, op, uitkomst, note, door, recorded in record.sollicitaties
            ),
        )
        rows += insert_rows(
            Aanstelling,
            AANSTELLING_FIELDS,
            (
                (pk, bestuur, school, vacature, start, fte, contract, door, _at(ts))
                for record, pk in pairs
                for bestuur, school, vacature, start, fte, contract, door, ts in (
                    record.aanstellingen
                )
            ),
        )
        return rows

    def _kandidaat(self, record: Record) -> tuple:
        fields = {"telefoon": ""} | record.fields
        fields |= {"user_id": record.user_pk, "regio_id": self.regio_pk}
        return tuple(
            _at(fields.get(name)) if name in TIMES else fields[name] for name in KANDIDAAT_FIELDS
        )

    @staticmethod
    def _events(pairs) -> Iterator[tuple]:
        for record, pk in pairs:
            for (
                soort,
                van,
                naar,
                ts,
                door,
                reden,
                regio,
                org,
                toelating,
                route,
                vacature,
                text,
            ) in record.events:
                # The candidate's own answers: by nobody once the account is gone (SET_NULL).
                door = record.user_pk if door == SELF else door
                yield (
                    pk,
                    door,
                    soort,
                    van,
                    naar,
                    _at(ts),
                    reden,
                    regio,
                    org,
                    toelating,
                    route,
                    vacature,
                    text,
                )

    @staticmethod
    def _bookings(pairs) -> Iterator[tuple]:
        for record, pk in pairs:
            for slot, status, uitkomst, notes, vraag, booked, done, cancelled in record.bookings:
                booked = _at(booked)
                yield (
                    slot,
                    pk,
                    status,
                    uitkomst,
                    notes,
                    vraag,
                    booked,
                    booked,
                    _at(done),
                    _at(cancelled),
                )

    @staticmethod
    def _intros(pairs) -> Iterator[tuple]:
        for record, pk in pairs:
            for bestuur, door, status, proposed, answered, vacature in record.intros:
                yield (pk, bestuur, door, status, _at(proposed), _at(answered), vacature)

    @staticmethod
    def _signups(pairs) -> Iterator[tuple]:
        for record, pk in pairs:
            for evenement, ts, status, _start in record.signups:
                yield (evenement, pk, status, _at(ts))
