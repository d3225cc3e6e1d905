"""Project leaders keep their region's opleidingsscholen: members, training places, placements."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opleidingsscholen.models import Opleidingsplaatsen, Opleidingsschool, Plaatsingen
from regio.models import OrganisatieSoort

from .factories import (
    OpleidingsschoolFactory,
    OrganisatieFactory,
    PlaatsingenFactory,
    VestigingFactory,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def pl_client(client, projectleider):
    client.force_login(projectleider)
    return client


@pytest.fixture
def partnerschap(regio, bestuur, opleiding):
    """Opleidingsschool Twente with one board, its school and the pabo as partner institute."""
    opleidingsschool = OpleidingsschoolFactory(
        regio=regio, naam="Opleidingsschool Twente", instituten=[opleiding]
    )
    opleidingsschool.besturen.set([bestuur])
    opleidingsschool.vestigingen.set(bestuur.vestigingen.all())
    return opleidingsschool


def text(response) -> str:
    return response.content.decode()


def school_data(*, besturen=(), vestigingen=(), instituten=(), **changes):
    data = {"naam": "Opleidingsschool Oost", "sector": "po", "status": "aspirant"}
    data.update(changes)
    data["besturen"] = [b.pk for b in besturen]
    data["vestigingen"] = [v.pk for v in vestigingen]
    data["instituten"] = [i.pk for i in instituten]
    return data


def plaatsen_data(prefix, **changes):
    data = {
        "schooljaar": "2025",
        "soort": "pabo_voltijd",
        "capaciteit_nu": "10",
        "capaciteit_gewenst": "15",
    }
    data.update(changes)
    return {f"opleidingsplaatsen-{prefix}-{name}": value for name, value in data.items()}


def plaatsingen_data(prefix, **changes):
    data = {
        "schooljaar": "2025",
        "studenten_binnen": "30",
        "studenten_buiten": "10",
        "zij_instromers_binnen": "4",
        "zij_instromers_buiten": "4",
    }
    data.update(changes)
    return {f"plaatsingen-{prefix}-{name}": value for name, value in data.items()}


def plaatsen(opleidingsschool, schooljaar, soort, *, nu, gewenst):
    return Opleidingsplaatsen.objects.create(
        opleidingsschool=opleidingsschool,
        schooljaar=schooljaar,
        soort=soort,
        capaciteit_nu=nu,
        capaciteit_gewenst=gewenst,
    )


def figure(page: str, label: str) -> str:
    match = re.search(re.escape(label) + r"</dt>\s*<dd>([^<]*)</dd>", page)
    assert match, f"{label!r} not on the page"
    return " ".join(match[1].split())


# The list ------------------------------------------------------------------------------------


def test_project_leader_sees_the_opleidingsscholen_of_own_region_only(
    pl_client, partnerschap, andere_regio
):
    OpleidingsschoolFactory(regio=andere_regio, naam="Opleidingsschool Rijnmond")

    page = text(pl_client.get(reverse("opleidingsscholen:beheer")))

    assert "Opleidingsscholen van Onderwijsregio Twente" in page
    row = page[page.index("Opleidingsschool Twente") :]
    row = row[: row.index("</tr>")]
    assert "Primair onderwijs (PO)" in row and "Aspirant" in row and "Pabo Twente" in row
    assert re.search(r'<td class="num">1</td>\s*<td class="num">1</td>', row)  # board, school
    assert "Opleidingsschool Rijnmond" not in page


def test_list_query_count_does_not_grow_with_the_opleidingsscholen(
    pl_client, regio, django_assert_max_num_queries
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert pl_client.get(reverse("opleidingsscholen:beheer")).status_code == 200
        return len(captured)

    OpleidingsschoolFactory.create_batch(3, regio=regio)
    with_three = queries()
    OpleidingsschoolFactory.create_batch(27, regio=regio)

    assert queries() == with_three
    with django_assert_max_num_queries(8):
        pl_client.get(reverse("opleidingsscholen:beheer"))


def test_edit_page_query_count_does_not_grow_with_its_rows(
    pl_client, partnerschap, regio, django_assert_max_num_queries
):
    url = reverse("opleidingsscholen:bewerken", args=[partnerschap.pk])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert pl_client.get(url).status_code == 200
        return len(captured)

    PlaatsingenFactory(opleidingsschool=partnerschap, schooljaar=2020)
    with_one = queries()
    for jaar in range(2021, 2030):
        PlaatsingenFactory(opleidingsschool=partnerschap, schooljaar=jaar)
        plaatsen(partnerschap, jaar, "pabo_voltijd", nu=1, gewenst=2)
        partnerschap.besturen.add(board := OrganisatieFactory(bestuur=True, regio=regio))
        VestigingFactory(bestuur=board)

    assert queries() == with_one
    with django_assert_max_num_queries(16):
        pl_client.get(url)


# Creating and editing a partnership ------------------------------------------------------------


def test_project_leader_creates_an_opleidingsschool_with_its_members(
    pl_client, regio, andere_regio, bestuur, opleiding
):
    roc = OrganisatieFactory(regio=regio, soort=OrganisatieSoort.ROC, naam="ROC van Twente")
    school = bestuur.vestigingen.get()

    response = pl_client.post(
        reverse("opleidingsscholen:nieuw"),
        {
            **school_data(besturen=[bestuur], vestigingen=[school], instituten=[opleiding, roc]),
            "regio": andere_regio.pk,  # ignored: the region is the project leader's
        },
        follow=True,
    )

    opleidingsschool = Opleidingsschool.objects.get(naam="Opleidingsschool Oost")
    assert opleidingsschool.regio == regio
    assert list(opleidingsschool.besturen.all()) == [bestuur]
    assert list(opleidingsschool.vestigingen.all()) == [school]
    assert set(opleidingsschool.instituten.all()) == {opleiding, roc}
    assert "Opleidingsschool Opleidingsschool Oost is aangemaakt." in text(response)
    assert response.redirect_chain[-1][0] == reverse(
        "opleidingsscholen:bewerken", args=[opleidingsschool.pk]
    )


def test_the_form_offers_only_the_regions_boards_schools_and_institutes(
    pl_client, bestuur, ander_bestuur, opleiding, andere_opleiding
):
    VestigingFactory(bestuur=ander_bestuur, naam="School Elders")
    OrganisatieFactory(regio=bestuur.regio, soort=OrganisatieSoort.GEMEENTE, naam="Gemeente X")

    page = text(pl_client.get(reverse("opleidingsscholen:nieuw")))

    assert "Stichting Tweede Kans" in page and "Basisschool De Esch" in page
    assert "Pabo Twente" in page
    for elsewhere in ("Stichting Elders", "School Elders", "Hogeschool Elders", "Gemeente X"):
        assert elsewhere not in page


def test_an_opleidingsschool_needs_a_partner_institute(pl_client, bestuur):
    response = pl_client.post(reverse("opleidingsscholen:nieuw"), school_data(besturen=[bestuur]))

    assert response.status_code == 422
    assert "Een opleidingsschool heeft minstens één partnerinstituut." in text(response)
    assert not Opleidingsschool.objects.exists()


@pytest.mark.parametrize(
    ("forged", "message"),
    [
        ("besturen", "Kies alleen schoolbesturen uit de eigen regio."),
        ("vestigingen", "Kies alleen scholen van besturen uit de eigen regio."),
        ("instituten", "Kies alleen lerarenopleidingen of ROC&#x27;s uit de eigen regio."),
    ],
)
def test_a_forged_member_of_another_region_is_refused(
    pl_client, partnerschap, bestuur, opleiding, ander_bestuur, andere_opleiding, forged, message
):
    elsewhere = {
        "besturen": ander_bestuur,
        "vestigingen": VestigingFactory(bestuur=ander_bestuur),
        "instituten": andere_opleiding,
    }
    members = {"besturen": [bestuur], "vestigingen": [], "instituten": [opleiding]}
    members[forged] = [*members[forged], elsewhere[forged]]

    for url in (
        reverse("opleidingsscholen:nieuw"),
        reverse("opleidingsscholen:bewerken", args=[partnerschap.pk]),
    ):
        response = pl_client.post(url, school_data(**members))

        assert response.status_code == 422
        assert message in text(response)
    assert Opleidingsschool.objects.count() == 1
    assert list(partnerschap.besturen.all()) == [bestuur]
    assert list(partnerschap.instituten.all()) == [opleiding]
    assert partnerschap.vestigingen.count() == 1
    partnerschap.refresh_from_db()
    assert partnerschap.naam == "Opleidingsschool Twente"


def test_a_second_opleidingsschool_with_the_same_name_is_refused(
    pl_client, partnerschap, opleiding
):
    response = pl_client.post(
        reverse("opleidingsscholen:nieuw"),
        school_data(naam="Opleidingsschool Twente", instituten=[opleiding]),
    )

    assert response.status_code == 422
    assert "Deze regio heeft al een opleidingsschool met die naam." in text(response)
    assert Opleidingsschool.objects.count() == 1


def test_project_leader_changes_status_and_members(pl_client, regio, partnerschap, opleiding):
    tweede = OrganisatieFactory(bestuur=True, regio=regio, naam="Stichting Twee")

    response = pl_client.post(
        reverse("opleidingsscholen:bewerken", args=[partnerschap.pk]),
        school_data(
            naam="Opleidingsschool Twente",
            status="erkend",
            besturen=[tweede],
            instituten=[opleiding],
        ),
        follow=True,
    )

    assert "De opleidingsschool is opgeslagen." in text(response)
    partnerschap.refresh_from_db()
    assert partnerschap.status == "erkend"
    assert list(partnerschap.besturen.all()) == [tweede]
    assert not partnerschap.vestigingen.exists()


def test_removing_every_institute_is_refused_and_keeps_the_old_ones(
    pl_client, partnerschap, bestuur, opleiding
):
    response = pl_client.post(
        reverse("opleidingsscholen:bewerken", args=[partnerschap.pk]),
        school_data(naam="Andere naam", besturen=[bestuur]),
    )

    assert "Een opleidingsschool heeft minstens één partnerinstituut." in text(response)
    assert "<h1>Opleidingsschool Twente</h1>" in text(response)
    partnerschap.refresh_from_db()
    assert partnerschap.naam == "Opleidingsschool Twente"
    assert list(partnerschap.instituten.all()) == [opleiding]


# Training places -----------------------------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_project_leader_adds_training_places(pl_client, partnerschap, htmx):
    response = pl_client.post(
        reverse("opleidingsscholen:opleidingsplaatsen_nieuw", args=[partnerschap.pk]),
        plaatsen_data("nieuw"),
        **(HTMX if htmx else {}),
    )

    rij = partnerschap.opleidingsplaatsen.get()
    assert (rij.schooljaar, rij.soort, rij.capaciteit_nu, rij.capaciteit_gewenst) == (
        2025,
        "pabo_voltijd",
        10,
        15,
    )
    if htmx:
        section = text(response)
        assert section.strip().startswith('<section id="opleidingsplaatsen"')
        assert "De opleidingsplaatsen zijn opgeslagen." in section
        assert f'name="opleidingsplaatsen-{rij.pk}-capaciteit_nu" value="10"' in section
        # and a fresh, empty row to add the next one
        assert 'name="opleidingsplaatsen-nieuw-capaciteit_nu" min="0"' in section
    else:
        assert response.url.endswith("#opleidingsplaatsen")


def test_project_leader_edits_a_row_of_training_places_with_htmx(pl_client, partnerschap):
    rij = plaatsen(partnerschap, 2025, "pabo_voltijd", nu=10, gewenst=15)

    response = pl_client.post(
        reverse("opleidingsscholen:opleidingsplaatsen_rij", args=[partnerschap.pk, rij.pk]),
        plaatsen_data(rij.pk, capaciteit_nu="12"),
        **HTMX,
    )

    row = text(response)
    assert row.strip().startswith(f'<tr id="opleidingsplaatsen-{rij.pk}">')
    assert "<section" not in row and "<html" not in row
    assert f'name="opleidingsplaatsen-{rij.pk}-capaciteit_nu" value="12"' in row
    assert "De opleidingsplaatsen zijn opgeslagen." in row
    rij.refresh_from_db()
    assert rij.capaciteit_nu == 12


PLAATSEN_BAD_INPUT = [
    ({"capaciteit_nu": "-3"}, "Een aantal kan niet negatief zijn."),
    ({"capaciteit_gewenst": "tien"}, "Vul een aantal in als heel getal, bijv. 12."),
    ({"capaciteit_nu": ""}, "Vul een aantal in (0 als er geen zijn)."),
    ({"schooljaar": "25/26"}, "Vul het beginjaar van het schooljaar in, bijv. 2025 voor 2025/26."),
    ({"schooljaar": "1850"}, "Vul een schooljaar vanaf 2000 in."),
    ({"soort": "kleuterjuf"}, "Selecteer een geldige keuze."),
    (
        {"schooljaar": "2024", "soort": "zij_instroom"},
        "Voor dit schooljaar en deze soort student zijn al plaatsen ingevuld.",
    ),
]


@pytest.mark.parametrize(("changes", "message"), PLAATSEN_BAD_INPUT)
@pytest.mark.parametrize("row", ["nieuw", "bestaand"])
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_bad_training_places_get_a_dutch_message_and_change_nothing(
    pl_client, partnerschap, changes, message, row, htmx
):
    plaatsen(partnerschap, 2024, "zij_instroom", nu=3, gewenst=5)
    bestaand = plaatsen(partnerschap, 2025, "pabo_voltijd", nu=10, gewenst=15)
    before = list(Opleidingsplaatsen.objects.order_by("pk").values())
    if row == "nieuw":
        url = reverse("opleidingsscholen:opleidingsplaatsen_nieuw", args=[partnerschap.pk])
        data = plaatsen_data("nieuw", **changes)
    else:
        url = reverse(
            "opleidingsscholen:opleidingsplaatsen_rij", args=[partnerschap.pk, bestaand.pk]
        )
        data = plaatsen_data(bestaand.pk, **changes)

    response = pl_client.post(url, data, **(HTMX if htmx else {}))

    assert response.status_code == (200 if htmx else 422)
    assert message in text(response).replace("&#x27;", "'")
    assert list(Opleidingsplaatsen.objects.order_by("pk").values()) == before


# Placements ----------------------------------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_project_leader_adds_and_edits_placements(pl_client, partnerschap, htmx):
    headers = HTMX if htmx else {}
    pl_client.post(
        reverse("opleidingsscholen:plaatsingen_nieuw", args=[partnerschap.pk]),
        plaatsingen_data("nieuw"),
        **headers,
    )
    rij = partnerschap.plaatsingen.get()
    assert (rij.studenten_binnen, rij.zij_instromers_buiten) == (30, 4)

    response = pl_client.post(
        reverse("opleidingsscholen:plaatsingen_rij", args=[partnerschap.pk, rij.pk]),
        plaatsingen_data(rij.pk, zij_instromers_buiten="0"),
        **headers,
    )

    rij.refresh_from_db()
    assert rij.zij_instromers_buiten == 0
    if htmx:
        assert text(response).strip().startswith(f'<tr id="plaatsingen-{rij.pk}">')
    else:
        assert response.url.endswith("#plaatsingen")


PLAATSINGEN_BAD_INPUT = [
    ({"studenten_buiten": "-1"}, "Een aantal kan niet negatief zijn."),
    ({"zij_instromers_binnen": "4,5"}, "Vul een aantal in als heel getal, bijv. 12."),
    ({"schooljaar": "2024"}, "Voor dit schooljaar zijn de plaatsingen al ingevuld."),
]


@pytest.mark.parametrize(("changes", "message"), PLAATSINGEN_BAD_INPUT)
@pytest.mark.parametrize("row", ["nieuw", "bestaand"])
def test_bad_placements_get_a_dutch_message_and_change_nothing(
    pl_client, partnerschap, changes, message, row
):
    PlaatsingenFactory(opleidingsschool=partnerschap, schooljaar=2024)
    bestaand = PlaatsingenFactory(opleidingsschool=partnerschap, schooljaar=2025)
    before = list(Plaatsingen.objects.order_by("pk").values())
    prefix = "nieuw" if row == "nieuw" else bestaand.pk
    url = (
        reverse("opleidingsscholen:plaatsingen_nieuw", args=[partnerschap.pk])
        if row == "nieuw"
        else reverse("opleidingsscholen:plaatsingen_rij", args=[partnerschap.pk, bestaand.pk])
    )

    for headers in ({}, HTMX):
        response = pl_client.post(url, plaatsingen_data(prefix, **changes), **headers)

        assert message in text(response)
        assert list(Plaatsingen.objects.order_by("pk").values()) == before


def test_placements_change_the_share_trained_within_on_the_region_page(
    client, pl_client, regio, partnerschap
):
    rij = PlaatsingenFactory(
        opleidingsschool=partnerschap, schooljaar=2025, studenten_binnen=10, studenten_buiten=10
    )
    regio_page = reverse("regio_detail", args=[regio.slug])
    assert (
        figure(text(client.get(regio_page)), "Studenten opgeleid binnen een opleidingsschool")
        == "50,0%"
    )

    pl_client.post(
        reverse("opleidingsscholen:plaatsingen_rij", args=[partnerschap.pk, rij.pk]),
        plaatsingen_data(rij.pk, studenten_binnen="30", studenten_buiten="10"),
    )

    page = text(client.get(regio_page))
    assert figure(page, "Studenten opgeleid binnen een opleidingsschool") == "75,0%"
    assert figure(page, "Zij-instromers opgeleid binnen een opleidingsschool") == "50,0%"


# Who may do this ---------------------------------------------------------------------------


@pytest.fixture
def region_a_urls(partnerschap, bestuur, opleiding):
    """Every page and POST of the opleidingsscholen editing, aimed at region A's partnership."""
    rij_plaatsen = plaatsen(partnerschap, 2025, "pabo_voltijd", nu=10, gewenst=15)
    rij_plaatsingen = PlaatsingenFactory(opleidingsschool=partnerschap, schooljaar=2025)
    pk = partnerschap.pk
    members = {"besturen": [bestuur], "instituten": [opleiding]}
    return [
        ("get", reverse("opleidingsscholen:beheer"), {}),
        ("get", reverse("opleidingsscholen:nieuw"), {}),
        ("post", reverse("opleidingsscholen:nieuw"), school_data(**members)),
        ("get", reverse("opleidingsscholen:bewerken", args=[pk]), {}),
        (
            "post",
            reverse("opleidingsscholen:bewerken", args=[pk]),
            school_data(naam="Gekaapt", **members),
        ),
        (
            "post",
            reverse("opleidingsscholen:opleidingsplaatsen_nieuw", args=[pk]),
            plaatsen_data("nieuw", schooljaar="2026"),
        ),
        (
            "post",
            reverse("opleidingsscholen:opleidingsplaatsen_rij", args=[pk, rij_plaatsen.pk]),
            plaatsen_data(rij_plaatsen.pk, capaciteit_nu="99"),
        ),
        (
            "post",
            reverse("opleidingsscholen:plaatsingen_nieuw", args=[pk]),
            plaatsingen_data("nieuw", schooljaar="2026"),
        ),
        (
            "post",
            reverse("opleidingsscholen:plaatsingen_rij", args=[pk, rij_plaatsingen.pk]),
            plaatsingen_data(rij_plaatsingen.pk, studenten_binnen="99"),
        ),
    ]


def assert_opleidingsscholen_unchanged(partnerschap):
    assert list(Opleidingsschool.objects.values_list("naam", flat=True)) == [
        "Opleidingsschool Twente"
    ]
    assert list(Opleidingsplaatsen.objects.values_list("schooljaar", "capaciteit_nu")) == [
        (2025, 10)
    ]
    assert list(Plaatsingen.objects.values_list("schooljaar", "studenten_binnen")) == [(2025, 0)]


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_project_leader_of_another_region_gets_404_on_every_page_and_post(
    client, projectleider_elders, region_a_urls, partnerschap, htmx
):
    client.force_login(projectleider_elders)
    object_urls = [u for u in region_a_urls if f"/opleidingsscholen/{partnerschap.pk}/" in u[1]]
    assert len(object_urls) == 6

    for method, url, data in object_urls:
        response = getattr(client, method)(url, data, **(HTMX if htmx else {}))
        assert response.status_code == 404, (method, url)
    assert_opleidingsscholen_unchanged(partnerschap)


def test_project_leader_of_another_region_cannot_use_region_a_members(
    client, projectleider_elders, andere_regio, andere_opleiding, bestuur
):
    client.force_login(projectleider_elders)

    response = client.post(
        reverse("opleidingsscholen:nieuw"),
        school_data(besturen=[bestuur], instituten=[andere_opleiding]),
    )

    assert "Kies alleen schoolbesturen uit de eigen regio." in text(response)
    assert not Opleidingsschool.objects.exists()


@pytest.mark.parametrize(
    "persona", ["hr", "adviseur", "kandidaat", "opleider", "beheerder"], indirect=True
)
def test_other_roles_get_404_on_every_page_and_post(client, persona, region_a_urls, partnerschap):
    client.force_login(persona)

    for method, url, data in region_a_urls:
        assert getattr(client, method)(url, data).status_code == 404, (method, url)
    assert_opleidingsscholen_unchanged(partnerschap)


def test_anonymous_visitors_are_sent_to_login(client, region_a_urls, partnerschap):
    for method, url, data in region_a_urls:
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, (method, url)
        assert response.url.startswith(reverse("account_login"))
    assert_opleidingsscholen_unchanged(partnerschap)
