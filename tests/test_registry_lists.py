"""The public partner list and opleidingsschool list of a region, and their detail pages."""

import itertools

import pytest
from django.urls import reverse

from opleidingsscholen.models import Opleidingsplaatsen, Opleidingsschool, StudentSoort
from regio.models import Contactpersoon, DeelnameStatus, OrganisatieSoort, Sector

from .factories import (
    DeelnameFactory,
    OpleidingsschoolFactory,
    OrganisatieFactory,
    PlaatsingenFactory,
    VestigingFactory,
)


def get(client, url, **params):
    return client.get(url, params).content.decode()


# Partner list ------------------------------------------------------------------------------


def test_partner_list_shows_the_regions_organisations_and_not_another_regions(
    client, regio, bestuur, opleiding, ander_bestuur
):
    OrganisatieFactory(regio=regio, soort=OrganisatieSoort.GEMEENTE, naam="Gemeente Enschede")

    page = get(client, reverse("regio:partners", args=[regio.slug]))

    assert "Stichting Tweede Kans" in page
    assert "Pabo Twente" in page
    assert "Gemeente Enschede" in page
    assert "Lerarenopleiding" in page  # the kind
    assert "Stichting Elders" not in page
    assert "3 organisaties gevonden" in page


def test_partner_list_shows_a_boards_figures_and_participation(client, regio):
    board = OrganisatieFactory(
        bestuur=True,
        regio=regio,
        naam="Stichting Keender",
        bevoegd_gezag_nummer="41234",
        fte=1234.5,
        leerlingen=15000,
        plaats="Hengelo",
    )
    VestigingFactory.create_batch(3, bestuur=board)
    DeelnameFactory(organisatie=board, regio=regio, status=DeelnameStatus.UITGENODIGD)

    page = get(client, reverse("regio:partners", args=[regio.slug]))

    row = page[
        page.index("Stichting Keender") : page.index("</tr>", page.index("Stichting Keender"))
    ]
    assert "41234" in row
    assert "1.234,5" in row
    assert "15.000" in row
    assert "Hengelo" in row
    assert '<td class="num">3</td>' in row
    assert "Uitgenodigd" in row


def test_partner_without_participation_shows_a_dash(client, regio, opleiding):
    page = get(client, reverse("regio:partners", args=[regio.slug]))
    row = page[page.index("Pabo Twente") : page.index("</tr>", page.index("Pabo Twente"))]
    assert row.rstrip().endswith("<td>–</td>")


def test_partner_list_only_counts_participation_in_this_region(client, regio, andere_regio):
    board = OrganisatieFactory(bestuur=True, regio=regio, naam="Stichting Dubbel")
    DeelnameFactory(organisatie=board, regio=andere_regio, status=DeelnameStatus.DEELNEMEND)

    page = get(client, reverse("regio:partners", args=[regio.slug]), deelname="deelnemend")

    assert "Stichting Dubbel" not in page
    page = get(client, reverse("regio:partners", args=[regio.slug]), deelname="geen")
    assert "Stichting Dubbel" in page


def test_searching_partners_matches_name_number_and_place_case_insensitively(client, regio):
    OrganisatieFactory(bestuur=True, regio=regio, naam="Stichting Ôns Onderwijs", plaats="Almelo")
    OrganisatieFactory(bestuur=True, regio=regio, naam="Consent", bevoegd_gezag_nummer="42424")
    OrganisatieFactory(regio=regio, naam="Werkplein Twente", plaats="Oldenzaal")
    url = reverse("regio:partners", args=[regio.slug])

    assert "Stichting Ôns Onderwijs" in get(client, url, q="ôns")
    by_number = get(client, url, q="4242")
    assert "Consent" in by_number and "Werkplein Twente" not in by_number
    by_place = get(client, url, q="oldenZAAL")
    assert "Werkplein Twente" in by_place and "Consent" not in by_place


def test_filtering_partners_by_kind_and_participation(client, regio, bestuur, opleiding):
    DeelnameFactory(organisatie=bestuur, regio=regio, status=DeelnameStatus.DEELNEMEND)
    vertrokken = OrganisatieFactory(bestuur=True, regio=regio, naam="Stichting Weg")
    DeelnameFactory(organisatie=vertrokken, regio=regio, status=DeelnameStatus.VERTROKKEN)
    url = reverse("regio:partners", args=[regio.slug])

    by_kind = get(client, url, soort="lerarenopleiding")
    assert "Pabo Twente" in by_kind and "Stichting Tweede Kans" not in by_kind

    taking_part = get(client, url, deelname="deelnemend")
    assert "Stichting Tweede Kans" in taking_part
    assert "Stichting Weg" not in taking_part and "Pabo Twente" not in taking_part

    left = get(client, url, soort="schoolbestuur", deelname="vertrokken")
    assert "Stichting Weg" in left and "Stichting Tweede Kans" not in left


def test_a_bad_filter_value_is_ignored_with_a_message(client, regio, bestuur, opleiding):
    response = client.get(
        reverse("regio:partners", args=[regio.slug]), {"soort": "raket", "deelname": "x"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Stichting Tweede Kans" in page and "Pabo Twente" in page
    assert "Selecteer een geldige keuze" in page


def test_partner_list_pages_by_25_and_a_bad_page_number_shows_the_first_page(client, regio):
    for i in range(30):
        OrganisatieFactory(regio=regio, naam=f"Partner {i:02d}")
    url = reverse("regio:partners", args=[regio.slug])

    first = get(client, url)
    assert "Partner 00" in first and "Partner 24" in first and "Partner 25" not in first
    assert "Pagina 1 van 2" in first

    second = get(client, url, page=2)
    assert "Partner 25" in second and "Partner 29" in second and "Partner 24" not in second

    for bad in ("abc", "999", "-1", "0"):
        response = client.get(url, {"page": bad})
        assert response.status_code == 200
        assert "Partner 00" in response.content.decode()


def test_page_links_keep_the_search_and_filters(client, regio):
    for i in range(30):
        OrganisatieFactory(regio=regio, naam=f"Partner {i:02d}", soort=OrganisatieSoort.OVERIG)
    page = get(client, reverse("regio:partners", args=[regio.slug]), q="partner", soort="overig")
    assert "?q=partner&amp;soort=overig&amp;page=2" in page


def test_an_htmx_request_gets_only_the_results(client, regio, bestuur):
    response = client.get(
        reverse("regio:partners", args=[regio.slug]), {"q": "tweede"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="resultaten"')
    assert "Stichting Tweede Kans" in page
    assert "<html" not in page and "<form" not in page
    assert "HX-Request" in response["Vary"]


def test_the_filter_form_works_without_and_with_htmx(client, regio):
    page = get(client, reverse("regio:partners", args=[regio.slug]))
    url = reverse("regio:partners", args=[regio.slug])
    assert f'<form method="get" action="{url}"' in page
    assert f'hx-get="{url}"' in page
    assert 'hx-target="#resultaten"' in page
    assert 'hx-push-url="true"' in page


def test_download_links_carry_the_current_filters(client, regio, bestuur):
    page = get(client, reverse("regio:partners", args=[regio.slug]), q="tweede", page="1")
    assert f'href="/regio/{regio.slug}/partners.csv?q=tweede"' in page
    assert f'href="/regio/{regio.slug}/partners.xlsx?q=tweede"' in page


def test_an_unknown_region_has_no_partner_list(client, db):
    assert client.get("/regio/bestaat-niet/partners/").status_code == 404
    assert client.get("/regio/bestaat-niet/opleidingsscholen/").status_code == 404


def test_contact_persons_details_never_appear_on_public_pages(client, regio, bestuur):
    Contactpersoon.objects.create(
        organisatie=bestuur,
        naam="Carla Contact",
        email="carla.contact@tweedekans.nl",
        telefoon="053-1234567",
    )
    opleidingsschool = OpleidingsschoolFactory(regio=regio)
    opleidingsschool.besturen.add(bestuur)
    pages = [
        reverse("regio:partners", args=[regio.slug]),
        reverse("regio:organisatie_detail", args=[regio.slug, bestuur.pk]),
        reverse("opleidingsscholen:lijst", args=[regio.slug]),
        reverse("opleidingsscholen:detail", args=[regio.slug, opleidingsschool.pk]),
        reverse("regio:partners_export", args=[regio.slug, "csv"]),
        reverse("opleidingsscholen:export", args=[regio.slug, "csv"]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8-sig")
        assert "carla.contact@tweedekans.nl" not in text, url
        assert "053-1234567" not in text, url


# Partner detail ----------------------------------------------------------------------------


def test_a_boards_page_shows_its_schools_opleidingsscholen_and_participation(
    client, regio, bestuur
):
    VestigingFactory(
        bestuur=bestuur,
        naam="Obs Het Ravijn",
        brin="07XY",
        vestigingsnummer="01",
        gemeente="Hengelo",
        sector=Sector.SO,
        adres="Ravijnweg 1",
        postcode="7551 AB",
        plaats="Hengelo",
    )
    DeelnameFactory(
        organisatie=bestuur, regio=regio, status=DeelnameStatus.DEELNEMEND, sinds="2022-08-01"
    )
    opleidingsschool = OpleidingsschoolFactory(regio=regio, naam="Opleidingsschool Twente Oost")
    opleidingsschool.besturen.add(bestuur)

    page = get(client, reverse("regio:organisatie_detail", args=[regio.slug, bestuur.pk]))

    assert "<h1>Stichting Tweede Kans</h1>" in page
    assert "Basisschool De Esch" in page and "12AB00" in page
    assert "Obs Het Ravijn" in page and "07XY01" in page
    assert "Speciaal onderwijs" in page and "Ravijnweg 1" in page
    assert "Opleidingsschool Twente Oost" in page
    assert reverse("opleidingsscholen:detail", args=[regio.slug, opleidingsschool.pk]) in page
    assert "Neemt deel" in page and "sinds 1 augustus 2022" in page


def test_an_organisation_of_another_region_has_no_page_here(client, regio, ander_bestuur):
    url = reverse("regio:organisatie_detail", args=[regio.slug, ander_bestuur.pk])
    assert client.get(url).status_code == 404


def test_partner_list_links_to_each_partners_page(client, regio, bestuur):
    page = get(client, reverse("regio:partners", args=[regio.slug]))
    assert reverse("regio:organisatie_detail", args=[regio.slug, bestuur.pk]) in page


# Opleidingsschool list ---------------------------------------------------------------------


@pytest.fixture
def oost(regio, bestuur, opleiding):
    """An acknowledged partnership with members, places for two years and placements."""
    tweede_instituut = OrganisatieFactory(opleiding=True, regio=regio, naam="Universiteit Twente")
    oost = OpleidingsschoolFactory(
        regio=regio,
        naam="Opleidingsschool Twente Oost",
        status=Opleidingsschool.Status.ERKEND,
        instituten=[opleiding, tweede_instituut],
    )
    ander = OrganisatieFactory(bestuur=True, regio=regio)
    oost.besturen.add(bestuur, ander)
    oost.vestigingen.add(*bestuur.vestigingen.all(), VestigingFactory(bestuur=ander))
    for jaar, soort, nu, gewenst in [
        (2024, StudentSoort.PABO_VOLTIJD, 5, 6),
        (2025, StudentSoort.PABO_VOLTIJD, 10, 12),
        (2025, StudentSoort.ZIJ_INSTROOM, 4, 8),
    ]:
        Opleidingsplaatsen.objects.create(
            opleidingsschool=oost,
            schooljaar=jaar,
            soort=soort,
            capaciteit_nu=nu,
            capaciteit_gewenst=gewenst,
        )
    PlaatsingenFactory(opleidingsschool=oost, schooljaar=2024, studenten_binnen=1)
    PlaatsingenFactory(
        opleidingsschool=oost,
        schooljaar=2025,
        studenten_binnen=20,
        studenten_buiten=5,
        zij_instromers_binnen=4,
        zij_instromers_buiten=3,
    )
    return oost


def test_opleidingsschool_list_shows_members_institutes_places_and_share(
    client, regio, andere_regio, oost
):
    OpleidingsschoolFactory(regio=andere_regio, naam="Opleidingsschool Rijnmond")

    page = get(client, reverse("opleidingsscholen:lijst", args=[regio.slug]))

    row = page[page.index("Opleidingsschool Twente Oost") :]
    row = row[: row.index("</tr>")]
    assert "Erkend" in row and "Primair onderwijs" in row
    assert '<td class="num">2</td>' in row  # boards
    assert "Pabo Twente, Universiteit Twente" in row
    assert "14 / 20" in row and "2025/26" in row  # latest year, summed over kinds
    assert "75,0%" in row  # (20 + 4) / 32
    assert "Opleidingsschool Rijnmond" not in page


def test_opleidingsschool_without_places_or_placements_shows_dashes(client, regio):
    OpleidingsschoolFactory(regio=regio, naam="Opleidingsschool Nieuw")
    page = get(client, reverse("opleidingsscholen:lijst", args=[regio.slug]))
    row = page[page.index("Opleidingsschool Nieuw") :]
    row = row[: row.index("</tr>")]
    assert row.count("–") == 2
    assert "Aspirant" in row


def test_searching_and_filtering_opleidingsscholen(client, regio, oost):
    OpleidingsschoolFactory(
        regio=regio, naam="Samen Opleiden VO", sector=Sector.VO, status="aspirant"
    )
    url = reverse("opleidingsscholen:lijst", args=[regio.slug])

    found = get(client, url, q="twente OOST")
    assert "Opleidingsschool Twente Oost" in found and "Samen Opleiden VO" not in found
    by_status = get(client, url, status="aspirant")
    assert "Samen Opleiden VO" in by_status and "Opleidingsschool Twente Oost" not in by_status
    by_sector = get(client, url, sector="po")
    assert "Opleidingsschool Twente Oost" in by_sector and "Samen Opleiden VO" not in by_sector
    ignored = client.get(url, {"sector": "ruimtevaart", "page": "x"})
    assert ignored.status_code == 200
    assert "Samen Opleiden VO" in ignored.content.decode()


def test_opleidingsschool_list_pages_by_25(client, regio):
    for i in range(27):
        OpleidingsschoolFactory(regio=regio, naam=f"Opleidingsschool {i:02d}")
    url = reverse("opleidingsscholen:lijst", args=[regio.slug])
    first = get(client, url)
    assert "Opleidingsschool 24" in first and "Opleidingsschool 25" not in first
    assert "Opleidingsschool 26" in get(client, url, page=2)
    assert "Opleidingsschool 00" in get(client, url, page=99)


def test_an_htmx_request_gets_only_the_opleidingsschool_results(client, regio, oost):
    response = client.get(
        reverse("opleidingsscholen:lijst", args=[regio.slug]),
        {"status": "erkend"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="resultaten"')
    assert "Opleidingsschool Twente Oost" in page and "<form" not in page
    assert f'href="/regio/{regio.slug}/opleidingsscholen.csv?status=erkend"' in page


def test_opleidingsschool_page_shows_members_institutes_places_and_placements(client, regio, oost):
    page = get(client, reverse("opleidingsscholen:detail", args=[regio.slug, oost.pk]))

    assert "<h1>Opleidingsschool Twente Oost</h1>" in page
    assert "Stichting Tweede Kans" in page and "Basisschool De Esch" in page
    assert "Pabo Twente" in page and "Universiteit Twente" in page
    assert "Pabo voltijd" in page and "Zij-instroom" in page
    assert "2024/25" in page and "2025/26" in page
    assert '<td class="num">14</td>' in page and '<td class="num">20</td>' in page  # totals
    assert "20 / 5" in page and "80,0%" in page  # students 2025
    assert "4 / 3" in page and "57,1%" in page  # career switchers 2025
    assert "75,0%" in page


def test_an_opleidingsschool_of_another_region_has_no_page_here(client, regio, andere_regio):
    elders = OpleidingsschoolFactory(regio=andere_regio)
    url = reverse("opleidingsscholen:detail", args=[regio.slug, elders.pk])
    assert client.get(url).status_code == 404


# Query counts ------------------------------------------------------------------------------


def add_partners(regio, count):
    for _ in range(count):
        board = OrganisatieFactory(bestuur=True, regio=regio)
        VestigingFactory.create_batch(2, bestuur=board)
        DeelnameFactory(organisatie=board, regio=regio)
        OrganisatieFactory(opleiding=True, regio=regio)


def add_opleidingsscholen(regio, count):
    for _ in range(count):
        board = OrganisatieFactory(bestuur=True, regio=regio)
        opleidingsschool = OpleidingsschoolFactory(regio=regio)
        opleidingsschool.besturen.add(board)
        opleidingsschool.vestigingen.add(*VestigingFactory.create_batch(2, bestuur=board))
        PlaatsingenFactory(opleidingsschool=opleidingsschool, studenten_binnen=3)
        Opleidingsplaatsen.objects.create(
            opleidingsschool=opleidingsschool,
            schooljaar=2025,
            soort=StudentSoort.PABO_VOLTIJD,
            capaciteit_nu=2,
            capaciteit_gewenst=3,
        )


def consume(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    ("add", "url_name", "args", "max_queries"),
    [
        (add_partners, "regio:partners", [], 3),
        (add_partners, "regio:partners_export", ["csv"], 2),
        (add_partners, "regio:partners_export", ["xlsx"], 2),
        (add_opleidingsscholen, "opleidingsscholen:lijst", [], 4),
        (add_opleidingsscholen, "opleidingsscholen:export", ["csv"], 3),
        (add_opleidingsscholen, "opleidingsscholen:export", ["xlsx"], 3),
    ],
)
def test_list_and_export_query_counts_do_not_grow_with_the_rows(
    client, regio, django_assert_max_num_queries, add, url_name, args, max_queries
):
    url = reverse(url_name, args=[regio.slug, *args])
    add(regio, 3)
    with django_assert_max_num_queries(max_queries):
        assert consume(client.get(url, {"page": 1}))
    add(regio, 30)
    with django_assert_max_num_queries(max_queries):
        assert consume(client.get(url, {"page": 2}))


def test_detail_page_query_counts_do_not_grow(client, regio, django_assert_max_num_queries):
    board = OrganisatieFactory(bestuur=True, regio=regio)
    opleidingsschool = OpleidingsschoolFactory(regio=regio)
    board_url = reverse("regio:organisatie_detail", args=[regio.slug, board.pk])
    school_url = reverse("opleidingsscholen:detail", args=[regio.slug, opleidingsschool.pk])

    years = itertools.count(2000)

    def grow(n):
        for i in range(n):
            year = next(years)
            vestiging = VestigingFactory(bestuur=board)
            other = OpleidingsschoolFactory(regio=regio)
            other.besturen.add(board)
            other.vestigingen.add(vestiging)
            opleidingsschool.besturen.add(OrganisatieFactory(bestuur=True, regio=regio))
            opleidingsschool.vestigingen.add(vestiging)
            opleidingsschool.instituten.add(OrganisatieFactory(opleiding=True, regio=regio))
            PlaatsingenFactory(opleidingsschool=opleidingsschool, schooljaar=year)
            Opleidingsplaatsen.objects.create(
                opleidingsschool=opleidingsschool,
                schooljaar=year,
                soort=StudentSoort.PABO_VOLTIJD,
                capaciteit_nu=i,
                capaciteit_gewenst=i,
            )

    grow(3)
    with django_assert_max_num_queries(7):
        client.get(board_url)
    with django_assert_max_num_queries(7):
        client.get(school_url)
    grow(30)
    with django_assert_max_num_queries(7):
        client.get(board_url)
    with django_assert_max_num_queries(7):
        client.get(school_url)
