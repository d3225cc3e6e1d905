"""Plans of candidates' journeys for the demo: which steps and milestones, days apart.

A plan is only a list of Items with the days since the previous one; kandidaten.py places it
in time, books the conversations in advisers' agendas and writes the rows. Every move a plan
makes is one kandidaten.journey.allowed_moves allows (tests check the result).
"""

import random
from dataclasses import dataclass

from kandidaten.journey import HOOFDPAD
from kandidaten.models import Fase, RouteSoort, Toelating
from regio.models import Sector

from ..models import GesprekUitkomst

F = Fase

# Where the candidates of 18 months stand now: a funnel, with those who stopped or were
# referred elsewhere.
FINAL_SHARES = (
    (F.ORIENTATIE, 0.23),
    (F.ADVIES, 0.17),
    (F.ROUTE_TOELATING, 0.11),
    (F.MATCHING, 0.07),
    (F.AANSTELLING, 0.04),
    (F.OPLEIDING_INDUCTIE, 0.08),
    (F.GEPAUZEERD, 0.05),
    (F.UITGEVALLEN, 0.20),
    (F.DOORVERWEZEN, 0.05),
)
# How far along the main path someone got before pausing, dropping out or being referred.
REACHED = {
    F.GEPAUZEERD: ((F.ORIENTATIE, 0.2), (F.ADVIES, 0.35), (F.ROUTE_TOELATING, 0.3),
                   (F.MATCHING, 0.15)),
    F.UITGEVALLEN: ((F.ORIENTATIE, 0.35), (F.ADVIES, 0.3), (F.ROUTE_TOELATING, 0.2),
                    (F.MATCHING, 0.12), (F.AANSTELLING, 0.03)),
    F.DOORVERWEZEN: ((F.ORIENTATIE, 0.15), (F.ADVIES, 0.5), (F.ROUTE_TOELATING, 0.35)),
}  # fmt: skip
# Share of candidates in a stage with a stall rule whose last activity is too long ago.
STALLED = 0.15
# Share of candidates whom another adviser took over along the way (a colleague left, or
# the work was shared out anew).
TAKEN_OVER = 0.04

# Kinds of item.
REG, STAP, BOOK, CALL, TOEL, INTRO, EVENING, OVER = (
    "reg",
    "stap",
    "book",
    "call",
    "toel",
    "intro",
    "evening",
    "over",  # another adviser takes the candidate over
)
ADVISER, NOBODY, SELF = "adviser", "nobody", "self"  # who set a step

# Drop-out reasons by key; the names are those the kandidaten migration starts with.
REDENEN = {
    "baan": "Kiest voor een baan buiten het onderwijs",
    "zwaar": "Combinatie van werk, studie en privé te zwaar",
    "geld": "Financiële redenen",
    "toelating": "Niet toelaatbaar tot de gekozen opleiding",
    "vacature": "Geen passende vacature gevonden",
    "persoonlijk": "Persoonlijke omstandigheden",
    "reactie": "Geen reactie meer van de kandidaat",
}
REASONS_BY_STAGE = {
    F.ORIENTATIE: (("reactie", 5), ("baan", 3), ("persoonlijk", 2)),
    F.ADVIES: (("baan", 35), ("zwaar", 25), ("geld", 20), ("reactie", 10), ("persoonlijk", 10)),
    F.ROUTE_TOELATING: (("toelating", 40), ("zwaar", 25), ("geld", 20), ("persoonlijk", 15)),
    F.MATCHING: (("vacature", 60), ("zwaar", 15), ("persoonlijk", 15), ("baan", 10)),
    F.AANSTELLING: (("zwaar", 5), ("persoonlijk", 5)),
    F.GEPAUZEERD: (("persoonlijk", 4), ("reactie", 3), ("zwaar", 3)),
}
# How candidates come in: (toelichting of the first step, registered while booking advice).
SOURCES = (
    (("Aangemeld via het webformulier van het loket.", False), 40),
    (("Aangemeld bij het boeken van een adviesgesprek.", True), 30),
    (("Aangemeld op een informatieavond.", False), 12),
    (("Doorverwezen door het UWV.", False), 8),
    (("Doorverwezen door een school waar de kandidaat al werkt.", False), 6),
    (("Aangemeld via de landelijke site Onderwijsloket.", False), 4),
)
PAUSES = (
    "Wil eerst het lopende schooljaar afmaken.",
    "Drukke periode op het werk; pakt het na de zomer weer op.",
    "Tijdelijk gestopt om persoonlijke redenen.",
    "Verhuist binnenkort; neemt daarna weer contact op.",
    "Wacht op de uitslag van een sollicitatie buiten het onderwijs.",
)
WELCOMES = (
    "Welkomstgesprek na de aanmelding; informatie over routes gemaild.",
    "Nagebeld na de aanmelding: uitgenodigd voor een adviesgesprek.",
    "Kort kennismakingsgesprek; wil eerst een informatieavond bezoeken.",
)
RESUMES = ("Pakt het traject weer op.", "Hervat na een pauze.", "Weer beschikbaar, gaat verder.")
# Routes by wanted sector, with weights.
ROUTES = {
    Sector.PO: ((RouteSoort.ZIJ_INSTROOM, 45), (RouteSoort.DEELTIJD_PABO, 40),
                (RouteSoort.ONDERWIJSASSISTENT, 9), (RouteSoort.LERAARONDERSTEUNER, 4),
                (RouteSoort.SCHOOLLEIDER, 2)),
    Sector.VO: ((RouteSoort.ZIJ_INSTROOM, 40), (RouteSoort.DEELTIJD_TWEEDEGRAADS, 25),
                (RouteSoort.UNIVERSITAIR, 15), (RouteSoort.KORT_ACADEMICI, 10),
                (RouteSoort.LERAARONDERSTEUNER, 5), (RouteSoort.ONDERWIJSASSISTENT, 3),
                (RouteSoort.SCHOOLLEIDER, 2)),
    Sector.MBO: ((RouteSoort.ZIJ_INSTROOM, 70), (RouteSoort.DEELTIJD_TWEEDEGRAADS, 30)),
}  # fmt: skip
ROUTES[Sector.SO] = ROUTES[Sector.PO]
ROUTES[""] = ROUTES[Sector.PO]
# Subjects candidates for secondary and vocational education want to teach, with weights
# (the shortage subjects of seed 002 weigh more).
VAKKEN = {
    Sector.VO: (("Wiskunde", 12), ("Nederlands", 10), ("Engels", 8), ("Duits", 7),
                ("Natuurkunde", 7), ("Scheikunde", 5), ("Biologie", 6), ("Informatica", 6),
                ("Economie", 6), ("Techniek", 6), ("Geschiedenis", 6), ("Aardrijkskunde", 4),
                ("Frans", 4), ("Lichamelijke opvoeding", 4), ("Maatschappijleer", 2)),
    Sector.MBO: (("Techniek", 10), ("Zorg en welzijn", 8), ("ICT", 6), ("Economie", 5),
                 ("Nederlands", 4), ("Engels", 3), ("Bouwkunde", 4), ("Horeca", 3)),
}  # fmt: skip
ADMISSIBLE = ((Toelating.MET_BAAN, 30), (Toelating.ZONDER_BAAN, 50), (Toelating.REGULIER, 20))
NOT_YET = ((Toelating.VAKTOETS, 4), (Toelating.DEFICIENTIES, 4), (Toelating.LANG_TRAJECT, 2))


@dataclass(slots=True)
class Item:
    """One thing in a plan, `gap` days after the one before."""

    kind: str
    gap: float
    naar: str = ""
    door: str = ADVISER
    text: str = ""
    reden: str = ""  # a key of REDENEN
    referral: str = ""  # for a move to doorverwezen: "regio" or "sector"
    uitkomst: str = ""  # of a conversation
    intake: bool = False  # the first booking: it moves orientation to advice
    future: bool = False  # a booking or sign-up for something still to come
    verzet: bool = False  # the booking was moved to another slot once
    toelating: str = ""
    accept: bool | None = None  # the candidate's answer to an introduction (None: none yet)
    hired: bool = False  # an introduction that ends in the appointment
    steps: int = -1  # interviews and trial lessons after an accepted one (-1: drawn)
    days_ahead: float = 0  # for a future booking: about when (0: any time in the coming weeks)


@dataclass
class Plan:
    """A candidate's plan and what it needs: the stage it ends in and the choices made."""

    final: str
    stalled: bool
    sector: str
    route: str
    items: list[Item]


def pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def days(rng: random.Random, median: float, sigma: float = 0.5) -> float:
    """A duration in days around `median`, skewed the way waiting times are."""
    return max(0.2, median * rng.lognormvariate(0, sigma))


def plan_journey(rng: random.Random, region_sector: str) -> Plan:
    """A random candidate's plan, ending in a stage drawn from FINAL_SHARES."""
    final = pick(rng, FINAL_SHARES)
    stalled = final in HOOFDPAD[:5] and rng.random() < STALLED
    sector = _sector(rng, region_sector, final)
    route = pick(rng, ROUTES[sector if sector in ROUTES else ""])
    planner = _Planner(rng, final, stalled)
    planner.build()
    planner.take_over()
    return Plan(final, stalled, sector, route, planner.items)


def _sector(rng: random.Random, region_sector: str, final: str) -> str:
    if final == F.ORIENTATIE and rng.random() < 0.35:
        return ""  # has not said yet
    if region_sector == Sector.SECTOROVERSTIJGEND:
        return pick(rng, ((Sector.PO, 50), (Sector.VO, 30), (Sector.MBO, 12), (Sector.SO, 8)))
    if region_sector == Sector.PO:
        return Sector.SO if rng.random() < 0.15 else Sector.PO
    return Sector.SO if rng.random() < 0.08 else region_sector


class _Planner:
    """Builds the items of one plan stage by stage, keeping track of the current stage."""

    def __init__(self, rng: random.Random, final: str, stalled: bool):
        self.rng, self.final, self.stalled = rng, final, stalled
        self.items: list[Item] = []
        self.fase = ""
        self.live = final in HOOFDPAD and not stalled  # still active at the desk now
        reached = final if final in HOOFDPAD else pick(rng, REACHED[final])
        self.reached = HOOFDPAD.index(reached)

    def add(self, kind: str, gap: float, **fields) -> Item:
        item = Item(kind, gap, **fields)
        self.items.append(item)
        return item

    def move(self, naar: str, gap: float, **fields) -> None:
        self.add(STAP, gap, naar=naar, **fields)
        self.fase = naar

    def build(self) -> None:
        rng = self.rng
        (text, via_booking), reached = pick(rng, SOURCES), self.reached
        via_booking = via_booking and reached >= 1
        self.add(REG, 0, naar=F.ORIENTATIE, door=NOBODY, text=text, intake=via_booking)
        self.fase = F.ORIENTATIE
        if not via_booking and rng.random() < 0.5:
            self.add(EVENING, days(rng, 8))
        if not via_booking and rng.random() < 0.5:
            self.add(CALL, days(rng, 4), text=rng.choice(WELCOMES))
        if (
            not via_booking
            and reached <= 1
            and self.final != F.DOORVERWEZEN
            and rng.random() < 0.04
        ):
            self._restart()
        if reached == 0:
            self._orientation_only()
        else:
            self._advice(via_booking)
            if reached >= 2:
                self._route_and_admission()
            if reached >= 3:
                self._matching()
            if reached >= 4:
                self._appointment()
            if reached >= 5:
                self._training()
        self._ending()

    def take_over(self) -> None:
        """Now and then another adviser takes the candidate over: before one of the later
        items, or lately for someone who is still with the desk (or paused)."""
        rng, items = self.rng, self.items
        if rng.random() >= TAKEN_OVER or len(items) < 3:
            return
        still_here = self.final in HOOFDPAD or self.final == F.GEPAUZEERD
        at = rng.randrange(2, len(items) + still_here)
        if at == len(items):
            items.append(Item(OVER, days(rng, 10)))
            return
        share = rng.uniform(0.2, 0.8)
        items.insert(at, Item(OVER, items[at].gap * share))
        items[at + 1].gap *= 1 - share

    def _restart(self) -> None:
        """Dropped out once (no reply) and came back months later."""
        self.move(F.UITGEVALLEN, days(self.rng, 45), reden="reactie", text="Niet meer bereikbaar.")
        text = "Opnieuw aangemeld via het webformulier."
        self.move(F.ORIENTATIE, days(self.rng, 120), door=NOBODY, text=text)

    def _orientation_only(self) -> None:
        if self.rng.random() < 0.25:
            self.add(EVENING, days(self.rng, 20))
        if self.live and self.rng.random() < 0.3:
            self.add(EVENING, days(self.rng, 10), future=True)

    def _advice(self, via_booking: bool) -> None:
        """The advice conversations; the last one's outcome decides where the journey goes."""
        rng, reached, final = self.rng, self.reached, self.final
        if final == F.ADVIES and self.live and not via_booking and rng.random() < 0.35:
            # Booked a first conversation that is still to come.
            self.add(BOOK, days(rng, 12), intake=True, future=True)
            self.fase = F.ADVIES
            return
        count = 1 + (rng.random() < 0.5) + (rng.random() < 0.2)
        for n in range(count):
            gap = 0 if n == 0 and via_booking else days(rng, 14 if n == 0 else 21, 0.7)
            if rng.random() < 0.05:  # did not show up, booked again
                self.add(BOOK, gap, intake=n == 0, uitkomst=GesprekUitkomst.NIET_VERSCHENEN)
                self.fase = F.ADVIES
                gap = days(rng, 10)
            last = n == count - 1
            uitkomst, naar, reden = GesprekUitkomst.VERDER_ORIENTEREN, "", ""
            if last and reached >= 2:
                uitkomst, naar = GesprekUitkomst.ROUTE_GEKOZEN, F.ROUTE_TOELATING
            elif last and reached == 1 and final == F.DOORVERWEZEN and rng.random() < 0.8:
                uitkomst, naar = GesprekUitkomst.DOORVERWEZEN, F.DOORVERWEZEN
            elif last and reached == 1 and final == F.UITGEVALLEN and rng.random() < 0.6:
                uitkomst, naar = GesprekUitkomst.GEEN_VERVOLG, F.UITGEVALLEN
                reden = pick(rng, (("baan", 5), ("geld", 3), ("zwaar", 2)))
            self.add(
                BOOK,
                gap,
                intake=n == 0 and self.fase == F.ORIENTATIE,
                uitkomst=uitkomst,
                naar=naar,
                reden=reden,
                referral="regio" if naar == F.DOORVERWEZEN else "",
                verzet=rng.random() < 0.06,
            )
            self.fase = naar or F.ADVIES
        if self.fase == F.ADVIES:
            self._maybe_pause()
            if final == F.ADVIES and self.live and rng.random() < 0.3:
                self.add(BOOK, days(rng, 15), future=True)

    def _route_and_admission(self) -> None:
        rng, reached, final = self.rng, self.reached, self.final
        self._calls(days(rng, 25))
        if reached > 2:
            if rng.random() < 0.2:
                self.add(TOEL, days(rng, 30), toelating=pick(rng, NOT_YET[:2]))
                self._calls(days(rng, 30))
            self.add(TOEL, days(rng, 30), toelating=pick(rng, ADMISSIBLE))
            self._maybe_pause()
            self.move(F.MATCHING, days(rng, 10), text="Toelaatbaar; op zoek naar een school.")
            return
        ending = final if final != F.ROUTE_TOELATING else ""
        if ending == F.UITGEVALLEN and rng.random() < 0.55:
            self.add(TOEL, days(rng, 30), toelating=pick(rng, NOT_YET))
            self.move(F.UITGEVALLEN, days(rng, 20), reden="toelating")
        elif ending == F.DOORVERWEZEN and rng.random() < 0.6:
            self.add(TOEL, days(rng, 30), toelating=Toelating.DOORVERWEZEN)
            self.move(F.DOORVERWEZEN, days(rng, 5), referral="sector")
        elif ending == F.GEPAUZEERD and rng.random() < 0.5:
            self.add(TOEL, days(rng, 30), toelating=Toelating.UITSTEL)
            self.move(F.GEPAUZEERD, days(rng, 7), text=rng.choice(PAUSES))
        elif not ending:
            toss = rng.random()
            if toss < 0.3:
                self.add(TOEL, days(rng, 30), toelating=pick(rng, NOT_YET))
            elif toss < 0.5:
                self.add(TOEL, days(rng, 30), toelating=pick(rng, ADMISSIBLE))
            self._calls(days(rng, 30))
        else:
            self._maybe_pause()

    def _matching(self) -> None:
        rng = self.rng
        if rng.random() < 0.05:  # back for a subject test first, then on again
            self.move(F.ROUTE_TOELATING, days(rng, 14), text="Toch eerst een vaktoets nodig.")
            self.add(TOEL, days(rng, 20), toelating=Toelating.VAKTOETS)
            self.add(TOEL, days(rng, 45), toelating=pick(rng, ADMISSIBLE[:2]))
            self.move(
                F.MATCHING, days(rng, 7), text="Vaktoets gehaald; weer op zoek naar een school."
            )
        count = rng.choice((1, 2, 2, 3, 4))
        moves_on = self.reached > 3
        for n in range(count):
            last = n == count - 1
            if last and moves_on:
                accept = True
            elif last and self.live and rng.random() < 0.3:
                accept = None  # proposed lately, no answer yet
            else:
                accept = rng.random() < 0.7
            self.add(INTRO, days(rng, 12), accept=accept, hired=last and moves_on)
        self._calls(days(rng, 30))
        if not moves_on:
            self._maybe_pause()

    def _appointment(self) -> None:
        self.move(F.AANSTELLING, days(self.rng, 25), text="Aangesteld bij {bestuur}.")
        self._calls(days(self.rng, 30))

    def _training(self) -> None:
        text = "Gestart met {route} bij {opleiding}; inductie op de school."
        self.move(F.OPLEIDING_INDUCTIE, days(self.rng, 40), text=text)
        self.add(CALL, days(self.rng, 30), text="Startgesprek inductie.")
        for _ in range(self.rng.randrange(3)):
            self.add(CALL, days(self.rng, 50))

    def _calls(self, span: float) -> None:
        """Follow-up calls by the adviser while a stage lasts, every three weeks or so."""
        rng = self.rng
        for _ in range(int(span / 18 + rng.random() * 1.8)):
            self.add(CALL, days(rng, 18, 0.6))

    def _maybe_pause(self) -> None:
        """A pause along the way, resumed where it was left."""
        if self.final != F.GEPAUZEERD and self.rng.random() < 0.06:
            stage = self.fase
            self.move(F.GEPAUZEERD, days(self.rng, 15), text=self.rng.choice(PAUSES))
            self.move(stage, days(self.rng, 60), text=self.rng.choice(RESUMES))

    def _ending(self) -> None:
        rng, final = self.rng, self.final
        if self.fase == final:
            return
        if final == F.GEPAUZEERD:
            self.move(F.GEPAUZEERD, days(rng, 20), text=rng.choice(PAUSES))
        elif final == F.UITGEVALLEN:
            if rng.random() < 0.25:
                self.move(F.GEPAUZEERD, days(rng, 20), text=rng.choice(PAUSES))
                self.move(
                    F.UITGEVALLEN, days(rng, 90), reden=pick(rng, REASONS_BY_STAGE[self.fase])
                )
            else:
                self.move(
                    F.UITGEVALLEN, days(rng, 25), reden=pick(rng, REASONS_BY_STAGE[self.fase])
                )
        elif final == F.DOORVERWEZEN:
            referral = "regio" if self.fase == F.ORIENTATIE or rng.random() < 0.7 else "sector"
            self.move(F.DOORVERWEZEN, days(rng, 20), referral=referral)
