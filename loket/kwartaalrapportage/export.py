"""The quarterly report exported to CSV and XLSX, from the tables of tabellen.py.

The CSV is a tidy long format (onderdeel;tabel;rij;kolom;waarde), one figure per line,
rather than blocks of differently shaped tables: every line has the same five columns, so
Excel's filter and pivot table work on it at once, and the files of several quarters or
regions can be pasted under each other and compared. The XLSX is the one for reading: one
sheet per section with its tables as a person would lay them out.
"""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from regio.exports import csv_cell, neutralise, xlsx_cell

from .tabellen import Tabel, onderdelen, over_dit_rapport, tabellen


def _lokaal(tijdstip: datetime.datetime) -> datetime.datetime:
    """Local time without a zone: spreadsheets know no time zones, and the reader's clock is
    the one of the cover page."""
    if timezone.is_aware(tijdstip):
        tijdstip = timezone.localtime(tijdstip)
    return tijdstip.replace(tzinfo=None)


# CSV ----------------------------------------------------------------------------------------


def _csv_waarde(waarde) -> str:
    if isinstance(waarde, datetime.datetime):
        return _lokaal(waarde).strftime("%d-%m-%Y %H:%M")
    if isinstance(waarde, datetime.date):
        return waarde.strftime("%d-%m-%Y")
    return csv_cell(waarde)


def csv_maken(
    gegevens: dict, *, versie: int | None = None, gemaakt_op: datetime.datetime | None = None
) -> bytes:
    """All figures, one per line: onderdeel;tabel;rij;kolom;waarde (UTF-8 with BOM for Excel)."""
    with translation.override("nl"):
        uitvoer = io.StringIO()
        schrijver = csv.writer(uitvoer, delimiter=";", lineterminator="\r\n")
        schrijver.writerow([_("onderdeel"), _("tabel"), _("rij"), _("kolom"), _("waarde")])
        over = _("Over dit rapport")
        for kengetal, waarde in over_dit_rapport(gegevens, versie=versie, gemaakt_op=gemaakt_op):
            schrijver.writerow(
                [
                    neutralise(over),
                    neutralise(over),
                    neutralise(kengetal),
                    _("Waarde"),
                    _csv_waarde(waarde),
                ]
            )
        for tabel in tabellen(gegevens):
            for rij in tabel.rijen:
                for kolom, waarde in zip(tabel.kolommen[1:], rij[1:], strict=True):
                    schrijver.writerow(
                        [
                            neutralise(tabel.onderdeel),
                            neutralise(tabel.naam),
                            _csv_waarde(rij[0]),
                            neutralise(kolom),
                            _csv_waarde(waarde),
                        ]
                    )
    return ("\ufeff" + uitvoer.getvalue()).encode()


# XLSX ---------------------------------------------------------------------------------------

GETAL = "#,##0"
DECIMAAL = "#,##0.0"
DATUM = "dd-mm-yyyy"
DATUM_TIJD = "dd-mm-yyyy hh:mm"
MAX_BREEDTE = 60

# The timestamp of every file in the XLSX archive: a fixed one, so the same snapshot gives the
# same bytes (zip's earliest date; openpyxl would otherwise stamp the time of writing).
_ZIP_TIJD = (1980, 1, 1, 0, 0, 0)


def _cel(blad, rij: int, kolom: int, waarde, *, vet: bool = False):
    from openpyxl.styles import Alignment, Font

    if isinstance(waarde, bool):
        waarde = _("ja") if waarde else _("nee")
    if isinstance(waarde, datetime.datetime):
        # Excel knows no time zones: the local time as the reader saw it on the cover.
        cel = blad.cell(row=rij, column=kolom, value=_lokaal(waarde))
        cel.number_format = DATUM_TIJD
    elif isinstance(waarde, datetime.date):
        cel = blad.cell(row=rij, column=kolom, value=waarde)
        cel.number_format = DATUM
    else:
        cel = blad.cell(row=rij, column=kolom, value=xlsx_cell(waarde))
        if isinstance(waarde, int):
            cel.number_format = GETAL
        elif isinstance(waarde, Decimal):
            cel.number_format = DECIMAAL
        elif isinstance(waarde, str) and len(waarde) > MAX_BREEDTE:
            cel.alignment = Alignment(wrap_text=True, vertical="top")
    if vet:
        cel.font = Font(bold=True)
    return cel


def _breedtes(blad, breedtes: dict[int, int]) -> None:
    from openpyxl.utils import get_column_letter

    for kolom, breedte in breedtes.items():
        blad.column_dimensions[get_column_letter(kolom)].width = (
            min(max(breedte, 8), MAX_BREEDTE) + 2
        )


def _tekstlengte(waarde) -> int:
    if isinstance(waarde, Decimal | int) and not isinstance(waarde, bool):
        return len(f"{waarde:,}")
    if isinstance(waarde, datetime.datetime):
        return 16
    if isinstance(waarde, datetime.date):
        return 10
    return len(str(waarde)) if waarde is not None else 0


def xlsx_maken(
    gegevens: dict, *, versie: int | None = None, gemaakt_op: datetime.datetime | None = None
) -> bytes:
    """A workbook with an "Over dit rapport" sheet, then one sheet per section of the report.

    Each table has its name and a bold header row; a sheet that holds a single table (the
    plan's activities, coverage, matching) freezes that header, so it stays in view while
    scrolling. Numbers are numeric cells with a number format, so Excel sums and sorts them.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    with translation.override("nl"):
        werkboek = Workbook()
        over = werkboek.active
        over.title = _("Over dit rapport")
        _cel(over, 1, 1, _("Kwartaalrapportage"), vet=True).font = Font(bold=True, size=14)
        breedtes = {1: 0, 2: 0}
        for nummer, (kengetal, waarde) in enumerate(
            over_dit_rapport(gegevens, versie=versie, gemaakt_op=gemaakt_op), start=3
        ):
            _cel(over, nummer, 1, kengetal, vet=True)
            _cel(over, nummer, 2, waarde)
            breedtes[1] = max(breedtes[1], _tekstlengte(kengetal))
            breedtes[2] = max(breedtes[2], _tekstlengte(waarde))
        _breedtes(over, breedtes)

        per_onderdeel: dict[str, list[Tabel]] = {}
        for tabel in tabellen(gegevens):
            per_onderdeel.setdefault(tabel.onderdeel, []).append(tabel)
        for onderdeel in onderdelen():
            blad = werkboek.create_sheet(title=onderdeel[:31])
            tabellen_ = per_onderdeel.get(onderdeel, [])
            rij = 1
            breedtes = {}
            for tabel in tabellen_:
                _cel(blad, rij, 1, tabel.naam, vet=True).font = Font(bold=True, size=12)
                rij += 1
                for kolom, kop in enumerate(tabel.kolommen, start=1):
                    _cel(blad, rij, kolom, kop, vet=True)
                    breedtes[kolom] = max(breedtes.get(kolom, 0), _tekstlengte(kop))
                if len(tabellen_) == 1:
                    blad.freeze_panes = f"A{rij + 1}"
                rij += 1
                for waarden in tabel.rijen:
                    for kolom, waarde in enumerate(waarden, start=1):
                        _cel(blad, rij, kolom, waarde)
                        breedtes[kolom] = max(breedtes.get(kolom, 0), _tekstlengte(waarde))
                    rij += 1
                rij += 1  # an empty row between two tables
            _breedtes(blad, breedtes)
            if len(tabellen_) == 1 and tabellen_[0].rijen:
                laatste = get_column_letter(len(tabellen_[0].kolommen))
                blad.auto_filter.ref = f"A2:{laatste}{rij - 2}"

        # Made at gemaakt_op if known, else stamped with the quarter's last day: never "now".
        tijdstip = gemaakt_op or datetime.datetime.fromisoformat(gegevens["tot_en_met"])
        if timezone.is_aware(tijdstip):
            tijdstip = tijdstip.astimezone(datetime.UTC).replace(tzinfo=None)
        werkboek.properties.creator = "Onderwijsloket"
        werkboek.properties.title = _("Kwartaalrapportage %(titel)s, %(kwartaal)s") % {
            "titel": gegevens["titel"],
            "kwartaal": gegevens["kwartaal_label"],
        }
        werkboek.properties.created = tijdstip
        return _vast_gestempeld(werkboek, tijdstip)


def _vast_gestempeld(werkboek, tijdstip: datetime.datetime) -> bytes:
    """The workbook's bytes with fixed timestamps: openpyxl stamps "modified" with the time of
    saving and each file in the archive with the time it was written; both are replaced."""
    from openpyxl.xml.constants import ARC_CORE
    from openpyxl.xml.functions import tostring

    ruw = io.BytesIO()
    werkboek.save(ruw)
    werkboek.properties.modified = tijdstip
    kern = tostring(werkboek.properties.to_tree())
    uitvoer = io.BytesIO()
    with (
        zipfile.ZipFile(ruw) as bron,
        zipfile.ZipFile(uitvoer, "w", zipfile.ZIP_DEFLATED) as doel,
    ):
        for info in bron.infolist():
            data = kern if info.filename == ARC_CORE else bron.read(info)
            nieuw = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIJD)
            nieuw.compress_type = zipfile.ZIP_DEFLATED
            doel.writestr(nieuw, data)
    return uitvoer.getvalue()
