"""Addresses for the demo: streets, Dutch postcodes by region, towns in municipalities, websites."""

import random
import string

from django.utils.text import slugify

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
