"""Scoring candidates against vacancies: each component, the reasons in words, the order, and
that the score is computed by the database in one query however many rows there are."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kandidaten import matching
from kandidaten.matching import (
    DREMPEL,
    MAX_SCORE,
    kandidaten_voor,
    pseudoniem,
    suggesties_voor,
    uitleg,
    vacatures_voor,
)
from kandidaten.models import Fase, Toelating
from regio.models import Bevoegdheid, Functie, Sector

from .factories import OrganisatieFactory, RegioFactory
from .factories_matching import START, vacature_in, zoekende

VANDAAG = timezone.localdate()


def de_vacature(kandidaat, vacature):
    return vacatures_voor(kandidaat, [vacature.bestuur.regio_id]).get(pk=vacature.pk)


def de_kandidaat(vacature, kandidaat):
    return kandidaten_voor(vacature).get(pk=kandidaat.pk)


def test_the_weights_add_up_to_a_hundred():
    assert MAX_SCORE == 100
    assert 0 < DREMPEL < MAX_SCORE


def test_a_perfect_pair_scores_a_hundred_from_both_sides_with_readable_reasons(regio, bestuur):
    kandidaat = zoekende(regio)
    vacature = vacature_in(bestuur)

    vanuit_kandidaat = de_vacature(kandidaat, vacature)
    vanuit_vacature = de_kandidaat(vacature, kandidaat)

    assert vanuit_kandidaat.score == vanuit_vacature.score == 100
    vanaf = kandidaat.beschikbaar_vanaf
    assert uitleg(vanuit_vacature) == [
        "Vak past: wiskunde",
        "Sector past: Voortgezet onderwijs (VO)",
        "Functie past: leraar",
        "Afstand 0 km (max. 25 km)",
        "Gewenste omvang 0,8 fte; vacature 0,8 fte",
        f"Beschikbaar vanaf {vanaf.day}-{vanaf.month}-{vanaf.year}, "
        f"start {START.day}-{START.month}-{START.year}",
        "Toelaatbaar tot een opleiding",
    ]
    assert uitleg(vanuit_kandidaat) == uitleg(vanuit_vacature)


def test_a_subject_the_candidate_cannot_teach_costs_the_subject_points(regio, bestuur):
    kandidaat = zoekende(regio, vakken=["Duits"])
    vacature = vacature_in(bestuur)

    rij = de_kandidaat(vacature, kandidaat)

    assert rij.p_vak == 0
    assert rij.score == 100 - matching.GEWICHT_VAK
    assert "Vak past niet: gevraagd is wiskunde" in uitleg(rij)
    assert de_vacature(kandidaat, vacature).score == rij.score


def test_a_vacancy_without_a_subject_gets_the_subject_points_when_the_sector_fits(regio, bestuur):
    po = zoekende(regio, vakken=[], sectoren=[Sector.PO])
    vo = zoekende(regio, vakken=["Wiskunde"], sectoren=[Sector.VO])
    vacature = vacature_in(bestuur, sector=Sector.PO, vak=None, bevoegdheid=Bevoegdheid.PABO)

    assert de_kandidaat(vacature, po).p_vak == matching.GEWICHT_VAK
    assert de_kandidaat(vacature, vo).p_vak == 0
    assert "Geen vak gevraagd; de sector past" in uitleg(de_kandidaat(vacature, po))
    assert de_vacature(po, vacature).p_vak == matching.GEWICHT_VAK
    assert de_vacature(vo, vacature).p_vak == 0


def test_sector_and_function_that_do_not_fit_cost_their_points(regio, bestuur):
    kandidaat = zoekende(regio, sectoren=[Sector.MBO], functies=[Functie.ONDERWIJSASSISTENT])
    vacature = vacature_in(bestuur)

    rij = de_kandidaat(vacature, kandidaat)

    assert (rij.p_sector, rij.p_functie) == (0, 0)
    assert "Sector past niet: Voortgezet onderwijs (VO)" in uitleg(rij)
    assert "Functie past niet: leraar" in uitleg(rij)
    assert de_vacature(kandidaat, vacature).score == rij.score


def test_closer_is_better_and_beyond_the_maximum_distance_is_not_listed(regio, bestuur):
    kandidaat = zoekende(regio, max_afstand_km=25)
    dichtbij = vacature_in(bestuur, postcode="7521")  # ~3 km
    verder = vacature_in(bestuur, postcode="7622")  # ~13 km
    verst = vacature_in(bestuur, postcode="7602")  # ~23 km
    te_ver = vacature_in(bestuur, postcode="8011")  # Zwolle, ~64 km

    rijen = list(vacatures_voor(kandidaat, [regio.pk]))

    assert [v.pk for v in rijen] == [dichtbij.pk, verder.pk, verst.pk]
    assert [v.p_afstand for v in rijen] == [15, 10, 5]
    assert "Afstand 13 km (max. 25 km)" in uitleg(rijen[1])
    assert not kandidaten_voor(te_ver).filter(pk=kandidaat.pk).exists()
    assert [k.pk for k in kandidaten_voor(verst)] == [kandidaat.pk]


def test_a_candidate_who_travels_far_sees_the_far_vacancy(regio, bestuur):
    kandidaat = zoekende(regio, max_afstand_km=100)
    zwolle = vacature_in(bestuur, postcode="8011")

    assert de_vacature(kandidaat, zwolle).p_afstand == 10  # 64 of 100 km: second third
    assert de_kandidaat(zwolle, kandidaat).afstand_km == pytest.approx(63.7, abs=1.5)


def test_unknown_places_stay_listed_without_distance_points(regio, bestuur):
    kandidaat = zoekende(regio, postcode="", woonplaats="")
    vacature = vacature_in(bestuur)

    rij = de_kandidaat(vacature, kandidaat)

    assert (rij.afstand_km, rij.p_afstand) == (None, 0)
    assert "Afstand onbekend" in uitleg(rij)
    assert de_vacature(kandidaat, vacature).p_afstand == 0


def test_hours_score_full_within_a_tenth_half_within_three_tenths(regio, bestuur):
    vacature = vacature_in(bestuur, fte=Decimal("1.0"))
    precies = zoekende(regio, fte_gewenst=Decimal("0.9"))
    bijna = zoekende(regio, fte_gewenst=Decimal("0.7"))
    anders = zoekende(regio, fte_gewenst=Decimal("0.4"))
    onbekend = zoekende(regio, fte_gewenst=None)

    punten = {k.pk: k.p_fte for k in kandidaten_voor(vacature)}

    assert [punten[k.pk] for k in (precies, bijna, anders, onbekend)] == [10, 5, 0, 5]
    assert "Gewenste omvang 0,4 fte; vacature 1 fte" in uitleg(de_kandidaat(vacature, anders))
    assert [de_vacature(k, vacature).p_fte for k in (precies, bijna, anders, onbekend)] == [
        10,
        5,
        0,
        5,
    ]


def test_availability_after_the_start_costs_points(regio, bestuur):
    vacature = vacature_in(bestuur)
    op_tijd = zoekende(regio, beschikbaar_vanaf=START)
    maand_later = zoekende(regio, beschikbaar_vanaf=START + datetime.timedelta(days=20))
    veel_later = zoekende(regio, beschikbaar_vanaf=START + datetime.timedelta(days=90))
    nu = zoekende(regio, beschikbaar_vanaf=VANDAAG)

    punten = {k.pk: k.p_beschikbaar for k in kandidaten_voor(vacature)}

    assert [punten[k.pk] for k in (op_tijd, maand_later, veel_later, nu)] == [10, 5, 0, 10]
    assert [
        de_vacature(k, vacature).p_beschikbaar for k in (op_tijd, maand_later, veel_later, nu)
    ] == [10, 5, 0, 10]


def test_hr_reads_only_whether_a_candidate_is_admissible(regio, bestuur):
    vacature = vacature_in(bestuur)
    toelaatbaar = zoekende(regio, toelating=Toelating.ZONDER_BAAN)
    niet = zoekende(regio, toelating=Toelating.LANG_TRAJECT)
    onbekend = zoekende(regio, toelating="")

    rijen = {k.pk: k for k in kandidaten_voor(vacature)}

    assert rijen[toelaatbaar.pk].p_toelating == 10
    # Not admissible and not yet known look the same to HR, in points and in words.
    assert rijen[niet.pk].p_toelating == rijen[onbekend.pk].p_toelating == 0
    assert "Nog geen toelating tot een opleiding" in uitleg(rijen[niet.pk])
    assert uitleg(rijen[niet.pk]) == uitleg(rijen[onbekend.pk])
    assert not any("lang traject" in zin.lower() for zin in uitleg(rijen[niet.pk]))
    # The candidate reads their own outcome more precisely.
    assert "Nog niet direct toelaatbaar tot een opleiding" in uitleg(de_vacature(niet, vacature))
    assert "Toelating nog niet bekend" in uitleg(de_vacature(onbekend, vacature))


def test_a_vacancy_that_needs_no_qualification_does_not_ask_for_admissibility(regio, bestuur):
    vacature = vacature_in(
        bestuur,
        functie=Functie.ONDERWIJSASSISTENT,
        bevoegdheid=Bevoegdheid.GEEN,
    )
    kandidaat = zoekende(regio, toelating="", functies=[Functie.ONDERWIJSASSISTENT])

    assert de_kandidaat(vacature, kandidaat).p_toelating == 10
    assert de_vacature(kandidaat, vacature).p_toelating == 10
    assert "Geen bevoegdheid vereist" in uitleg(de_kandidaat(vacature, kandidaat))


def test_candidates_are_ranked_best_first_and_ties_by_distance(regio, bestuur):
    vacature = vacature_in(bestuur)
    duits = zoekende(regio, vakken=["Duits"])
    ver = zoekende(regio, postcode="7622")
    dichtbij = zoekende(regio, postcode="7521")
    nergens = zoekende(regio, postcode="")

    volgorde = [k.pk for k in kandidaten_voor(vacature)]

    # dichtbij and ver fit on everything but distance points (15 vs 15 within a third):
    # distance decides; no location gets no distance points; the wrong subject loses 25.
    assert volgorde == [dichtbij.pk, ver.pk, nergens.pk, duits.pk]


def test_only_consenting_seeking_candidates_with_an_account_are_scored(regio, bestuur):
    vacature = vacature_in(bestuur)
    ja = zoekende(regio)
    zoekende(regio, deel_met_regio=False)
    zoekende(regio, fase=Fase.ORIENTATIE)
    zoekende(regio, fase=Fase.AANSTELLING)
    zoekende(regio, gewist_op=timezone.now())

    assert [k.pk for k in kandidaten_voor(vacature)] == [ja.pk]


def test_candidates_of_a_neighbouring_region_are_scored_only_with_that_consent(regio, bestuur):
    buur = RegioFactory()
    regio.buurregios.add(buur)
    vacature = vacature_in(bestuur)
    zonder = zoekende(buur)
    met = zoekende(buur, deel_met_buurregios=True)

    assert [k.pk for k in kandidaten_voor(vacature)] == [met.pk]
    assert zonder.pk not in {k.pk for k in kandidaten_voor(vacature)}


@pytest.mark.parametrize("aantal", [3, 30])
def test_scoring_candidates_takes_the_same_queries_for_3_or_30(
    regio, bestuur, aantal, django_assert_num_queries
):
    vacature = vacature_in(bestuur)
    for i in range(aantal):
        zoekende(regio, vakken=["Wiskunde"] if i % 2 else ["Duits"])
    vacature = (
        type(vacature).objects.select_related("vak", "vestiging", "bestuur").get(pk=vacature.pk)
    )

    # The neighbouring regions' ids, then the scored rows.
    with django_assert_num_queries(2):
        rijen = list(kandidaten_voor(vacature)[:100])
        redenen = [uitleg(rij) for rij in rijen]

    assert len(rijen) == len(redenen) == aantal


@pytest.mark.parametrize("aantal", [3, 30])
def test_scoring_vacancies_takes_the_same_queries_for_3_or_30(
    regio, bestuur, aantal, django_assert_num_queries
):
    kandidaat = zoekende(regio)
    for i in range(aantal):
        vacature_in(bestuur, fte=Decimal("0.4") if i % 2 else Decimal("0.8"))

    with django_assert_num_queries(1):
        rijen = list(vacatures_voor(kandidaat, [regio.pk])[:100])
        redenen = [uitleg(rij) for rij in rijen]

    assert len(rijen) == len(redenen) == aantal


def test_closed_filled_or_draft_vacancies_are_not_offered(regio, bestuur):
    kandidaat = zoekende(regio)
    open_ = vacature_in(bestuur)
    vacature_in(bestuur, concept=True)
    vacature_in(bestuur, vervuld=True)
    vacature_in(bestuur, gesloten=True)

    assert [v.pk for v in vacatures_voor(kandidaat, [regio.pk])] == [open_.pk]


def test_the_pseudonym_is_stable_and_says_nothing_about_the_candidate(regio):
    kandidaat = zoekende(regio)

    label = pseudoniem(kandidaat.pk)

    assert label == pseudoniem(kandidaat.pk)
    assert label.startswith("Kandidaat ") and len(label.split()[1]) == 6
    assert str(kandidaat.pk) not in label.split()[1] or len(str(kandidaat.pk)) < 2
    assert pseudoniem(kandidaat.pk + 1) != label


def test_the_pseudonym_depends_on_the_secret_key(regio, settings):
    kandidaat = zoekende(regio)
    label = pseudoniem(kandidaat.pk)

    settings.SECRET_KEY = "een ander geheim dat niemand kent"

    assert pseudoniem(kandidaat.pk) != label


def test_neighbouring_regions_are_suggested_when_the_own_region_has_nothing_good(bestuur, regio):
    buur = RegioFactory()
    regio.buurregios.add(buur)
    buurbestuur = OrganisatieFactory(bestuur=True, regio=buur)
    zwak = vacature_in(bestuur, sector=Sector.MBO, functie=Functie.OVERIG, vak=None)
    goed = vacature_in(buurbestuur, postcode="7551")
    kandidaat = zoekende(regio, deel_met_buurregios=True)

    suggesties = suggesties_voor(kandidaat)

    assert [v.pk for v in suggesties.eigen] == [zwak.pk]
    assert suggesties.eigen[0].score < DREMPEL
    assert [v.pk for v in suggesties.buur] == [goed.pk]
    assert not suggesties.vraag_toestemming


def test_without_consent_for_neighbours_only_an_invitation_to_allow_it(bestuur, regio):
    buur = RegioFactory()
    regio.buurregios.add(buur)
    vacature_in(OrganisatieFactory(bestuur=True, regio=buur), postcode="7551")
    kandidaat = zoekende(regio, deel_met_buurregios=False)

    suggesties = suggesties_voor(kandidaat)

    assert suggesties.eigen == [] and suggesties.buur == []
    assert suggesties.vraag_toestemming


def test_a_good_own_vacancy_means_no_neighbouring_suggestions(bestuur, regio):
    buur = RegioFactory()
    regio.buurregios.add(buur)
    vacature_in(OrganisatieFactory(bestuur=True, regio=buur), postcode="7551")
    eigen = vacature_in(bestuur)
    kandidaat = zoekende(regio, deel_met_buurregios=True)

    suggesties = suggesties_voor(kandidaat)

    assert [v.pk for v in suggesties.eigen] == [eigen.pk]
    assert suggesties.buur == [] and not suggesties.buur_nodig


def test_no_suggestions_at_all_without_consent_for_the_own_region(bestuur, regio):
    vacature_in(bestuur)
    kandidaat = zoekende(regio, deel_met_regio=False)

    suggesties = suggesties_voor(kandidaat)

    assert suggesties.eigen == [] and suggesties.buur == []
