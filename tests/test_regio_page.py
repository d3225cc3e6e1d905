"""A region's public page shows the coverage figures it is judged on, computed from the registry."""

from django.urls import reverse

from regio.models import DeelnameStatus

from .factories import (
    DeelnameFactory,
    OpleidingsschoolFactory,
    OrganisatieFactory,
    PlaatsingenFactory,
)


def test_region_page_shows_coverage_against_the_requirements(client, regio):
    for fte in (1000, 700):
        board = OrganisatieFactory(bestuur=True, regio=regio, fte=fte, leerlingen=10000)
        DeelnameFactory(organisatie=board, regio=regio)
    OrganisatieFactory(bestuur=True, regio=regio, fte=300, leerlingen=5000)
    PlaatsingenFactory(
        opleidingsschool=OpleidingsschoolFactory(regio=regio),
        schooljaar=2025,
        studenten_binnen=30,
        studenten_buiten=10,
    )

    page = client.get(reverse("regio_detail", args=[regio.slug])).content.decode()

    assert "De regio voldoet aan de eisen." in page
    assert "2 / 3" in page  # boards taking part
    assert "66,7%" in page
    assert "1.700 / 2.000" in page  # fte
    assert "75,0%" in page  # trained within, 2025/26
    assert "schooljaar 2025/26, ambitie 100%" in page


def test_region_page_says_when_requirements_are_not_met(client, regio):
    board = OrganisatieFactory(bestuur=True, regio=regio, fte=100)
    DeelnameFactory(organisatie=board, regio=regio, status=DeelnameStatus.UITGENODIGD)
    page = client.get(reverse("regio_detail", args=[regio.slug])).content.decode()
    assert "De regio voldoet nog niet aan de eisen." in page
    assert "0 / 1" in page
    assert "nog geen plaatsingen" in page


def test_an_unknown_region_is_a_404(client, db):
    assert client.get("/regio/bestaat-niet/").status_code == 404


def test_region_page_query_count_does_not_grow(client, regio, django_assert_max_num_queries):
    def add_boards(n):
        for _ in range(n):
            DeelnameFactory(organisatie=OrganisatieFactory(bestuur=True, regio=regio))
            PlaatsingenFactory(opleidingsschool=OpleidingsschoolFactory(regio=regio))

    add_boards(2)
    with django_assert_max_num_queries(6):
        client.get(reverse("regio_detail", args=[regio.slug]))
    add_boards(20)
    with django_assert_max_num_queries(6):
        client.get(reverse("regio_detail", args=[regio.slug]))


def test_home_page_links_each_region(client, regio, andere_regio):
    page = client.get("/").content.decode()
    assert f'href="{reverse("regio_detail", args=[regio.slug])}"' in page
    assert f'href="{reverse("regio_detail", args=[andere_regio.slug])}"' in page
