"""Addresses for the demo: streets, Dutch postcodes by region, towns in municipalities, websites."""

import random
import string
from functools import cache

from django.utils.text import slugify

from regio import geo

# Every website and e-mail address of the demo lies under this domain, so none is a real one.
EXAMPLE_DOMAIN = "voorbeeld.nl"

# Letters of a postcode: SA, SD and SS are not used in the Netherlands.
_POSTCODE_LETTERS = [
    a + b
    for a in string.ascii_uppercase
    for b in string.ascii_uppercase
    if a + b not in ("SA", "SD", "SS")
]

# The tables below are laid out by hand; the formatter would put every name on its own line.
# fmt: off

# The first two digits of the postcodes in each region (by RegionSpec.short), roughly as real.
POSTCODE_AREAS: dict[str, tuple[int, ...]] = {
    "Twente": (74, 75, 76),
    "Rotterdam": (29, 30, 31),
    "PO Noord-Nederland": (78, 79, 84, 86, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98),
    "Utrecht": (34, 35, 36, 37),
    "Amsterdam": (10, 11, 14),
    "Haaglanden": (22, 25, 26, 27),
    "Zuid-Limburg": (61, 62, 63, 64),
    "Midden-Brabant": (50, 51),
    "Gelderland-Zuid": (65, 66),
    "Arnhem": (68, 69),
    "Achterhoek": (70, 71, 72),
    "Stedendriehoek": (72, 73, 74),
    "Zwolle": (77, 80, 81, 83),
    "Flevoland": (13, 82, 83),
    "Gooi en Vechtstreek": (12, 14),
    "Eemland": (37, 38),
    "FoodValley": (37, 39, 67),
    "Zuid-Kennemerland en IJmond": (19, 20, 21),
    "Noord-Holland Noord": (16, 17, 18),
    "Zaanstreek-Waterland": (14, 15),
    "Holland Rijnland": (21, 22, 23, 24),
    "Midden-Holland": (24, 27, 28),
    "Drechtsteden": (29, 33),
    "Zuid-Hollandse Eilanden": (31, 32),
    "Zeeland": (43, 44, 45),
    "West-Brabant": (46, 47, 48, 49),
    "Noordoost-Brabant": (52, 53, 54),
    "Zuidoost-Brabant": (55, 56, 57),
    "Noord-Limburg": (58, 59),
    "Midden-Limburg": (60, 61),
    "Rivierenland": (40, 41, 53),
    "Noord-Veluwe": (38, 80),
    "VO Fryslân": (84, 85, 86, 87, 88, 89, 90, 91, 92),
    "VO Groningen": (93, 95, 96, 97, 98, 99),
    "VO Drenthe": (77, 78, 79, 94),
}

# Towns of the municipalities that are not named after one town (or have large villages); the
# first is the main one. A municipality not listed here is its own only town.
PLACES: dict[str, tuple[str, ...]] = {
    # Twente
    "Enschede": ("Enschede", "Glanerbrug"), "Dinkelland": ("Denekamp", "Ootmarsum", "Weerselo"),
    "Hof van Twente": ("Goor", "Delden", "Markelo", "Diepenheim"),
    "Losser": ("Losser", "Overdinkel", "De Lutte"), "Tubbergen": ("Tubbergen", "Albergen", "Vasse"),
    "Borne": ("Borne", "Zenderen"),
    # Rotterdam
    "Lansingerland": ("Berkel en Rodenrijs", "Bergschenhoek", "Bleiswijk"),
    "Rotterdam": ("Rotterdam", "Hoogvliet", "Pernis"),
    # Noord-Nederland
    "Súdwest-Fryslân": ("Sneek", "Bolsward", "Workum", "IJlst"),
    "Smallingerland": ("Drachten", "Opeinde", "Boornbergum"),
    "Het Hogeland": ("Winsum", "Uithuizen", "Bedum", "Leens"),
    "Westerkwartier": ("Zuidhorn", "Leek", "Grootegast", "Marum"),
    "Midden-Groningen": ("Hoogezand", "Slochteren", "Zuidbroek"),
    "Tynaarlo": ("Zuidlaren", "Vries", "Eelde"), "Noordenveld": ("Roden", "Peize", "Norg"),
    "Heerenveen": ("Heerenveen", "Jubbega"), "Emmen": ("Emmen", "Klazienaveen", "Nieuw-Amsterdam"),
    "De Fryske Marren": ("Joure", "Lemmer", "Balk"),
    "Waadhoeke": ("Franeker", "Sint Annaparochie"), "Noardeast-Fryslân": ("Dokkum", "Kollum"),
    "Dantumadiel": ("Damwâld", "Feanwâlden"), "Opsterland": ("Gorredijk", "Beetsterzwaag"),
    "Weststellingwerf": ("Wolvega", "Noordwolde"),
    "Ooststellingwerf": ("Oosterwolde", "Appelscha"),
    "Tytsjerksteradiel": ("Burgum", "Hurdegaryp"), "Oldambt": ("Winschoten", "Scheemda"),
    "Eemsdelta": ("Delfzijl", "Appingedam"), "Pekela": ("Oude Pekela", "Nieuwe Pekela"),
    "Westerwolde": ("Ter Apel", "Vlagtwedde"), "Borger-Odoorn": ("Borger", "Exloo", "Nieuw-Buinen"),
    "Aa en Hunze": ("Gieten", "Annen", "Rolde"), "Midden-Drenthe": ("Beilen", "Westerbork"),
    "De Wolden": ("Zuidwolde", "Ruinen"), "Westerveld": ("Diever", "Dwingeloo", "Havelte"),
    "Coevorden": ("Coevorden", "Dalen", "Schoonebeek"),
    # Utrecht, Amsterdam, Haaglanden
    "Stichtse Vecht": ("Maarssen", "Breukelen", "Loenen aan de Vecht"),
    "De Bilt": ("Bilthoven", "De Bilt", "Maartensdijk"),
    "Ouder-Amstel": ("Ouderkerk aan de Amstel", "Duivendrecht"),
    "Leidschendam-Voorburg": ("Leidschendam", "Voorburg"),
    "Westland": ("Naaldwijk", "Monster", "'s-Gravenzande", "Wateringen"),
    "Pijnacker-Nootdorp": ("Pijnacker", "Nootdorp"), "Midden-Delfland": ("Schipluiden", "Maasland"),
    # Limburg and Brabant
    "Sittard-Geleen": ("Sittard", "Geleen", "Born"), "Eijsden-Margraten": ("Eijsden", "Margraten"),
    "Valkenburg aan de Geul": ("Valkenburg",), "Stein": ("Stein", "Elsloo"),
    "Beekdaelen": ("Nuth", "Schinnen", "Schinveld"), "Gilze en Rijen": ("Rijen", "Gilze"),
    "Loon op Zand": ("Kaatsheuvel", "Loon op Zand"), "Heusden": ("Drunen", "Vlijmen", "Heusden"),
    "Moerdijk": ("Zevenbergen", "Klundert"), "Halderberge": ("Oudenbosch", "Hoeven"),
    "Drimmelen": ("Made", "Terheijden"), "Woensdrecht": ("Hoogerheide", "Ossendrecht"),
    "Meierijstad": ("Veghel", "Schijndel", "Sint-Oedenrode"), "Maashorst": ("Uden", "Volkel"),
    "Land van Cuijk": ("Cuijk", "Boxmeer", "Grave"), "Bernheze": ("Heesch", "Nistelrode"),
    "Sint-Michielsgestel": ("Sint-Michielsgestel", "Berlicum"),
    "Geldrop-Mierlo": ("Geldrop", "Mierlo"), "Son en Breugel": ("Son",),
    "Horst aan de Maas": ("Horst", "America", "Sevenum"),
    "Peel en Maas": ("Panningen", "Helden", "Baarlo"), "Bergen": ("Bergen", "Well"),
    "Venlo": ("Venlo", "Blerick", "Tegelen"), "Maasgouw": ("Maasbracht", "Thorn", "Heel"),
    "Roerdalen": ("Melick", "Herkenbosch", "Vlodrop"), "Leudal": ("Heythuysen", "Haelen", "Roggel"),
    "Echt-Susteren": ("Echt", "Susteren"),
    # Gelderland and Overijssel
    "Berg en Dal": ("Groesbeek", "Ooij", "Millingen aan de Rijn"),
    "Heumen": ("Malden", "Heumen", "Overasselt"), "West Maas en Waal": ("Beneden-Leeuwen", "Wamel"),
    "Rheden": ("Velp", "Rheden", "Dieren"), "Overbetuwe": ("Elst", "Heteren", "Zetten"),
    "Lingewaard": ("Huissen", "Bemmel", "Gendt"), "Renkum": ("Oosterbeek", "Renkum", "Heelsum"),
    "Oost Gelre": ("Groenlo", "Lichtenvoorde"), "Berkelland": ("Borculo", "Eibergen", "Neede"),
    "Bronckhorst": ("Vorden", "Zelhem", "Hengelo (Gld)"), "Montferland": ("Didam", "'s-Heerenberg"),
    "Oude IJsselstreek": ("Ulft", "Gendringen", "Terborg"), "Voorst": ("Twello", "Wilp"),
    "Zwartewaterland": ("Hasselt", "Genemuiden"), "Steenwijkerland": ("Steenwijk", "Vollenhove"),
    "Dalfsen": ("Dalfsen", "Nieuwleusen"), "Buren": ("Buren", "Lienden", "Maurik"),
    "West Betuwe": ("Geldermalsen", "Leerdam", "Beesd"), "Maasdriel": ("Kerkdriel", "Hedel"),
    "Neder-Betuwe": ("Opheusden", "Dodewaard", "Kesteren"), "Oldebroek": ("Wezep", "Oldebroek"),
    "Noordoostpolder": ("Emmeloord", "Marknesse"),
    # Noord- and Zuid-Holland, Zeeland
    "Gooise Meren": ("Bussum", "Naarden", "Muiden"),
    "Wijdemeren": ("Loosdrecht", "Kortenhoef", "Ankeveen"),
    "Bunschoten": ("Bunschoten-Spakenburg",),
    "Velsen": ("IJmuiden", "Velsen-Noord", "Santpoort-Noord"),
    "Bloemendaal": ("Bloemendaal", "Overveen", "Bennebroek"),
    "Dijk en Waard": ("Heerhugowaard", "Broek op Langedijk"),
    "Hollands Kroon": ("Anna Paulowna", "Wieringerwerf", "Hippolytushoef"),
    "Schagen": ("Schagen", "Warmenhuizen"), "Medemblik": ("Medemblik", "Wognum", "Abbekerk"),
    "Zaanstad": ("Zaandam", "Krommenie", "Wormerveer"),
    "Waterland": ("Monnickendam", "Broek in Waterland"), "Wormerland": ("Wormer", "Jisp"),
    "Edam-Volendam": ("Volendam", "Edam"), "Teylingen": ("Sassenheim", "Voorhout", "Warmond"),
    "Kaag en Braassem": ("Roelofarendsveen", "Leimuiden"),
    "Bodegraven-Reeuwijk": ("Bodegraven", "Reeuwijk"),
    "Zuidplas": ("Nieuwerkerk aan den IJssel", "Moordrecht"),
    "Krimpenerwaard": ("Schoonhoven", "Bergambacht", "Ouderkerk aan den IJssel"),
    "Molenlanden": ("Giessenburg", "Bleskensgraaf", "Arkel"),
    "Voorne aan Zee": ("Hellevoetsluis", "Brielle", "Rockanje"),
    "Nissewaard": ("Spijkenisse", "Zuidland"),
    "Hoeksche Waard": ("Oud-Beijerland", "'s-Gravendeel", "Numansdorp"),
    "Goeree-Overflakkee": ("Middelharnis", "Sommelsdijk", "Ouddorp"),
    "Albrandswaard": ("Rhoon", "Poortugaal"),
    "Schouwen-Duiveland": ("Zierikzee", "Brouwershaven"), "Veere": ("Domburg", "Serooskerke"),
    "Borsele": ("Heinkenszand", "'s-Heerenhoek"), "Reimerswaal": ("Yerseke", "Kruiningen"),
    "Sluis": ("Oostburg", "Sluis", "Aardenburg"),
    "Terneuzen": ("Terneuzen", "Axel", "Sas van Gent"),
}

STREETS: tuple[str, ...] = (
    "Schoolstraat", "Kerkstraat", "Dorpsstraat", "Molenweg", "Julianalaan", "Wilhelminastraat",
    "Beatrixlaan", "Stationsweg", "Parkweg", "Lindelaan", "Eikenlaan", "Berkenlaan",
    "Esdoornstraat", "Kastanjelaan", "Merelstraat", "Lijsterstraat", "Vondelstraat",
    "Rembrandtlaan", "Van Goghstraat", "Bachlaan", "Mozartlaan", "Hoofdstraat", "Nieuwstraat",
    "Prinses Irenestraat", "Oranjelaan", "Sportlaan", "Zonnebloemstraat", "Tulpstraat",
    "Brinkstraat", "Ambachtsweg", "Burgemeester de Withstraat", "Burgemeester Visserlaan",
    "Pastoor van Arsstraat", "Koningin Emmalaan", "Prins Bernhardlaan", "Thorbeckelaan",
    "Van Heekstraat", "Hengelosestraat", "Oude Markt", "Langestraat", "Korte Kerkstraat",
    "Weverstraat", "Spinnerstraat", "Haaksbergerstraat", "De Ruyterlaan", "Piet Heinstraat",
    "Tjalkstraat", "Meidoornlaan", "Populierenlaan", "Wilgenlaan", "Leeuweriklaan",
    "Kievitstraat", "Boerhaavelaan", "Schubertlaan", "Vivaldistraat", "Erasmusweg",
    "Stadhuisplein", "Marktplein", "Jan Steenstraat", "Frans Halslaan",
)
# fmt: on


def main_place(gemeente: str) -> str:
    """The main town of a municipality."""
    return PLACES.get(gemeente, (gemeente,))[0]


def place(rng: random.Random, gemeente: str) -> str:
    """A town in the municipality; the main one twice as likely as any other."""
    places = PLACES.get(gemeente, (gemeente,))
    return rng.choices(places, [2, *[1] * (len(places) - 1)])[0]


def street_address(rng: random.Random) -> str:
    """A street and house number, low numbers more common than high ones."""
    number = min(int(rng.paretovariate(0.9)), 250)
    suffix = rng.choice(("", "", "", "", "", "", "a", "b", "-1"))
    return f"{rng.choice(STREETS)} {number}{suffix}"


def postcode(rng: random.Random, region: str) -> str:
    """A postcode in the "1234 AB" form, in one of the region's postcode areas."""
    area = rng.choice(POSTCODE_AREAS[region])
    return f"{area:02d}{rng.randrange(100):02d} {rng.choice(_POSTCODE_LETTERS)}"


def real_postcode(rng: random.Random, region: str, gemeente: str, plaats: str = "") -> str:
    """A postcode whose four digits are a real PC4 of the town (or else of the municipality),
    so regio.geo places it where it is; the region's made-up kind where none is known."""
    codes = _pc4s().get((gemeente, plaats)) or _pc4s().get((gemeente, ""))
    if not codes:
        return postcode(rng, region)
    return f"{rng.choice(codes)} {rng.choice(_POSTCODE_LETTERS)}"


# A municipality's postcodes lie within this many km of the middle of them. GeoNames labels a
# few codes with a far-away town (9999 with several cities, a Leiden code with Amersfoort), and
# some town names occur twice in one province (Heusden); those codes are left out.
MUNICIPALITY_RADIUS_KM = 20


@cache
def _pc4s() -> dict[tuple[str, str], tuple[str, ...]]:
    """Real PC4s by (municipality, town) for the towns of every region of data.REGIONS, and
    by (municipality, "") for the whole municipality, from the GeoNames rows regio.geo reads.

    GeoNames names each PC4's town but not its municipality, and a few town names occur in
    two provinces (Winsum, Valkenburg, Hoorn): there the province whose codes lie nearest to
    the municipality's other towns (or else the region's) is taken. Built once per process.
    """
    from . import data  # data imports regio.models: not at this module's import time

    # town -> province -> PC4s; the codes' points are those regio.geo gives (what
    # coordinates_for says).
    found = geo.pc4_by_place()

    def groups(naam: str) -> list[list[str]]:
        return [sorted(codes) for codes in found.get(geo.place_key(naam), {}).values()]

    def middle(codes) -> tuple[float, float] | None:
        points = [geo.coordinates_for_postcode(code) for code in codes]
        if not points:
            return None
        return (sorted(p[0] for p in points)[len(points) // 2],
                sorted(p[1] for p in points)[len(points) // 2])  # fmt: skip

    table: dict[tuple[str, str], tuple[str, ...]] = {}
    for spec in data.REGIONS:
        towns = {g: PLACES.get(g, (g,)) for g in spec.gemeenten}
        sure = {g: [c for t in ts if len(groups(t)) == 1 for c in groups(t)[0]]
                for g, ts in towns.items()}  # fmt: skip
        region_middle = middle([c for codes in sure.values() for c in codes])
        for gemeente, ts in towns.items():
            anchor = middle(sure[gemeente]) or region_middle
            by_town: dict[str, list[str]] = {}
            for town in (*ts, gemeente):
                options = groups(town)
                if len(options) > 1 and anchor:
                    options = [min(options, key=lambda g: geo.distance_km(middle(g), anchor))]
                by_town[town] = [code for codes in options for code in codes]
            pool = {c for t in ts for c in by_town[t]} or set(by_town[gemeente])
            centre = middle(sorted(pool))
            if centre is None:
                continue

            def near(codes, centre=centre):
                return tuple(
                    c
                    for c in sorted(set(codes))
                    if geo.distance_km(geo.coordinates_for_postcode(c), centre)
                    <= MUNICIPALITY_RADIUS_KM
                )

            table[(gemeente, "")] = near(pool)
            for town in ts:
                if near(by_town[town]):
                    table[(gemeente, town)] = near(by_town[town])
    return table


def address(rng: random.Random, region: str) -> dict[str, str]:
    """The adres and postcode fields of a row in `region`."""
    return {"adres": street_address(rng), "postcode": postcode(rng, region)}


def domain(naam: str) -> str:
    """A host name under EXAMPLE_DOMAIN for an organisation, from its name."""
    short = naam
    for prefix in ("Stichting ", "Vereniging voor "):
        short = short.removeprefix(prefix)
    label = ""
    for word in slugify(short).split("-"):  # whole words, up to 40 characters
        if label and len(label) + 1 + len(word) > 40:
            break
        label = f"{label}-{word}" if label else word
    label = label[:40] or "organisatie"
    return f"{label}.{EXAMPLE_DOMAIN}"


def website(naam: str) -> str:
    return f"https://www.{domain(naam)}"
