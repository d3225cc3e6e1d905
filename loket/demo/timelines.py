"""Placing a journey plan in time: the timeline events, advice bookings in the adviser's
agenda, introductions to boards for their vacancies, interviews and appointments (matching.py),
sign-ups and the candidate's profile, as the portal's services would record them
(kandidaten.services: event_record, kandidaat_refer, toelating_record, introductie_propose,
introductie_answer, kandidaat_take_over; kandidaten.services.matching; loket.services.privacy
for erasure)."""

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from kandidaten.journey import HOOFDPAD
from kandidaten.models import (
    EventSoort,
    Fase,
    Kandidaat,
    RouteSoort,
    Toelating,
)

from ..models import Aanmelding, Boeking, GesprekUitkomst
from ..services.privacy import BEWAARTERMIJN, BEWAARTERMIJN_MET_TOESTEMMING, GEWIST
from . import profielen
from .advies import AMSTERDAM, HISTORY_DAYS, SLOTS_AHEAD_DAYS, VORMEN, Agenda, Evenings, moment
from .journeys import ADVISER, VAKKEN, Plan, pick
from .matching import Matching

SECTOREN = Kandidaat._meta.get_field("sectoren")

DAY = 86400.0
HOUR = 3600.0
# How far back a plan's first moment may lie: a conversation is booked from up to a week
# before its planned moment, up to 12 days ahead, and all within the desk's history.
PLAN_DAYS = HISTORY_DAYS - 25
S = EventSoort

CALL_TEXTS = {
    Fase.ADVIES: ("Nagebeld over de gekozen route.", "Vragen over de kosten beantwoord."),
    Fase.ROUTE_TOELATING: (
        "Nagebeld: het geschiktheidsonderzoek is gepland.",
        "Gevraagd hoe de intake bij de opleiding ging.",
        "Tips gegeven voor het portfolio van de toelating.",
    ),
    Fase.MATCHING: (
        "Proefles besproken; enthousiast over de school.",
        "Nagebeld over de gesprekken met scholen.",
        "Vacatures in de regio doorgenomen.",
    ),
    Fase.AANSTELLING: ("Gevraagd hoe de eerste weken op school gaan.", "Contract is rond."),
    Fase.OPLEIDING_INDUCTIE: ("Startgesprek inductie.", "Gevraagd hoe de opleiding bevalt."),
}
VRAGEN = (
    "Welke bevoegdheid heb ik nodig om les te geven?",
    "Kan ik de opleiding naast mijn huidige baan doen?",
    "Wie betaalt de zij-instroomopleiding?",
    "Is mijn hbo-diploma genoeg om leraar te worden?",
    "Ik twijfel tussen het basisonderwijs en het voortgezet onderwijs.",
    "Hoe lang duurt het voordat ik zelf voor de klas sta?",
    "",
    "",
)
NOTITIES = {
    GesprekUitkomst.ROUTE_GEKOZEN: (
        "Achtergrond en motivatie besproken. Kiest voor {route}; verwezen naar {opleiding} "
        "voor het geschiktheidsonderzoek.",
        "Sterke motivatie, ervaring met jongeren. Route {route} past; aanmelding bij "
        "{opleiding} samen doorgenomen.",
    ),
    GesprekUitkomst.VERDER_ORIENTEREN: (
        "Verkennend gesprek over bevoegdheden en routes. Oriënteert zich verder; "
        "vervolgafspraak over een paar weken.",
        "Twijfelt nog tussen sectoren. Geadviseerd een dag mee te lopen op een school.",
    ),
    GesprekUitkomst.DOORVERWEZEN: ("Wil in een andere regio werken; warm overgedragen.",),
    GesprekUitkomst.GEEN_VERVOLG: (
        "Kiest na het gesprek toch niet voor het onderwijs (salaris en werkdruk).",
        "Combinatie met gezin en huidige baan is nu niet haalbaar.",
    ),
    GesprekUitkomst.NIET_VERSCHENEN: (
        "Niet verschenen en geen bericht. Per e-mail gevraagd een nieuwe afspraak te maken.",
    ),
}
# What a studieadviseur sometimes notes with an admissibility outcome.
TOELATING_NOTES = {
    Toelating.MET_BAAN: "Geschiktheidsonderzoek positief; start met de baan op de school.",
    Toelating.ZONDER_BAAN: "Geschiktheidsonderzoek positief; zoekt nog een school.",
    Toelating.REGULIER: "Kiest liever de reguliere deeltijdopleiding.",
    Toelating.UITSTEL: "Toelaatbaar; wil pas volgend studiejaar beginnen.",
    Toelating.LANG_TRAJECT: "Geen wo-master: eerst de premaster, dan de master.",
    Toelating.DOORVERWEZEN: "Past beter bij een opleiding in een andere sector.",
    Toelating.VAKTOETS: "Eerst een vaktoets; de data staan op de site van de opleiding.",
    Toelating.DEFICIENTIES: "Eerst deficiënties wegwerken; studieplan besproken.",
}
# The retention task's daily run (settings.CELERY_BEAT_SCHEDULE), Amsterdam time.
ERASE_AT = time(3, 0)
REFERRALS = {
    "regio": (
        "Verhuist naar {regio}; overgedragen aan het loket daar.",
        "Wil liever in {regio} werken; warm overgedragen aan het loket daar.",
    ),
    "sector": (
        "Wil in het mbo lesgeven; doorverwezen naar {roc}.",
        "Past beter bij een opleiding in een andere sector; doorverwezen.",
    ),
}


@dataclass
class Region:
    """What realizing a journey needs to know of the candidate's region."""

    pk: int
    advisers: list  # User
    agendas: dict[int, Agenda]
    evenings: Evenings
    institutes: list[tuple[int, str, str]]  # (pk, naam, opleidingssoort)
    opleiders: dict[int, int]  # institute pk -> user pk of its studieadviseur
    boards: dict[str, list[tuple[int, str]]]  # sector -> [(pk, naam)], taking part first
    elsewhere: list[tuple[int, str]]  # other regions: (pk, naam)
    roc: str
    short: str = ""  # data.RegionSpec.short
    gemeenten: tuple[str, ...] = ()
    gemeente_weights: tuple[int, ...] = ()  # where candidates live: the central one likelier
    vakken: dict[str, int] = field(default_factory=dict)  # managed subjects: naam -> pk
    book: object = None  # vacatures.VacancyBook of the region's vacancies
    board_names: dict[int, str] = field(default_factory=dict)
    partners: set[int] = field(default_factory=set)  # boards taking part in the plan
    schools: dict[int, list[int]] = field(default_factory=dict)  # board pk -> vestiging pks
    hr: dict[int, int] = field(default_factory=dict)  # board pk -> user pk of its HR login


@dataclass
class Record:
    """One candidate ready to be written: the account, the candidate's fields and rows."""

    naam: str = ""
    email: str = ""
    user_pk: int | None = None  # an existing account (the demo candidate)
    fields: dict = field(default_factory=dict)
    # (soort, van, naar, ts, door, reden pk, naar_regio pk, organisatie pk, toelating, route,
    # vacature pk, toelichting); door is a user pk, SELF (the candidate) or None.
    events: list[tuple] = field(default_factory=list)
    # (slot pk, status, uitkomst, notities, vraag, geboekt ts, afgerond ts, geannuleerd ts)
    bookings: list[tuple] = field(default_factory=list)
    # (bestuur pk, door pk, status, voorgesteld ts, beantwoord ts, vacature pk)
    intros: list[tuple] = field(default_factory=list)
    signups: list[tuple] = field(default_factory=list)  # (evenement pk, ts, status, start ts)
    vakken: list[int] = field(default_factory=list)  # Vak pks of the profile
    # (vacature pk, soort, op ts, uitkomst, notitie, door pk, vastgelegd ts)
    sollicitaties: list[tuple] = field(default_factory=list)
    # (bestuur pk, vestiging pk, vacature pk, startdatum, fte, contractsoort, door pk, ts)
    aanstellingen: list[tuple] = field(default_factory=list)
    erased: bool = False  # stored as kandidaat_erase leaves a candidate: no account, no notes


# Which institutes offer a route: kinds of lerarenopleiding in order of preference.
INSTITUTE_KINDS = {
    RouteSoort.DEELTIJD_PABO: ("pabo",),
    RouteSoort.DEELTIJD_TWEEDEGRAADS: ("tweedegraads",),
    RouteSoort.UNIVERSITAIR: ("eerstegraads",),
    RouteSoort.KORT_ACADEMICI: ("eerstegraads",),
}
INSTITUTE_BY_SECTOR = {"po": ("pabo",), "so": ("pabo",), "": ("pabo", "tweedegraads")}


def institute_for(rng: random.Random, region: Region, route: str, sector: str):
    """A teacher-training institute of the region that offers the route, if the region has
    one of that kind; otherwise any of the region's institutes."""
    kinds = INSTITUTE_KINDS.get(route) or INSTITUTE_BY_SECTOR.get(sector, ("tweedegraads",))
    fitting = [i for i in region.institutes if i[2] in kinds] or region.institutes
    return rng.choice(fitting) if fitting else None


class Realizer(Matching):
    """Turns one plan into a Record: times, slots, boards and vacancies, and the candidate's
    fields."""

    def __init__(self, rng, region: Region, now: float, rules: dict, reasons: dict):
        self.rng, self.region, self.now = rng, region, now
        self.rules, self.reasons = rules, reasons
        self.limit = now - HOUR  # nothing in the past happens later than this

    def realize(
        self, plan: Plan, *, planned=None, adviser=None, successor=None, institute=None, boards=()
    ) -> Record:
        """`successor`, if given, is the adviser who takes the candidate over (item OVER)."""
        rng = self.rng
        self.plan, self.record = plan, Record()
        self.events = self.record.events
        self.fase, self.last = "", 0.0
        self.adviser = adviser or rng.choice(self.region.advisers)
        self.successor = successor
        self.assigned = False
        self.institute = institute or institute_for(rng, self.region, plan.route, plan.sector)
        self.forced_boards = list(boards)
        self.boards_used: list[tuple[int, str]] = []
        self.accepted: list[tuple[int, str]] = []
        self.intro_vacancy: dict[int, object] = {}  # board pk -> the Vacancy introduced for
        self.pending_reg = None
        self.fields = {"route": "", "opleiding_id": None, "toelating": "", "toelating_op": None}
        self.record.fields = self.fields
        self.vak = pick(rng, VAKKEN[plan.sector]) if plan.sector in VAKKEN else ""
        self.profile = profielen.draw(
            rng, route=plan.route, sector=plan.sector, vak=self.vak, region=self.region
        )
        self.functie = self.profile["functie"]
        self.vak_id = self.profile["vakken"][0] if self.profile["vakken"] else None
        times = self.times = planned or self._times(plan)
        for i, item in enumerate(plan.items):
            self.index = i
            hi = times[i + 1] if i + 1 < len(times) else self.limit
            getattr(self, f"_{item.kind}")(item, times[i], min(hi, self.limit))
        self._finish()
        return self.record

    # --- time ---------------------------------------------------------------------------

    def _times(self, plan: Plan) -> list[float]:
        """Planned moments: the plan's gaps ending `lag` days before now, squeezed into the
        last 18 months; a stalled candidate's last activity lies beyond the stall rule."""
        rng, cum, total = self.rng, [], 0.0
        for item in plan.items:
            total += item.gap
            cum.append(total)
        rule = self.rules.get(plan.final)
        if rule and plan.stalled:
            lag = rule + rng.uniform(2, 150)
        elif rule:
            lag = rng.uniform(0.3, rule * 0.7)
        else:
            lag = rng.uniform(1, max(1.5, PLAN_DAYS - total))
        room = PLAN_DAYS - lag
        factor = min(1.0, room / total) if total > 0 else 1.0
        start = self.now - (total * factor + lag) * DAY
        return [start + c * factor * DAY for c in cum]

    def _when(self, planned: float, hi: float, staff: bool) -> float:
        """A moment at or after `planned` and after the last event, before `hi`: in office
        hours on a weekday for staff, between 7:00 and 23:00 for a candidate. Squeezed in just
        after the last event when there is no room."""
        t = max(planned, self.last + 60)
        first, last = (9, 17) if staff else (7, 23)
        local = datetime.fromtimestamp(t, AMSTERDAM)
        day = local.date()
        if local.hour >= last:
            day += timedelta(days=1)
        while staff and day.weekday() >= 5:
            day += timedelta(days=1)
        if day != local.date() or local.hour < first:
            begin = datetime(day.year, day.month, day.day, first, tzinfo=AMSTERDAM).timestamp()
            t = begin + self.rng.uniform(0, (last - first) * HOUR)
        if t >= hi:
            t = max(planned, self.last + 60)
            if t >= hi:
                t = self.last + 60
        return t

    def _emit(
        self,
        soort,
        naar,
        ts,
        door,
        *,
        reden=None,
        regio=None,
        organisatie=None,
        toelating="",
        route="",
        vacature=None,
        text="",
    ) -> None:
        """Append an event, a second after the last one at the earliest. A milestone keeps
        van == naar; the very first step (the registration) comes from no stage."""
        ts = max(ts, self.last + 1)
        self.events.append(
            (
                soort,
                self.fase,
                naar,
                ts,
                door,
                reden,
                regio,
                organisatie,
                toelating,
                route,
                vacature,
                text,
            )
        )
        if soort == S.STAP:
            self.fase = naar
        self.last = ts

    def _by_adviser(self) -> int:
        self.assigned = True
        return self.adviser.pk

    # --- items --------------------------------------------------------------------------

    def _reg(self, item, planned, hi) -> None:
        if item.intake:  # registered while booking: written with the booking
            self.pending_reg = item
            return
        self._emit(S.STAP, Fase.ORIENTATIE, self._when(planned, hi, False), None, text=item.text)

    def _registered_at(self, ts: float) -> None:
        if self.pending_reg is not None:
            self._emit(S.STAP, Fase.ORIENTATIE, ts, None, text=self.pending_reg.text)
            self.pending_reg = None

    def _book(self, item, planned, hi) -> None:
        if item.future:
            return self._book_future(item, planned)
        rng, agenda = self.rng, self.region.agendas[self.adviser.pk]
        lo = max(self.last + 2 * HOUR, planned - 7 * DAY)
        found = agenda.find(lo, hi - 3 * HOUR, planned)
        if found is None:
            return self._by_phone(item, planned, hi)
        first = found
        if item.verzet:
            later = agenda.starts[found] + rng.uniform(2, 10) * DAY
            moved = agenda.find(agenda.starts[found] + HOUR, hi - 3 * HOUR, later)
            if moved is not None:
                found = moved
        lead = rng.uniform(1, 12) * DAY
        booked = self._when(agenda.starts[first] - lead, agenda.starts[first] - HOUR, False)
        self._planned(item, agenda, first, booked)
        vraag = rng.choice(VRAGEN)
        if found != first:
            changed = rng.uniform(booked + 60, agenda.starts[first] - 600)
            self._emit(
                S.GESPREK,
                self.fase,
                changed,
                None,
                text=f"Adviesgesprek verzet van {moment(agenda.starts[first])} naar "
                f"{moment(agenda.starts[found])}.",
            )
            cancelled = Boeking.Status.GEANNULEERD
            self.record.bookings.append(
                (agenda.pks[first], cancelled, "", "", vraag, booked, None, changed)
            )
            booked = changed
        agenda.take(found)
        done = agenda.end(found) + rng.uniform(5, 90) * 60
        wanneer = moment(agenda.starts[found])
        label = GesprekUitkomst(item.uitkomst).label
        notes = self._outcome(item, done, f"Uitkomst van het adviesgesprek van {wanneer}: {label}.")
        afgerond = Boeking.Status.AFGEROND
        self.record.bookings.append(
            (agenda.pks[found], afgerond, item.uitkomst, notes, vraag, booked, self.last, None)
        )

    def _planned(self, item, agenda: Agenda, index: int, at: float) -> None:
        """What booking from the public form writes: the registration of a new candidate,
        the move to advice for one in orientation, and the planned conversation."""
        self._registered_at(at)
        wanneer = moment(agenda.starts[index])
        if item.intake and self.fase == Fase.ORIENTATIE:
            self._emit(S.STAP, Fase.ADVIES, at, None, text=f"Adviesgesprek geboekt voor {wanneer}.")
        vorm = VORMEN[agenda.vorm[index]].label
        text = f"Adviesgesprek gepland op {wanneer} ({vorm})."
        self._emit(S.GESPREK, self.fase, at, None, text=text)

    def _book_future(self, item, planned) -> None:
        rng = self.rng
        target = self.now + (item.days_ahead or rng.uniform(1, SLOTS_AHEAD_DAYS - 1)) * DAY
        # From tomorrow: `now` is the start of today, and today's slots may be over already.
        lo, hi = self.now + DAY, self.now + SLOTS_AHEAD_DAYS * DAY
        advisers = [self.adviser, *[a for a in self.region.advisers if a is not self.adviser]]
        for adviser in advisers:
            agenda = self.region.agendas[adviser.pk]
            found = agenda.find(lo, hi, target)
            if found is not None:
                break
        else:
            return
        at = self._when(planned, self.limit, False)
        self._planned(item, agenda, found, at)
        agenda.take(found)
        geboekt = Boeking.Status.GEBOEKT
        vraag = rng.choice(VRAGEN)
        self.record.bookings.append((agenda.pks[found], geboekt, "", "", vraag, at, None, None))

    def _by_phone(self, item, planned, hi) -> None:
        """No slot fitted: the adviser held the conversation by phone, without a booking."""
        at = self._when(planned, hi, True)
        self._registered_at(at)
        if item.intake and self.fase == Fase.ORIENTATIE:
            self._emit(
                S.STAP, Fase.ADVIES, at, self._by_adviser(), text="Telefonisch intakegesprek."
            )
        if item.uitkomst == GesprekUitkomst.NIET_VERSCHENEN:
            text = "Niet bereikbaar voor het afgesproken telefoongesprek."
        else:
            text = f"Telefonisch adviesgesprek: {GesprekUitkomst(item.uitkomst).label}."
        self._outcome(item, at + 45 * 60, text)

    def _outcome(self, item, at: float, text: str) -> str:
        """The outcome as boeking_record_outcome records it; returns the adviser's notes."""
        uitkomst = GesprekUitkomst(item.uitkomst)
        door = self._by_adviser()
        if item.naar:
            self._move(item, at, door, text)
        else:
            self._emit(S.GESPREK, self.fase, at, door, text=text)
        if uitkomst == GesprekUitkomst.ROUTE_GEKOZEN and self.institute:
            # kandidaat_refer, as boeking_record_outcome calls it: no note of its own.
            self.fields["route"], self.fields["opleiding_id"] = self.plan.route, self.institute[0]
            self._emit(
                S.VERWIJZING,
                self.fase,
                at + 1,
                door,
                organisatie=self.institute[0],
                route=self.plan.route,
            )
        return self._fill(self.rng.choice(NOTITIES[uitkomst]))

    def _stap(self, item, planned, hi) -> None:
        office = item.door == ADVISER
        at = self._when(planned, hi, office)
        if item.naar == Fase.AANSTELLING:
            self._hire(at)
        door = self._by_adviser() if item.door == ADVISER else None
        self._move(item, at, door, self._fill(item.text))

    def _move(self, item, at: float, door, text: str) -> None:
        regio = None
        if item.naar == Fase.DOORVERWEZEN:
            kind = item.referral or "regio"
            if kind == "regio" and self.region.elsewhere:
                regio, naam = self.rng.choice(self.region.elsewhere)
            else:
                kind, naam = "sector", ""
            text = text or self.rng.choice(REFERRALS[kind]).format(regio=naam, roc=self.region.roc)
        reden = self.reasons[item.reden] if item.naar == Fase.UITGEVALLEN else None
        self._emit(S.STAP, item.naar, at, door, reden=reden, regio=regio, text=text)

    def _call(self, item, planned, hi) -> None:
        text = item.text or self.rng.choice(CALL_TEXTS.get(self.fase, ("Nagebeld.",)))
        self._emit(
            S.GESPREK, self.fase, self._when(planned, hi, True), self._by_adviser(), text=text
        )

    def _toel(self, item, planned, hi) -> None:
        if not self.institute or not self.fields["opleiding_id"]:
            return
        at = self._when(planned, hi, True)
        opleider = self.region.opleiders.get(self.institute[0])
        note = TOELATING_NOTES[item.toelating] if self.rng.random() < 0.5 else ""
        self._emit(
            S.TOELATING,
            self.fase,
            at,
            opleider,
            organisatie=self.institute[0],
            toelating=item.toelating,
            text=note,
        )
        self.fields["toelating"], self.fields["toelating_op"] = item.toelating, self.last

    def _over(self, item, planned, hi) -> None:
        """kandidaat_take_over: another adviser of the region becomes the candidate's adviser.
        Only for a candidate who had one; the conversations after it are with the new one."""
        if not self.assigned:
            return
        new = self.successor
        if new is None:
            others = [a for a in self.region.advisers if a.pk != self.adviser.pk]
            if not others:
                return
            new = self.rng.choice(others)
        self.adviser, self.successor = new, None
        self._emit(S.ADVISEUR, self.fase, self._when(planned, hi, True), new.pk)

    def _board(self):
        if self.forced_boards:
            board = self.forced_boards.pop(0)
        else:
            boards = self.region.boards.get(self.plan.sector) or self.region.boards["*"]
            free = [b for b in boards[:12] if b not in self.boards_used] or [
                b for b in boards if b not in self.boards_used
            ]
            if not free:
                return None
            board = self.rng.choice(free)
        self.boards_used.append(board)
        return board

    def _evening(self, item, planned, hi) -> None:
        evenings = self.region.evenings
        at = self._when(planned, hi, False)
        lo = max(at, self.now) + DAY if item.future else at + DAY
        skip = [signup[0] for signup in self.record.signups]
        found = evenings.find(self.rng, lo, lo + 40 * DAY, skip)
        if found is None:
            return
        evenings.left[found] -= 1
        text = f"Aangemeld voor {evenings.titles[found]} op {moment(evenings.starts[found])}."
        self._emit(S.EVENEMENT, self.fase, at, None, text=text)
        signed_up = Aanmelding.Status.AANGEMELD
        self.record.signups.append(
            (evenings.pks[found], self.last, signed_up, evenings.starts[found])
        )

    def _fill(self, text: str) -> str:
        board = (self.accepted or self.boards_used or [(0, "een school in de regio")])[-1]
        return text.format(
            bestuur=board[1],
            route=RouteSoort(self.plan.route).label.lower(),
            opleiding=self.institute[1] if self.institute else "de opleiding",
        )

    # --- the candidate's own fields -----------------------------------------------------

    def _finish(self) -> None:
        rng, events, plan = self.rng, self.events, self.plan
        fields = self.fields
        last_step = next(e for e in reversed(events) if e[0] == S.STAP)
        # A take-over is the desk's own business, not activity (see kandidaat_take_over).
        last_activity = next(e for e in reversed(events) if e[0] != S.ADVISEUR)
        fields.update(
            fase=last_step[2],
            fase_sinds=last_step[3],
            aangemeld_op=events[0][3],
            laatste_activiteit=last_activity[3],
            # Prepared by hand: on PostgreSQL the rows go to COPY as they are.
            sectoren=SECTOREN.get_prep_value([plan.sector] if plan.sector else []),
            vak=self.vak,
            adviseur_id=self.adviser.pk if self.assigned else None,
            stil_sinds=None,
            afgerond_op=last_step[3]
            if last_step[2] in (Fase.UITGEVALLEN, Fase.DOORVERWEZEN)
            else None,
        )
        rule = self.rules.get(fields["fase"])
        idle = self.now - fields["laatste_activiteit"]
        if rule and idle > rule * DAY:
            fields["stil_sinds"] = fields["laatste_activiteit"] + rule * DAY
        # Who got as far as advice filled in a profile for matching, and may share it.
        furthest = max(HOOFDPAD.index(e[2]) for e in events if e[0] == S.STAP and e[2] in HOOFDPAD)
        fields.update(NO_PROFILE)
        shares = False
        if furthest >= HOOFDPAD.index(Fase.ADVIES):
            profile = self.profile
            fields.update({name: profile[name] for name in PROFILE})
            fields.update(profielen.home(rng, self.region))
            fields["fte_gewenst"] = profielen.fte(profile["fte_gewenst"])
            registered = datetime.fromtimestamp(fields["aangemeld_op"], AMSTERDAM).date()
            fields["beschikbaar_vanaf"] = profielen.beschikbaar_vanaf(
                registered, profile["wacht_dagen"]
            )
            self.record.vakken = profile["vakken"]
            shares = bool(self.accepted) or rng.random() < profielen.DEEL_MET_REGIO
        fields.update(
            deel_met_regio=shares,
            deel_met_buurregios=shares and rng.random() < profielen.DEEL_MET_BUURREGIOS,
            bewaren_na_afloop=rng.random() < 0.25,
            herinneringen=rng.random() < 0.55,
        )
        consent = any(fields[f] for f in ("deel_met_regio", "bewaren_na_afloop", "herinneringen"))
        fields["toestemming_gewijzigd_op"] = fields["aangemeld_op"] if consent else None
        if fields["stil_sinds"] is not None:
            stil = fields["stil_sinds"]
            if fields["adviseur_id"]:
                fields["adviseur_herinnerd_op"] = min(stil + rng.uniform(0, 2) * DAY, self.limit)
            if fields["herinneringen"]:
                fields["kandidaat_herinnerd_op"] = min(stil + rng.uniform(0, 2) * DAY, self.limit)


# A profile's fields as written, and what a candidate without one has.
PROFILE = ("functies", "vooropleiding", "vakgebied", "max_afstand_km")
NO_PROFILE = {
    "functies": "",
    "vooropleiding": "",
    "vakgebied": "",
    "postcode": "",
    "woonplaats": "",
    "lat": None,
    "lon": None,
    "max_afstand_km": Kandidaat._meta.get_field("max_afstand_km").get_default(),
    "fte_gewenst": None,
    "beschikbaar_vanaf": None,
}


def erase_if_expired(record: Record, now: float) -> None:
    """Store a candidate whose retention period had passed by `now` as the daily retention
    task (privacy.kandidaten_erase_expired) would have left them: erased at its first run
    after the period, without an account, phone number, consent or notes; the anonymous
    journey, bookings, introductions and sign-ups stay. A record with an existing account
    (a demo login) is never erased."""
    fields = record.fields
    ended = fields["afgerond_op"]
    if ended is None or record.user_pk is not None:
        return
    period = BEWAARTERMIJN_MET_TOESTEMMING if fields["bewaren_na_afloop"] else BEWAARTERMIJN
    expired = ended + period.total_seconds()
    if expired > now:
        return
    erased = min(_next_run(expired), now)
    record.erased = True
    fields.update(GEWIST, gewist_op=erased)
    record.events = [(*event[:-1], "") for event in record.events]
    # A booking still open is for a conversation to come: cancelled, as erasing does.
    cancelled = Boeking.Status.GEANNULEERD
    record.bookings = [
        (slot, cancelled if status == Boeking.Status.GEBOEKT else status, uitkomst, "", "",
         booked, done, erased if status == Boeking.Status.GEBOEKT else gone)
        for slot, status, uitkomst, _, _, booked, done, gone in record.bookings
    ]  # fmt: skip
    # HR's notes on interviews and trial lessons go too; the dated steps stay.
    record.sollicitaties = [(*stap[:4], "", *stap[5:]) for stap in record.sollicitaties]
    afgemeld = Aanmelding.Status.AFGEMELD
    record.signups = [
        (pk, ts, afgemeld if start > erased else status, start)
        for pk, ts, status, start in record.signups
    ]


def _next_run(ts: float) -> float:
    """The first run of the retention task after `ts`."""
    local = datetime.fromtimestamp(ts, AMSTERDAM)
    day = local.date() if local.time() < ERASE_AT else local.date() + timedelta(days=1)
    return datetime.combine(day, ERASE_AT, tzinfo=AMSTERDAM).timestamp()
