"""The route finder's matching: a visitor's answers against the route catalogue, with reasons.

Pure functions over plain objects (saved or unsaved `Route`s, or anything with the same
attributes), so every rule is unit-tested without a database.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.translation import gettext as _

from regio.models import Sector

from .models import Opleidingsniveau

ONBEKEND = "onbekend"  # "I don't know (yet)" for the sector and subject-fit questions


@dataclass(frozen=True)
class Antwoorden:
    """What a visitor told the route finder.

    `sector` is a Sector value or ONBEKEND; `vakverwant` is True, False or None (don't know).
    """

    niveau: str
    sector: str = ONBEKEND
    vak: str = ""
    vakverwant: bool | None = None
    werkt_in_onderwijs: bool = False
    naast_baan: bool = True


class Match(NamedTuple):
    route: object
    redenen: list[str]


def _niveau_label(niveau: str) -> str:
    return str(Opleidingsniveau(niveau).label).lower()


def _sectoren_label(sectoren: Iterable[str]) -> str:
    return ", ".join(str(Sector(s).label) for s in sectoren if s in Sector.values)


def _vak(antwoorden: Antwoorden) -> str:
    return antwoorden.vak or _("het vak dat je wilt geven")


def _blocker(route, antwoorden: Antwoorden) -> str | None:
    """The first reason why `route` does not fit these answers, or None when it fits."""
    if antwoorden.niveau not in route.niveaus:
        return "niveau"
    if antwoorden.sector != ONBEKEND and route.sectoren and antwoorden.sector not in route.sectoren:
        return "sector"
    if route.vakverwant and antwoorden.vakverwant is False:
        return "vakverwant"
    if route.alleen_onderwijspersoneel and not antwoorden.werkt_in_onderwijs:
        return "onderwijspersoneel"
    if antwoorden.naast_baan and not route.naast_baan:
        return "naast_baan"
    return None


def _redenen(route, antwoorden: Antwoorden) -> list[str]:
    """Why a fitting route fits, in the visitor's own terms, plus what to keep in mind."""
    redenen = [
        _("De route staat open voor wie als hoogste opleiding %(niveau)s heeft, zoals jij.")
        % {"niveau": _niveau_label(antwoorden.niveau)}
    ]
    if antwoorden.sector == ONBEKEND:
        redenen.append(
            _("Je weet nog niet in welke sector je wilt werken; deze route leidt naar: %(s)s.")
            % {"s": _sectoren_label(route.sectoren)}
        )
    else:
        redenen.append(
            _("De route leidt naar werk in de sector die je zoekt: %(sector)s.")
            % {"sector": Sector(antwoorden.sector).label}
        )
    if route.vakverwant:
        if antwoorden.vakverwant:
            redenen.append(
                _("Je vooropleiding past bij %(vak)s; dat is voor deze route nodig.")
                % {"vak": _vak(antwoorden)}
            )
        else:
            redenen.append(
                _(
                    "Let op: je vooropleiding moet passen bij %(vak)s. De opleiding kijkt daar"
                    " naar in het toelatingsgesprek."
                )
                % {"vak": _vak(antwoorden)}
            )
    if route.alleen_onderwijspersoneel:
        redenen.append(_("De route is voor wie al in het onderwijs werkt, zoals jij."))
    if route.baan_nodig:
        if antwoorden.werkt_in_onderwijs:
            redenen.append(
                _(
                    "Je hebt een aanstelling bij een school nodig. Je werkt al in het"
                    " onderwijs: vraag je werkgever of dat kan."
                )
            )
        else:
            redenen.append(
                _(
                    "Je hebt een baan bij een school nodig om te beginnen. Het loket helpt je"
                    " die te vinden."
                )
            )
    if antwoorden.naast_baan and route.naast_baan:
        redenen.append(
            _("Te combineren met een baan: %(studielast)s") % {"studielast": route.studielast}
        )
    return redenen


def routes_for(antwoorden: Antwoorden, routes: Iterable) -> list[Match]:
    """The routes (in catalogue order) that fit every answer, each with its reasons."""
    return [
        Match(route, _redenen(route, antwoorden))
        for route in routes
        if _blocker(route, antwoorden) is None
    ]


def _uitleg(blocker: str, antwoorden: Antwoorden) -> str:
    """What stood in the way, told to someone for whom no route fits."""
    if blocker == "niveau":
        return _("Voor deze routes is een andere vooropleiding nodig dan %(niveau)s.") % {
            "niveau": _niveau_label(antwoorden.niveau)
        }
    if blocker == "sector":
        return _("Voor jouw vooropleiding staat in onze lijst geen route naar %(sector)s.") % {
            "sector": Sector(antwoorden.sector).label
        }
    if blocker == "vakverwant":
        return _("De routes naar deze sector vragen een vooropleiding die past bij %(vak)s.") % {
            "vak": _vak(antwoorden)
        }
    if blocker == "onderwijspersoneel":
        return _("Sommige routes zijn alleen voor wie al in het onderwijs werkt.")
    return _("Sommige routes zijn niet te combineren met een baan.")


BLOCKERS = ("niveau", "sector", "vakverwant", "onderwijspersoneel", "naast_baan")


def geen_route_bericht(antwoorden: Antwoorden, routes: Iterable) -> str:
    """A helpful answer for someone no route fits: what stood in the way, and to ask advice.

    It names the obstacle that ruled out the most routes, so the visitor knows which answer
    to reconsider, and always points to a free advice conversation.
    """
    counts: dict[str, int] = {}
    for route in routes:
        blocker = _blocker(route, antwoorden)
        if blocker:
            counts[blocker] = counts.get(blocker, 0) + 1
    parts = [_("Geen van onze routes past bij al je antwoorden.")]
    if counts:
        # Most routes ruled out wins; on a tie, the earlier question.
        meest = max(counts, key=lambda b: (counts[b], -BLOCKERS.index(b)))
        parts.append(_uitleg(meest, antwoorden))
    parts.append(
        _(
            "Dat betekent niet dat werken in het onderwijs niets voor je is. In een gratis"
            " adviesgesprek zoekt een adviseur van het loket met je mee naar wat wel kan."
        )
    )
    return " ".join(parts)
