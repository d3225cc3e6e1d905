"""HR imports many vacancies at once from CSV or Excel: all of them, or none and every error."""

import codecs
import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from regio.models import Sector, Vacature, VacatureStatus
from regio.vacatures import VacatureImportRefused, reader, vacatures_import

from .factories import VestigingFactory
from .factories_vacatures import vak

IMPORT = reverse("regio:hr_vacatures_import")
HEADER = [
    "Titel",
    "School",
    "Functie",
    "Sector",
    "Vak",
    "Bevoegdheid",
    "Zij-instroom",
    "FTE",
    "Salarisschaal",
    "Startdatum",
    "Sluitdatum",
    "Omschrijving",
    "Status",
]
NEXT_YEAR = timezone.localdate().year + 1


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def college(bestuur):
    return VestigingFactory(
        bestuur=bestuur, naam="Het Stedelijk College", brin="13CD", sector=Sector.VO
    )


def row(**changes):
    values = {
        "Titel": "Leraar wiskunde",
        "School": "13CD00",
        "Functie": "leraar",
        "Sector": "vo",
        "Vak": "wiskunde",
        "Bevoegdheid": "tweedegraads",
        "Zij-instroom": "ja",
        "FTE": "0,8",
        "Salarisschaal": "LB",
        "Startdatum": f"{NEXT_YEAR}-08-01",
        "Sluitdatum": f"31-08-{NEXT_YEAR}",
        "Omschrijving": "Onderbouw havo/vwo; ervaring is fijn, geen eis.",
        "Status": "",
    }
    values.update(changes)
    return [values[name] for name in HEADER]


def csv_bytes(rows, *, delimiter=";", bom=True, header=HEADER) -> bytes:
    def cell(value):
        value = str(value)
        if delimiter in value or '"' in value or "\n" in value:
            return '"' + value.replace('"', '""') + '"'
        return value

    lines = [delimiter.join(cell(v) for v in line) for line in [header, *rows]]
    content = "\r\n".join(lines).encode()
    return codecs.BOM_UTF8 + content if bom else content


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for line in rows:
        sheet.append(line)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def run(bestuur, hr, content, filename="vacatures.csv"):
    return vacatures_import(bestuur=bestuur, content=content, filename=filename, door=hr)


def messages_of(result):
    return [str(fout) for fout in result.fouten]


# Success -------------------------------------------------------------------------------------


def test_a_semicolon_csv_with_bom_creates_every_vacancy(bestuur, hr, college):
    content = csv_bytes(
        [
            row(),
            row(
                Titel="Onderwijsassistent",
                School="12AB00",
                Functie="Onderwijsassistent",
                Sector="PO",
                Vak="",
                Bevoegdheid="geen",
                **{"Zij-instroom": "nee", "FTE": "0.6"},
            ),
        ]
    )
    result = run(bestuur, hr, content)

    assert result.ok
    assert result.aangemaakt == 2
    assert result.summary == "2 vacature(s) ingelezen."
    wiskunde = Vacature.objects.get(titel="Leraar wiskunde")
    assert wiskunde.vestiging == college
    assert wiskunde.bestuur == bestuur
    assert wiskunde.vak == vak("Wiskunde")
    assert wiskunde.fte == wiskunde.fte_open == Decimal("0.8")
    assert wiskunde.zij_instroom is True
    assert wiskunde.startdatum == datetime.date(NEXT_YEAR, 8, 1)
    assert wiskunde.sluitdatum == datetime.date(NEXT_YEAR, 8, 31)
    assert wiskunde.status == VacatureStatus.CONCEPT
    assistent = Vacature.objects.get(titel="Onderwijsassistent")
    assert (assistent.functie, assistent.sector, assistent.vak) == (
        "onderwijsassistent",
        "po",
        None,
    )
    assert assistent.fte == Decimal("0.6")
    assert assistent.zij_instroom is False


def test_a_comma_csv_without_bom_imports_too(bestuur, hr, college):
    content = csv_bytes(
        [row(FTE="0.8"), row(Titel="Leraar Engels", Vak="Engels")], delimiter=",", bom=False
    )
    result = run(bestuur, hr, content)
    assert result.ok
    assert Vacature.objects.count() == 2
    assert Vacature.objects.get(titel="Leraar Engels").vak == vak("Engels")


def test_a_row_with_status_gepubliceerd_is_published_at_once(bestuur, hr, college):
    run(bestuur, hr, csv_bytes([row(Status="Gepubliceerd")]))
    vacature = Vacature.objects.get()
    assert vacature.status == VacatureStatus.GEPUBLICEERD
    assert vacature.gepubliceerd_op is not None
    assert Vacature.objects.openbaar().filter(pk=vacature.pk).exists()


def test_an_xlsx_with_numbers_and_dates_in_cells_imports(bestuur, hr, college):
    content = xlsx_bytes(
        [
            row(
                FTE=0.8,
                Startdatum=datetime.datetime(NEXT_YEAR, 8, 1),
                Sluitdatum=datetime.date(NEXT_YEAR, 9, 1),
            ),
            row(Titel="Leraar natuurkunde", Vak="Natuurkunde", FTE=1, Status="gepubliceerd"),
        ]
    )
    result = run(bestuur, hr, content, filename="Vacatures.XLSX")
    assert result.ok, messages_of(result)
    assert result.aangemaakt == 2
    wiskunde = Vacature.objects.get(titel="Leraar wiskunde")
    assert wiskunde.fte == Decimal("0.8")
    assert wiskunde.sluitdatum == datetime.date(NEXT_YEAR, 9, 1)
    assert Vacature.objects.get(titel="Leraar natuurkunde").fte == Decimal("1")


def test_an_unknown_column_is_ignored_and_optional_columns_may_be_missing(bestuur, hr, college):
    header = [
        "titel",
        "school",
        "functie",
        "sector",
        "bevoegdheid",
        "fte",
        "startdatum",
        "sluitdatum",
        "opmerking",
    ]
    line = [
        "Leraar",
        "12AB00",
        "leraar",
        "po",
        "pabo",
        "1,0",
        f"{NEXT_YEAR}-08-01",
        f"{NEXT_YEAR}-08-01",
        "x",
    ]
    result = run(bestuur, hr, csv_bytes([line], header=header))
    assert result.ok
    assert Vacature.objects.get().zij_instroom is False


# Row errors: nothing is created --------------------------------------------------------------


def test_an_unknown_subject_on_one_row_names_line_and_subject_and_creates_nothing(
    bestuur, hr, college
):
    content = csv_bytes([row(), row(), row(Vak="Sterrenkunde"), row()])
    result = run(bestuur, hr, content)

    assert not result.ok
    assert messages_of(result) == ["Regel 4: onbekend vak 'Sterrenkunde'"]
    assert result.fouten[0].kolom == "vak"
    assert result.aangemaakt == 0
    assert not Vacature.objects.exists()
    assert "Er is niets ingelezen" in result.summary


def test_each_problem_is_reported_with_its_line_and_column(bestuur, hr, college, ander_bestuur):
    VestigingFactory(bestuur=ander_bestuur, brin="99ZZ")
    content = csv_bytes(
        [
            row(School="99ZZ00"),
            row(FTE="1,3"),
            row(Startdatum=f"{NEXT_YEAR}-09-01", Sluitdatum=f"{NEXT_YEAR}-08-01"),
            row(Functie="conciërge", Sector="hbo"),
            row(FTE="veel", Startdatum="morgen", **{"Zij-instroom": "misschien"}),
            row(Vak="Wiskunde", Sector="po", Bevoegdheid="pabo"),
            row(School="12 ab 00 extra"),
            row(Status="gearchiveerd"),
            row(Titel=""),
        ]
    )
    result = run(bestuur, hr, content)
    errors = {(fout.regel, fout.kolom): fout.melding for fout in result.fouten}

    assert errors[2, "school"] == "school '99ZZ00' is geen school van Stichting Tweede Kans"
    assert "Het aantal fte is meer dan 0 en hoogstens 1,2." in errors[3, "fte"]
    assert "De sluitdatum ligt niet voor de startdatum." in errors[4, "sluitdatum"]
    assert errors[5, "functie"].startswith("onbekende functie 'conciërge'; kies uit: leraar,")
    assert errors[5, "sector"].startswith("onbekende sector 'hbo'")
    assert errors[6, "fte"] == "fte 'veel' is geen getal, bijv. 0,8"
    assert "startdatum 'morgen' is geen datum" in errors[6, "startdatum"]
    assert errors[6, "zij_instroom"] == "zij_instroom is 'ja' of 'nee', niet 'misschien'"
    assert "Een vak hoort bij een vacature in het vo of mbo." in errors[7, "vak"]
    assert "geen BRIN-code met vestigingsnummer" in errors[8, "school"]
    assert "status is 'concept' of 'gepubliceerd'" in errors[9, "status"]
    assert (10, "titel") in errors
    assert not Vacature.objects.exists()


def test_a_row_published_with_a_closing_date_in_the_past_is_refused(bestuur, hr, college):
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    content = csv_bytes(
        [
            row(
                Status="gepubliceerd",
                Startdatum=gisteren.isoformat(),
                Sluitdatum=gisteren.isoformat(),
            )
        ]
    )
    result = run(bestuur, hr, content)
    assert [f.kolom for f in result.fouten] == ["status"]
    assert not Vacature.objects.exists()


def test_line_numbers_count_quoted_line_breaks_and_blank_lines(bestuur, hr, college):
    header, multiline, wrong = csv_bytes(
        [row(Omschrijving="Eerste regel\nTweede regel"), row(Vak="Sterrenkunde")], bom=False
    ).split(b"\r\n")
    # Line 1 the header, lines 2-3 one row with a line break inside quotes, line 4 blank.
    content = b"\r\n".join([header, multiline, b"", wrong])
    result = run(bestuur, hr, content)
    assert messages_of(result) == ["Regel 5: onbekend vak 'Sterrenkunde'"]


# Refused files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "leeg.csv", "Het bestand is leeg."),
        (b"\xef\xbb\xbf \r\n", "leeg.csv", "Het bestand is leeg."),
        (b"%PDF-1.7 binary", "vacatures.pdf", "Kies een CSV- of Excel-bestand"),
        (b"titel;school", "vacatures", "Kies een CSV- of Excel-bestand"),
        (b"\x00\x01\x02\xff" * 50, "vacatures.csv", "geen tekstbestand"),
        (b"PK\x03\x04 kapot zipbestand", "vacatures.xlsx", "Dit Excel-bestand is niet te lezen"),
        (b"gewoon tekst", "vacatures.xlsx", "Dit is geen geldig Excel-bestand"),
        (b"\xd0\xcf\x11\xe0 oud", "vacatures.xls", "Kies een CSV- of Excel-bestand"),
        (b"\xd0\xcf\x11\xe0 oud", "vacatures.xlsx", "oud Excel-bestand (.xls)"),
        (
            b"titel;school;fte\r\nA;12AB00;1",
            "vacatures.csv",
            "Deze kolommen ontbreken: functie, sector",
        ),
        (b"naam,adres\r\nx,y", "vacatures.csv", "Deze kolommen ontbreken: titel, school,"),
        (
            b"titel;school;functie;sector;bevoegdheid;fte;startdatum;sluitdatum",
            "v.csv",
            "alleen de kolomnamen",
        ),
        (b'titel;"school\r\nA;"B', "vacatures.csv", "Deze kolommen ontbreken"),
    ],
)
def test_files_that_cannot_be_read_are_refused_whole(bestuur, hr, content, filename, message):
    with pytest.raises(VacatureImportRefused) as refused:
        run(bestuur, hr, content, filename)
    assert message in refused.value.message
    assert not Vacature.objects.exists()


def test_a_file_over_2_mb_is_refused(bestuur, hr):
    content = csv_bytes([row()]) + b" " * (2 * 1024 * 1024)
    with pytest.raises(VacatureImportRefused, match="groter dan 2 MB"):
        run(bestuur, hr, content)


def test_a_file_over_the_row_limit_is_refused(bestuur, hr, college, monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 3)
    with pytest.raises(VacatureImportRefused, match="meer dan 3 regels"):
        run(bestuur, hr, csv_bytes([row()] * 4))
    assert run(bestuur, hr, csv_bytes([row()] * 3)).aangemaakt == 3


def test_an_xlsx_sheet_without_the_columns_is_refused(bestuur, hr):
    with pytest.raises(VacatureImportRefused, match="Deze kolommen ontbreken"):
        run(bestuur, hr, xlsx_bytes([["a", "b"]], header=["naam", "adres"]), "v.xlsx")


def test_a_windows_1252_csv_is_read(bestuur, hr, college):
    content = csv_bytes([row(Omschrijving="Een collega met één doel")], bom=False)
    content = content.decode().encode("cp1252")
    assert run(bestuur, hr, content).ok
    assert Vacature.objects.get().omschrijving == "Een collega met één doel"


@given(content=st.binary(max_size=3000), filename=st.sampled_from(["v.csv", "v.xlsx", "v.txt"]))
def test_no_bytes_make_the_import_fail_with_anything_but_a_message(bestuur, hr, content, filename):
    try:
        result = run(bestuur, hr, content, filename)
    except VacatureImportRefused as refused:
        assert refused.message
    else:
        assert result.fouten or result.aangemaakt == 0


@given(cells=st.lists(st.text(max_size=30), min_size=13, max_size=13))
def test_no_cell_values_make_the_import_fail_with_anything_but_a_message(bestuur, hr, cells):
    content = csv_bytes([cells], header=[h.lower() for h in HEADER], bom=False)
    try:
        run(bestuur, hr, content)
    except VacatureImportRefused as refused:
        assert refused.message


# The page ------------------------------------------------------------------------------------


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_hr_uploads_a_file_and_sees_how_many_were_imported(hr_client, college):
    response = hr_client.post(
        IMPORT, {"bestand": upload("vacatures.csv", csv_bytes([row(), row()]))}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("regio:hr_vacatures")
    assert "2 vacature(s) ingelezen." in text(response)
    assert Vacature.objects.count() == 2


def test_hr_sees_the_errors_per_row_in_a_table_and_nothing_is_imported(hr_client, college):
    response = hr_client.post(
        IMPORT, {"bestand": upload("vacatures.xlsx", xlsx_bytes([row(), row(Vak="Sterrenkunde")]))}
    )
    assert response.status_code == 422
    page = text(response)
    assert "Er is niets ingelezen" in page
    assert (
        '<td class="num">3</td><td>vak</td><td>onbekend vak &#x27;Sterrenkunde&#x27;</td>' in page
    )
    assert not Vacature.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("foto.png", b"\x89PNG\r\n", "Kies een CSV- of Excel-bestand (.csv of .xlsx); foto.png"),
        ("vacatures.csv", b"\x00garbage\xff", "geen tekstbestand"),
        ("vacatures.csv", b"naam;adres\r\nx;y", "Deze kolommen ontbreken"),
        ("vacatures.csv", b"", "Het bestand is leeg."),
    ],
)
def test_a_refused_file_is_explained_on_the_page(hr_client, name, content, message):
    response = hr_client.post(IMPORT, {"bestand": upload(name, content)})
    assert response.status_code == 422
    assert message in text(response)
    assert not Vacature.objects.exists()


def test_posting_without_a_file_asks_for_one(hr_client):
    response = hr_client.post(IMPORT, {})
    assert "Kies een bestand om in te lezen." in text(response)


def test_the_example_file_can_be_downloaded_and_imported_as_it_is(hr_client, bestuur, college):
    response = hr_client.get(reverse("regio:hr_vacatures_voorbeeld"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "vacatures-voorbeeld.csv" in response["Content-Disposition"]
    content = response.content
    assert content.startswith(codecs.BOM_UTF8)
    assert content.decode("utf-8-sig").startswith("titel;school;functie;sector;vak;bevoegdheid;")

    hr_client.post(IMPORT, {"bestand": upload("voorbeeld.csv", content)})
    assert Vacature.objects.filter(bestuur=bestuur).count() == 1


def test_the_operator_imports_for_the_board_it_chooses(client, beheerder, ander_bestuur):
    VestigingFactory(bestuur=ander_bestuur, brin="13CD", sector=Sector.VO)
    client.force_login(beheerder)
    response = client.post(IMPORT, {"bestand": upload("v.csv", csv_bytes([row()]))})
    assert "Kies het schoolbestuur van de vacatures." in text(response)
    assert not Vacature.objects.exists()

    client.post(
        IMPORT, {"bestuur": ander_bestuur.pk, "bestand": upload("v.csv", csv_bytes([row()]))}
    )
    assert Vacature.objects.get().bestuur == ander_bestuur


def test_hr_cannot_import_into_another_board(bestuur, hr, ander_bestuur):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(ander_bestuur, hr, csv_bytes([row()]))


@given(
    content=st.one_of(
        st.binary(max_size=3000),
        # Valid rows with any cells replaced by any text.
        st.lists(st.dictionaries(st.sampled_from(HEADER), st.text(max_size=30)), max_size=4).map(
            lambda rows: csv_bytes([row(**changes) for changes in rows])
        ),
    ),
    filename=st.sampled_from(["vacatures.csv", "vacatures.xlsx", "vacatures.txt", "x"]),
)
def test_any_file_gets_a_message_or_imports_and_never_half(bestuur, hr, college, content, filename):
    before = Vacature.objects.count()
    try:
        result = run(bestuur, hr, content, filename)
    except VacatureImportRefused as refused:
        assert str(refused)
        assert Vacature.objects.count() == before
        return
    assert Vacature.objects.count() == before + result.aangemaakt
    assert result.aangemaakt in (0, result.rijen)
    assert result.ok or result.fouten
