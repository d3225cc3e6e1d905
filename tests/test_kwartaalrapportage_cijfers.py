"""The figures of the quarterly report, computed as of the quarter's last day.

Seed 002's Rotterdam statements are turned into returns and vacancies here, and the report
must give back its figures: about 7% shortage, 40/60 open/hidden, 30/70 qualified/unqualified,
15% merged classes and its subject percentages.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from kandidaten.models import (
    Aanstelling,
    EventSoort,
    Fase,
    Kandidaat,
    RouteSoort,
    Stilstandregel,
    Toelating,
    TrajectEvent,
    Uitvalreden,
)
from loket.kwartaalrapportage.gegevens import rapportage_gegevens
from loket.kwartaalrapportage.periode import Periode
from loket.kwartaalrapportage.weergave import pdf_maken
from loket.services.kwartaalrapportages import kiesbare_kwartalen
from regio.models import Functie, KwartaalAfsluiting, Role, Sector, Vacature, VacatureStatus
from regio.vacatures import vacature_status_set

from .factories import (
    DeelnameFactory,
    OpleidingsschoolFactory,
    OrganisatieFactory,
    PlaatsingenFactory,
    RegioFactory,
    UserFactory,
    VestigingFactory,
)
from .factories_vacatures import TekortOpgaveFactory, TekortRegelFactory, VacatureFactory, vak
from .pdfs import pdf_text

JAAR, KWARTAAL = kiesbare_kwartalen()[0]
PERIODE = Periode(JAAR, KWARTAAL)
# Moments inside, before and after the quarter.
MIDDEN = PERIODE.begin + timedelta(days=40)
ERVOOR = PERIODE.begin - timedelta(days=20)
ERNA = PERIODE.einde + timedelta(days=3)

# Seed 002 (Rotterdam, vo-mbo): shortage per subject in % of employment.
SEED_002_VAKKEN = {
    "Techniek": Decimal("20.5"),
    "NASK": Decimal("10.8"),
    "Informatica": Decimal("10.3"),
    "Duits": Decimal("10.2"),
    "Economie": Decimal("10.2"),
    "Nederlands": Decimal("9.9"),
    "Natuurkunde": Decimal("9.7"),
    "Wiskunde": Decimal("8.5"),
}


def gegevens(*regios, jaar=JAAR, kwartaal=KWARTAAL):
    return rapportage_gegevens(regios=list(regios), jaar=jaar, kwartaal=kwartaal, titel="Test")


def _vacatures(bestuur, vestiging, fte: Decimal, **velden):
    """Open vacancies worth `fte` in all, published before the quarter ended."""
    while fte > 0:
        deel = min(fte, Decimal("1.0"))
        VacatureFactory(
            bestuur=bestuur,
            vestiging=vestiging,
            fte=deel,
            fte_open=deel,
            gepubliceerd_op=MIDDEN,
            **velden,
        )
        fte -= deel


@pytest.fixture
def rotterdam(db):
    """One board whose return and vacancies are seed 002's statements: per subject 1,000 fte
    employment and 10× the subject's percentage in shortage, 40% of it open vacancies and 60%
    hidden (15% merged classes, the rest unqualified staff), hidden posts filled 30% by a
    qualified and 70% by an unqualified person; a 5,000 fte line of assistants brings the
    whole to 7%."""
    regio = RegioFactory(naam="Onderwijsregio Rotterdam", slug="rotterdam")
    bestuur = OrganisatieFactory(bestuur=True, regio=regio, naam="Stichting Maasstad")
    vestiging = VestigingFactory(bestuur=bestuur, sector=Sector.VO)
    opgave = TekortOpgaveFactory(bestuur=bestuur, jaar=JAAR, kwartaal=KWARTAAL)

    def regel(werk, tekort, **velden):
        verborgen = tekort * Decimal("0.6")
        samengevoegd = verborgen * Decimal("0.15")
        TekortRegelFactory(
            opgave=opgave,
            werkgelegenheid_fte=werk,
            onbevoegd_fte=verborgen - samengevoegd,
            samengevoegd_fte=samengevoegd,
            ingevuld_bevoegd_fte=verborgen * Decimal("0.3"),
            ingevuld_onbevoegd_fte=verborgen * Decimal("0.7"),
            **velden,
        )

    for naam, pct in SEED_002_VAKKEN.items():
        regel(Decimal(1000), pct * 10, vak=vak(naam))
        _vacatures(bestuur, vestiging, pct * 4, vak=vak(naam))
    regel(Decimal(5000), Decimal(9), functie=Functie.ONDERWIJSASSISTENT, vak=None)
    _vacatures(bestuur, vestiging, Decimal("3.6"), functie=Functie.ONDERWIJSASSISTENT, vak=None)
    return regio, bestuur, vestiging


def test_seed_002_rotterdam_statements_give_back_its_figures(rotterdam):
    regio, *_ = rotterdam

    tekorten = gegevens(regio)["tekorten"]

    totaal = tekorten["totaal"]
    assert totaal["werkgelegenheid_fte"] == "13000.0"
    assert totaal["tekort_pct"] == "7.0"
    assert (totaal["open_pct"], totaal["verborgen_pct"]) == ("40.0", "60.0")
    assert (totaal["bevoegd_pct"], totaal["onbevoegd_pct"]) == ("30.0", "70.0")
    soorten = {soort["naam"]: soort["pct"] for soort in totaal["soorten"]}
    assert soorten["Klassen samengevoegd"] == "15.0"
    per_vak = {rij["naam"]: rij["tekort_pct"] for rij in tekorten["per_vak"]}
    assert per_vak == {naam: str(pct) for naam, pct in SEED_002_VAKKEN.items()}
    # Highest first: techniek far ahead, wiskunde last.
    assert [rij["naam"] for rij in tekorten["per_vak"]][:1] == ["Techniek"]
    assert tekorten["per_vak"][-1]["naam"] == "Wiskunde"
    assert tekorten["besturen_met_opgave"] == tekorten["besturen_totaal"] == 1
    per_functie = {rij["naam"]: rij["tekort_pct"] for rij in tekorten["per_functie"]}
    assert per_functie == {"Leraar": "11.3", "Onderwijsassistent": "0.2"}


def test_the_pdf_shows_seed_002s_figures_as_a_person_reads_them(rotterdam):
    regio, *_ = rotterdam
    data = gegevens(regio)

    text = " ".join(pdf_text(pdf_maken(data, versie=1, gemaakt_op=timezone.now())).split())

    assert "Onderwijsregio Rotterdam" in text and f"K{KWARTAAL} {JAAR}" in text
    assert "13.000,0" in text  # employment, Dutch thousands separator and decimal comma
    assert "910,0 7,0" in text  # shortage: 910 fte, 7,0% of employment
    assert "364,0 40,0" in text and "546,0 60,0" in text  # open vs hidden
    assert "30,0" in text and "70,0" in text  # filled by qualified / unqualified
    assert "Techniek 1.000,0 82,0 123,0 205,0 20,5" in text
    assert "Wiskunde 1.000,0 34,0 51,0 85,0 8,5" in text


def test_open_vacancies_are_counted_as_they_were_on_the_last_day(rotterdam):
    regio, bestuur, vestiging = rotterdam
    before = gegevens(regio)["tekorten"]["totaal"]
    wiskunde = {"bestuur": bestuur, "vestiging": vestiging, "vak": vak("Wiskunde")}
    # Published after the quarter, closed or filled before its end, still a concept: not open.
    VacatureFactory(**wiskunde, fte=Decimal("1.0"), gepubliceerd_op=ERNA)
    VacatureFactory(**wiskunde, gesloten=True, gepubliceerd_op=ERVOOR, afgesloten_op=MIDDEN)
    VacatureFactory(**wiskunde, concept=True)
    # Closed only after the quarter ended: open on its last day, all 1.0 fte.
    VacatureFactory(**wiskunde, gesloten=True, fte=1, gepubliceerd_op=ERVOOR, afgesloten_op=ERNA)
    # 1.0 fte of which 0.4 was filled by an appointment in the quarter and the rest after it.
    deels = VacatureFactory(**wiskunde, fte=Decimal("1.0"), gepubliceerd_op=ERVOOR)
    kandidaat = Kandidaat.objects.create(regio=regio, aangemeld_op=ERVOOR)
    for fte, op in ((Decimal("0.4"), MIDDEN), (Decimal("0.6"), ERNA)):
        Aanstelling.objects.create(
            kandidaat=kandidaat,
            bestuur=bestuur,
            vestiging=vestiging,
            vacature=deels,
            startdatum=PERIODE.tot_en_met,
            fte=fte,
            vastgelegd_op=op,
        )

    after = gegevens(regio)["tekorten"]["totaal"]

    assert Decimal(after["open_fte"]) - Decimal(before["open_fte"]) == Decimal("1.6")


def test_another_region_and_another_quarter_do_not_count(rotterdam):
    regio, *_ = rotterdam
    before = gegevens(regio)["tekorten"]
    elders = OrganisatieFactory(bestuur=True)
    TekortRegelFactory(opgave__bestuur=elders, opgave__jaar=JAAR, opgave__kwartaal=KWARTAAL)
    VacatureFactory(bestuur=elders, gepubliceerd_op=MIDDEN)
    vorig = PERIODE.vorige()
    TekortRegelFactory(
        opgave__bestuur=rotterdam[1],
        opgave__jaar=vorig.jaar,
        opgave__kwartaal=vorig.kwartaal,
        werkgelegenheid_fte=Decimal(100),
        onbevoegd_fte=Decimal(2),
        ingevuld_onbevoegd_fte=Decimal(2),
    )

    after = gegevens(regio)["tekorten"]

    assert after["totaal"] == before["totaal"]
    trend = after["trend"]
    assert [punt["label"] for punt in trend][-1] == f"K{KWARTAAL} {JAAR}"
    assert len(trend) == 4 and trend[-1]["tekort_pct"] == "7.0"
    # The quarter before had its own return (and the vacancies open then: none yet).
    assert trend[-2]["werkgelegenheid_fte"] == "100.0"
    assert trend[-2]["verborgen_fte"] == "2.0"


def test_a_report_made_again_later_shows_the_same_figures(rotterdam):
    regio, bestuur, vestiging = rotterdam
    kandidaat = Kandidaat.objects.create(regio=regio, aangemeld_op=ERVOOR)
    TrajectEvent.objects.create(kandidaat=kandidaat, van="", naar=Fase.ORIENTATIE, op=ERVOOR)
    first = gegevens(regio)

    # What happens after the quarter: new candidates, moves, vacancies, appointments.
    later = Kandidaat.objects.create(regio=regio, aangemeld_op=ERNA)
    TrajectEvent.objects.create(kandidaat=later, van="", naar=Fase.ORIENTATIE, op=ERNA)
    TrajectEvent.objects.create(kandidaat=kandidaat, van=Fase.ORIENTATIE, naar=Fase.ADVIES, op=ERNA)
    VacatureFactory(bestuur=bestuur, vestiging=vestiging, gepubliceerd_op=ERNA)
    # HR closes a vacancy that was open on the quarter's last day, and publishes it again.
    hr = UserFactory(role=Role.HR, organisatie=bestuur)
    open_op_einde = Vacature.objects.filter(bestuur=bestuur).open_op(PERIODE.einde).first()
    vacature_status_set(vacature=open_op_einde, status=VacatureStatus.GESLOTEN, door=hr)
    vacature_status_set(vacature=open_op_einde, status=VacatureStatus.GEPUBLICEERD, door=hr)

    assert gegevens(regio) == first


def _reis(regio, aangemeld, *stappen, reden=None):
    """A candidate registered at `aangemeld` who then moved (naar, op) step by step."""
    kandidaat = Kandidaat.objects.create(regio=regio, aangemeld_op=aangemeld)
    TrajectEvent.objects.create(kandidaat=kandidaat, van="", naar=Fase.ORIENTATIE, op=aangemeld)
    van = Fase.ORIENTATIE
    for naar, op, *extra in stappen:
        TrajectEvent.objects.create(
            kandidaat=kandidaat,
            van=van,
            naar=naar,
            op=op,
            reden=reden if naar == Fase.UITGEVALLEN else None,
            naar_regio=extra[0] if extra else None,
        )
        van = naar
    return kandidaat


def test_candidate_funnel_durations_dropouts_and_referrals(db):
    regio, buur = RegioFactory(naam="Onderwijsregio Twente"), RegioFactory(naam="Regio Buur")
    begin, dag = PERIODE.begin, timedelta(days=1)
    reden = Uitvalreden.objects.create(naam="Te weinig tijd")
    Stilstandregel.objects.all().delete()
    Stilstandregel.objects.create(fase=Fase.ORIENTATIE, dagen=30, herinner_elke_dagen=14)
    # Registered before the quarter; advice 10 days into it (20 days in orientation), then
    # route & toelating 20 days later and still there (no stall rule for that stage here).
    _reis(
        regio,
        begin - 10 * dag,
        (Fase.ADVIES, begin + 10 * dag),
        (Fase.ROUTE_TOELATING, begin + 30 * dag),
    )
    # Registered in the quarter, orientation for 30 days, then dropped out with a reason.
    _reis(regio, begin + 5 * dag, (Fase.UITGEVALLEN, begin + 35 * dag), reden=reden)
    # Registered in the quarter and never moved: stalled in orientation on the last day.
    _reis(regio, begin + 2 * dag)
    # Appointed in the quarter, 100 days after registering.
    _reis(
        regio,
        begin - 80 * dag,
        (Fase.ADVIES, begin - 70 * dag),
        (Fase.ROUTE_TOELATING, begin - 50 * dag),
        (Fase.MATCHING, begin - 30 * dag),
        (Fase.AANSTELLING, begin + 20 * dag),
    )
    # Referred to the neighbouring region two days after registering.
    _reis(regio, begin + 1 * dag, (Fase.DOORVERWEZEN, begin + 3 * dag, buur))
    # Referred from the neighbouring region to this one.
    _reis(buur, begin + 1 * dag, (Fase.DOORVERWEZEN, begin + 4 * dag, regio))
    # After the quarter: not counted at all.
    _reis(regio, PERIODE.einde + dag)

    k = gegevens(regio)["kandidaten"]

    assert (k["nieuw"], k["totaal"]) == (3, 5)
    trechter = {rij["naam"]: rij["aantal"] for rij in k["trechter"]}
    assert trechter == {
        "Oriëntatie": 1,
        "Advies": 0,
        "Route & toelating": 1,
        "Matching": 0,
        "Aanstelling": 1,
        "Opleiding & inductie": 0,
        "Gepauzeerd": 0,
        "Uitgevallen": 1,
        "Doorverwezen": 1,
    }
    conversie = {(rij["van"], rij["naar"]): rij for rij in k["conversie"]}
    assert conversie[("Oriëntatie", "Advies")]["bereikt_van"] == 5
    assert conversie[("Oriëntatie", "Advies")]["bereikt_naar"] == 2
    assert conversie[("Oriëntatie", "Advies")]["pct"] == "40.0"
    duur = {rij["naam"]: rij for rij in k["doorlooptijd"]}
    # Orientation stints that ended in the quarter: 20, 30 and 2 days (the referral).
    assert duur["Oriëntatie"]["aantal"] == 3
    assert duur["Oriëntatie"]["mediaan_dagen"] == "20.0"
    assert duur["Matching"]["mediaan_dagen"] == "50.0"
    assert k["tot_aanstelling"] == {"mediaan_dagen": "100.0", "aantal": 1}
    assert k["uitval"] == [{"naam": "Te weinig tijd", "aantal": 1}]
    assert k["stil"]["totaal"] == 1
    assert k["doorverwijzingen"] == {
        "uitgaand": 1,
        "inkomend": 1,
        "per_regio": [{"naam": "Regio Buur", "uitgaand": 1, "inkomend": 1}],
    }


def test_a_jump_to_matching_counts_as_reaching_the_stages_before_it(db):
    regio = RegioFactory()
    # An accepted introduction moves a candidate from orientation straight to matching.
    _reis(regio, ERVOOR, (Fase.MATCHING, MIDDEN))
    _reis(regio, ERVOOR, (Fase.ADVIES, MIDDEN), (Fase.ROUTE_TOELATING, MIDDEN))

    conversie = {(r["van"], r["naar"]): r for r in gegevens(regio)["kandidaten"]["conversie"]}

    assert conversie[("Route & toelating", "Matching")]["bereikt_van"] == 2
    assert conversie[("Route & toelating", "Matching")]["pct"] == "50.0"
    assert all(Decimal(r["pct"] or 0) <= 100 for r in conversie.values())


def test_a_pause_or_a_step_back_does_not_split_a_stay(db):
    regio = RegioFactory()
    begin, dag = PERIODE.begin, timedelta(days=1)
    # Advice for 10 days, paused 50, advice again for 10 more, then on to route & toelating.
    _reis(
        regio,
        begin - 30 * dag,
        (Fase.ADVIES, begin),
        (Fase.GEPAUZEERD, begin + 10 * dag),
        (Fase.ADVIES, begin + 60 * dag),
        (Fase.ROUTE_TOELATING, begin + 70 * dag),
    )

    duur = {r["naam"]: r for r in gegevens(regio)["kandidaten"]["doorlooptijd"]}

    assert (duur["Advies"]["aantal"], duur["Advies"]["mediaan_dagen"]) == (1, "20.0")
    assert (duur["Oriëntatie"]["aantal"], duur["Oriëntatie"]["mediaan_dagen"]) == (1, "30.0")


def test_erased_candidates_and_adviser_handovers_do_not_make_anyone_stalled(db):
    regio = RegioFactory()
    Stilstandregel.objects.all().delete()
    Stilstandregel.objects.create(fase=Fase.ORIENTATIE, dagen=30, herinner_elke_dagen=14)
    gewist = _reis(regio, PERIODE.begin - timedelta(days=60))
    Kandidaat.objects.filter(pk=gewist.pk).update(gewist_op=PERIODE.begin)
    # Registered 60 days before the end; only a new adviser since: still stalled.
    overgenomen = _reis(regio, PERIODE.einde - timedelta(days=60))
    TrajectEvent.objects.create(
        kandidaat=overgenomen,
        soort=EventSoort.ADVISEUR,
        van=Fase.ORIENTATIE,
        naar=Fase.ORIENTATIE,
        op=PERIODE.einde - timedelta(days=1),
    )

    assert gegevens(regio)["kandidaten"]["stil"]["totaal"] == 1


def test_routes_and_admissibility_outcomes_of_the_quarter(db):
    regio = RegioFactory()
    kandidaat = _reis(regio, ERVOOR)
    opleiding = OrganisatieFactory(opleiding=True, regio=regio)
    for route, op in ((RouteSoort.ZIJ_INSTROOM, MIDDEN), (RouteSoort.DEELTIJD_PABO, ERVOOR)):
        TrajectEvent.objects.create(
            kandidaat=kandidaat,
            soort=EventSoort.VERWIJZING,
            van=Fase.ORIENTATIE,
            naar=Fase.ORIENTATIE,
            op=op,
            route=route,
            organisatie=opleiding,
        )
    TrajectEvent.objects.create(
        kandidaat=kandidaat,
        soort=EventSoort.TOELATING,
        van=Fase.ORIENTATIE,
        naar=Fase.ORIENTATIE,
        op=MIDDEN,
        toelating=Toelating.MET_BAAN,
    )

    k = gegevens(regio)["kandidaten"]

    assert k["routes"] == [{"naam": "Zij-instroom", "aantal": 1}]
    assert k["toelating"] == [{"naam": "Toelaatbaar, met baan", "aantal": 1}]


def test_coverage_training_and_final_quarter(db):
    regio = RegioFactory(eis_minimum_fte=Decimal(100))
    mee = OrganisatieFactory(bestuur=True, regio=regio, fte=Decimal(300), leerlingen=4000)
    laat = OrganisatieFactory(bestuur=True, regio=regio, fte=Decimal(100), leerlingen=1000)
    DeelnameFactory(organisatie=mee, regio=regio, status="deelnemend", sinds=PERIODE.van)
    # Joined after the quarter: not taking part on its last day.
    DeelnameFactory(
        organisatie=laat,
        regio=regio,
        status="deelnemend",
        sinds=PERIODE.tot_en_met + timedelta(days=1),
    )
    school = OpleidingsschoolFactory(regio=regio)
    jaar = PERIODE.tot_en_met.year if PERIODE.tot_en_met.month >= 8 else PERIODE.tot_en_met.year - 1
    PlaatsingenFactory(
        opleidingsschool=school,
        schooljaar=jaar,
        studenten_binnen=30,
        studenten_buiten=10,
        zij_instromers_binnen=3,
        zij_instromers_buiten=1,
    )

    data = gegevens(regio)

    dekking = data["dekking"]["regios"][0]
    assert (dekking["besturen_deelnemend"], dekking["besturen_totaal"]) == (1, 2)
    assert (dekking["fte_deelnemend"], dekking["pct_fte"]) == ("300.0", "75.0")
    assert data["dekking"]["totaal"]["pct_leerlingen"] == "80.0"
    opleiding = data["opleiding"]
    assert (opleiding["pct_studenten"], opleiding["pct_zij_instromers"]) == ("75.0", "75.0")
    assert data["definitief"] is False
    KwartaalAfsluiting.objects.create(regio=regio, jaar=JAAR, kwartaal=KWARTAAL)
    assert gegevens(regio)["definitief"] is True


def test_an_opleidingsschool_without_figures_for_the_new_year_counts_with_its_last(db):
    regio = RegioFactory()
    jaar = PERIODE.tot_en_met.year if PERIODE.tot_en_met.month >= 8 else PERIODE.tot_en_met.year - 1
    bij = OpleidingsschoolFactory(regio=regio)
    laat = OpleidingsschoolFactory(regio=regio)
    PlaatsingenFactory(
        opleidingsschool=bij,
        schooljaar=jaar,
        studenten_binnen=10,
        studenten_buiten=10,
        zij_instromers_binnen=0,
        zij_instromers_buiten=0,
    )
    PlaatsingenFactory(
        opleidingsschool=laat,
        schooljaar=jaar - 1,
        studenten_binnen=0,
        studenten_buiten=100,
        zij_instromers_binnen=0,
        zij_instromers_buiten=0,
    )
    PlaatsingenFactory(
        opleidingsschool=laat,
        schooljaar=jaar - 2,
        studenten_binnen=50,
        studenten_buiten=50,
        zij_instromers_binnen=0,
        zij_instromers_buiten=0,
    )
    # A year after the quarter does not count.
    PlaatsingenFactory(
        opleidingsschool=bij,
        schooljaar=jaar + 1,
        studenten_binnen=999,
        studenten_buiten=0,
        zij_instromers_binnen=0,
        zij_instromers_buiten=0,
    )

    opleiding = gegevens(regio)["opleiding"]

    assert (opleiding["studenten_binnen"], opleiding["studenten_buiten"]) == (10, 110)
    assert opleiding["schooljaar_label"].count("/") == 2  # two school years named


def test_matching_figures_of_the_quarter(rotterdam):
    regio, bestuur, vestiging = rotterdam
    kandidaat = Kandidaat.objects.create(regio=regio, aangemeld_op=ERVOOR)
    vacature = VacatureFactory(
        bestuur=bestuur,
        vestiging=vestiging,
        fte=Decimal("0.8"),
        gepubliceerd_op=ERVOOR,
        status=VacatureStatus.VERVULD,
        afgesloten_op=MIDDEN,
        zij_instroom=True,
    )
    Aanstelling.objects.create(
        kandidaat=kandidaat,
        bestuur=bestuur,
        vestiging=vestiging,
        vacature=vacature,
        startdatum=PERIODE.tot_en_met,
        fte=Decimal("0.8"),
        vastgelegd_op=MIDDEN,
    )
    VacatureFactory(
        bestuur=bestuur,
        vestiging=vestiging,
        gepubliceerd_op=ERVOOR,
        status=VacatureStatus.VERVULD,
        afgesloten_op=MIDDEN,
    )

    m = gegevens(regio)["matching"]

    assert (m["aanstellingen"], m["aanstellingen_fte"]) == (1, "0.8")
    assert m["vacatures_vervuld"] == 2
    assert m["vacatures_vervuld_door_kandidaten"] == m["zij_instroom_vacatures_vervuld"] == 1


def test_the_figures_take_a_constant_number_of_queries(rotterdam, django_assert_max_num_queries):
    regio, *_ = rotterdam
    for i in range(30):
        _reis(regio, ERVOOR, (Fase.ADVIES, MIDDEN))
    with django_assert_max_num_queries(40) as captured:
        gegevens(regio)
    count = len(captured)
    for i in range(30):
        _reis(regio, ERVOOR, (Fase.ADVIES, MIDDEN))
    with django_assert_max_num_queries(count):
        gegevens(regio)


def test_a_group_report_adds_up_its_regions(rotterdam):
    regio, *_ = rotterdam
    other = RegioFactory(naam="Onderwijsregio Zuid-Holland Zuid")
    OrganisatieFactory(bestuur=True, regio=other)

    data = rapportage_gegevens(
        regios=[regio, other], jaar=JAAR, kwartaal=KWARTAAL, titel="Alliantie", groep="Alliantie"
    )

    assert data["regios"] == ["Onderwijsregio Rotterdam", "Onderwijsregio Zuid-Holland Zuid"]
    assert data["tekorten"]["besturen_totaal"] == 2
    assert data["tekorten"]["totaal"]["tekort_pct"] == "7.0"
    assert [rij["naam"] for rij in data["dekking"]["regios"]] == data["regios"]
    assert data["dekking"]["totaal"]["besturen_totaal"] == 2
