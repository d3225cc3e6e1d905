"""The route finder's matching rules, without a database: answers in, routes and reasons out."""

import importlib

import pytest

from loket.models import Route
from loket.routefinder import ONBEKEND, Antwoorden, geen_route_bericht, routes_for

CONTENT = importlib.import_module("loket.migrations.0004_kennisbank_inhoud")


@pytest.fixture
def catalogus():
    """The desk's real catalogue (from the content migration), as unsaved Route objects."""
    return [Route(**route) for route in CONTENT.ROUTES]


def route(**fields):
    defaults = {
        "naam": "Testroute",
        "slug": "testroute",
        "niveaus": ["hbo"],
        "sectoren": ["vo"],
        "vakverwant": False,
        "baan_nodig": False,
        "alleen_onderwijspersoneel": False,
        "naast_baan": True,
        "studielast": "twee avonden per week",
    }
    return Route(**{**defaults, **fields})


def slugs(matches):
    return [match.route.slug for match in matches]


def test_a_route_fits_when_every_answer_fits():
    matches = routes_for(Antwoorden(niveau="hbo", sector="vo"), [route()])
    assert slugs(matches) == ["testroute"]


@pytest.mark.parametrize(
    ("antwoorden", "fields"),
    [
        pytest.param(Antwoorden(niveau="mbo", sector="vo"), {}, id="education-too-low"),
        pytest.param(Antwoorden(niveau="hbo", sector="po"), {}, id="other-sector"),
        pytest.param(
            Antwoorden(niveau="hbo", sector="vo", vakverwant=False),
            {"vakverwant": True},
            id="field-does-not-fit-the-subject",
        ),
        pytest.param(
            Antwoorden(niveau="hbo", sector="vo", werkt_in_onderwijs=False),
            {"alleen_onderwijspersoneel": True},
            id="only-for-school-staff",
        ),
        pytest.param(
            Antwoorden(niveau="hbo", sector="vo", naast_baan=True),
            {"naast_baan": False},
            id="cannot-combine-with-a-job",
        ),
    ],
)
def test_a_route_that_conflicts_with_one_answer_is_left_out(antwoorden, fields):
    assert routes_for(antwoorden, [route(**fields)]) == []


def test_not_knowing_the_sector_keeps_every_sector_and_says_where_the_route_leads():
    [match] = routes_for(Antwoorden(niveau="hbo", sector=ONBEKEND), [route(sectoren=["po"])])
    assert any(
        "Je weet nog niet in welke sector" in r and "Primair onderwijs" in r for r in match.redenen
    )


def test_not_knowing_whether_the_field_fits_keeps_the_route_with_a_warning():
    [match] = routes_for(
        Antwoorden(niveau="hbo", sector="vo", vak="scheikunde", vakverwant=None),
        [route(vakverwant=True)],
    )
    assert any(
        r.startswith("Let op: je vooropleiding moet passen bij scheikunde") for r in match.redenen
    )


def test_the_reasons_say_why_in_the_visitors_own_terms():
    [match] = routes_for(
        Antwoorden(
            niveau="wo_master", sector="vo", vak="wiskunde", vakverwant=True, naast_baan=True
        ),
        [route(niveaus=["wo_master"], vakverwant=True, baan_nodig=True)],
    )
    assert match.redenen == [
        "De route staat open voor wie als hoogste opleiding wo-master heeft, zoals jij.",
        "De route leidt naar werk in de sector die je zoekt: Voortgezet onderwijs (VO).",
        "Je vooropleiding past bij wiskunde; dat is voor deze route nodig.",
        "Je hebt een baan bij een school nodig om te beginnen. Het loket helpt je die te vinden.",
        "Te combineren met een baan: twee avonden per week",
    ]


def test_school_staff_are_told_a_job_route_needs_an_appointment_at_their_school():
    [match] = routes_for(
        Antwoorden(niveau="hbo", sector="vo", werkt_in_onderwijs=True),
        [route(baan_nodig=True, alleen_onderwijspersoneel=True)],
    )
    assert "De route is voor wie al in het onderwijs werkt, zoals jij." in match.redenen
    assert any("Je werkt al in het onderwijs" in r for r in match.redenen)


def test_the_catalogue_order_is_kept():
    routes = [route(slug="b", naam="B"), route(slug="a", naam="A")]
    assert slugs(routes_for(Antwoorden(niveau="hbo", sector="vo"), routes)) == ["b", "a"]


# --- the real catalogue -------------------------------------------------------------------------


def test_an_academic_who_wants_to_teach_their_subject_gets_the_university_routes(catalogus):
    antwoorden = Antwoorden(
        niveau="wo_master", sector="vo", vak="Duits", vakverwant=True, naast_baan=True
    )
    assert slugs(routes_for(antwoorden, catalogus)) == [
        "zij-instroom-vo-mbo",
        "deeltijd-tweedegraads",
        "universitaire-lerarenopleiding",
        "kort-traject-academici",
        "onderwijsassistent",
        "leraarondersteuner",
    ]


def test_an_hbo_graduate_for_primary_school_gets_zij_instroom_and_the_pabo(catalogus):
    antwoorden = Antwoorden(niveau="hbo", sector="po", vakverwant=None)
    assert slugs(routes_for(antwoorden, catalogus)) == [
        "zij-instroom-po",
        "deeltijd-pabo",
        "onderwijsassistent",
        "leraarondersteuner",
    ]


def test_a_career_switcher_whose_field_does_not_fit_gets_no_subject_bound_route(catalogus):
    antwoorden = Antwoorden(niveau="wo_master", sector="vo", vak="Frans", vakverwant=False)
    found = slugs(routes_for(antwoorden, catalogus))
    assert "zij-instroom-vo-mbo" not in found
    assert "universitaire-lerarenopleiding" not in found
    assert "deeltijd-tweedegraads" in found


def test_school_leadership_is_offered_only_to_people_working_in_education(catalogus):
    buiten = Antwoorden(niveau="hbo", sector="po", werkt_in_onderwijs=False)
    binnen = Antwoorden(niveau="hbo", sector="po", werkt_in_onderwijs=True)
    assert "schoolleider" not in slugs(routes_for(buiten, catalogus))
    assert "schoolleider" in slugs(routes_for(binnen, catalogus))


def test_the_catalogue_has_a_route_of_every_kind_with_every_field_filled(catalogus):
    from kandidaten.models import RouteSoort

    assert {r.soort for r in catalogus} == set(RouteSoort.values)
    for r in catalogus:
        r.clean()  # known levels, sectors and kinds of institute
        for veld in ("naam", "samenvatting", "voor_wie", "duur", "studielast", "kosten"):
            assert getattr(r, veld).strip(), (r.slug, veld)
        assert r.niveaus and r.sectoren, r.slug


# --- nothing fits -------------------------------------------------------------------------------


def test_when_nothing_fits_the_message_names_the_obstacle_and_points_to_advice():
    antwoorden = Antwoorden(niveau="mbo", sector="vo")
    routes = [route(niveaus=["hbo"]), route(slug="x", niveaus=["wo_master"])]

    assert routes_for(antwoorden, routes) == []
    bericht = geen_route_bericht(antwoorden, routes)
    assert bericht.startswith("Geen van onze routes past bij al je antwoorden.")
    assert "een andere vooropleiding nodig dan mbo" in bericht
    assert "gratis adviesgesprek" in bericht


def test_when_nothing_fits_the_most_common_obstacle_is_named():
    antwoorden = Antwoorden(niveau="hbo", sector="vo", vak="Latijn", vakverwant=False)
    routes = [
        route(slug="a", vakverwant=True),
        route(slug="b", vakverwant=True),
        route(slug="c", sectoren=["po"]),
    ]
    bericht = geen_route_bericht(antwoorden, routes)
    assert "vragen een vooropleiding die past bij Latijn" in bericht
    assert "geen route naar" not in bericht


def test_when_the_catalogue_is_empty_the_message_still_points_to_advice():
    bericht = geen_route_bericht(Antwoorden(niveau="hbo"), [])
    assert "adviesgesprek" in bericht


def test_with_a_secondary_school_diploma_there_are_still_routes_into_mbo(catalogus):
    antwoorden = Antwoorden(niveau="vo", sector="mbo", werkt_in_onderwijs=False, naast_baan=True)
    matches = routes_for(antwoorden, catalogus)
    assert slugs(matches) == ["deeltijd-tweedegraads", "onderwijsassistent"]
