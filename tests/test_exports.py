"""CSV and XLSX downloads of the public lists: same filters as the page, safe to open in Excel."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from opleidingsscholen.models import Opleidingsplaatsen, Opleidingsschool, StudentSoort
from regio.exports import Column, csv_cell, csv_lines, neutralise
from regio.models import DeelnameStatus, OrganisatieSoort

from .factories import (
    DeelnameFactory,
    OpleidingsschoolFactory,
    OrganisatieFactory,
    PlaatsingenFactory,
    VestigingFactory,
)

BOM = "\ufeff"


def download(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def csv_rows(body: bytes) -> list[list[str]]:
    text = body.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :]), delimiter=";"))


def xlsx_rows(body: bytes) -> tuple[list[tuple], openpyxl.worksheet.worksheet.Worksheet]:
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    return [tuple(row) for row in sheet.iter_rows(values_only=True)], sheet


@pytest.fixture
def partners(regio, andere_regio):
    """Two boards (one taking part), an institute, and a board in another region."""
    kans = OrganisatieFactory(
        bestuur=True,
        regio=regio,
        naam="Stichting Tweede Kans",
        bevoegd_gezag_nummer="41001",
        fte=312.5,
        leerlingen=4200,
        plaats="Enschede",
    )
    VestigingFactory.create_batch(2, bestuur=kans)
    DeelnameFactory(organisatie=kans, regio=regio, status=DeelnameStatus.DEELNEMEND)
    OrganisatieFactory(
        bestuur=True, regio=regio, naam="Stichting Ûtert", bevoegd_gezag_nummer="41002"
    )
    OrganisatieFactory(opleiding=True, regio=regio, naam="Pabo Twente", plaats="Hengelo")
    OrganisatieFactory(bestuur=True, regio=andere_regio, naam="Stichting Elders")


# Partner list ------------------------------------------------------------------------------


def test_partner_csv_has_a_bom_semicolons_dutch_headers_and_the_regions_rows(
    client, regio, partners
):
    response, body = download(client, reverse("regio:partners_export", args=[regio.slug, "csv"]))

    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert body.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(body)
    assert rows[0] == [
        "Soort",
        "Naam",
        "Plaats",
        "Bevoegd-gezagnummer",
        "Fte",
        "Leerlingen",
        "Scholen",
        "Deelname",
    ]
    assert [row[1] for row in rows[1:]] == [
        "Pabo Twente",
        "Stichting Tweede Kans",
        "Stichting Ûtert",
    ]
    assert rows[2] == [
        "Schoolbestuur",
        "Stichting Tweede Kans",
        "Enschede",
        "41001",
        "312,5",
        "4200",
        "2",
        "Neemt deel",
    ]
    assert rows[1][6] == ""  # an institute has no schools column
    assert rows[3][7] == "–"


def test_partner_download_is_an_attachment_named_after_region_and_date(client, regio, partners):
    today = timezone.localdate().isoformat()
    for fmt in ("csv", "xlsx"):
        response, _ = download(client, reverse("regio:partners_export", args=[regio.slug, fmt]))
        assert response["Content-Disposition"] == (
            f'attachment; filename="partners-twente-{today}.{fmt}"'
        )


def test_partner_exports_apply_the_same_search_and_filters_as_the_page(client, regio, partners):
    params = {"q": "stichting", "deelname": "geen"}
    page = client.get(reverse("regio:partners", args=[regio.slug]), params).content.decode()
    assert "Stichting Ûtert" in page and "Stichting Tweede Kans" not in page

    _, body = download(client, reverse("regio:partners_export", args=[regio.slug, "csv"]), params)
    assert [row[1] for row in csv_rows(body)[1:]] == ["Stichting Ûtert"]

    _, body = download(client, reverse("regio:partners_export", args=[regio.slug, "xlsx"]), params)
    rows, _ = xlsx_rows(body)
    assert [row[1] for row in rows[1:]] == ["Stichting Ûtert"]


def test_partner_export_ignores_a_bad_filter_and_a_page_number(client, regio, partners):
    url = reverse("regio:partners_export", args=[regio.slug, "csv"])
    _, body = download(client, url, {"soort": "raket", "page": "7"})
    assert len(csv_rows(body)) == 1 + 3


def test_partner_xlsx_has_a_bold_header_widths_and_numbers_as_numbers(client, regio, partners):
    response, body = download(
        client,
        reverse("regio:partners_export", args=[regio.slug, "xlsx"]),
        {"soort": OrganisatieSoort.SCHOOLBESTUUR},
    )

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    rows, sheet = xlsx_rows(body)
    assert rows[0][:4] == ("Soort", "Naam", "Plaats", "Bevoegd-gezagnummer")
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.column_dimensions["B"].width >= 40
    kans = rows[1]
    assert kans[1] == "Stichting Tweede Kans"
    assert kans[4] == 312.5 and kans[5] == 4200 and kans[6] == 2
    assert kans[7] == "Neemt deel"


def test_an_export_in_another_format_or_region_does_not_exist(client, regio):
    assert client.get(f"/regio/{regio.slug}/partners.pdf").status_code == 404
    assert client.get(f"/regio/{regio.slug}/opleidingsscholen.json").status_code == 404
    assert client.get("/regio/bestaat-niet/partners.csv").status_code == 404
    assert client.get("/regio/bestaat-niet/opleidingsscholen.xlsx").status_code == 404


# Formula injection -------------------------------------------------------------------------

DANGEROUS = [
    '=HYPERLINK("http://evil.example","klik")',
    "+31 53 123",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_that_starts_a_formula_gets_a_quote(text):
    assert neutralise(text) == "'" + text
    assert csv_cell(text) == "'" + text


def test_harmless_text_and_numbers_are_left_alone():
    assert neutralise("Stichting = fijn") == "Stichting = fijn"
    assert csv_cell(-3) == "-3"  # a number is not a formula
    assert csv_cell(None) == ""


def test_a_header_is_neutralised_too():
    first = next(csv_lines([Column("=kop")], []))
    assert first == BOM + "'=kop\r\n"


def test_exports_neutralise_formulas_in_names_and_places(client, regio):
    for i, text in enumerate(DANGEROUS):
        OrganisatieFactory(regio=regio, naam=f"{text} {i}", plaats=text)

    _, body = download(client, reverse("regio:partners_export", args=[regio.slug, "csv"]))
    rows = csv_rows(body)[1:]
    assert len(rows) == len(DANGEROUS)
    for row in rows:
        assert row[1].startswith("'") and row[2].startswith("'"), row

    _, body = download(client, reverse("regio:partners_export", args=[regio.slug, "xlsx"]))
    _, sheet = xlsx_rows(body)
    for row in sheet.iter_rows(min_row=2):
        for cell in (row[1], row[2]):
            assert cell.data_type == "s", cell.value  # text, not a formula
            assert cell.value.startswith("'"), cell.value


# Opleidingsscholen -------------------------------------------------------------------------


@pytest.fixture
def partnerships(regio, andere_regio, bestuur, opleiding):
    oost = OpleidingsschoolFactory(
        regio=regio,
        naam="Opleidingsschool Twente Oost",
        status=Opleidingsschool.Status.ERKEND,
        instituten=[opleiding, OrganisatieFactory(opleiding=True, regio=regio, naam="Saxion")],
    )
    oost.besturen.add(bestuur)
    oost.vestigingen.add(*bestuur.vestigingen.all())
    for soort, nu, gewenst in [(StudentSoort.PABO_VOLTIJD, 10, 12), (StudentSoort.OVERIG, 1, 2)]:
        Opleidingsplaatsen.objects.create(
            opleidingsschool=oost,
            schooljaar=2025,
            soort=soort,
            capaciteit_nu=nu,
            capaciteit_gewenst=gewenst,
        )
    PlaatsingenFactory(
        opleidingsschool=oost, schooljaar=2025, studenten_binnen=2, zij_instromers_buiten=1
    )
    OpleidingsschoolFactory(regio=regio, naam="Aspirant West", instituten=[opleiding])
    OpleidingsschoolFactory(regio=andere_regio, naam="Opleidingsschool Rijnmond")


def test_opleidingsschool_csv_lists_the_regions_partnerships_with_their_figures(
    client, regio, partnerships
):
    response, body = download(client, reverse("opleidingsscholen:export", args=[regio.slug, "csv"]))

    assert response.streaming
    rows = csv_rows(body)
    assert rows[0] == [
        "Naam",
        "Sector",
        "Status",
        "Besturen",
        "Scholen",
        "Partnerinstituten",
        "Schooljaar plaatsen",
        "Plaatsen nu",
        "Plaatsen gewenst",
        "Schooljaar plaatsingen",
        "Opgeleid binnen (%)",
    ]
    assert [row[0] for row in rows[1:]] == ["Aspirant West", "Opleidingsschool Twente Oost"]
    assert rows[2] == [
        "Opleidingsschool Twente Oost",
        "Primair onderwijs (PO)",
        "Erkend",
        "1",
        "1",
        "Pabo Twente, Saxion",
        "2025/26",
        "11",
        "14",
        "2025/26",
        "66,7",
    ]
    assert rows[1][6:] == ["", "", "", "", ""]


def test_opleidingsschool_exports_apply_the_same_filters_as_the_page(client, regio, partnerships):
    params = {"status": "erkend", "q": "twente"}
    page = client.get(reverse("opleidingsscholen:lijst", args=[regio.slug]), params)
    assert "Aspirant West" not in page.content.decode()

    _, body = download(
        client, reverse("opleidingsscholen:export", args=[regio.slug, "csv"]), params
    )
    assert [row[0] for row in csv_rows(body)[1:]] == ["Opleidingsschool Twente Oost"]

    _, body = download(
        client, reverse("opleidingsscholen:export", args=[regio.slug, "xlsx"]), params
    )
    rows, sheet = xlsx_rows(body)
    assert [row[0] for row in rows[1:]] == ["Opleidingsschool Twente Oost"]
    assert rows[1][5] == "Pabo Twente, Saxion"
    assert rows[1][7] == 11 and rows[1][8] == 14
    assert float(rows[1][10]) == pytest.approx(66.7)
    assert sheet["A1"].font.bold


def test_list_page_download_links_point_at_the_filtered_export(client, regio, partnerships):
    page = client.get(
        reverse("opleidingsscholen:lijst", args=[regio.slug]), {"sector": "po", "page": "1"}
    ).content.decode()
    assert f'href="/regio/{regio.slug}/opleidingsscholen.csv?sector=po"' in page
    assert f'href="/regio/{regio.slug}/opleidingsscholen.xlsx?sector=po"' in page
    assert ">Download CSV<" in page and ">Download Excel<" in page
