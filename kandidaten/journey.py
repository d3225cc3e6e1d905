"""The allowed moves of a candidate's journey and what each person sees of it, defined once
for every screen and service."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from regio.models import Role

from .models import EventSoort, Fase, IntroductieStatus, Kandidaat, TrajectEvent

# The main path, in order. A candidate moves one step forward, or one step back when a step
# turns out premature (e.g. back from matching to route & toelating).
HOOFDPAD = [
    Fase.ORIENTATIE,
    Fase.ADVIES,
    Fase.ROUTE_TOELATING,
    Fase.MATCHING,
    Fase.AANSTELLING,
    Fase.OPLEIDING_INDUCTIE,
]
ZIJSPOREN = {Fase.GEPAUZEERD, Fase.UITGEVALLEN, Fase.DOORVERWEZEN}
ACTIEF = set(HOOFDPAD)
# Stages that end the procedure with the desk: personal data is kept four weeks after (or up
# to a year with consent), see the retention task.
EINDFASEN = {Fase.UITGEVALLEN, Fase.DOORVERWEZEN}


def allowed_moves(fase: str, *, voor_pauze: str | None = None) -> set[str]:
    """Where a candidate in `fase` may go. A paused candidate resumes where they paused
    (`voor_pauze`), or drops out; someone who dropped out may start again at orientation;
    a referral hands the candidate to another region, sector or institute and ends here."""
    if fase in ACTIEF:
        index = HOOFDPAD.index(fase)
        moves = {Fase.GEPAUZEERD, Fase.UITGEVALLEN, Fase.DOORVERWEZEN}
        if index + 1 < len(HOOFDPAD):
            moves.add(HOOFDPAD[index + 1])
        if index > 0:
            moves.add(HOOFDPAD[index - 1])
        return moves
    if fase == Fase.GEPAUZEERD:
        return {voor_pauze or Fase.ORIENTATIE, Fase.UITGEVALLEN}
    if fase == Fase.UITGEVALLEN:
        return {Fase.ORIENTATIE}
    return set()


def needs_reason(naar: str) -> bool:
    return naar == Fase.UITGEVALLEN


# --- What each person sees of a journey -----------------------------------------------------
#
# The journey page shows the same timeline to everyone who may see the candidate (see
# KandidaatQuerySet.visible_to); what each of them sees of it is decided here, once.


class Kijker(StrEnum):
    """How someone looks at a candidate's journey (they may see it: visible_to decided)."""

    KANDIDAAT = "kandidaat"  # the candidate themself
    LOKET = "loket"  # the desk: an adviser, or the operator
    OPLEIDING = "opleiding"  # the institute the candidate was referred to
    BESTUUR = "bestuur"  # HR of a board the candidate accepted an introduction to


def kijker_for(kandidaat: Kandidaat, user) -> Kijker | None:
    if kandidaat.user_id is not None and kandidaat.user_id == user.pk:
        return Kijker.KANDIDAAT
    return {
        Role.LOKETADVISEUR: Kijker.LOKET,
        Role.BEHEERDER: Kijker.LOKET,
        Role.OPLEIDER: Kijker.OPLEIDING,
        Role.HR: Kijker.BESTUUR,
    }.get(user.role)


def sees_contact(kijker: Kijker | None) -> bool:
    """E-mail and phone: the candidate, the desk, and a board once the candidate accepted
    its introduction (the only way HR sees a candidate at all)."""
    return kijker in (Kijker.KANDIDAAT, Kijker.LOKET, Kijker.BESTUUR)


def display_name(kandidaat: Kandidaat, kijker: Kijker | None) -> str:
    """The candidate's name as this person sees it; the e-mail address stands in for a
    missing name only for those who may see contact details."""
    if kandidaat.gewist_op is not None or kandidaat.user_id is None:
        return _("Kandidaat %(nummer)s (gewist)") % {"nummer": kandidaat.pk}
    if kandidaat.user.naam:
        return kandidaat.user.naam
    if sees_contact(kijker):
        return kandidaat.user.email
    return _("Kandidaat %(nummer)s") % {"nummer": kandidaat.pk}


def sees_toelating(kijker: Kijker | None) -> bool:
    """The admissibility outcome is between the candidate, the desk and the institute."""
    return kijker in (Kijker.KANDIDAAT, Kijker.LOKET, Kijker.OPLEIDING)


@dataclass
class Regel:
    """One line of the timeline as one person may see it."""

    op: datetime
    soort: str
    titel: str
    door: str = ""
    reden: str = ""
    naar_regio: str = ""
    toelichting: str = ""
    # A milestone's institute or board, outcome and route, as shown (names and labels).
    organisatie: str = ""
    toelating: str = ""
    route: str = ""


def _introductie_titel(bestuur: str, status: str, *, gevraagd: bool = False) -> str:
    if gevraagd:
        return _("Introductie bij %(bestuur)s gevraagd") % {"bestuur": bestuur}
    if status == IntroductieStatus.GEACCEPTEERD:
        return _("Introductie bij %(bestuur)s geaccepteerd") % {"bestuur": bestuur}
    if status == IntroductieStatus.AFGEWEZEN:
        return _("Introductie bij %(bestuur)s afgewezen") % {"bestuur": bestuur}
    return _("Voorgesteld aan %(bestuur)s") % {"bestuur": bestuur}


# Milestones at a school board: the candidate, the desk and that board see them.
_BIJ_BESTUUR = {
    EventSoort.SOLLICITATIE: _lazy("Sollicitatiegesprek bij %(bestuur)s"),
    EventSoort.PROEFLES: _lazy("Proefles bij %(bestuur)s"),
    EventSoort.AANSTELLING: _lazy("Aangesteld bij %(bestuur)s"),
}


def timeline_for(kandidaat: Kandidaat, user) -> list[Regel]:
    """The candidate's timeline as `user` may see it, oldest first, in two queries.

    - steps between stages: everyone who may see the candidate;
    - advice conversations, events and a new adviser: the candidate and the desk;
    - admissibility (referral to an institute and its outcome): the candidate, the desk, and
      that institute;
    - introductions, interviews, trial lessons and appointments: the candidate, the desk,
      and that board;
    - drop-out reasons, referral regions and notes: the candidate and the desk; an
      institute or a board only on the events its own people wrote.
    """
    kijker = kijker_for(kandidaat, user)
    if kijker is None:
        return []
    alles = kijker in (Kijker.KANDIDAAT, Kijker.LOKET)
    eigen_organisatie = user.organisatie_id if not alles else None
    events = list(
        kandidaat.events.select_related("door", "reden", "naar_regio", "organisatie", "vacature")
    )
    # An introduction (one per board, or one per vacancy) has one event when it is made and
    # at most one when the candidate answers; the outcome is kept on the Introductie row. One
    # the candidate asked for themself is accepted with its first event.
    introducties = (
        {
            (bestuur_id, vacature_id): (status, door_id == kandidaat.user_id)
            for bestuur_id, vacature_id, status, door_id in kandidaat.introducties.values_list(
                "bestuur_id", "vacature_id", "status", "door_id"
            )
        }
        if any(event.soort == EventSoort.INTRODUCTIE for event in events)
        else {}
    )
    voorgesteld = set()

    regels = []
    for event in events:
        # The organisation a milestone is about: only its own people (and the candidate and
        # the desk) see it.
        over = event.organisatie_id
        naam = event.organisatie.naam if event.organisatie else ""
        if event.soort == EventSoort.STAP:
            if event.van:
                titel = _("Van %(van)s naar %(naar)s") % {
                    "van": Fase(event.van).label,
                    "naar": Fase(event.naar).label,
                }
            else:
                titel = _("Aangemeld: %(fase)s") % {"fase": Fase(event.naar).label}
        elif event.soort in (EventSoort.VERWIJZING, EventSoort.TOELATING):
            if event.soort == EventSoort.VERWIJZING:
                titel = _("Verwezen naar %(opleiding)s") % {"opleiding": naam or _("een opleiding")}
                if event.route:
                    titel += f" ({event.get_route_display()})"
            elif event.toelating:
                titel = _("Toelating: %(uitkomst)s") % {"uitkomst": event.get_toelating_display()}
            else:
                titel = EventSoort.TOELATING.label
            if not (alles or (kijker == Kijker.OPLEIDING and over == eigen_organisatie)):
                continue
        elif event.soort == EventSoort.INTRODUCTIE:
            sleutel = (over, event.vacature_id)
            status, gevraagd = introducties.get(sleutel, ("", False))
            if sleutel not in voorgesteld and not gevraagd:
                status = IntroductieStatus.VOORGESTELD
            gevraagd = gevraagd and sleutel not in voorgesteld
            voorgesteld.add(sleutel)
            titel = _introductie_titel(naam or _("een schoolbestuur"), status, gevraagd=gevraagd)
            if event.vacature:
                titel += f" ({event.vacature.titel})"
            if not (alles or (kijker == Kijker.BESTUUR and over == eigen_organisatie)):
                continue
        elif event.soort in _BIJ_BESTUUR:
            titel = _BIJ_BESTUUR[event.soort] % {"bestuur": naam or _("een schoolbestuur")}
            if event.vacature:
                titel += f" ({event.vacature.titel})"
            if not (alles or (kijker == Kijker.BESTUUR and over == eigen_organisatie)):
                continue
        elif event.soort == EventSoort.ADVISEUR:
            # Written by kandidaat_take_over: whoever took the candidate over is the adviser.
            if not alles:
                continue
            titel = (
                _("%(adviseur)s is nu de adviseur") % {"adviseur": event.door.get_full_name()}
                if event.door
                else EventSoort.ADVISEUR.label
            )
        else:
            # Advice conversations and information events are the candidate's own business.
            if not alles:
                continue
            titel = EventSoort(event.soort).label

        door = event.door
        details = alles or (
            door is not None
            and eigen_organisatie is not None
            and door.organisatie_id == eigen_organisatie
        )
        regels.append(
            Regel(
                op=event.op,
                soort=event.soort,
                titel=titel,
                door=door.get_full_name() if door else "",
                reden=str(event.reden) if details and event.reden else "",
                naar_regio=str(event.naar_regio) if details and event.naar_regio else "",
                toelichting=event.toelichting.strip() if details else "",
                organisatie=naam,
                toelating=event.get_toelating_display() if event.toelating else "",
                route=event.get_route_display() if event.route else "",
            )
        )
    return regels


def with_voor_pauze(queryset):
    """Annotate each candidate with the stage they paused from (for allowed_moves_for), in the
    same query however many candidates there are."""
    last_pause = (
        TrajectEvent.objects.filter(kandidaat=OuterRef("pk"), naar=Fase.GEPAUZEERD)
        .order_by("-op", "-pk")
        .values("van")[:1]
    )
    return queryset.annotate(voor_pauze=Subquery(last_pause))


def allowed_moves_for(kandidaat: Kandidaat) -> list[str]:
    """The stages this candidate may move to now, in the order of the journey."""
    voor_pauze = None
    if kandidaat.fase == Fase.GEPAUZEERD:
        if hasattr(kandidaat, "voor_pauze"):
            voor_pauze = kandidaat.voor_pauze
        else:
            voor_pauze = with_voor_pauze(Kandidaat.objects.filter(pk=kandidaat.pk)).values_list(
                "voor_pauze", flat=True
            )[0]
    moves = allowed_moves(kandidaat.fase, voor_pauze=voor_pauze)
    return [fase for fase in Fase if fase in moves]
