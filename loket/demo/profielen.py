"""A candidate's matching profile for the demo: the functions and subjects they want, their
education, where they live and how far they would travel, how much and from when they can
work. Drawn when a journey is placed in time; kept by those who got as far as advice."""

import random
from datetime import date, timedelta
from decimal import Decimal

from kandidaten.models import Kandidaat, RouteSoort, Vooropleiding
from regio.geo import coordinates_for
from regio.models import Functie, Sector

from . import addresses
from .journeys import pick

FUNCTIES = Kandidaat._meta.get_field("functies")

# fmt: off
# The subjects of journeys.VAKKEN (a candidate's own words) on the managed subject list.
VAK_NAMEN = {
    "Wiskunde": "Wiskunde", "Nederlands": "Nederlands", "Engels": "Engels", "Duits": "Duits",
    "Natuurkunde": "Natuurkunde", "Scheikunde": "Scheikunde", "Biologie": "Biologie",
    "Informatica": "Informatica", "Economie": "Economie", "Techniek": "Techniek",
    "Geschiedenis": "Geschiedenis", "Aardrijkskunde": "Aardrijkskunde", "Frans": "Frans",
    "Lichamelijke opvoeding": "Lichamelijke opvoeding", "Maatschappijleer": "Maatschappijleer",
    "Zorg en welzijn": "Zorg en welzijn", "ICT": "Informatica",
    "Bouwkunde": "Beroepsgerichte vakken mbo", "Horeca": "Beroepsgerichte vakken mbo",
}
# A second subject someone with the first could often teach too.
VERWANT = {
    "Wiskunde": ("Natuurkunde", "Informatica", "Economie"),
    "Natuurkunde": ("Wiskunde", "NASK", "Scheikunde"),
    "Scheikunde": ("NASK", "Biologie"), "Biologie": ("NASK", "Scheikunde"),
    "Informatica": ("Wiskunde",), "Techniek": ("NASK", "Beroepsgerichte vakken vmbo"),
    "Economie": ("Wiskunde", "Maatschappijleer"), "Nederlands": ("Engels", "Geschiedenis"),
    "Engels": ("Nederlands", "Duits"), "Duits": ("Engels", "Frans"), "Frans": ("Spaans", "Duits"),
    "Geschiedenis": ("Maatschappijleer", "Aardrijkskunde"),
    "Aardrijkskunde": ("Geschiedenis", "Biologie"), "Maatschappijleer": ("Geschiedenis",),
    "Beroepsgerichte vakken mbo": ("Techniek",), "Zorg en welzijn": ("Biologie",),
}
# What people studied before, by the subject they want to teach (and without one).
VAKGEBIEDEN = {
    "Wiskunde": ("econometrie", "wiskunde", "werktuigbouwkunde", "bedrijfseconomie"),
    "Natuurkunde": ("technische natuurkunde", "werktuigbouwkunde", "elektrotechniek"),
    "Scheikunde": ("scheikunde", "chemische technologie", "farmacie"),
    "Biologie": ("biologie", "biomedische wetenschappen", "voeding en diëtetiek"),
    "Informatica": ("informatica", "technische informatica", "bedrijfskundige informatica"),
    "Techniek": ("werktuigbouwkunde", "elektrotechniek", "bouwkunde", "installatietechniek"),
    "Economie": ("economie", "bedrijfskunde", "accountancy", "commerciële economie"),
    "Nederlands": ("Nederlandse taal en cultuur", "journalistiek", "communicatie"),
    "Engels": ("Engelse taal en cultuur", "international business", "communicatie"),
    "Duits": ("Duitse taal en cultuur", "international business"),
    "Frans": ("Franse taal en cultuur", "vertalen"),
    "Geschiedenis": ("geschiedenis", "rechten", "politicologie"),
    "Aardrijkskunde": ("sociale geografie", "planologie", "aardwetenschappen"),
    "Lichamelijke opvoeding": ("sportkunde", "fysiotherapie", "bewegingswetenschappen"),
    "Maatschappijleer": ("sociologie", "politicologie", "bestuurskunde"),
    "Zorg en welzijn": ("verpleegkunde", "social work", "pedagogiek"),
    "Beroepsgerichte vakken mbo": ("bouwkunde", "hotelmanagement", "logistiek"),
    "": ("pedagogiek", "psychologie", "bedrijfskunde", "communicatie", "rechten",
         "social work", "personeel en arbeid", "verpleegkunde", "kunstgeschiedenis",
         "commerciële economie", "toegepaste psychologie", "logistiek"),
}
FUNCTIE_VAN_ROUTE = {
    RouteSoort.ONDERWIJSASSISTENT: Functie.ONDERWIJSASSISTENT,
    RouteSoort.LERAARONDERSTEUNER: Functie.LERAARONDERSTEUNER,
    RouteSoort.SCHOOLLEIDER: Functie.SCHOOLLEIDER,
}
VOOROPLEIDING = {
    RouteSoort.UNIVERSITAIR: ((Vooropleiding.WO_MASTER, 80), (Vooropleiding.WO_BACHELOR, 20)),
    RouteSoort.KORT_ACADEMICI: ((Vooropleiding.WO_MASTER, 90), (Vooropleiding.WO_BACHELOR, 10)),
    RouteSoort.ZIJ_INSTROOM: ((Vooropleiding.HBO, 60), (Vooropleiding.WO_MASTER, 25),
                              (Vooropleiding.WO_BACHELOR, 15)),
    RouteSoort.ONDERWIJSASSISTENT: ((Vooropleiding.MBO, 70), (Vooropleiding.ANDERS, 30)),
    RouteSoort.LERAARONDERSTEUNER: ((Vooropleiding.MBO, 60), (Vooropleiding.HBO, 40)),
    RouteSoort.SCHOOLLEIDER: ((Vooropleiding.HBO, 50), (Vooropleiding.WO_MASTER, 50)),
    "": ((Vooropleiding.MBO, 25), (Vooropleiding.HBO, 50), (Vooropleiding.WO_BACHELOR, 10),
         (Vooropleiding.WO_MASTER, 5), (Vooropleiding.ANDERS, 10)),
}
# Wanted size in tenths of an fte.
FTE_GEWENST = ((4, 5), (5, 8), (6, 15), (7, 10), (8, 25), (9, 7), (10, 30))
# fmt: on
# Of those with a profile, who share it with the schools of their region: all who accepted an
# introduction (about a third), and this share of the others, so about 60% in all; of those
# sharing, who also share it with neighbouring regions (about 25% of all).
DEEL_MET_REGIO = 0.38
DEEL_MET_BUURREGIOS = 0.42


def draw(rng: random.Random, *, route: str, sector: str, vak: str, region) -> dict:
    """What a candidate is looking for, as they would fill it in: `vak` is the subject in
    their own words (journeys.VAKKEN), `region` a timelines.Region. Drawn for everyone, since
    matching needs it while the journey is placed; kept by those who get as far as advice."""
    functie = FUNCTIE_VAN_ROUTE.get(route, Functie.LERAAR)
    functies = [functie]
    if functie == Functie.LERAAR and sector in (Sector.PO, Sector.SO) and rng.random() < 0.1:
        functies.append(Functie.ONDERWIJSASSISTENT)
    vakken = []
    if vak and functie == Functie.LERAAR:
        first = VAK_NAMEN[vak]
        vakken.append(region.vakken[first])
        if first in VERWANT and rng.random() < 0.35:
            vakken.append(region.vakken[rng.choice(VERWANT[first])])
    return {
        "functies": FUNCTIES.get_prep_value(functies),
        "functie": functie,
        "vakken": vakken,
        "vooropleiding": pick(rng, VOOROPLEIDING.get(route, VOOROPLEIDING[""])),
        "vakgebied": rng.choice(VAKGEBIEDEN.get(VAK_NAMEN.get(vak, ""), VAKGEBIEDEN[""])),
        "max_afstand_km": rng.choice((10, 15, 20, 25, 25, 30, 30, 40, 50, 60)),
        "fte_gewenst": pick(rng, FTE_GEWENST),
        "wacht_dagen": rng.uniform(20, 200),
    }


def home(rng: random.Random, region) -> dict:
    """Where the candidate lives: a real postcode of a town in one of the region's
    municipalities (the central one likelier), and its coordinates."""
    gemeente = rng.choices(region.gemeenten, region.gemeente_weights)[0]
    woonplaats = addresses.place(rng, gemeente)
    postcode = addresses.real_postcode(rng, region.short, gemeente, woonplaats)
    # What Kandidaat.save() would fill in; the demo's inserts do not call it.
    lat, lon = coordinates_for(postcode=postcode, plaats=woonplaats)
    return {"postcode": postcode, "woonplaats": woonplaats, "lat": lat, "lon": lon}


def beschikbaar_vanaf(registered: date, wait_days: float) -> date:
    """The first of the month after a wait from registration: when people say they can start."""
    day = registered + timedelta(days=wait_days)
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def fte(tenths: int) -> Decimal:
    return Decimal(tenths) / 10
