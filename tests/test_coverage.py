"""Coverage figures of a region, computed from the registry, against the RAP requirements."""

from decimal import Decimal

import pytest

from opleidingsscholen.coverage import opleidingsaandeel_for
from regio.coverage import dekking_for
from regio.models import DeelnameStatus

from .factories import (
    DeelnameFactory,
    OpleidingsschoolFactory,
    OrganisatieFactory,
    PlaatsingenFactory,
    RegioFactory,
)


def make_boards(regio, count, *, fte, leerlingen, status=None):
    """`count` boards sharing `fte` and `leerlingen` as evenly as integers allow."""
    boards = []
    for i in range(count):
        board = OrganisatieFactory(
            bestuur=True,
            regio=regio,
            fte=fte // count + (fte % count if i == 0 else 0),
            leerlingen=leerlingen // count + (leerlingen % count if i == 0 else 0),
        )
        if status:
            DeelnameFactory(organisatie=board, regio=regio, status=status)
        boards.append(board)
    return boards


def test_twente_2018_figures_from_seed_000(db):
    """25 boards, 3,567 fte, 41,764 pupils; 17 take part with 3,170 fte and 37,682 pupils."""
    twente = RegioFactory(naam="Onderwijsregio Twente")
    make_boards(twente, 17, fte=3170, leerlingen=37682, status=DeelnameStatus.DEELNEMEND)
    make_boards(twente, 8, fte=397, leerlingen=4082)

    dekking = dekking_for(twente)

    assert (dekking.besturen_deelnemend, dekking.besturen_totaal) == (17, 25)
    assert dekking.fte_deelnemend == 3170 and dekking.fte_totaal == 3567
    assert dekking.pct_fte == Decimal("88.9")  # seed 000 truncates to 88,8 %
    assert dekking.pct_leerlingen == Decimal("90.2")
    assert dekking.pct_besturen == Decimal("68.0")
    assert dekking.eisen_gehaald


def test_twente_2022_sixteen_of_twenty_four_boards_is_exactly_two_thirds(db):
    """After a merger: 16 of 24 boards, which the seed says meets the two-thirds rule."""
    twente = RegioFactory()
    make_boards(twente, 16, fte=3170, leerlingen=37682, status=DeelnameStatus.DEELNEMEND)
    make_boards(twente, 8, fte=397, leerlingen=4082)

    dekking = dekking_for(twente)

    assert dekking.pct_besturen == Decimal("66.7")
    assert dekking.besturen_gehaald  # exact 2/3, no rounding against the rule
    assert dekking.eisen_gehaald


def test_one_board_short_of_two_thirds_fails(db):
    regio = RegioFactory()
    make_boards(regio, 15, fte=3000, leerlingen=30000, status=DeelnameStatus.DEELNEMEND)
    make_boards(regio, 9, fte=500, leerlingen=5000)
    dekking = dekking_for(regio)
    assert not dekking.besturen_gehaald
    assert dekking.fte_gehaald
    assert not dekking.eisen_gehaald


def test_enough_boards_but_too_little_fte_fails(db):
    regio = RegioFactory()
    make_boards(regio, 3, fte=1599, leerlingen=20000, status=DeelnameStatus.DEELNEMEND)
    dekking = dekking_for(regio)
    assert dekking.besturen_gehaald
    assert not dekking.fte_gehaald


@pytest.mark.parametrize("status", [DeelnameStatus.UITGENODIGD, DeelnameStatus.VERTROKKEN])
def test_invited_or_departed_boards_do_not_count(db, status):
    regio = RegioFactory()
    make_boards(regio, 2, fte=2000, leerlingen=100, status=status)
    dekking = dekking_for(regio)
    assert dekking.besturen_deelnemend == 0
    assert dekking.fte_deelnemend == 0


def test_a_board_taking_part_in_two_regions_counts_once_in_each(db):
    regio, andere = RegioFactory(), RegioFactory()
    board = OrganisatieFactory(bestuur=True, regio=regio, fte=1700, leerlingen=20000)
    DeelnameFactory(organisatie=board, regio=regio)
    DeelnameFactory(organisatie=board, regio=andere)

    dekking = dekking_for(regio)

    assert dekking.fte_totaal == 1700 and dekking.fte_deelnemend == 1700
    assert dekking.besturen_totaal == 1


def test_requirements_are_configurable_per_region(db):
    regio = RegioFactory(eis_besturen_teller=3, eis_besturen_noemer=4, eis_minimum_fte=100)
    make_boards(regio, 2, fte=200, leerlingen=100, status=DeelnameStatus.DEELNEMEND)
    make_boards(regio, 1, fte=10, leerlingen=10)
    dekking = dekking_for(regio)
    assert dekking.eis_besturen_pct == Decimal("75.0")
    assert not dekking.besturen_gehaald  # 2 of 3 < 3/4


def test_an_empty_region_has_no_percentages_and_meets_nothing(db):
    dekking = dekking_for(RegioFactory())
    assert dekking.pct_besturen is None and dekking.pct_fte is None
    assert not dekking.eisen_gehaald


def test_share_trained_within_opleidingsscholen_uses_the_latest_year(db):
    regio = RegioFactory()
    school = OpleidingsschoolFactory(regio=regio)
    PlaatsingenFactory(
        opleidingsschool=school, schooljaar=2024, studenten_binnen=10, studenten_buiten=90
    )
    PlaatsingenFactory(
        opleidingsschool=school,
        schooljaar=2025,
        studenten_binnen=60,
        studenten_buiten=20,
        zij_instromers_binnen=9,
        zij_instromers_buiten=3,
    )
    PlaatsingenFactory(
        opleidingsschool=OpleidingsschoolFactory(regio=regio),
        schooljaar=2025,
        studenten_binnen=15,
        studenten_buiten=5,
    )
    PlaatsingenFactory(schooljaar=2026, studenten_binnen=1)  # another region

    aandeel = opleidingsaandeel_for(regio)

    assert aandeel.schooljaar_label == "2025/26"
    assert aandeel.pct_studenten == Decimal("75.0")  # 75 of 100
    assert aandeel.pct_zij_instromers == Decimal("75.0")  # 9 of 12
    assert aandeel.ambitie_pct == 100
    assert opleidingsaandeel_for(regio, 2024).pct_studenten == Decimal("10.0")


def test_a_region_without_placements_shows_no_share(db):
    aandeel = opleidingsaandeel_for(RegioFactory())
    assert aandeel.schooljaar is None and aandeel.pct_studenten is None
