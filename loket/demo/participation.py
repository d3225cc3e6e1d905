"""Generators for who takes part in each region's plan (and its penvoerder) and contact people."""

import random
from datetime import date, timedelta

from django.utils.text import slugify

from regio.models import (
    Contactpersoon,
    Deelname,
    DeelnameStatus,
    OrganisatieSoort,
    Regio,
    Sector,
)

from . import addresses, data
from .context import BATCH_SIZE, Board, DemoContext

# The RAP regions started in 2019; the demo's participation dates lie in 2019-2024.
FIRST_DAY = date(2019, 1, 1)
LAST_DAY = date(2024, 12, 31)
# Share of a region's boards that take part where it meets the requirements, and where not.
SHARE_MEETING = (0.70, 0.95)
SHARE_SHORT = (0.45, 0.62)
# About one region in this many (at least one) falls short of the requirement for boards.
ONE_IN_SHORT = 5
# A board not taking part was invited (and has not signed yet) this often, else it left.
INVITED = 0.65

# fmt: off
FIRST_NAMES: tuple[str, ...] = (
    "Anne", "Marieke", "Sanne", "Linda", "Monique", "Ingrid", "Esther", "Petra", "Karin", "Mirjam",
    "Judith", "Femke", "Lotte", "Yvonne", "Hanneke", "Wendy", "Nicole", "Saskia", "Fatima",
    "Samira", "Leila", "Ayşe", "Jeroen", "Martijn", "Bas", "Erik", "Marco", "Rob", "Hans",
    "Gerard", "Wim", "Frank", "Arjan", "Ruud", "Sander", "Thijs", "Joost", "Dennis", "Mohamed",
    "Youssef", "Mehmet", "Rik", "Koen", "Niels", "Marloes", "Ilse", "Bram", "Jolanda", "Harm",
    "Gerrit", "Annemiek", "Joke", "Hendrik", "Tineke",
)
# (tussenvoegsel, achternaam)
SURNAMES: tuple[tuple[str, str], ...] = (
    ("de", "Jong"), ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"),
    ("", "Bakker"), ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
    ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"),
    ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"),
    ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"),
    ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"),
    ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"), ("", "Schouten"),
    ("", "Hoekstra"), ("", "Koster"), ("", "Prins"), ("", "Huisman"), ("", "Kuipers"),
    ("ter", "Horst"), ("", "Nijhuis"), ("", "Oude Vrielink"), ("", "Wolters"), ("", "Kamphuis"),
    ("", "Postma"), ("", "Wijnberg"), ("", "Yilmaz"), ("El", "Amrani"), ("", "Öztürk"),
    ("", "Bouzid"), ("", "Kaya"), ("", "Tuinstra"), ("", "Veenstra"), ("van", "Beek"),
)
# What contact people of each kind of organisation do: (first contact, possible second ones).
FUNCTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    OrganisatieSoort.SCHOOLBESTUUR: (
        ("Bestuurder", "Voorzitter college van bestuur", "Directeur-bestuurder"),
        ("HR-adviseur", "Projectleider RAP", "Beleidsmedewerker HR", "Bovenschools directeur"),
    ),
    OrganisatieSoort.LERARENOPLEIDING: (
        ("Opleidingsmanager", "Teamleider opleiding"),
        ("Coördinator zij-instroom", "Studieadviseur", "Instituutsopleider"),
    ),
    OrganisatieSoort.ROC: (
        ("Teamleider Onderwijsassistent",), ("Coördinator praktijkleren", "Docent onderwijs"),
    ),
    OrganisatieSoort.MOBILITEITSCENTRUM: (
        ("Manager mobiliteitscentrum",), ("Loopbaanadviseur", "Mobiliteitsadviseur"),
    ),
    OrganisatieSoort.GEMEENTE: (
        ("Beleidsadviseur onderwijs",), ("Accountmanager werkgeversdienstverlening",),
    ),
    OrganisatieSoort.UWV: (("Adviseur werk",), ("Accountmanager onderwijs",)),
}
# fmt: on


def make_deelnames(ctx: DemoContext, rng: random.Random) -> int:
    """Every board's and partner's participation in its region's plan, and the penvoerder.

    Partners other than boards all take part. A region of data.KNOWN_COVERAGE has its published
    boards taking part; of the others, most regions meet the requirements and about one in
    ONE_IN_SHORT (at least one) does not, so the demo's region pages show both.
    """
    by_region: dict[str, list[Board]] = {}
    for board in ctx.boards:
        by_region.setdefault(board.org.regio.slug, []).append(board)
    free = [regio.slug for spec, regio in ctx.regions if spec.short not in data.KNOWN_COVERAGE]
    short = set(rng.sample(free, max(1, round(len(free) / ONE_IN_SHORT)))) if free else set()
    rows = []
    for spec, regio in ctx.regions:
        boards = by_region.get(regio.slug, [])
        known = data.KNOWN_COVERAGE.get(spec.short)
        if known:
            taking_part = [b for b in boards if b.takes_part]
            regio.penvoerder = next(b.org for b in boards if b.org.naam == known.penvoerder)
        else:
            taking_part = _taking_part(rng, regio, boards, meets=regio.slug not in short)
            regio.penvoerder = _penvoerder(rng, taking_part)
        start = _day(rng, FIRST_DAY, date(2022, 12, 31))
        chosen = {id(b) for b in taking_part}
        ctx.taking_part.update(b.org.pk for b in taking_part)
        for board in boards:
            if id(board) in chosen:
                early = 1.0 if board.org is regio.penvoerder else 0.6
                rows.append(_taking_part_since(rng, regio, board.org, start, early=early))
            else:
                rows.append(_not_taking_part(rng, regio, board.org, start))
        rows += [
            _taking_part_since(rng, regio, org, start, early=1.0)
            for org in ctx.partners[regio.slug]
        ]
    Deelname.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    Regio.objects.bulk_update([regio for _, regio in ctx.regions], ["penvoerder"])
    return len(rows)


def make_contacts(ctx: DemoContext, rng: random.Random) -> int:
    """One or two contact people per organisation, with e-mail addresses that are not real."""
    penvoerders = {regio.penvoerder_id for _, regio in ctx.regions}
    orgs = [org for _, regio in ctx.regions for org in ctx.partners[regio.slug]]
    orgs += [board.org for board in ctx.boards]
    rows = []
    for org in orgs:
        firsts, seconds = FUNCTIONS[org.soort]
        functies = [rng.choice(firsts)]
        if org.pk in penvoerders:
            functies.append("Projectleider RAP")
        elif rng.random() < 0.55:
            functies.append(rng.choice(seconds))
        used: set[str] = set()
        for functie in functies:
            naam, email = _person(rng, org, used)
            rows.append(Contactpersoon(organisatie=org, naam=naam, functie=functie, email=email))
    Contactpersoon.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def _taking_part(rng, regio: Regio, boards: list[Board], *, meets: bool) -> list[Board]:
    """The boards of a region that take part: bigger boards are likelier to. Where the region
    is to meet the requirements, at least two thirds of its boards and, if they can, 1,600 fte."""
    count = len(boards)
    two_thirds = -(-2 * count // 3)  # the fewest boards that are at least two thirds
    if meets:
        wanted = max(two_thirds, round(count * rng.uniform(*SHARE_MEETING)))
    else:
        wanted = max(1, min(two_thirds - 1, round(count * rng.uniform(*SHARE_SHORT))))
    # A weighted sample without replacement (Efraimidis-Spirakis), weighted by fte.
    ranked = sorted(boards, key=lambda b: rng.random() ** (1 / float(b.org.fte)), reverse=True)
    chosen, rest = ranked[:wanted], ranked[wanted:]
    if meets:
        rest.sort(key=lambda b: b.org.fte, reverse=True)
        while rest and sum(b.org.fte for b in chosen) < regio.eis_minimum_fte:
            chosen.append(rest.pop(0))
    return chosen


def _penvoerder(rng: random.Random, taking_part: list[Board]):
    """Mostly one of the largest boards taking part, and one of regular education."""
    candidates = [b for b in taking_part if b.sector != Sector.SO] or taking_part
    return rng.choices(candidates, [float(b.org.fte) ** 2 for b in candidates])[0].org


def _taking_part_since(rng, regio, org, start: date, *, early: float) -> Deelname:
    """Taking part from the region's start (or, with chance 1 - early, joined later)."""
    sinds = start if rng.random() < early else _day(rng, start, date(2024, 9, 30))
    signed = min(sinds + timedelta(days=rng.randrange(60)), LAST_DAY)
    return Deelname(
        organisatie=org,
        regio=regio,
        status=DeelnameStatus.DEELNEMEND,
        sinds=sinds,
        ondertekend_op=signed,
    )


def _not_taking_part(rng, regio, org, start: date) -> Deelname:
    """Invited lately and not signed yet, or signed once and left (`sinds` the day it left)."""
    if rng.random() < INVITED:
        status, signed = DeelnameStatus.UITGENODIGD, None
        sinds = _day(rng, date(2023, 1, 1), LAST_DAY)
    else:
        status, signed = DeelnameStatus.VERTROKKEN, start
        sinds = _day(rng, start + timedelta(days=365), LAST_DAY)
    return Deelname(organisatie=org, regio=regio, status=status, sinds=sinds, ondertekend_op=signed)


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _person(rng: random.Random, org, used: set[str]) -> tuple[str, str]:
    """A Dutch name not yet used at this organisation, and an e-mail address at its (example)
    domain, such as "m.van.den.berg@katholiek-onderwijs-enschede-koe.voorbeeld.nl"."""
    while True:
        first = rng.choice(FIRST_NAMES)
        tussen, achternaam = rng.choice(SURNAMES)
        naam = " ".join(part for part in (first, tussen, achternaam) if part)
        if naam not in used:
            used.add(naam)
            break
    local = ".".join(slugify(part) for part in (first[0], tussen, achternaam) if part)
    return naam, f"{local.replace('-', '.')}@{addresses.domain(org.naam)}"
