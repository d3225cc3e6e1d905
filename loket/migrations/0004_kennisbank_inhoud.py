"""The desk's first content: the catalogue of routes into education work and the knowledge base.

The texts answer the questions the desks hear most (seed 002: kinds of qualification, whether
one is required, zij-instroom, where to study, hbo or university, studying next to a job, who
pays). Values are plain strings, not the app's enums, so this migration keeps working when the
code changes. Staff edit the texts in the admin afterwards; rows are found by slug, so running
this again (or after an edit) changes nothing.
"""

from django.db import migrations

ALLE_NIVEAUS = ["vo", "mbo", "hbo", "wo_bachelor", "wo_master"]
HOGER_ONDERWIJS = ["hbo", "wo_bachelor", "wo_master"]
ACADEMISCH = ["wo_bachelor", "wo_master"]

ROUTES = [
    {
        "slug": "zij-instroom-po",
        "naam": "Zij-instroom in het basisonderwijs",
        "soort": "zij_instroom",
        "samenvatting": (
            "Meteen aan de slag als leraar op een basisschool en tegelijk je bevoegdheid halen:"
            " werken en leren, in hoogstens twee jaar."
        ),
        "voor_wie": (
            "Voor wie een hbo- of wo-diploma heeft, al werkervaring heeft buiten het onderwijs"
            " en leraar wil worden in het basisonderwijs of het speciaal onderwijs.\n\n"
            "Je begint met een geschiktheidsonderzoek: de lerarenopleiding en de school kijken"
            " samen wat je al kunt en wat je nog moet leren. Daarna werk je op een school en"
            " volg je een opleiding op maat. Je hebt dus een baan bij een school nodig; het"
            " loket helpt je die te vinden."
        ),
        "niveaus": HOGER_ONDERWIJS,
        "sectoren": ["po", "so"],
        "vakverwant": False,
        "baan_nodig": True,
        "alleen_onderwijspersoneel": False,
        "naast_baan": True,
        "duur": "Hoogstens twee jaar",
        "studielast": (
            "je werkt op een school en studeert daarnaast; werk en studie samen vragen een"
            " volle week"
        ),
        "kosten": (
            "Je school kan de subsidie zij-instroom aanvragen bij de overheid. Daarmee betaalt"
            " de school meestal je opleiding en je begeleiding. Spreek voor je begint met je"
            " werkgever af wat de school betaalt en wat je eventueel zelf betaalt."
        ),
        "opleidingssoorten": ["pabo"],
        "aanbieder_soort": "lerarenopleiding",
        "volgorde": 10,
    },
    {
        "slug": "zij-instroom-vo-mbo",
        "naam": "Zij-instroom in het voortgezet onderwijs en het mbo",
        "soort": "zij_instroom",
        "samenvatting": (
            "Met je kennis uit een ander vak meteen voor de klas in het voortgezet onderwijs of"
            " het mbo, en binnen hoogstens twee jaar bevoegd."
        ),
        "voor_wie": (
            "Voor wie een hbo- of wo-diploma heeft dat past bij een schoolvak of beroepsvak,"
            " bijvoorbeeld een technische opleiding voor het vak techniek, of een studie"
            " economie voor het vak economie.\n\n"
            "Je begint met een geschiktheidsonderzoek: de lerarenopleiding en de school kijken"
            " of je vooropleiding bij het vak past en wat je nog moet leren. Daarna werk je op"
            " een school en haal je tegelijk je tweedegraads bevoegdheid. In het mbo haal je"
            " een pedagogisch-didactisch getuigschrift (PDG). Je hebt een baan bij een school"
            " nodig; het loket helpt je die te vinden."
        ),
        "niveaus": HOGER_ONDERWIJS,
        "sectoren": ["vo", "mbo"],
        "vakverwant": True,
        "baan_nodig": True,
        "alleen_onderwijspersoneel": False,
        "naast_baan": True,
        "duur": "Hoogstens twee jaar",
        "studielast": (
            "je werkt op een school en studeert daarnaast; werk en studie samen vragen een"
            " volle week"
        ),
        "kosten": (
            "Je school kan de subsidie zij-instroom aanvragen bij de overheid. Daarmee betaalt"
            " de school meestal je opleiding en je begeleiding. Spreek voor je begint met je"
            " werkgever af wat de school betaalt en wat je eventueel zelf betaalt."
        ),
        "opleidingssoorten": ["tweedegraads", "pdg"],
        "aanbieder_soort": "lerarenopleiding",
        "volgorde": 20,
    },
    {
        "slug": "deeltijd-pabo",
        "naam": "Deeltijd pabo",
        "soort": "deeltijd_pabo",
        "samenvatting": (
            "De opleiding tot leraar basisonderwijs, in deeltijd te volgen naast je werk of de"
            " zorg voor je gezin."
        ),
        "voor_wie": (
            "Voor wie leraar wil worden in het basisonderwijs of het speciaal onderwijs en de"
            " opleiding naast werk of zorg wil doen. Je hebt een havo-, vwo- of mbo-4-diploma"
            " nodig, of een hoger diploma.\n\n"
            "Heb je al een hbo- of wo-diploma, dan volg je vaak een verkort traject. Je loopt"
            " stage op een basisschool; daar leer je het vak in de praktijk."
        ),
        "niveaus": ALLE_NIVEAUS,
        "sectoren": ["po", "so"],
        "vakverwant": False,
        "baan_nodig": False,
        "alleen_onderwijspersoneel": False,
        "naast_baan": True,
        "duur": "In deeltijd meestal vier jaar; met een hbo- of wo-diploma vaak korter",
        "studielast": ("colleges op vaste dagen of avonden, en daarnaast stage op een basisschool"),
        "kosten": (
            "Je betaalt collegegeld. Werk je al op een school, bijvoorbeeld als"
            " onderwijsassistent, vraag dan of je schoolbestuur meebetaalt. Het loket weet welke"
            " regelingen er in jouw regio zijn."
        ),
        "opleidingssoorten": ["pabo"],
        "aanbieder_soort": "lerarenopleiding",
        "volgorde": 30,
    },
    {
        "slug": "deeltijd-tweedegraads",
        "naam": "Deeltijd tweedegraads lerarenopleiding",
        "soort": "deeltijd_tweedegraads",
        "samenvatting": (
            "Leraar worden in een vak voor het vmbo, de onderbouw van havo en vwo en het mbo,"
            " met een hbo-opleiding in deeltijd."
        ),
        "voor_wie": (
            "Voor wie leraar wil worden in één vak, zoals Nederlands, wiskunde, techniek of"
            " economie. Je leert het vak zelf en het lesgeven. Je hebt een havo-, vwo- of"
            " mbo-4-diploma nodig, of een hoger diploma.\n\n"
            "Met een tweedegraads bevoegdheid mag je lesgeven in het vmbo, in de onderbouw van"
            " havo en vwo en in het mbo. Heb je al een diploma dat bij het vak past, dan kan de"
            " opleiding korter."
        ),
        "niveaus": ALLE_NIVEAUS,
        "sectoren": ["vo", "mbo"],
        "vakverwant": False,
        "baan_nodig": False,
        "alleen_onderwijspersoneel": False,
        "naast_baan": True,
        "duur": "In deeltijd meestal vier jaar; met een passend hbo- of wo-diploma vaak korter",
        "studielast": ("colleges op vaste dagen of avonden, en daarnaast stage op een school"),
        "kosten": (
            "Je betaalt collegegeld. Werk je al als leraar, dan kun je misschien de"
            " lerarenbeurs aanvragen. Vraag ook de school waar je (gaat) werken of die"
            " meebetaalt."
        ),
        "opleidingssoorten": ["tweedegraads"],
        "aanbieder_soort": "lerarenopleiding",
        "volgorde": 40,
    },
    {
        "slug": "universitaire-lerarenopleiding",
        "naam": "Universitaire lerarenopleiding of educatieve master",
        "soort": "universitair",
        "samenvatting": (
            "Na een universitaire studie leraar worden, met een eerstegraads bevoegdheid voor"
            " alle klassen van het voortgezet onderwijs."
        ),
        "voor_wie": (
            "Voor wie aan de universiteit heeft gestudeerd in een vak dat past bij een"
            " schoolvak, bijvoorbeeld wiskunde, biologie, geschiedenis of Duits.\n\n"
            "Met een passende wo-master volg je de universitaire lerarenopleiding. Met alleen"
            " een wo-bachelor volg je een educatieve master. In beide gevallen haal je een"
            " eerstegraads bevoegdheid: je mag dan lesgeven in alle klassen van het voortgezet"
            " onderwijs, ook in de bovenbouw van havo en vwo, en in het mbo."
        ),
        "niveaus": ACADEMISCH,
        "sectoren": ["vo", "mbo"],
        "vakverwant": True,
        "baan_nodig": False,
        "alleen_onderwijspersoneel": False,
        "naast_baan": True,
        "duur": (
            "Na een passende wo-master één jaar voltijd of langer in deeltijd; een educatieve"
            " master duurt langer"
        ),
        "studielast": (
            "in deeltijd te doen naast een baan, het liefst als leraar op een school: je"
            " oefent dan in je eigen lessen"
        ),
        "kosten": (
            "Je betaalt collegegeld. Werk je al als leraar, dan kun je misschien de"
            " lerarenbeurs aanvragen. Veel scholen betalen mee als je bij hen lesgeeft; vraag"
            " ernaar voor je begint."
        ),
        "opleidingssoorten": ["eerstegraads", "educatieve_master"],
        "aanbieder_soort": "lerarenopleiding",
        "volgorde": 50,
    },
    {
        "slug": "kort-traject-academici",
        "naam": "Kort traject voor academici",
        "soort": "kort_academici",
        "samenvatting": (
            "Een korte opleiding voor academici die snel les willen geven in het vmbo en de"
            " onderbouw van havo en vwo."
        ),
        "voor_wie": (
            "Voor wie een wo-diploma heeft dat past bij een schoolvak en snel voor de klas wil"
            " staan, zonder meteen een hele lerarenopleiding te volgen.\n\n"
            "Met een educatieve module haal je een beperkte tweedegraads bevoegdheid: je mag"
            " lesgeven in het vmbo (theoretische leerweg) en in de onderbouw van havo en vwo."
            " Later kun je doorleren voor een eerstegraads bevoegdheid."
        ),
        "niveaus": ACADEMISCH,
        "sectoren": ["vo"],
        "vakverwant": True,
        "baan_nodig": False,
        "alleen_onderwijspersoneel": False,
        "naast_baan": True,
        "duur": (
            "Korter dan een volledige lerarenopleiding; de opleiding vertelt je hoe lang het"
            " voor jou duurt"
        ),
        "studielast": ("naast een baan te volgen; je oefent met lesgeven op een school"),
        "kosten": (
            "Je betaalt collegegeld of een bedrag voor de module aan de universiteit. Vraag de"
            " school waar je gaat werken of die meebetaalt."
        ),
        "opleidingssoorten": ["educatieve_master", "eerstegraads"],
        "aanbieder_soort": "lerarenopleiding",
        "volgorde": 60,
    },
    {
        "slug": "onderwijsassistent",
        "naam": "Onderwijsassistent (mbo)",
        "soort": "onderwijsassistent",
        "samenvatting": (
            "De leraar helpen in de klas: een mbo-opleiding die je kunt volgen terwijl je al op"
            " een school werkt."
        ),
        "voor_wie": (
            "Voor wie graag met kinderen of jongeren werkt en de leraar wil helpen: je"
            " begeleidt groepjes leerlingen, helpt bij opdrachten en bereidt materiaal voor."
            " Een lerarenbevoegdheid heb je hiervoor niet nodig.\n\n"
            "Je volgt een mbo-opleiding op niveau 4 bij een ROC. In de beroepsbegeleidende"
            " leerweg (bbl) werk je op een school en leer je tegelijk. Daarna kun je"
            " doorstuderen, bijvoorbeeld voor leraarondersteuner of de pabo."
        ),
        "niveaus": ALLE_NIVEAUS,
        "sectoren": ["po", "so", "vo", "mbo"],
        "vakverwant": False,
        "baan_nodig": False,
        "alleen_onderwijspersoneel": False,
        "naast_baan": True,
        "duur": "Een mbo-opleiding van een paar jaar; met een eerder diploma vaak korter",
        "studielast": ("in de bbl werk je op een school en volg je daarnaast lessen bij het ROC"),
        "kosten": (
            "Voor een mbo-opleiding betaal je lesgeld of cursusgeld. In de bbl betaalt je"
            " werkgever soms mee; vraag ernaar."
        ),
        "opleidingssoorten": [],
        "aanbieder_soort": "roc",
        "volgorde": 70,
    },
    {
        "slug": "leraarondersteuner",
        "naam": "Associate degree leraarondersteuner",
        "soort": "leraarondersteuner",
        "samenvatting": (
            "Een tweejarige hbo-opleiding voor wie delen van de les zelf wil geven, onder"
            " verantwoordelijkheid van een leraar."
        ),
        "voor_wie": (
            "Voor wie meer wil doen dan assisteren, maar (nog) geen leraar wil worden. Als"
            " leraarondersteuner geef je zelf delen van de les en begeleid je leerlingen, onder"
            " verantwoordelijkheid van een bevoegde leraar.\n\n"
            "Je hebt een havo-, vwo- of mbo-4-diploma nodig. Veel studenten werken al als"
            " onderwijsassistent. Na de associate degree kun je doorstuderen voor een bachelor,"
            " bijvoorbeeld de pabo."
        ),
        "niveaus": ALLE_NIVEAUS,
        "sectoren": ["po", "so", "vo"],
        "vakverwant": False,
        "baan_nodig": False,
        "alleen_onderwijspersoneel": False,
        "naast_baan": True,
        "duur": "Twee jaar",
        "studielast": (
            "in deeltijd naast je werk op een school, met colleges op vaste dagen of avonden"
        ),
        "kosten": (
            "Je betaalt collegegeld. Werk je al op een school, vraag dan of je werkgever"
            " meebetaalt."
        ),
        "opleidingssoorten": ["pabo", "tweedegraads"],
        "aanbieder_soort": "lerarenopleiding",
        "volgorde": 80,
    },
    {
        "slug": "schoolleider",
        "naam": "Schoolleidersopleiding",
        "soort": "schoolleider",
        "samenvatting": (
            "Voor wie in het onderwijs werkt en leiding wil geven aan een team of een school."
        ),
        "voor_wie": (
            "Voor leraren en andere medewerkers in het onderwijs die teamleider, adjunct-"
            "directeur of directeur willen worden.\n\n"
            "Je volgt de opleiding naast je werk en past wat je leert meteen toe in je eigen"
            " school. Er zijn opleidingen voor het primair onderwijs en voor het voortgezet"
            " onderwijs en het mbo."
        ),
        "niveaus": HOGER_ONDERWIJS,
        "sectoren": ["po", "so", "vo", "mbo"],
        "vakverwant": False,
        "baan_nodig": False,
        "alleen_onderwijspersoneel": True,
        "naast_baan": True,
        "duur": "Verschilt per opleiding",
        "studielast": "naast je baan in het onderwijs, met bijeenkomsten op vaste dagen",
        "kosten": (
            "Meestal betaalt je schoolbestuur de opleiding of een deel ervan. Maak er"
            " afspraken over met je werkgever voor je begint."
        ),
        "opleidingssoorten": [],
        "aanbieder_soort": "lerarenopleiding",
        "volgorde": 90,
    },
]

ARTIKELEN = [
    {
        "slug": "welke-bevoegdheden-zijn-er",
        "onderwerp": "bevoegdheid",
        "volgorde": 10,
        "vraag": "Welke bevoegdheden zijn er?",
        "antwoord": (
            "Een bevoegdheid is het bewijs dat je les mag geven. Welke bevoegdheid je nodig"
            " hebt, hangt af van de sector en de klassen waarin je wilt werken.\n\n"
            "- Basisonderwijs: met een pabo-diploma mag je lesgeven in alle groepen van de"
            " basisschool en in het speciaal onderwijs.\n"
            "- Tweedegraads bevoegdheid: je mag één vak geven in het vmbo, in de onderbouw van"
            " havo en vwo en in het mbo. Je haalt hem bij een tweedegraads lerarenopleiding van"
            " een hogeschool.\n"
            "- Eerstegraads bevoegdheid: je mag één vak geven in alle klassen van het"
            " voortgezet onderwijs, ook in de bovenbouw van havo en vwo. Je haalt hem met een"
            " universitaire lerarenopleiding of een eerstegraads master.\n"
            "- Mbo: geef je les met een diploma in je vak, maar zonder lerarenopleiding? Dan"
            " haal je een pedagogisch-didactisch getuigschrift (PDG).\n\n"
            "Twijfel je welke bevoegdheid bij jou past? Vraag een gratis adviesgesprek aan bij"
            " het loket."
        ),
    },
    {
        "slug": "is-een-bevoegdheid-verplicht",
        "onderwerp": "bevoegdheid",
        "volgorde": 20,
        "vraag": "Is een bevoegdheid verplicht als je wilt lesgeven?",
        "antwoord": (
            "Ja, als leraar wel: een bevoegdheid is vereist. De wet vraagt dat leraren in het"
            " basisonderwijs, het"
            " voortgezet onderwijs en het mbo bevoegd zijn voor hun vak of hun groep.\n\n"
            "Een school mag je wel tijdelijk laten lesgeven terwijl je je bevoegdheid haalt. Zo"
            " werkt zij-instroom: je staat al voor de klas en studeert tegelijk.\n\n"
            "Voor andere banen in het onderwijs heb je geen lesbevoegdheid nodig, bijvoorbeeld"
            " als onderwijsassistent of leraarondersteuner. Je werkt dan onder"
            " verantwoordelijkheid van een bevoegde leraar.\n\n"
            "Een bevoegdheid geeft je meer zekerheid: je kunt een vaste aanstelling krijgen en"
            " je kunt ook bij andere scholen aan de slag."
        ),
    },
    {
        "slug": "eerstegraads-of-tweedegraads",
        "onderwerp": "bevoegdheid",
        "volgorde": 30,
        "vraag": "Wat is het verschil tussen een eerstegraads en een tweedegraads bevoegdheid?",
        "antwoord": (
            "Beide bevoegdheden gelden voor één vak in het voortgezet onderwijs en het mbo. Het"
            " verschil zit in de klassen waarin je mag lesgeven.\n\n"
            "- Met een tweedegraads bevoegdheid geef je les in het vmbo, in de onderbouw van"
            " havo en vwo en in het mbo.\n"
            "- Met een eerstegraads bevoegdheid geef je les in alle klassen, ook in de"
            " bovenbouw van havo en vwo.\n\n"
            "Een tweedegraads bevoegdheid haal je aan een hogeschool. Een eerstegraads"
            " bevoegdheid haal je meestal aan een universiteit, na een master in je vak. Met"
            " een tweedegraads bevoegdheid kun je later doorleren voor een eerstegraads"
            " bevoegdheid."
        ),
    },
    {
        "slug": "wat-is-zij-instroom",
        "onderwerp": "routes",
        "volgorde": 10,
        "vraag": "Wat is zij-instroom?",
        "antwoord": (
            "Zij-instroom is een route voor mensen met een hbo- of wo-diploma die vanuit een"
            " ander beroep leraar willen worden. Als zij-instromer werk je meteen op een school"
            " en haal je tegelijk je bevoegdheid.\n\n"
            "Zo gaat het:\n"
            "- Je begint met een geschiktheidsonderzoek. Een lerarenopleiding kijkt samen met"
            " de school wat je al kunt en wat je nog moet leren.\n"
            "- Je krijgt een baan bij een school. Zonder baan kun je niet als zij-instromer"
            " beginnen.\n"
            "- Je volgt naast je werk een opleiding op maat. Binnen hoogstens twee jaar haal je"
            " je bevoegdheid.\n\n"
            "De school kan voor jouw opleiding en begeleiding de subsidie zij-instroom"
            " aanvragen. Wil je zij-instromen en weet je niet waar je moet beginnen? Het loket"
            " helpt je een school en een opleiding in de buurt te vinden."
        ),
    },
    {
        "slug": "waar-kan-ik-een-lerarenopleiding-volgen",
        "onderwerp": "routes",
        "volgorde": 20,
        "vraag": "Waar kan ik een lerarenopleiding volgen?",
        "antwoord": (
            "Lerarenopleidingen zijn er bij hogescholen en universiteiten in het hele land.\n\n"
            "- De pabo (voor het basisonderwijs) en de tweedegraads lerarenopleidingen volg je"
            " bij een hogeschool.\n"
            "- De universitaire lerarenopleiding en de educatieve master volg je bij een"
            " universiteit.\n"
            "- De opleiding tot onderwijsassistent volg je bij een ROC (mbo).\n\n"
            "Veel opleidingen hebben een deeltijdvariant voor wie ernaast werkt. Bij elke route"
            " op deze site zie je welke opleidingen in jouw regio de route aanbieden: kies je"
            " regio op de pagina van de route.\n\n"
            "Scholen en lerarenopleidingen werken samen in opleidingsscholen. Daar leer je het"
            " vak in de praktijk, met begeleiding op school."
        ),
    },
    {
        "slug": "hogeschool-of-universiteit",
        "onderwerp": "routes",
        "volgorde": 30,
        "vraag": "Wat is het verschil tussen een lerarenopleiding aan een hogeschool (hbo) en"
        " aan een universiteit (wo)?",
        "antwoord": (
            "Aan een hogeschool (hbo) leer je het vak en het lesgeven tegelijk, met veel stage."
            " De pabo en de tweedegraads lerarenopleidingen zijn hbo-opleidingen. Je hebt een"
            " havo-, vwo- of mbo-4-diploma nodig. Je haalt een tweedegraads bevoegdheid, of met"
            " de pabo een bevoegdheid voor de basisschool.\n\n"
            "Aan een universiteit (wo) ken je het vak al uit je studie. De universitaire"
            " lerarenopleiding volg je na een wo-master in een vak dat bij een schoolvak past."
            " De nadruk ligt op lesgeven. Je haalt een eerstegraads bevoegdheid: je mag in alle"
            " klassen van het voortgezet onderwijs lesgeven.\n\n"
            "Heb je een hbo-diploma in een ander vak? Dan kun je via zij-instroom of een"
            " verkorte deeltijdopleiding leraar worden. Heb je een wo-diploma? Kijk dan ook naar"
            " de universitaire lerarenopleiding, een educatieve master of een kort traject voor"
            " academici."
        ),
    },
    {
        "slug": "onderwijsassistent-en-leraarondersteuner",
        "onderwerp": "werken",
        "volgorde": 10,
        "vraag": "Wat doen een onderwijsassistent en een leraarondersteuner?",
        "antwoord": (
            "Niet iedereen in de klas is leraar. Ook onderwijsassistenten en"
            " leraarondersteuners helpen leerlingen leren.\n\n"
            "- Een onderwijsassistent helpt de leraar: hij begeleidt groepjes leerlingen, helpt"
            " bij opdrachten en bereidt materiaal voor. Je volgt hiervoor een mbo-opleiding bij"
            " een ROC.\n"
            "- Een leraarondersteuner geeft zelf delen van de les, onder verantwoordelijkheid"
            " van een leraar. Hiervoor volg je een associate degree: een tweejarige"
            " hbo-opleiding.\n\n"
            "Voor beide banen heb je geen lesbevoegdheid nodig. Het zijn ook goede eerste"
            " stappen: veel leraren begonnen als onderwijsassistent."
        ),
    },
    {
        "slug": "wat-doet-het-loket",
        "onderwerp": "werken",
        "volgorde": 20,
        "vraag": "Wat kan het onderwijsloket voor mij doen?",
        "antwoord": (
            "Het onderwijsloket is er voor iedereen die wil weten of werken in het onderwijs"
            " bij hem of haar past. Scholen en lerarenopleidingen in de regio werken er samen"
            " in.\n\n"
            "- Je krijgt informatie over routes, bevoegdheden en kosten.\n"
            "- In een gratis adviesgesprek zoekt een adviseur met je mee welke route bij jou"
            " past.\n"
            "- Het loket brengt je in contact met scholen en opleidingen in de regio.\n"
            "- Op informatiebijeenkomsten hoor je meer over werken in het onderwijs en stel je"
            " je vragen.\n\n"
            "Je zit nergens aan vast: je beslist zelf of en wanneer je een volgende stap zet."
        ),
    },
    {
        "slug": "studeren-naast-je-baan",
        "onderwerp": "studeren",
        "volgorde": 10,
        "vraag": "Kan ik de opleiding volgen naast mijn huidige baan?",
        "antwoord": (
            "Ja, dat kan. Veel lerarenopleidingen zijn er in deeltijd, voor mensen die werken"
            " of voor hun gezin zorgen. Er zijn grofweg drie manieren:\n\n"
            "- Deeltijdopleiding: je houdt je huidige baan en studeert erbij, met colleges op"
            " vaste dagen of avonden. Je loopt wel stage op een school.\n"
            "- Zij-instroom: je ruilt je huidige baan in voor een baan op een school en haalt"
            " daar naast je werk je bevoegdheid.\n"
            "- Werken en leren als onderwijsassistent: in de bbl van het ROC werk je op een"
            " school en volg je daarnaast lessen.\n\n"
            "Studeren naast je werk kost veel tijd en energie. Maak goede afspraken met je"
            " werkgever en je omgeving. Het loket denkt graag met je mee."
        ),
    },
    {
        "slug": "hoe-lang-duurt-het",
        "onderwerp": "studeren",
        "volgorde": 20,
        "vraag": "Hoe lang duurt het voordat ik leraar ben?",
        "antwoord": (
            "Dat hangt af van je vooropleiding en de route die je kiest.\n\n"
            "- Zij-instroom: hoogstens twee jaar, en je werkt vanaf het begin als leraar.\n"
            "- Deeltijd pabo of tweedegraads lerarenopleiding: meestal vier jaar; met een"
            " eerder hbo- of wo-diploma vaak korter.\n"
            "- Universitaire lerarenopleiding na een passende master: één jaar voltijd, of"
            " langer in deeltijd.\n\n"
            "Ook na je diploma leer je door. In je eerste jaren als leraar krijg je op school"
            " extra begeleiding, zodat je stap voor stap een ervaren leraar wordt."
        ),
    },
    {
        "slug": "wie-betaalt-de-opleiding",
        "onderwerp": "kosten",
        "volgorde": 10,
        "vraag": "Moet ik de opleiding helemaal zelf betalen?",
        "antwoord": (
            "Niet altijd. Wie de opleiding betaalt, hangt af van je route.\n\n"
            "- Zij-instroom: je werkgever (de school) kan de subsidie zij-instroom aanvragen."
            " Daarmee worden je opleiding en je begeleiding meestal betaald.\n"
            "- Werk je al als leraar? Dan kun je voor een opleiding de lerarenbeurs"
            " aanvragen.\n"
            "- Deeltijdopleiding: je betaalt zelf collegegeld. Soms betaalt een schoolbestuur"
            " mee als je er werkt of gaat werken.\n"
            "- Opleiding tot onderwijsassistent: je betaalt lesgeld of cursusgeld. In de bbl"
            " betaalt de werkgever soms mee.\n\n"
            "Vraag altijd aan je (toekomstige) werkgever wat die betaalt, en zet de afspraken op"
            " papier. Het loket weet welke regelingen er in jouw regio zijn om de kosten te"
            " financieren."
        ),
    },
    {
        "slug": "subsidie-zij-instroom",
        "onderwerp": "kosten",
        "volgorde": 20,
        "vraag": "Wat is de subsidie zij-instroom?",
        "antwoord": (
            "De subsidie zij-instroom is geld van de overheid voor scholen die een"
            " zij-instromer in dienst nemen. De school vraagt de subsidie aan, niet jij.\n\n"
            "Met de subsidie betaalt de school je opleiding en je begeleiding. Zo kun je leraar"
            " worden zonder dat je zelf de opleiding hoeft te betalen.\n\n"
            "Vraag bij je sollicitatie of de school de subsidie aanvraagt, en wat de school"
            " verder voor je regelt."
        ),
    },
    {
        "slug": "lerarenbeurs",
        "onderwerp": "kosten",
        "volgorde": 30,
        "vraag": "Wat is de lerarenbeurs?",
        "antwoord": (
            "De lerarenbeurs is een regeling van de overheid voor leraren die al in het"
            " onderwijs werken en verder willen leren, bijvoorbeeld met een bachelor of een"
            " master. Je vraagt de lerarenbeurs zelf aan bij DUO.\n\n"
            "Met de lerarenbeurs krijg je een vergoeding voor je collegegeld en je"
            " studiekosten. Je school kan een vergoeding krijgen voor de uren waarin je"
            " studeert in plaats van lesgeeft.\n\n"
            "Werk je nog niet in het onderwijs? Kijk dan naar zij-instroom of vraag het loket"
            " welke regelingen er voor jou zijn."
        ),
    },
]


def inhoud_laden(apps, schema_editor=None):
    """Create the routes and articles that are missing; leave existing (edited) ones alone."""
    Route = apps.get_model("loket", "Route")
    FaqArtikel = apps.get_model("loket", "FaqArtikel")
    for route in ROUTES:
        fields = dict(route)
        Route.objects.get_or_create(slug=fields.pop("slug"), defaults=fields)
    for artikel in ARTIKELEN:
        fields = dict(artikel)
        FaqArtikel.objects.get_or_create(slug=fields.pop("slug"), defaults=fields)


def inhoud_verwijderen(apps, schema_editor=None):
    Route = apps.get_model("loket", "Route")
    FaqArtikel = apps.get_model("loket", "FaqArtikel")
    Route.objects.filter(slug__in=[r["slug"] for r in ROUTES]).delete()
    FaqArtikel.objects.filter(slug__in=[a["slug"] for a in ARTIKELEN]).delete()


class Migration(migrations.Migration):
    dependencies = [("loket", "0003_routes_faq_events_booking_outcome")]

    operations = [migrations.RunPython(inhoud_laden, inhoud_verwijderen)]
