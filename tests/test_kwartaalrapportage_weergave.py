"""The quarterly report's presentation: PDF, charts, CSV and XLSX, from the example snapshot.

No database: the snapshot is plain data, so these tests render it directly.
"""

import copy
import csv
import datetime
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from loket.kwartaalrapportage import grafieken
from loket.kwartaalrapportage.export import csv_maken, xlsx_maken
from loket.kwartaalrapportage.tabellen import tabellen
from loket.kwartaalrapportage.weergave import TEMPLATE, context, pdf_maken

from .pdfs import pdf_text

VOORBEELD = Path(__file__).parent / "data" / "kwartaalrapportage_voorbeeld.json"
GEMAAKT_OP = datetime.datetime(2026, 10, 2, 9, 30, tzinfo=datetime.UTC)
HOOFDSTUKKEN = [
    "1 Tekorten",
    "2 Kandidaten",
    "3 Matching",
    "4 Opleiden",
    "5 Dekking",
    "6 Voortgang van het plan",
]


def _voorbeeld() -> dict:
    return json.loads(VOORBEELD.read_text(encoding="utf-8"))


def _pagina_teksten(pdf: bytes) -> list[str]:
    return [pagina.extract_text() for pagina in PdfReader(io.BytesIO(pdf)).pages]


def _zonder_witruimte(tekst: str) -> str:
    return re.sub(r"\s+", "", tekst)


def _alts(pdf: bytes) -> list[str]:
    """The text alternatives of every figure in the PDF's structure tree."""
    reader = PdfReader(io.BytesIO(pdf))
    gevonden = []

    def lopen(element):
        element = element.get_object()
        if isinstance(element, list):
            for kind in element:
                lopen(kind)
            return
        if not hasattr(element, "get"):
            return
        if element.get("/S") == "/Figure" and "/Alt" in element:
            gevonden.append(str(element["/Alt"]))
        if "/K" in element:
            lopen(element["/K"])

    lopen(reader.trailer["/Root"]["/StructTreeRoot"])
    return gevonden


@pytest.fixture(scope="module")
def gegevens():
    return _voorbeeld()


@pytest.fixture(scope="module")
def pdf(gegevens):
    return pdf_maken(gegevens, versie=2, gemaakt_op=GEMAAKT_OP)


@pytest.fixture(scope="module")
def paginas(pdf):
    """The text of each page (reading a PDF's text takes a while: once per module)."""
    return _pagina_teksten(pdf)


@pytest.fixture(scope="module")
def tekst(pdf):
    return pdf_text(pdf)


@pytest.fixture(scope="module")
def groep_paginas():
    """A closed quarter of a group of two regions, with nothing to report in several parts;
    made while English is active, which the report ignores: it is always in Dutch."""
    g = _voorbeeld()
    g["definitief"] = True
    g["titel"] = g["groep"] = "Alliantie Zuid-Holland"
    g["regios"] = ["Onderwijsregio Rotterdam", "Onderwijsregio Haaglanden"]
    g["kandidaten"]["uitval"] = []
    g["kandidaten"]["uitval_totaal"] = 0
    g["kandidaten"]["routes"] = []
    g["tekorten"]["trend"] = []
    g["opleiding"]["plaatsen"] = []
    for activiteit in g["plan"][15:]:
        activiteit["regio"] = "Onderwijsregio Haaglanden"
    with translation.override("en"):
        pdf = pdf_maken(g, versie=1, gemaakt_op=GEMAAKT_OP)
    return _pagina_teksten(pdf)


# PDF ----------------------------------------------------------------------------------------


def test_cover_shows_title_region_quarter_and_version(paginas):
    omslag = paginas[0]
    assert "Kwartaalrapportage" in omslag
    assert "Onderwijsregio Rotterdam" in omslag
    assert "3e kwartaal 2026" in omslag
    assert "1 juli 2026 tot en met 30 september 2026" in omslag
    assert "Versie 2" in omslag
    assert "2 oktober 2026, 11:30" in omslag  # in Dutch time


def test_cover_warns_that_figures_are_provisional_when_quarter_not_closed(paginas):
    omslag = paginas[0]
    assert "Voorlopige cijfers." in omslag
    assert "nog niet afgesloten" in omslag


def test_closed_quarter_has_no_provisional_note(groep_paginas):
    assert "voorlopig" not in "\n".join(groep_paginas).lower()


def test_shortage_figures_are_formatted_the_dutch_way(tekst):
    assert "5.714,3" in tekst  # employment
    assert re.search(r"Tekort 400,0 7,0 de werkgelegenheid", tekst)
    assert re.search(r"open vacatures 160,0 40,0 het tekort", tekst)
    assert re.search(r"verborgen tekorten 240,0 60,0 het tekort", tekst)
    assert re.search(r"een bevoegde leraar 72,0 30,0", tekst)
    assert re.search(r"een onbevoegde leraar 168,0 70,0", tekst)


def test_top_subject_is_named_with_its_shortage(tekst):
    assert "Het hoogste tekort is er bij Techniek: 20,5% van de werkgelegenheid." in tekst
    assert re.search(r"Techniek 200,0 16,4 24,6 41,0 20,5", tekst)


def test_undefined_percentage_shows_a_dash(tekst):
    # The last subject has no employment, so no shortage %.
    assert re.search(r"script>\s*0,0 0,0 0,0 0,0 –", tekst)


def test_table_of_contents_gives_the_page_each_section_starts_on(paginas):
    inhoud = paginas[1]
    assert inhoud.startswith("Inhoud")
    for hoofdstuk in HOOFDSTUKKEN:
        gevonden = re.search(re.escape(hoofdstuk) + r" \.+ ?(\d+)", inhoud)
        assert gevonden, hoofdstuk
        pagina = int(gevonden.group(1))
        # The heading is a line of that page, and of no page between the contents and it.
        assert hoofdstuk in paginas[pagina - 1].splitlines(), hoofdstuk
        assert not any(hoofdstuk in p.splitlines() for p in paginas[2 : pagina - 1]), hoofdstuk
    assert re.search(r"1\.6 Tekort per vak \.+ ?\d+", inhoud)


def test_pages_after_the_cover_have_a_footer_and_running_header(paginas):
    totaal = len(paginas)
    assert totaal > 5
    assert "pagina" not in paginas[0]
    assert f"pagina 2 van {totaal}" in paginas[1]
    assert f"pagina {totaal} van {totaal}" in paginas[-1]
    kop = "Onderwijsregio Rotterdam · 3e kwartaal 2026 · voorlopig"
    assert kop not in paginas[0].splitlines()  # set there, shown from the second page on
    for pagina in paginas[1:]:
        assert kop in pagina.splitlines()


def test_every_plan_activity_is_listed_and_the_header_repeats(paginas, tekst, gegevens):
    assert len(gegevens["plan"]) == 30
    for nummer in range(1, 31):
        assert f"Activiteit {nummer}: zij-" in tekst, nummer
    kop = "Ontwikkellijn Activiteit Periode Beoogd resultaat Eigenaar Status Toelichting"
    assert sum(kop in pagina for pagina in paginas) >= 2
    assert "Geen voortgang gemeld" in tekst
    assert re.search(r"Risico 6\nAchter 6", tekst)  # the status summary


def test_user_text_is_escaped_and_shown_as_text(gegevens, tekst):
    with translation.override("nl"):
        html = render_to_string(TEMPLATE, context(gegevens, versie=1, gemaakt_op=GEMAAKT_OP))
    assert "<script>" not in html
    assert "Sterrenkunde &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" in _zonder_witruimte(tekst)


def test_candidate_sections_show_funnel_conversion_and_lead_times(tekst):
    assert "Ingeschreven aan het eind van het kwartaal 2.870" in tekst
    assert re.search(r"Oriëntatie Advies 2\.870 1\.900 66,2", tekst)
    assert "Opleiding & inductie – 0" in tekst  # no median without finished stints
    zinnen = " ".join(tekst.split())  # sentences may wrap anywhere
    assert "in de mediaan 143,5 dagen (17 aanstellingen in dit kwartaal)" in zinnen
    assert "31 kandidaten vielen dit kwartaal uit." in tekst
    assert "Financiële redenen 9" in tekst
    assert "Onderwijsregio Utrecht 4 2" in tekst


def test_training_and_coverage_sections(tekst):
    assert "Studenten 410 90 82,0 100" in tekst
    assert "Zij-instromers 60 25 70,6 100" in tekst
    assert "Totaal 200 280" in tekst
    assert "16 / 24 66,7 66,7 5.200 / 6.100 85,2 2.500 61.000 / 72.000 84,7 ja" in tekst


def test_empty_parts_get_a_sentence(groep_paginas):
    tekst = " ".join("\n".join(groep_paginas).split())
    assert "Geen uitval dit kwartaal." in tekst
    assert "Dit kwartaal is geen kandidaat naar een opleiding doorverwezen." in tekst
    assert "Er zijn geen tekortcijfers over de afgelopen kwartalen om te tonen." in tekst
    assert "Er zijn geen opleidingsplaatsen vastgelegd." in tekst


def test_group_report_lists_its_regions_and_groups_the_plan_by_region(groep_paginas):
    paginas = groep_paginas
    assert "Alliantie Zuid-Holland" in paginas[0]
    assert "Regio's: Onderwijsregio Rotterdam, Onderwijsregio Haaglanden" in paginas[0]
    assert "Alliantie Zuid-Holland · 3e kwartaal 2026" in paginas[3].splitlines()
    tekst = "\n".join(paginas)
    assert "\nOnderwijsregio Haaglanden\nOntwikkellijn Activiteit" in tekst
    assert "Activiteit 30: zij-" in tekst


def test_pdf_is_tagged_and_charts_have_text_alternatives(pdf):
    catalogus = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in catalogus
    assert "/MarkInfo" in catalogus
    assert catalogus["/Lang"] == "nl"
    alts = _alts(pdf)
    assert len(alts) == 4
    assert any("Techniek: 20,5%" in alt for alt in alts)
    assert any("3e kwartaal 2026: 160,0 fte open en 240,0 fte verborgen" in alt for alt in alts)
    assert any("Oriëntatie: 812" in alt for alt in alts)
    assert any("Samengevoegde klassen: 36,0 fte (15,0%)" in alt for alt in alts)


# Charts -------------------------------------------------------------------------------------


def test_charts_are_deterministic_svg_with_dutch_text(gegevens):
    with translation.override("nl"):
        eerste = grafieken.grafieken(gegevens)
        tweede = grafieken.grafieken(gegevens)
    assert eerste == tweede
    trend = eerste["trend"].svg
    assert trend.startswith("<?xml")
    assert "<dc:date>" not in trend
    assert ">Open vacatures<" in trend  # text stays text
    assert ">Verborgen tekorten<" in trend
    assert ">7,1%<" in trend
    assert ">120,0 fte (50,0%)<" in eerste["soorten"].svg
    assert ">20,5%<" in eerste["vakken"].svg
    assert "tekort in % van de werkgelegenheid" in eerste["vakken"].svg
    assert ">812<" in eerste["trechter"].svg


def test_chart_axes_use_a_decimal_comma():
    assert grafieken._as_tekst(2.5) == "2,5"
    assert grafieken._as_tekst(1500.0) == "1.500"
    assert grafieken.nl_getal("5714.3") == "5.714,3"


def test_no_chart_without_data():
    assert grafieken.tekort_trend([]) is None
    nul = {"label": "1e kwartaal 2026", "open_fte": "0.0", "verborgen_fte": "0.0"}
    assert grafieken.tekort_trend([nul | {"tekort_pct": None}]) is None
    assert grafieken.verborgen_per_soort([{"naam": "Overig", "fte": "0.0", "pct": None}]) is None
    assert grafieken.top_vakken([{"naam": "Duits", "tekort_pct": None}]) is None
    assert grafieken.trechter([{"naam": "Advies", "aantal": 0}], {"Advies"}) is None


def test_a_dollar_in_a_name_is_not_read_as_mathematics():
    grafiek = grafieken.top_vakken([{"naam": "Kosten $x$ en $y", "tekort_pct": "3.0"}])
    assert ">Kosten $x$ en $y<" in grafiek.svg


# CSV and XLSX -------------------------------------------------------------------------------


def _csv_rijen(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _csv_waarde(rijen, tabel: str, rij: str, kolom: str) -> str:
    [waarde] = [r[4] for r in rijen if r[1] == tabel and r[2] == rij and r[3] == kolom]
    return waarde


def _als_decimal(tekst: str) -> Decimal:
    return Decimal(tekst.replace(",", "."))


def test_csv_holds_the_same_figures_as_the_snapshot(gegevens):
    rijen = _csv_rijen(csv_maken(gegevens, versie=2, gemaakt_op=GEMAAKT_OP))
    assert rijen[0] == ["onderdeel", "tabel", "rij", "kolom", "waarde"]
    assert all(len(rij) == 5 for rij in rijen)
    totaal = gegevens["tekorten"]["totaal"]
    waarde = _csv_waarde(rijen, "Kerncijfers tekorten", "Werkgelegenheid (fte)", "Waarde")
    assert waarde == "5714,3"
    assert _als_decimal(waarde) == Decimal(totaal["werkgelegenheid_fte"])
    tekort = _csv_waarde(
        rijen, "Kerncijfers tekorten", "Tekort (% van de werkgelegenheid)", "Waarde"
    )
    assert _als_decimal(tekort) == Decimal(totaal["tekort_pct"])
    techniek = _csv_waarde(rijen, "Tekort per vak", "Techniek", "Tekort (% van de werkgelegenheid)")
    assert techniek == "20,5"
    assert (
        _csv_waarde(rijen, "Kandidaten per fase", "Oriëntatie", "Kandidaten op de laatste dag")
        == "812"
    )
    # A null percentage is an empty cell, not "None" or 0.
    assert (
        _csv_waarde(
            rijen,
            "Tekort per vak",
            "Sterrenkunde & <script>alert(1)</script>",
            "Tekort (% van de werkgelegenheid)",
        )
        == ""
    )
    activiteiten = {r[2] for r in rijen if r[1] == "Activiteiten van het plan"}
    assert len(activiteiten) == len(gegevens["plan"])
    assert _csv_waarde(rijen, "Over dit rapport", "Kwartaal", "Waarde") == "3e kwartaal 2026"
    assert _csv_waarde(rijen, "Over dit rapport", "Gemaakt op", "Waarde") == "02-10-2026 11:30"


def test_xlsx_holds_the_same_figures_as_numbers(gegevens):
    werkboek = load_workbook(io.BytesIO(xlsx_maken(gegevens, versie=2, gemaakt_op=GEMAAKT_OP)))
    assert werkboek.sheetnames == ["Over dit rapport", *HOOFDSTUKKEN]

    over = {
        rij[0]: rij[1]
        for rij in werkboek["Over dit rapport"].iter_rows(min_row=3, values_only=True)
    }
    assert over["Regio"] == "Onderwijsregio Rotterdam"
    assert over["Kwartaal"] == "3e kwartaal 2026"
    assert over["Versie"] == 2
    assert over["Tot en met"] == datetime.datetime(2026, 9, 30)
    assert over["Status"].startswith("Voorlopig")

    tekorten = werkboek["1 Tekorten"]
    assert tekorten["A2"].value == "Kengetal" and tekorten["A2"].font.bold
    cellen = {rij[0].value: rij[1] for rij in tekorten.iter_rows(min_row=3, max_row=15)}
    werkgelegenheid = cellen["Werkgelegenheid (fte)"]
    assert werkgelegenheid.value == pytest.approx(5714.3)
    assert werkgelegenheid.number_format == "#,##0.0"
    assert cellen["Schoolbesturen met een opgave"].value == 12
    assert cellen["Tekort (% van de werkgelegenheid)"].value == pytest.approx(7.0)

    plan = werkboek["6 Voortgang van het plan"]
    assert plan.freeze_panes == "A3"
    assert [c.value for c in plan[2]][:4] == ["Nr.", "Regio", "Ontwikkellijn", "Activiteit"]
    assert all(c.font.bold for c in plan[2])
    assert plan.max_row == 2 + len(gegevens["plan"])
    assert plan["D32"].value == "Activiteit 30: zij-instroomtraject techniek"


def test_xlsx_is_the_same_for_the_same_snapshot(gegevens):
    assert xlsx_maken(gegevens, versie=2, gemaakt_op=GEMAAKT_OP) == xlsx_maken(
        gegevens, versie=2, gemaakt_op=GEMAAKT_OP
    )


def test_exports_neutralise_formulas_in_free_text(gegevens):
    g = copy.deepcopy(gegevens)
    aanval = {
        "activiteit": '=HYPERLINK("http://kwaad.example","klik")',
        "toelichting": "@SUM(A1:A9)",
        "eigenaar": "+31 6 1234",
        "producten": "-2+3",
        "beoogd_resultaat": "\t=1+1",
        "ontwikkellijn": "\r=1",
    }
    g["plan"][0].update(aanval)

    csv_tekst = csv_maken(g).decode("utf-8-sig")
    for waarde in aanval.values():
        assert "'" + waarde.replace('"', '""') in csv_tekst

    plan = load_workbook(io.BytesIO(xlsx_maken(g)))["6 Voortgang van het plan"]
    rij = {kop.value: cel for kop, cel in zip(plan[2], plan[3], strict=True)}
    assert rij["Activiteit"].value == "'" + aanval["activiteit"]
    assert rij["Activiteit"].data_type == "s"
    assert rij["Toelichting"].value == "'@SUM(A1:A9)"
    assert rij["Eigenaar"].value == "'+31 6 1234"
    assert rij["Producten"].value == "'-2+3"


def test_tables_are_the_one_place_both_exports_read(gegevens):
    namen = [t.naam for t in tabellen(gegevens)]
    assert len(namen) == len(set(namen))
    csv_tabellen = {r[1] for r in _csv_rijen(csv_maken(gegevens))[1:]} - {"Over dit rapport"}
    # Every table with rows reaches the CSV; the XLSX has them all as titles on its sheets.
    assert csv_tabellen == {t.naam for t in tabellen(gegevens) if t.rijen}
    werkboek = load_workbook(io.BytesIO(xlsx_maken(gegevens)))
    titels = {c.value for blad in werkboek.worksheets[1:] for c in blad["A"]}
    assert set(namen) <= titels
