"""Generators for the regions' plans (lines of work, activities and their quarterly progress),
built from what seeds 000, 002 and 004 name, and for the demo's group of regions."""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from regio.geo import coordinates_for_gemeente, distance_km
from regio.models import (
    Activiteit,
    Ontwikkellijn,
    Regiogroep,
    Role,
    Sector,
    User,
    Voortgang,
    VoortgangStatus,
    laatste_dag,
)

from .advies import AMSTERDAM
from .context import BATCH_SIZE, DemoContext
from .data import RegionSpec
from .tekorten import end_ts, first_day, quarters_for


@dataclass(frozen=True)
class Act:
    """An activity as a seed describes it. Text may name {regio}, {roc}, {instituut} and
    {loket}, filled in for the region that gets it."""

    naam: str
    resultaat: str
    producten: str
    eigenaar: str


@dataclass(frozen=True)
class Lijn:
    naam: str
    omschrijving: str
    activiteiten: tuple[Act, ...]


# fmt: off
# Seed 000: RAP plan 2022-23 of Twente/Oost-Nederland (primary), its four themes and their
# numbered activities (1.2 onward; each theme's "deelprojectleiding" is left out).
SEED_000 = (
    Lijn("Meten is weten",
         "Data over vraag en aanbod van onderwijspersoneel verzamelen en analyseren, als basis "
         "voor het werven en behouden.",
         (
             Act("Vraag en aanbod van onderwijspersoneel cijfermatig in kaart brengen",
                 "Per kwartaal een actuele stand van zaken over de vraag naar functies in de "
                 "regio en in de regionale alliantie.",
                 "Kwartaaloverzicht op {loket}", "Themaprojectleider Meten is weten"),
             Act("Opleidingsbehoefte en opleidingscapaciteit in kaart brengen",
                 "Zicht op het aantal leerwerkplekken voor mbo- en hbo-studenten, nu en "
                 "gewenst op lange termijn.", "Overzicht opleidingscapaciteit",
                 "Themaprojectleider Meten is weten"),
             Act("Behoefte aan onderwijsondersteuners en schoolleiders peilen",
                 "Prioriteiten voor werven en behouden per functiegroep.", "",
                 "Projectteam Meten is weten"),
             Act("Cijfers delen met de aangrenzende regio's",
                 "Vergelijkbare cijfers binnen de alliantie, zodat regio's van elkaar leren.",
                 "", "Projectleiders"),
             Act("Uitstroom van leraren en onderwijsassistenten volgen",
                 "Inzicht in in-, door- en uitstroom in relatie tot de demografische "
                 "ontwikkeling.", "Analyse per bestuur", "Themaprojectleider Meten is weten"),
         )),
    Lijn("Begeleiding van startende medewerkers",
         "Starters in het onderwijs behouden door goede begeleiding, op basis van de "
         "aanbevelingen uit de vorige periode.",
         (
             Act("Starters begeleiden op basis van de aanbevelingen",
                 "Startende medewerkers blijven behouden; ervaringen van starterscoaches worden "
                 "benut.", "Herzien protocol begeleiding starters",
                 "Projectgroep Begeleiding startende medewerkers"),
             Act("Subgroep startende intern begeleiders vormen",
                 "Doelen en plan van aanpak voor de nieuwe doelgroep intern begeleiders.",
                 "Plan van aanpak", "Projectgroep Begeleiding startende medewerkers"),
             Act("Begeleiding starters uitbreiden naar onderwijsassistenten en directeuren",
                 "Begeleidingsaanbod voor alle doelgroepen.", "", "{instituut}"),
             Act("Opbrengsten evalueren per subgroep",
                 "Aanbevelingen en conclusies per subgroep: leraren, onderwijsassistenten, "
                 "directie en intern begeleiders.", "Evaluatieverslag",
                 "Projectgroep Begeleiding startende medewerkers"),
             Act("Adviesdocument Begeleiden van medewerkers in het onderwijs schrijven",
                 "Bouwstenen voor het begeleiden van starters inzichtelijk.",
                 "Adviesdocument", "Kennisnetwerk Lerende Leraren"),
             Act("Opbrengsten verspreiden in de regio",
                 "Kennisdeling op regionaal niveau; de inzet wordt gemonitord.",
                 "Regionale bijeenkomst", "Kennisnetwerk Lerende Leraren"),
         )),
    Lijn("Andere kijk op de arbeidsmarkt",
         "Inspireren en ondersteunen bij het behoud en aantrekken van gekwalificeerd personeel, "
         "met het platform {loket} als startpunt.",
         (
             Act("Regionale strategische personeelsplanning (SPP)",
                 "Impactanalyse van de SPP van de schoolbesturen, daarna implementatie bij de "
                 "besturen.", "Impactanalyse", "Projectleider SPP"),
             Act("Inspireren rond het aantrekken en behouden van medewerkers",
                 "Potentieel beter benut: parttimers, gepensioneerden, herintreders en "
                 "uitstromende studenten.", "Handreiking benutten potentieel",
                 "Themaprojectleider arbeidsmarkt"),
             Act("Anders organiseren: inzet van andere functionarissen",
                 "Onderzoek naar de inzet van o.a. kunst-, techniek- en sportprofessionals en "
                 "pedagogisch medewerkers.", "Verkenning", "Themaprojectleider arbeidsmarkt"),
             Act("Platform en loket {loket} bestendigen",
                 "Het loket is zichtbaarder; beheer en onderhoud zijn structureel geregeld.",
                 "Beheerplan", "Projectleiders"),
             Act("Verbinding met het vo-loket en de loketten in de alliantie",
                 "Kandidaten worden over sector- en regiogrenzen doorverwezen.", "",
                 "Projectleiders"),
         )),
    Lijn("Innovatie",
         "Innovatie van het onderwijs en de aanpak van het personeelstekort hand in hand: "
         "anders organiseren met een visie op onderwijs.",
         (
             Act("Pilot interprofessioneel samenwerken en opleiden",
                 "De rollen van leraar en onderwijsassistent in samenhang gedefinieerd; "
                 "aanbevelingen voor curricula en HRM-beleid.", "Evaluatie van de pilot",
                 "Projectgroep Innovatie"),
             Act("Verkenning van rollen van bestuur en school bij het tekort",
                 "Lessons learned over oplossingsgericht HRM-beleid op bestuurs- en "
                 "schoolniveau.", "Goede voorbeelden", "Projectgroep Innovatie"),
             Act("Goede voorbeelden van creatieve inzet van medewerkers verzamelen",
                 "Voorbeelden van onderwijsassistent tot jeugdwerker, gedeeld met alle besturen.",
                 "Voorbeeldenbundel", "Projectgroep Innovatie"),
             Act("Samenwerken met {roc} aan de opleiding onderwijsassistent",
                 "Leraar en onderwijsassistent leren samen in de praktijk.", "", "{roc}"),
         )),
)

# Seed 002: plan of approach 2024 of onderwijsregio Rotterdam (vo-mbo): one overarching line and
# three lines of work, with the promising themes it names under each.
SEED_002 = (
    Lijn("Naar een solidaire arbeidsmarkt",
         "Bovenbestuurlijke afspraken voor een gelijk speelveld, en samenwerking met de "
         "aanpalende onderwijsregio's.",
         (
             Act("Bovenbestuurlijke afspraken in de onderwijsregio",
                 "Afspraken over arbeidsvoorwaardelijke hygiëne en werving: een 'level playing "
                 "field'.", "Convenant", "Bestuurlijk platform"),
             Act("Afstemming met de po-regio en de aanpalende onderwijsregio's",
                 "Afspraken met de omliggende regio's, bijv. over stagevergoedingen.", "",
                 "Kerngroep en programmabureau"),
             Act("Afspraken over de inzet van onbevoegden en stagevergoedingen",
                 "Eén lijn van alle besturen voor studenten en onbevoegde docenten.",
                 "Afsprakenkader", "Netwerk HR-managers"),
             Act("Regionale vervangingspoule",
                 "Gezamenlijke afspraken over een vervangingspoule en de inzet van "
                 "detacheringsbureaus.", "Opzet vervangingspoule", "Programmabureau"),
             Act("Kwartaalrapportage aan het bestuurlijk platform",
                 "Elk kwartaal zicht op de voortgang van de vier lijnen.", "Kwartaalrapportage",
                 "Programmabureau"),
         )),
    Lijn("Werven, matchen en opleiden",
         "Samen werven, opleiden en begeleiden van zij-instromers, studenten en starters.",
         (
             Act("Gezamenlijk traineeship voor startende leraren",
                 "Starters doen ervaring op bij meerdere scholen en vormen een community.",
                 "Traineeshipprogramma", "Inhoudelijk projectleider werven en opleiden"),
             Act("Eén regionaal adviesloket",
                 "Vraag en aanbod van zij-instromers bij elkaar; gezamenlijk maatwerk.",
                 "{loket}", "Programmabureau"),
             Act("Oriëntatietrajecten en communities voor aankomende studenten",
                 "Mensen die een opleiding overwegen komen met elkaar en de scholen in contact.",
                 "", "{instituut}"),
             Act("Afspraken over flexibele instroomeisen",
                 "Instroomeisen van de opleidingen flexibeler, met behoud van het eindniveau.",
                 "", "{instituut}"),
             Act("Onderzoek naar studiesucces en vroegtijdige uitstroom",
                 "Afspraken die het studiesucces vergroten en uitstroom verkleinen.",
                 "Onderzoeksrapport", "Inhoudelijk projectleider werven en opleiden"),
             Act("Samen opleiden uitbreiden met nieuwe opleidingspartners",
                 "Alle scholen en besturen kunnen toetreden tot de opleidingsschool.", "",
                 "Stuurgroep opleidingsschool"),
         )),
    Lijn("Behouden en professionaliseren",
         "Starters in een doorgaande lijn van startbekwaam naar vakbekwaam, en ontwikkelkansen "
         "voor iedereen.",
         (
             Act("Inductie van startbekwaam naar vakbekwaam",
                 "Afspraken om starters in de inductiefase te ondersteunen; de regio als "
                 "expertisecentrum.", "Inductieprogramma", "Inhoudelijk projectleider behouden"),
             Act("Gezamenlijk professionaliseringsaanbod",
                 "Vaste momenten voor professionalisering en een regionaal aanbod.",
                 "Aanbodcatalogus", "Inhoudelijk projectleider behouden"),
             Act("Ontwikkelpaden en doorstroom binnen de regio",
                 "De onderwijsprofessional op de juiste plek, ook bij een andere werkgever.",
                 "", "Netwerk HR-managers"),
             Act("Leergemeenschappen over de begeleiding van starters",
                 "Scholen en opleidingen delen kennis over het begeleiden van starters.", "",
                 "{instituut}"),
         )),
    Lijn("Optimaliseren van de organisatie van het werk",
         "Onderzoeken hoe het onderwijs anders kan worden ingericht, met experimenteerruimte.",
         (
             Act("Experimenteerruimte voor onderwijstijd en inzet",
                 "Pilots met anders organiseren, bijv. de inzet van studenten en professionals "
                 "zonder bevoegdheid.", "Pilotverslagen", "Inhoudelijk projectleider organisatie"),
             Act("Taakdifferentiatie: welke professional voor welke taak",
                 "Inzicht in taken die anderen onder supervisie van bevoegde docenten kunnen "
                 "doen.", "", "Inhoudelijk projectleider organisatie"),
             Act("Andere professionals opleiden voor het onderwijs",
                 "Routes zoals de educatieve associate degree en doorstroom van "
                 "onderwijsassistent naar docent.", "", "{roc}"),
             Act("Curriculum en opleidingsaanbod afstemmen",
                 "Wat leerlingen nodig hebben, vertaald naar opleiden en begeleiden.", "",
                 "{instituut}"),
         )),
)

# Seed 004: plan of approach 2024 of onderwijsregio PO Noord-Nederland: its working groups,
# by domain.
SEED_004 = (
    Lijn("Werving en matching",
         "Instrumenten voor werving en matching van studenten en zij-instromers verder "
         "verbeteren, en nieuwe doelgroepen aantrekken.",
         (
             Act("Werkgroep Werving en Matching",
                 "Verbeterde instrumenten voor werving en matching, ook voor 'versneld voor de "
                 "klas'.", "", "Werkgroep Werving en Matching"),
             Act("Strategische personeelsplanning in noordelijk perspectief",
                 "Inzicht in de behoefte aan onderwijs- en ondersteunend personeel.",
                 "SPP-dashboard", "Werkgroep Werving en Matching"),
             Act("Werkgroep Imago leraar: sector-overstijgende campagne",
                 "Een gezamenlijke imagocampagne met vo en mbo; meer diversiteit in de instroom.",
                 "Campagne", "Werkgroep Imago leraar"),
             Act("Praktijkroute havo-Educatie",
                 "Havisten verkennen het werkveld onderwijs in de bovenbouw.", "",
                 "Werkgroep Imago leraar"),
             Act("Route van mbo naar associate degree leraarondersteuner",
                 "Een doorlopende route voor nieuwe doelgroepen.", "", "{roc}"),
         )),
    Lijn("Opleiden en begeleiden",
         "De werkwijze van de opleidingsscholen gelijkluidender, zodat alle studenten op een "
         "goede opleidingsplek terechtkomen.",
         (
             Act("Werkgroep SO&P: werkwijze van de opleidingsscholen oplijnen",
                 "Overeenstemming in opleidingsprogramma's, begeleiding en toetsing.", "",
                 "Werkgroep SO&P"),
             Act("Plaatsing van studenten overzichtelijker voor besturen",
                 "Scholen werken met meerdere opleidingen samen.", "Plaatsingsprocedure",
                 "Werkgroep SO&P"),
             Act("Doorgaande lijn van opleiding naar inductie",
                 "Begeleiding van de initiële naar de inductiefase in de hele regio.", "",
                 "{instituut}"),
             Act("Alle studenten opgeleid binnen een partnerschap",
                 "100% van de studenten op een opleidingsplek binnen een (aspirant-)"
                 "partnerschap.", "", "Werkgroep SO&P"),
         )),
    Lijn("Professionaliseren",
         "Gezamenlijk professionaliseren: basisbekwaam PO, leernetwerken en de positie van "
         "schoolleiders en starters.",
         (
             Act("Werkgroep Basisbekwaam PO",
                 "Regiobrede minimale afspraken om tot PO-basisbekwaam te komen.",
                 "Afsprakenkader basisbekwaam", "Werkgroep Basisbekwaam PO"),
             Act("Leernetwerken volgens de Nationale Aanpak Professionalisering Leraren",
                 "Cocreatielabs en ontwikkelpaden voor leraren; subsidies voor pilots.", "",
                 "Werkgroep Professionalisering"),
             Act("Scholing van school- en instituutsopleiders",
                 "Voldoende opleiders voor de groei naar 100% samen opleiden.",
                 "Scholingsaanbod", "{instituut}"),
             Act("Gezamenlijk opleiden van schoolleiders",
                 "Aandacht voor de positie van schoolleiders en startende leerkrachten.", "",
                 "Werkgroep Professionalisering"),
         )),
    Lijn("Innoveren voor het Noorden",
         "Innovaties waarin het beroep van leraar en de school als leer- en werkplek "
         "toekomstbestendig zijn.",
         (
             Act("Innovatiewerkplaats: anders organiseren in de regio",
                 "Scholen leren van elkaars experimenten met andere vormen van onderwijs.",
                 "", "Werkgroep Innovatiewerkplaats"),
             Act("Werkgroep Schaalgrootte en Structuur",
                 "Een voorstel voor de governance van de onderwijsregio.", "Governancevoorstel",
                 "Werkgroep Schaalgrootte en Structuur"),
             Act("Gemeenschappelijke visie op opgroeien en ontwikkelen",
                 "Een gedeelde visie als basis voor de samenwerking.", "Visiedocument",
                 "Bestuurlijk overleg"),
             Act("Rijke schooldag met kinderopvang, cultuur en sport",
                 "Samenwerking met partners rond de school.", "", "Werkgroep Innovatiewerkplaats"),
         )),
)

# Short notes a project leader writes with a status.
NOTES: dict[str, tuple[str, ...]] = {
    VoortgangStatus.OP_KOERS: (
        "Loopt volgens planning.",
        "Werkgroep kwam twee keer bijeen; eerste opbrengst gedeeld met de kerngroep.",
        "Planning gehaald; volgende stap in voorbereiding.",
        "Bijeenkomst met de besturen gehouden, goede opkomst.",
        "Concept besproken in het bestuurlijk platform.",
        "",
    ),
    VoortgangStatus.RISICO: (
        "Capaciteit in de werkgroep is krap; twee leden vertrokken.",
        "Afstemming met de besturen kost meer tijd dan gepland.",
        "Budget voor dit onderdeel staat onder druk.",
        "Afhankelijk van een besluit van de stuurgroep.",
    ),
    VoortgangStatus.ACHTER: (
        "Start vertraagd: de trekker is pas dit kwartaal benoemd.",
        "Vertraagd door de zomerperiode; inhaalslag gepland.",
        "Wacht op een besluit van het bestuurlijk platform.",
        "Te weinig aanmeldingen; de werving wordt aangepast.",
    ),
    VoortgangStatus.KLAAR: (
        "Afgerond; opbrengst gedeeld met alle partners.",
        "Product opgeleverd en vastgesteld in de stuurgroep.",
        "Afgerond; vervolg loopt mee in de reguliere werkwijze.",
    ),
}
# fmt: on

# The seed each demo region's plan follows: its own for the regions of the seeds; for the rest,
# Rotterdam's (vo-mbo) for a region with secondary education, one of the primary ones else.
PLAN_OF: dict[str, tuple[Lijn, ...]] = {
    "Twente": SEED_000,
    "Rotterdam": SEED_002,
    "PO Noord-Nederland": SEED_004,
}
ACTIVITIES = (8, 15)
MONTHS = (6, 24)  # how long an activity runs
# How a status goes from one quarter to the next: weights of op koers, risico, achter.
NEXT_STATUS: dict[str | None, tuple[int, int, int]] = {
    None: (70, 15, 15),
    VoortgangStatus.OP_KOERS: (75, 15, 10),
    VoortgangStatus.RISICO: (40, 35, 25),
    VoortgangStatus.ACHTER: (35, 25, 40),
}
RUNNING = (VoortgangStatus.OP_KOERS, VoortgangStatus.RISICO, VoortgangStatus.ACHTER)
# Share of the activities whose progress the project leader already gave for the quarter under
# way; the last completed quarter has it for all.
CURRENT_SHARE = 0.7
# Share of the activities that ended in a completed quarter and were reported done then.
FINISHED_SHARE = 0.8

# The demo's alliance: the first region and its nearest neighbours among those made (seed 000
# speaks of Twente's Regionale Alliantie Oost Werkt with the adjacent regions).
ALLIANCE_NAME = "Alliantie Noord- en Oost-Nederland"
ALLIANCE_SLUG = "alliantie-noord-en-oost-nederland"
ALLIANCE_NEIGHBOURS = 2
ALLIANCE_MAX_KM = 150


def make_plans(ctx: DemoContext, rng: random.Random) -> int:
    """Every region's plan: 3 or 4 lines of work with 8 to 15 activities between them, running
    from last year to next year, and their progress in the last four completed quarters and
    (for most) the quarter under way."""
    quarters = quarters_for(ctx.now)
    oldest_first = [*reversed(quarters.completed), quarters.current]
    leaders = dict(User.objects.filter(role=Role.PROJECTLEIDER).values_list("regio_id", "pk"))
    today = ctx.now.astimezone(AMSTERDAM).date()
    lijnen, plannen = [], []
    for spec, regio in ctx.regions:
        gekozen = _choose(rng, spec)
        for volgorde, (lijn, acts) in enumerate(gekozen, start=1):
            lijnen.append(
                Ontwikkellijn(
                    regio=regio,
                    naam=lijn.naam,
                    omschrijving=_fill(lijn.omschrijving, spec),
                    volgorde=volgorde,
                )
            )
            plannen.append((regio, acts))
    Ontwikkellijn.objects.bulk_create(lijnen, batch_size=BATCH_SIZE)

    activiteiten = []
    for lijn, (regio, acts) in zip(lijnen, plannen, strict=True):
        spec = next(s for s, r in ctx.regions if r is regio)
        for volgorde, act in acts:
            begin, einde = _period(rng, today)
            activiteiten.append(
                Activiteit(
                    ontwikkellijn=lijn,
                    naam=_fill(act.naam, spec),
                    begin=begin,
                    einde=einde,
                    beoogd_resultaat=_fill(act.resultaat, spec),
                    producten=_fill(act.producten, spec),
                    eigenaar=_fill(act.eigenaar, spec),
                    volgorde=volgorde,
                )
            )
    Activiteit.objects.bulk_create(activiteiten, batch_size=BATCH_SIZE)

    voortgang = []
    now = ctx.now.timestamp()
    current_start = datetime.combine(
        first_day(*quarters.current), time.min, tzinfo=AMSTERDAM
    ).timestamp()
    for activiteit in activiteiten:
        door = leaders.get(activiteit.ontwikkellijn.regio_id)
        status = None
        previous = 0.0  # when the progress before was given: updates come in order
        for quarter in oldest_first:
            if not (
                activiteit.begin <= laatste_dag(*quarter)
                and activiteit.einde >= first_day(*quarter)
            ):
                continue
            if quarter == quarters.current:
                # Given once the activity and the quarter are under way, after the last one.
                begun = datetime.combine(activiteit.begin, time.min, tzinfo=AMSTERDAM).timestamp()
                earliest = max(current_start + 2 * 86400, begun + 86400, previous + 86400)
                if earliest >= now - 3600 or rng.random() >= CURRENT_SHARE:
                    continue
                at = rng.uniform(earliest, now - 3600)
            else:
                at = min(end_ts(*quarter) + rng.uniform(3, 25) * 86400, now - 3600)
            previous = at
            ends_now = activiteit.einde <= laatste_dag(*quarter) and quarter != quarters.current
            if ends_now and rng.random() < FINISHED_SHARE:
                status = VoortgangStatus.KLAAR
            else:
                status = rng.choices(RUNNING, weights=NEXT_STATUS[status])[0]
            voortgang.append(
                Voortgang(
                    activiteit=activiteit,
                    jaar=quarter[0],
                    kwartaal=quarter[1],
                    status=status,
                    toelichting=rng.choice(NOTES[status]),
                    bijgewerkt_op=datetime.fromtimestamp(at, AMSTERDAM),
                    bijgewerkt_door_id=door,
                )
            )
    with _keeping_bijgewerkt_op():
        Voortgang.objects.bulk_create(voortgang, batch_size=BATCH_SIZE)
    return len(lijnen) + len(activiteiten) + len(voortgang)


def _choose(rng: random.Random, spec: RegionSpec) -> list[tuple[Lijn, list[tuple[int, Act]]]]:
    """The lines of work a region's plan has, each with its activities (and their number in
    the seed's order): all four lines of the seed for the seed's own region, three or four
    for the others; 8 to 15 activities, each line at least one."""
    seed = PLAN_OF.get(spec.short)
    if seed is None:
        seed = SEED_002 if spec.sector != Sector.PO else rng.choice((SEED_000, SEED_004))
        if rng.random() < 0.5:
            # The overarching first line stays; one of the others may be left out.
            weg = rng.randrange(1, len(seed))
            seed = tuple(lijn for i, lijn in enumerate(seed) if i != weg)
    alle = [(i, nummer, act) for i, lijn in enumerate(seed) for nummer, act in _numbered(lijn)]
    aantal = rng.randint(ACTIVITIES[0], min(ACTIVITIES[1], len(alle)))
    # One of each line first, then the rest drawn from all that are left.
    gekozen = [rng.choice([a for a in alle if a[0] == i]) for i in range(len(seed))]
    rest = [a for a in alle if a not in gekozen]
    gekozen += rng.sample(rest, aantal - len(gekozen))
    return [
        (lijn, sorted((nummer, act) for j, nummer, act in gekozen if j == i))
        for i, lijn in enumerate(seed)
    ]


def _numbered(lijn: Lijn) -> Iterator[tuple[int, Act]]:
    return enumerate(lijn.activiteiten, start=1)


def _fill(text: str, spec: RegionSpec) -> str:
    loket = "Durf in het Onderwijs" if spec.short == "Twente" else f"Onderwijsloket {spec.short}"
    instituut = spec.institutes[0][0] if spec.institutes else f"Lerarenopleiding {spec.short}"
    return text.format(regio=spec.short, roc=spec.roc, instituut=instituut, loket=loket)


def _period(rng: random.Random, today: date) -> tuple[date, date]:
    """From the first of a month between January last year and this month, for 6 to 24
    months, ending at the latest on the last day of next year."""
    start = date(today.year - 1, 1, 1)
    months = (today.year - start.year) * 12 + today.month - 1
    m = rng.randint(0, months)
    begin = date(start.year + m // 12, m % 12 + 1, 1)
    after = m + rng.randint(*MONTHS)  # the month after the last one
    einde = date(start.year + after // 12, after % 12 + 1, 1) - timedelta(days=1)
    return begin, min(einde, date(today.year + 1, 12, 31))


@contextmanager
def _keeping_bijgewerkt_op() -> Iterator[None]:
    """Let bulk_create keep the moments we set on Voortgang.bijgewerkt_op (auto_now) instead
    of stamping the moment of seeding; only for the length of this one insert."""
    field = Voortgang._meta.get_field("bijgewerkt_op")
    field.auto_now = False
    try:
        yield
    finally:
        field.auto_now = True


def make_groups(ctx: DemoContext, rng: random.Random) -> int:
    """One group of regions: the first region with its nearest neighbours among those made
    (at most two, and not farther than ALLIANCE_MAX_KM; always at least one)."""
    if len(ctx.regions) < 2:
        return 0
    (eerste_spec, eerste), *rest = ctx.regions
    here = coordinates_for_gemeente(eerste_spec.gemeenten[0])

    def km(region) -> float:
        there = coordinates_for_gemeente(region[0].gemeenten[0])
        return distance_km(here, there) if here and there else float("inf")

    by_distance = sorted(rest, key=km)
    nearby = [r for r in by_distance[:ALLIANCE_NEIGHBOURS] if km(r) <= ALLIANCE_MAX_KM]
    buren = [regio for _, regio in nearby or by_distance[:1]]
    groep = Regiogroep.objects.create(
        naam=ALLIANCE_NAME,
        slug=ALLIANCE_SLUG,
        omschrijving=(
            f"Onderwijsregio {eerste_spec.short} en de aangrenzende regio's: samen werven en "
            "matchen over de regiogrens heen, en één kwartaalbeeld voor het bestuurlijk overleg."
        ),
    )
    groep.regios.set([eerste, *buren])
    return 1 + 1 + len(buren)
