"""Name tables for the demo data: real regions, their municipalities, institutes and name parts."""

from typing import NamedTuple

from regio.models import Sector


class RegionSpec(NamedTuple):
    """One onderwijsregio as the demo knows it; `size` weighs its share of boards."""

    short: str
    sector: str
    size: int
    gemeenten: tuple[str, ...]
    institutes: tuple[tuple[str, str], ...]  # (naam, plaats) of teacher-training institutes
    roc: str
    mobiliteitscentrum: str = ""  # empty: a generic "Mobiliteitscentrum Onderwijs <short>"


# The tables below are laid out by hand; the formatter would put every name on its own line.
# fmt: off

# Real onderwijsregio's / RAP regions with real municipalities and institutes. The first
# region gets the demo logins; `small` uses the first three (the regions of seeds 000, 002, 004).
REGIONS: tuple[RegionSpec, ...] = (
    RegionSpec(
        "Twente", Sector.PO, 2,
        ("Enschede", "Hengelo", "Almelo", "Borne", "Dinkelland", "Hof van Twente", "Losser",
         "Oldenzaal", "Tubbergen"),
        (("Pabo Saxion", "Enschede"), ("Saxion Lerarenopleidingen", "Enschede"),
         ("Universiteit Twente, ELAN Lerarenopleiding", "Enschede")),
        "ROC van Twente", "Onderwijsbureau Twente (ObT)",
    ),
    RegionSpec(
        "Rotterdam", Sector.VO, 4,
        ("Rotterdam", "Capelle aan den IJssel", "Schiedam", "Vlaardingen", "Barendrecht",
         "Ridderkerk", "Lansingerland", "Krimpen aan den IJssel"),
        (("Hogeschool Rotterdam, Instituut voor Lerarenopleidingen", "Rotterdam"),
         ("Hogeschool Rotterdam, Willem de Kooning Academie", "Rotterdam"),
         ("Universiteit Leiden, ICLON", "Leiden"),
         ("TU Delft, Science Education and Communication", "Delft")),
        "Zadkine",
    ),
    RegionSpec(
        "PO Noord-Nederland", Sector.PO, 6,
        ("Groningen", "Leeuwarden", "Assen", "Emmen", "Smallingerland", "Heerenveen",
         "Súdwest-Fryslân", "Hoogeveen", "Meppel", "Veendam", "Het Hogeland", "Westerkwartier",
         "Midden-Groningen", "Tynaarlo", "Noordenveld", "Harlingen"),
        (("Hanze Pabo Groningen", "Groningen"), ("NHL Stenden Pabo Leeuwarden", "Leeuwarden"),
         ("NHL Stenden Pabo Emmen", "Emmen"),
         ("Rijksuniversiteit Groningen, Lerarenopleiding", "Groningen")),
        "Noorderpoort",
    ),
    RegionSpec(
        "Utrecht", Sector.SECTOROVERSTIJGEND, 4,
        ("Utrecht", "Nieuwegein", "Zeist", "De Bilt", "Houten", "IJsselstein", "Stichtse Vecht",
         "Woerden"),
        (("Hogeschool Utrecht, Instituut Theo Thijssen", "Utrecht"),
         ("Hogeschool Utrecht, Instituut Archimedes", "Utrecht"), ("Marnix Academie", "Utrecht"),
         ("Universiteit Utrecht, Graduate School of Teaching", "Utrecht")),
        "ROC Midden Nederland",
    ),
    RegionSpec(
        "Amsterdam", Sector.SECTOROVERSTIJGEND, 5,
        ("Amsterdam", "Amstelveen", "Diemen", "Ouder-Amstel", "Aalsmeer", "Uithoorn"),
        (("Hogeschool van Amsterdam, Pabo", "Amsterdam"), ("iPabo Amsterdam", "Amsterdam"),
         ("Hogeschool van Amsterdam, Faculteit Onderwijs en Opvoeding", "Amsterdam"),
         ("Universiteit van Amsterdam, Interfacultaire Lerarenopleidingen", "Amsterdam"),
         ("Vrije Universiteit Amsterdam, Lerarenopleiding", "Amsterdam")),
        "ROC van Amsterdam",
    ),
    RegionSpec(
        "Haaglanden", Sector.SECTOROVERSTIJGEND, 4,
        ("Den Haag", "Delft", "Zoetermeer", "Rijswijk", "Leidschendam-Voorburg", "Westland",
         "Pijnacker-Nootdorp", "Wassenaar", "Midden-Delfland"),
        (("De Haagse Hogeschool, Pabo", "Den Haag"),
         ("Hogeschool Inholland, Pabo Den Haag", "Den Haag"),
         ("Universiteit Leiden, ICLON", "Leiden")),
        "ROC Mondriaan",
    ),
    RegionSpec(
        "Zuid-Limburg", Sector.PO, 3,
        ("Maastricht", "Heerlen", "Sittard-Geleen", "Kerkrade", "Landgraaf", "Brunssum",
         "Eijsden-Margraten", "Valkenburg aan de Geul", "Stein", "Beekdaelen"),
        (("De Nieuwste Pabo", "Sittard"), ("Fontys Lerarenopleiding Sittard", "Sittard"),
         ("Maastricht University, School of Education", "Maastricht")),
        "Vista college",
    ),
    RegionSpec(
        "Midden-Brabant", Sector.PO, 2,
        ("Tilburg", "Waalwijk", "Oisterwijk", "Dongen", "Gilze en Rijen", "Goirle", "Hilvarenbeek",
         "Loon op Zand", "Heusden"),
        (("Fontys Pabo Tilburg", "Tilburg"), ("Fontys Lerarenopleiding Tilburg", "Tilburg"),
         ("Tilburg University, Lerarenopleiding", "Tilburg")),
        "ROC Tilburg",
    ),
    RegionSpec(
        "Gelderland-Zuid", Sector.PO, 2,
        ("Nijmegen", "Wijchen", "Berg en Dal", "Beuningen", "Heumen", "Druten",
         "West Maas en Waal"),
        (("HAN Pabo Nijmegen", "Nijmegen"), ("HAN Instituut Leraar en School", "Nijmegen"),
         ("Radboud Docenten Academie", "Nijmegen")),
        "ROC Nijmegen",
    ),
    RegionSpec(
        "Arnhem", Sector.PO, 2,
        ("Arnhem", "Renkum", "Rheden", "Overbetuwe", "Lingewaard", "Zevenaar", "Duiven",
         "Westervoort"),
        (("HAN Pabo Arnhem", "Arnhem"), ("HAN Instituut Leraar en School", "Arnhem")),
        "Rijn IJssel",
    ),
    RegionSpec(
        "Achterhoek", Sector.SECTOROVERSTIJGEND, 2,
        ("Doetinchem", "Winterswijk", "Aalten", "Oost Gelre", "Berkelland", "Bronckhorst",
         "Montferland", "Oude IJsselstreek"),
        (("Iselinge Hogeschool", "Doetinchem"),),
        "Graafschap College",
    ),
    RegionSpec(
        "Stedendriehoek", Sector.PO, 2,
        ("Apeldoorn", "Deventer", "Zutphen", "Lochem", "Voorst", "Epe", "Brummen"),
        (("Saxion Pabo Deventer", "Deventer"), ("Saxion Lerarenopleidingen", "Deventer")),
        "Aventus",
    ),
    RegionSpec(
        "Zwolle", Sector.SECTOROVERSTIJGEND, 3,
        ("Zwolle", "Kampen", "Dalfsen", "Raalte", "Hattem", "Zwartewaterland", "Steenwijkerland",
         "Staphorst"),
        (("Hogeschool Windesheim, Pabo", "Zwolle"), ("Hogeschool Viaa, Pabo", "Zwolle"),
         ("Katholieke Pabo Zwolle (KPZ)", "Zwolle"),
         ("Hogeschool Windesheim, Lerarenopleidingen", "Zwolle")),
        "Deltion College",
    ),
    RegionSpec(
        "Flevoland", Sector.PO, 2,
        ("Almere", "Lelystad", "Dronten", "Zeewolde", "Noordoostpolder", "Urk"),
        (("Windesheim Almere, Pabo", "Almere"),),
        "ROC van Flevoland",
    ),
    RegionSpec(
        "Gooi en Vechtstreek", Sector.PO, 1,
        ("Hilversum", "Gooise Meren", "Huizen", "Wijdemeren", "Blaricum", "Laren"),
        (("Hogeschool Utrecht, Instituut Theo Thijssen", "Utrecht"),),
        "MBO College Hilversum",
    ),
    RegionSpec(
        "Eemland", Sector.PO, 2,
        ("Amersfoort", "Leusden", "Soest", "Baarn", "Bunschoten", "Woudenberg", "Nijkerk"),
        (("Hogeschool Utrecht, Pabo Amersfoort", "Amersfoort"),
         ("Hogeschool Utrecht, Instituut Archimedes", "Utrecht")),
        "MBO Amersfoort",
    ),
    RegionSpec(
        "FoodValley", Sector.PO, 2,
        ("Ede", "Wageningen", "Barneveld", "Veenendaal", "Renswoude", "Scherpenzeel", "Rhenen"),
        (("Christelijke Hogeschool Ede, Pabo", "Ede"),
         ("Christelijke Hogeschool Ede, Lerarenopleidingen", "Ede")),
        "ROC A12",
    ),
    RegionSpec(
        "Zuid-Kennemerland en IJmond", Sector.SECTOROVERSTIJGEND, 2,
        ("Haarlem", "Heemstede", "Bloemendaal", "Zandvoort", "Velsen", "Beverwijk", "Heemskerk"),
        (("Hogeschool Inholland, Pabo Haarlem", "Haarlem"),
         ("Hogeschool Inholland, Tweedegraads Lerarenopleidingen", "Haarlem")),
        "Nova College",
    ),
    RegionSpec(
        "Noord-Holland Noord", Sector.PO, 3,
        ("Alkmaar", "Den Helder", "Hoorn", "Dijk en Waard", "Schagen", "Enkhuizen", "Medemblik",
         "Hollands Kroon", "Heiloo", "Castricum"),
        (("Hogeschool Inholland, Pabo Alkmaar", "Alkmaar"), ("iPabo Alkmaar", "Alkmaar")),
        "Horizon College",
    ),
    RegionSpec(
        "Zaanstreek-Waterland", Sector.PO, 2,
        ("Zaanstad", "Purmerend", "Edam-Volendam", "Waterland", "Wormerland", "Oostzaan"),
        (("iPabo Amsterdam", "Amsterdam"),),
        "Regio College",
    ),
    RegionSpec(
        "Holland Rijnland", Sector.SECTOROVERSTIJGEND, 3,
        ("Leiden", "Alphen aan den Rijn", "Katwijk", "Leiderdorp", "Oegstgeest", "Noordwijk",
         "Teylingen", "Hillegom", "Lisse", "Kaag en Braassem", "Voorschoten"),
        (("Hogeschool Leiden, Pabo", "Leiden"), ("Universiteit Leiden, ICLON", "Leiden")),
        "mboRijnland",
    ),
    RegionSpec(
        "Midden-Holland", Sector.PO, 1,
        ("Gouda", "Waddinxveen", "Bodegraven-Reeuwijk", "Zuidplas", "Krimpenerwaard"),
        (("Driestar Hogeschool, Pabo", "Gouda"),
         ("Driestar Hogeschool, Lerarenopleidingen", "Gouda")),
        "MBO Rijnland",
    ),
    RegionSpec(
        "Drechtsteden", Sector.PO, 2,
        ("Dordrecht", "Zwijndrecht", "Papendrecht", "Sliedrecht", "Hendrik-Ido-Ambacht",
         "Alblasserdam", "Hardinxveld-Giessendam", "Molenlanden"),
        (("Hogeschool Inholland, Pabo Dordrecht", "Dordrecht"),),
        "Da Vinci College",
    ),
    RegionSpec(
        "Zuid-Hollandse Eilanden", Sector.PO, 2,
        ("Voorne aan Zee", "Nissewaard", "Hoeksche Waard", "Goeree-Overflakkee", "Albrandswaard"),
        (("Thomas More Hogeschool", "Rotterdam"),),
        "Albeda",
    ),
    RegionSpec(
        "Zeeland", Sector.SECTOROVERSTIJGEND, 2,
        ("Middelburg", "Vlissingen", "Goes", "Terneuzen", "Hulst", "Schouwen-Duiveland", "Veere",
         "Borsele", "Reimerswaal", "Sluis", "Tholen"),
        (("HZ University of Applied Sciences, Pabo", "Vlissingen"),),
        "Scalda",
    ),
    RegionSpec(
        "West-Brabant", Sector.PO, 3,
        ("Breda", "Roosendaal", "Bergen op Zoom", "Oosterhout", "Etten-Leur", "Moerdijk",
         "Halderberge", "Drimmelen", "Zundert", "Woensdrecht"),
        (("Avans Hogeschool, Pabo Breda", "Breda"), ("Fontys Lerarenopleiding Tilburg", "Tilburg")),
        "Curio",
    ),
    RegionSpec(
        "Noordoost-Brabant", Sector.PO, 3,
        ("'s-Hertogenbosch", "Oss", "Meierijstad", "Vught", "Boxtel", "Maashorst", "Land van Cuijk",
         "Bernheze", "Sint-Michielsgestel"),
        (("Avans Hogeschool, Pabo 's-Hertogenbosch", "'s-Hertogenbosch"),
         ("Fontys Lerarenopleiding Tilburg", "Tilburg")),
        "Koning Willem I College",
    ),
    RegionSpec(
        "Zuidoost-Brabant", Sector.SECTOROVERSTIJGEND, 3,
        ("Eindhoven", "Helmond", "Veldhoven", "Best", "Geldrop-Mierlo", "Son en Breugel", "Nuenen",
         "Waalre", "Valkenswaard", "Deurne", "Someren"),
        (("Fontys Pabo Eindhoven", "Eindhoven"), ("Hogeschool de Kempel", "Helmond"),
         ("TU Eindhoven, Eindhoven School of Education", "Eindhoven")),
        "Summa College",
    ),
    RegionSpec(
        "Noord-Limburg", Sector.PO, 1,
        ("Venlo", "Venray", "Horst aan de Maas", "Peel en Maas", "Beesel", "Bergen", "Gennep"),
        (("Fontys Pabo Venlo", "Venlo"),),
        "Gilde Opleidingen",
    ),
    RegionSpec(
        "Midden-Limburg", Sector.PO, 1,
        ("Roermond", "Weert", "Maasgouw", "Roerdalen", "Leudal", "Echt-Susteren", "Nederweert"),
        (("De Nieuwste Pabo", "Sittard"),),
        "Gilde Opleidingen",
    ),
    RegionSpec(
        "Rivierenland", Sector.PO, 1,
        ("Tiel", "Culemborg", "Buren", "West Betuwe", "Zaltbommel", "Maasdriel", "Neder-Betuwe"),
        (("HAN Pabo Nijmegen", "Nijmegen"),),
        "ROC Rivor",
    ),
    RegionSpec(
        "Noord-Veluwe", Sector.PO, 1,
        ("Harderwijk", "Ermelo", "Putten", "Nunspeet", "Elburg", "Oldebroek"),
        (("Hogeschool Viaa, Pabo", "Zwolle"), ("Christelijke Hogeschool Ede, Pabo", "Ede")),
        "Landstede MBO",
    ),
    RegionSpec(
        "VO Fryslân", Sector.VO, 2,
        ("Leeuwarden", "Súdwest-Fryslân", "Smallingerland", "Heerenveen", "De Fryske Marren",
         "Harlingen", "Waadhoeke", "Noardeast-Fryslân", "Dantumadiel", "Opsterland",
         "Weststellingwerf", "Ooststellingwerf", "Tytsjerksteradiel"),
        (("NHL Stenden, Lerarenopleidingen", "Leeuwarden"),
         ("Rijksuniversiteit Groningen, Lerarenopleiding", "Groningen")),
        "Friesland College",
    ),
    RegionSpec(
        "VO Groningen", Sector.VO, 2,
        ("Groningen", "Midden-Groningen", "Oldambt", "Het Hogeland", "Westerkwartier", "Eemsdelta",
         "Veendam", "Pekela", "Stadskanaal", "Westerwolde"),
        (("Hanzehogeschool Groningen, Lerarenopleidingen", "Groningen"),
         ("Rijksuniversiteit Groningen, Lerarenopleiding", "Groningen")),
        "Alfa-college",
    ),
    RegionSpec(
        "VO Drenthe", Sector.VO, 2,
        ("Assen", "Emmen", "Hoogeveen", "Meppel", "Coevorden", "Borger-Odoorn", "Aa en Hunze",
         "Tynaarlo", "Noordenveld", "Midden-Drenthe", "De Wolden", "Westerveld"),
        (("NHL Stenden, Lerarenopleidingen Emmen", "Emmen"),
         ("Rijksuniversiteit Groningen, Lerarenopleiding", "Groningen")),
        "Drenthe College",
    ),
)

# Twente's boards named in seed 000 (RAP plan 2022-23); KOE is the penvoerder. The plaats is
# given where the name says it; the others get one of the region's municipalities.
TWENTE_BOARDS: tuple[tuple[str, str], ...] = (
    ("Stichting Katholiek Onderwijs Enschede (KOE)", "Enschede"),
    ("Stichting Symbio", ""),
    ("Stichting Varietas", ""),
    ("Stichting SKOLO", "Losser"),
)
# fmt: on


class BoardGroup(NamedTuple):
    """Boards of a region whose totals a source document gives: taking part, or not."""

    boards: int
    so_boards: int  # of which special education (SO/SBO); the rest are PO
    fte: str  # the group's total, as a decimal string with one decimal
    pupils: int


class KnownCoverage(NamedTuple):
    """A region whose coverage figures are published: the demo reproduces them exactly."""

    taking_part: BoardGroup
    others: BoardGroup
    penvoerder: str  # the naam of the board that administers the grant


# Seed 000 (Twente, 2022): 16 of the 24 boards take part (in 2018: 15 PO + 2 SO), with 3,170 of
# the region's 3,567 fte and 37,682 of its 41,764 pupils; KOE is the penvoerder. The named boards
# of TWENTE_BOARDS are among those taking part.
KNOWN_COVERAGE: dict[str, KnownCoverage] = {
    "Twente": KnownCoverage(
        taking_part=BoardGroup(boards=16, so_boards=2, fte="3170.0", pupils=37682),
        others=BoardGroup(boards=8, so_boards=2, fte="397.0", pupils=4082),
        penvoerder="Stichting Katholiek Onderwijs Enschede (KOE)",
    ),
}

# fmt: off

# Board name templates per sector: (template, denomination). {g} is a municipality, {b} a brand.
BOARD_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    Sector.PO: (
        ("Stichting Katholiek Primair Onderwijs {g}", "rk"),
        ("Stichting Openbaar Primair Onderwijs {g}", "openbaar"),
        ("Stichting Openbaar Onderwijs {g}", "openbaar"),
        ("Vereniging voor Christelijk Primair Onderwijs {g}", "christelijk"),
        ("Stichting Protestants-Christelijk Basisonderwijs {g}", "christelijk"),
        ("Vereniging voor Gereformeerd Schoolonderwijs {g}", "christelijk"),
        ("Stichting Samenwerkingsscholen {g}", "algemeen"),
        ("Stichting Montessorionderwijs {g}", "algemeen"),
        ("Stichting {b}", "algemeen"),
        ("Stichting {b}", "algemeen"),
        ("Stichting {b}", "rk"),
        ("Vereniging {b}", "christelijk"),
    ),
    Sector.VO: (
        ("Stichting Voortgezet Onderwijs {g}", "algemeen"),
        ("Stichting Openbaar Voortgezet Onderwijs {g}", "openbaar"),
        ("Vereniging voor Christelijk Voortgezet Onderwijs {g}", "christelijk"),
        ("Stichting Katholiek Voortgezet Onderwijs {g}", "rk"),
        ("Stichting Scholengroep {b}", "algemeen"),
        ("Stichting {b} Scholengroep", "christelijk"),
    ),
    Sector.SO: (
        ("Stichting Speciaal Onderwijs {g}", "algemeen"),
        ("Stichting Gespecialiseerd Onderwijs {g}", "algemeen"),
        ("Stichting Orthopedagogisch Centrum {g}", "algemeen"),
        ("Stichting {b} Speciaal Onderwijs", "algemeen"),
    ),
}

# Made-up brand names of the kind boards adopt after a merger.
BRANDS: tuple[str, ...] = (
    "Prisma", "Talentum", "Kindwijzer", "Fluenta", "Aves", "Spectrum", "Kansrijk", "Leerplein",
    "De Linie", "Meerwaarde", "Sterk Onderwijs", "Horizon", "Kompas", "Scala", "Veelzijdig",
    "Accent", "Kindkracht", "Wijzer", "Perspectief", "Optimus", "Vivente", "Floreo", "Leonardo",
    "Arcade", "Trivium", "Unitas", "Forte", "Kindsterk", "Lumen", "Rondom", "Samenspel",
    "Waaier", "Vlinderslag", "Boomgaard", "Tangram", "Oostwind", "Westhoek", "Zuidkant",
    "Noorderlicht", "Rivierwijs", "Polderpracht", "Dijkwerk", "Heidezicht", "Veenkracht",
    "Esdoorn", "Vonk", "Lichtbaken", "Mozaïek", "Kristal", "Palet", "Regenboog", "Klimrek",
    "Groeikracht", "Leerwerf", "Sterrenwacht", "Zonnespel", "Kindplein", "Onderwijsgroep Plus",
    "Schoolkracht", "Wegwijs", "Kiem", "Verbindend Leren", "Eigenwijs", "Nieuwsgierig",
)

# School name parts. PO prefixes by denomination of the board.
PO_PREFIXES: dict[str, tuple[str, ...]] = {
    "openbaar": ("Openbare Basisschool", "OBS", "Openbaar Kindcentrum", "Basisschool"),
    "rk": ("RK Basisschool", "Katholieke Basisschool", "KBS", "Basisschool", "Kindcentrum"),
    "christelijk": (
        "Christelijke Basisschool",
        "CBS",
        "Protestants-Christelijke Basisschool",
        "Basisschool",
    ),
    "algemeen": (
        "Basisschool", "Kindcentrum", "IKC", "Daltonschool", "Jenaplanschool", "Montessorischool",
    ),
}
PO_NAMES: tuple[str, ...] = (
    "De Regenboog", "'t Hofke", "De Wingerd", "De Vlinder", "De Zonnewijzer", "Het Kompas",
    "De Fontein", "De Wegwijzer", "De Klimop", "De Springplank", "Het Palet", "De Bolster",
    "De Sterrenboog", "De Akker", "De Esch", "De Linde", "De Eik", "Het Mozaïek", "De Horizon",
    "De Bron", "De Schakel", "De Ark", "De Wieken", "De Triangel", "De Molenwiek", "Het Anker",
    "De Vuurtoren", "De Kleine Prins", "De Tweemaster", "De Windroos", "De Zevensprong",
    "Het Talent", "De Toermalijn", "De Parel", "De Meander", "Het Lichtpunt", "De Kameleon",
    "De Globe", "Wereldwijs", "De Ontdekking", "Het Baken", "De Boomgaard", "Het Klokhuis",
    "De Berkenhof", "'t Schrijverke", "De Hoeksteen", "De Dobbelsteen", "Het Startblok",
    "De Piramide", "De Zonnebloem", "Het Kleurrijk", "De Vlieger", "'t Vlot", "De Tandem",
    "De Kornalijn", "De Kring", "Het Veldboeket", "De Waterlelie", "De Sprankel", "De Pijler",
)
PO_NAMES_RK: tuple[str, ...] = (
    "Sint Jozef", "Sint Martinus", "Titus Brandsma", "Don Bosco", "Sint Bernardus",
    "Mariaschool", "Sint Nicolaas", "Sint Franciscus", "Paus Johannes", "Sint Willibrordus",
)
PO_NAMES_CHRISTELIJK: tuple[str, ...] = (
    "Koningin Juliana", "Prins Willem-Alexander", "Prinses Beatrix", "Eben-Haëzer",
    "De Rank", "Het Mosterdzaadje", "De Wegbereider", "Oranje Nassau", "Koning Willem",
)
SO_PREFIXES: tuple[str, ...] = (
    "SBO", "Speciale Basisschool", "SO", "SO/VSO", "VSO", "Mytylschool",
    "School voor Speciaal Onderwijs",
)
SO_NAMES: tuple[str, ...] = (
    "De Brug", "De Wissel", "De Twijn", "De Kaap", "Het Veldzicht", "De Sluis", "De Steiger",
    "Het Kasteel", "De Korenaar", "De Ster", "De Bongerd", "Het Startpunt", "De Berg",
    "De Zwengel", "Het Klaverblad", "De Sterrenschool",
)
VO_NAMES: tuple[str, ...] = (
    "Het Noordik", "Het Streek", "De Waard", "Het Hooghuis", "De Heemgaard", "Het Baarnsch",
    "De Rietlanden", "Het Assink", "De Breul", "Het Kwadrant", "De Amersfoortse Berg",
    "Het Lyceum aan de Stroom", "De Brink", "Het Rijnlands", "De Veenlanden", "Het Plein",
)
VO_PERSONS: tuple[str, ...] = (
    "Bonhoeffer", "Erasmus", "Comenius", "Thorbecke", "Da Vinci", "Spinoza", "Augustinus",
    "Canisius", "Huygens", "Descartes", "Vincent van Gogh", "Rembrandt", "Thomas a Kempis",
    "Melanchthon", "Calvijn", "Titus Brandsma", "Erfgooiers", "Maerlant", "Vondel",
    "Stedelijk",
)
# VO templates by denomination: {n} a name, {p} a person, {g} the municipality.
VO_TEMPLATES: dict[str, tuple[str, ...]] = {
    "openbaar": (
        "Openbare Scholengemeenschap {g}", "Stedelijk Gymnasium {g}", "{p} College",
        "Scholengemeenschap {n}", "Praktijkschool {g}",
    ),
    "rk": ("{p} College", "Katholiek Lyceum {g}", "Scholengemeenschap {n}", "Vakcollege {g}"),
    "christelijk": ("CSG {n}", "Christelijk Lyceum {g}", "{p} College", "CSG {p}"),
    "algemeen": (
        "{p} College", "{p} Lyceum", "Scholengemeenschap {n}", "Montessori College {g}",
        "Vakcollege {g}", "Praktijkschool {g}",
    ),
}
# Where a second location of a school sits when it is in the same municipality.
WIJKEN: tuple[str, ...] = ("Centrum", "Noord", "Oost", "Zuid", "West", "Buitenveld", "De Haven")

# Pupils per fte of a board by sector: (low, high); special education has small classes.
PUPILS_PER_FTE: dict[str, tuple[float, float]] = {
    Sector.PO: (12.5, 15.5),
    Sector.SO: (5.5, 8.0),
    Sector.VO: (12.5, 15.5),
}
# Average fte of one school location by sector: (low, high).
FTE_PER_SCHOOL: dict[str, tuple[float, float]] = {
    Sector.PO: (11.0, 24.0),
    Sector.SO: (22.0, 45.0),
    Sector.VO: (35.0, 90.0),
}
# Share of a region's boards per sector, by the region's sector.
BOARD_SECTOR_MIX: dict[str, tuple[tuple[str, float], ...]] = {
    Sector.PO: ((Sector.PO, 0.88), (Sector.SO, 0.12)),
    Sector.VO: ((Sector.VO, 0.85), (Sector.SO, 0.15)),
    Sector.SO: ((Sector.SO, 1.0),),
    Sector.SECTOROVERSTIJGEND: ((Sector.PO, 0.62), (Sector.VO, 0.25), (Sector.SO, 0.13)),
}
# Relative number of locations a board of a sector runs (PO boards run many small schools).
SCHOOLS_WEIGHT: dict[str, float] = {Sector.PO: 1.0, Sector.SO: 0.5, Sector.VO: 0.7}
# Most locations one board of a sector runs in the demo.
MAX_SCHOOLS: dict[str, int] = {Sector.PO: 70, Sector.SO: 5, Sector.VO: 16}
# Chance that a location is another vestiging of the board's previous school (same BRIN).
SECOND_LOCATION: dict[str, float] = {Sector.PO: 0.06, Sector.SO: 0.15, Sector.VO: 0.35}

# The demo logins, all in the first region: (e-mail local part, role, naam).
DEMO_PEOPLE: tuple[tuple[str, str, str], ...] = (
    ("kandidaat", "kandidaat", "Kim de Vries"),
    ("adviseur", "loketadviseur", "Anouk Jansen"),
    ("hr", "hr", "Henk Bakker"),
    ("opleider", "opleider", "Olga Visser"),
    ("projectleider", "projectleider", "Pieter Smit"),
    ("beheerder", "beheerder", "Bea Meijer"),
)
DEMO_DOMAIN = "demo.onderwijsloket.nl"
DEMO_PASSWORD = "demo-loket-2026"
# fmt: on
