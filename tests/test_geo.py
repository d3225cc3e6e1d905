"""Offline coordinates for Dutch postcodes and places, and the distances between them."""

import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regio import geo


def test_enschede_to_hengelo_is_about_nine_km():
    enschede = geo.coordinates_for_postcode("7511")
    hengelo = geo.coordinates_for_postcode("7551")

    assert 8 <= geo.distance_km(enschede, hengelo) <= 10


def test_amsterdam_to_rotterdam_is_about_fifty_seven_km():
    amsterdam = geo.coordinates_for_postcode("1012 AB")
    rotterdam = geo.coordinates_for_postcode("3011AA")

    assert 55 <= geo.distance_km(amsterdam, rotterdam) <= 60


def test_postcode_coordinates_lie_in_enschede():
    lat, lon = geo.coordinates_for_postcode("7511")

    assert 52.1 < lat < 52.3
    assert 6.8 < lon < 7.0


@pytest.mark.parametrize("written", ["7511 AB", "7511ab", "7511", " 7511 AB ", "7511  ab"])
def test_the_usual_ways_of_writing_a_postcode_give_the_same_point(written):
    assert geo.coordinates_for_postcode(written) == geo.coordinates_for_postcode("7511")


@pytest.mark.parametrize("unknown", ["1000", "3000 AB", "5000"])
def test_well_formed_postcode_without_an_area_gives_none(unknown):
    assert geo.coordinates_for_postcode(unknown) is None


@pytest.mark.parametrize(
    "bad",
    ["", "   ", "abcd", "ABCD EF", "0511 AB", "751", "75111", "7511 ABC", "7511-AB", "\x00",
     "7511\x00AB", "7511 A\x00", "7511" * 1000, None, 7511, b"7511"],
)  # fmt: skip
def test_bad_postcode_gives_none_without_raising(bad):
    assert geo.coordinates_for_postcode(bad) is None


def test_gemeente_is_found_by_its_main_place_in_any_case():
    enschede = geo.coordinates_for_gemeente("ENSCHEDE")

    assert geo.distance_km(enschede, geo.coordinates_for_postcode("7511")) < 3


def test_den_haag_is_s_gravenhage():
    assert geo.coordinates_for_gemeente("Den Haag") == geo.coordinates_for_gemeente("'s-Gravenhage")
    assert geo.coordinates_for_gemeente("Den Haag") is not None


def test_a_name_used_in_two_provinces_means_the_larger_place():
    # Hengelo (Overijssel) has ten postcodes; the village "Hengelo (Gld)" is 40 km away.
    hengelo = geo.coordinates_for_gemeente("Hengelo")

    assert geo.distance_km(hengelo, geo.coordinates_for_postcode("7551")) < 5


@pytest.mark.parametrize("naam", ["Súdwest-Fryslân", "Atlantis", "", " ", "\x00", "Enschede\x00"])
def test_unknown_or_bad_gemeente_gives_none(naam):
    assert geo.coordinates_for_gemeente(naam) is None


def test_distance_is_symmetric_and_zero_for_the_same_point():
    a, b = (52.22, 6.9), (51.92, 4.49)

    assert geo.distance_km(a, a) == 0
    assert geo.distance_km(a, b) == pytest.approx(geo.distance_km(b, a))


def test_one_degree_of_latitude_is_about_111_km():
    assert geo.distance_km((52.0, 5.0), (53.0, 5.0)) == pytest.approx(111.19, abs=0.01)


def test_data_loads_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("geo data must ship in the package, not be downloaded")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)

    data = geo._load()

    assert len(data.pc4) > 4000  # the Netherlands has ~4,070 PC4 areas
    assert all(50.7 < lat < 53.6 and 3.3 < lon < 7.3 for lat, lon in data.pc4.values())


@given(st.text(max_size=30))
def test_any_text_gives_a_point_or_none(text):
    for lookup in (geo.coordinates_for_postcode, geo.coordinates_for_gemeente):
        result = lookup(text)
        assert result is None or len(result) == 2
