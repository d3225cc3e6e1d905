"""The matching part of placing a journey in time: introductions to boards for one of their
vacancies, the interviews and trial lessons that follow an accepted one, and the appointment,
as kandidaten.services (introductie_propose, introductie_answer) and
kandidaten.services.matching (sollicitatiestap_record, aanstelling_record) record them."""

from datetime import datetime, timedelta

from kandidaten.models import (
    Contractsoort,
    EventSoort,
    Fase,
    IntroductieStatus,
    Sollicitatiesoort,
    Uitkomst,
)
from regio.models import Sector

from .advies import AMSTERDAM
from .journeys import SELF, STAP, pick
from .profielen import fte
from .vacatures import VacancyBook

S = EventSoort
DAY = 86400.0
HOUR = 3600.0
# Interviews and trial lessons after an accepted introduction that does not end in the
# appointment: how many, and how they went.
STEPS = ((0, 40), (1, 45), (2, 15))
INTERVIEW = ((Uitkomst.POSITIEF, 35), (Uitkomst.NEGATIEF, 45), (Uitkomst.AFGEZEGD, 20))
TRIAL = ((Uitkomst.POSITIEF, 50), (Uitkomst.NEGATIEF, 50))
CONTRACTS = (
    (Contractsoort.TIJDELIJK_VAST, 45),
    (Contractsoort.TIJDELIJK, 30),
    (Contractsoort.VAST, 15),
    (Contractsoort.INVAL, 10),
)
# Vacancies of which sectors a candidate wanting a sector is introduced for.
SECTORS = {
    Sector.PO: (Sector.PO, Sector.SO),
    Sector.SO: (Sector.SO, Sector.PO),
    Sector.VO: (Sector.VO,),
}
ALL_SECTORS = (Sector.PO, Sector.SO, Sector.VO)
NOTES = {
    (Sollicitatiesoort.GESPREK, Uitkomst.POSITIEF): (
        "Goed gesprek; motivatie en ervaring passen bij het team.",
        "Sterke indruk op de schoolleider; uitgenodigd voor een proefles.",
    ),
    (Sollicitatiesoort.GESPREK, Uitkomst.NEGATIEF): (
        "Gekozen voor een kandidaat met meer ervaring in het vak.",
        "Past op dit moment niet bij wat het team zoekt.",
    ),
    (Sollicitatiesoort.GESPREK, Uitkomst.AFGEZEGD): ("Kandidaat heeft zich teruggetrokken.",),
    (Sollicitatiesoort.GESPREK, Uitkomst.GEPLAND): (
        "Gesprek met de schoolleider en een collega uit het team.",
        "",
    ),
    (Sollicitatiesoort.PROEFLES, Uitkomst.POSITIEF): (
        "Proefles gegeven; orde en uitleg goed.",
        "Leerlingen reageerden enthousiast; goede klik met de klas.",
    ),
    (Sollicitatiesoort.PROEFLES, Uitkomst.NEGATIEF): (
        "Proefles liep stroef; geadviseerd eerst meer ervaring op te doen.",
    ),
    (Sollicitatiesoort.PROEFLES, Uitkomst.GEPLAND): ("Proefles in een van de klassen.", ""),
}


class Matching:
    """The matching items of timelines.Realizer (kept apart so that module stays readable)."""

    def _intro(self, item, planned, hi) -> None:
        at = self._when(planned, hi, True)
        board, vacancy = self._board_and_vacancy(at, self._hired_at() if item.hired else None)
        if board is None:
            return
        door = self._by_adviser()
        pk = vacancy.pk if vacancy else None
        # introductie_propose, then introductie_answer: two events naming the board (and the
        # vacancy), without a note; the answer itself is kept on the Introductie row.
        self._emit(S.INTRODUCTIE, self.fase, at, door, organisatie=board[0], vacature=pk)
        proposed, status, answered = self.last, IntroductieStatus.VOORGESTELD, None
        if vacancy:
            VacancyBook.use(vacancy, proposed)
        if item.accept is not None:
            answer = proposed + min(self.rng.uniform(0.3, 5) * DAY, (hi - proposed) * 0.7)
            if answer > self.last + 1:
                status = (
                    IntroductieStatus.GEACCEPTEERD if item.accept else IntroductieStatus.AFGEWEZEN
                )
                self._emit(
                    S.INTRODUCTIE, self.fase, answer, SELF, organisatie=board[0], vacature=pk
                )
                answered = self.last
                if item.accept:
                    self.accepted.append(board)
                    self.intro_vacancy[board[0]] = vacancy
                    if vacancy:
                        VacancyBook.use(vacancy, answered)
                        self._applications(item, board, vacancy, hi)
        self.record.intros.append((board[0], door, status, proposed, answered, pk))

    def _hired_at(self) -> float | None:
        """When the plan has the candidate appointed (the step to aanstelling), if it does."""
        for item, planned in zip(
            self.plan.items[self.index :], self.times[self.index :], strict=True
        ):
            if item.kind == STAP and item.naar == Fase.AANSTELLING:
                return planned
        return None

    def _board_and_vacancy(self, at: float, hire: float | None):
        """The board to introduce the candidate to and the vacancy it is for: one open at
        that moment, of a board not introduced to before (and for the introduction that ends
        in the appointment, one still to be filled then); a board without one if none is."""
        book = self.region.book
        if self.forced_boards:
            board = self.forced_boards.pop(0)
            self.boards_used.append(board)
            vacancy = None
            if book is not None:
                if book.demo and book.demo.board == board[0] and book.demo.live(at):
                    vacancy = book.demo
                else:
                    live = [v for v in book.by_board.get(board[0], ()) if v.live(at)]
                    vacancy = live[-1] if live else None
            return board, vacancy
        if book is not None:
            sectors = SECTORS.get(self.plan.sector, ALL_SECTORS)
            skip = {pk for pk, _ in self.boards_used}
            vacancy = book.for_intro(
                self.rng, at, sectors, skip, self.vak_id, self.functie, self.region.partners, hire
            )
            if vacancy is not None:
                board = (vacancy.board, self.region.board_names[vacancy.board])
                self.boards_used.append(board)
                return board, vacancy
        return self._board(), None

    def _applications(self, item, board, vacancy, hi) -> None:
        """The interviews and trial lessons HR records (sollicitatiestap_record) after the
        candidate accepted: the hired candidate's went well; a recent one may lie ahead."""
        rng = self.rng
        if item.steps >= 0:
            steps = item.steps
        elif item.hired:
            steps = 1 + (rng.random() < 0.6)
        else:
            steps = pick(rng, STEPS)
        sure = item.hired or item.steps >= 0  # the demo candidate's go well too
        for soort in (Sollicitatiesoort.GESPREK, Sollicitatiesoort.PROEFLES)[:steps]:
            gap = min(rng.uniform(2, 10) * DAY, (hi - self.last) * 0.4)
            recorded = self._when(self.last + gap, hi, True)
            looking = self.plan.final == Fase.MATCHING and not self.plan.stalled
            if not sure and looking and self.now - recorded < 14 * DAY and rng.random() < 0.5:
                uitkomst = Uitkomst.GEPLAND
                op = self._office(self.now + rng.uniform(1, 12) * DAY)
            else:
                outcomes = INTERVIEW if soort == Sollicitatiesoort.GESPREK else TRIAL
                uitkomst = Uitkomst.POSITIEF if sure else pick(rng, outcomes)
                # Held a little before HR wrote it down, after whatever came before.
                op = max(self.last + 60, recorded - rng.uniform(1, 6) * HOUR)
            door = self.region.hr.get(board[0])
            kind = S.PROEFLES if soort == Sollicitatiesoort.PROEFLES else S.SOLLICITATIE
            self._emit(kind, self.fase, recorded, door, organisatie=board[0], vacature=vacancy.pk)
            note = rng.choice(NOTES[(soort, uitkomst)])
            self.record.sollicitaties.append(
                (vacancy.pk, soort, min(op, self.last), uitkomst, note, door, self.last)
                if uitkomst != Uitkomst.GEPLAND
                else (vacancy.pk, soort, op, uitkomst, note, door, self.last)
            )
            VacancyBook.use(vacancy, self.last)
            if uitkomst != Uitkomst.POSITIEF:
                break

    def _hire(self, at: float) -> None:
        """aanstelling_record: the appointment at a school of the board the candidate last
        accepted an introduction to, filling that vacancy (or another of the board's open
        then) by the fte appointed; the milestone comes just before the step to aanstelling."""
        rng, region = self.rng, self.region
        board = (self.accepted or self.boards_used or [None])[-1]
        if board is None:
            board = self._board()
            if board is None:
                return
        vacancy = None
        if region.book is not None:
            vacancy = region.book.of_board(board[0], at, self.intro_vacancy.get(board[0]))
        wanted = self.profile["fte_gewenst"]
        if vacancy is not None:
            tenths = vacancy.open
            if wanted < vacancy.open and rng.random() < 0.3:
                tenths = wanted  # part of it: the rest stays open
            VacancyBook.fill(vacancy, at, tenths)
            school = vacancy.school
        else:
            tenths = wanted
            school = rng.choice(region.schools[board[0]])
        door = region.hr.get(board[0])
        pk = vacancy.pk if vacancy else None
        self._emit(S.AANSTELLING, self.fase, at, door, organisatie=board[0], vacature=pk)
        start = datetime.fromtimestamp(self.last, AMSTERDAM).date()
        start += timedelta(days=rng.randint(7, 42))
        self.record.aanstellingen.append(
            (board[0], school, pk, start, fte(tenths), pick(rng, CONTRACTS), door, self.last)
        )

    def _office(self, ts: float) -> float:
        """A moment on a weekday between 9:00 and 16:00 on or after `ts`'s day."""
        local = datetime.fromtimestamp(ts, AMSTERDAM)
        day = local.date()
        while day.weekday() >= 5:
            day += timedelta(days=1)
        hour = 9 + self.rng.randrange(0, 14) / 2  # on the half hour
        return datetime(day.year, day.month, day.day, tzinfo=AMSTERDAM).timestamp() + hour * HOUR
