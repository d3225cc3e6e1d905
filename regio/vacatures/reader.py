"""Read a file of vacancies (CSV or XLSX): refuse what is not one, keep each row's line number."""

import codecs
import csv
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
# An XLSX of a few MB can unzip to a sheet of a million empty rows: stop reading long before.
MAX_SHEET_ROWS = 50_000
MAX_COLUMNS = 60

# In the order of the example file; the columns named in REQUIRED_COLUMNS must be there.
COLUMNS = (
    "titel",
    "school",
    "functie",
    "sector",
    "vak",
    "bevoegdheid",
    "zij_instroom",
    "fte",
    "salarisschaal",
    "startdatum",
    "sluitdatum",
    "omschrijving",
    "status",
)
OPTIONAL_COLUMNS = ("vak", "zij_instroom", "salarisschaal", "omschrijving", "status")
REQUIRED_COLUMNS = tuple(name for name in COLUMNS if name not in OPTIONAL_COLUMNS)


class VacatureImportRefused(ValidationError):
    """The file as a whole cannot be imported; its one message says why, in Dutch."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def too_big_message() -> str:
    return _("Het bestand is groter dan %(mb)s MB; verdeel de vacatures over meer bestanden.") % {
        "mb": MAX_BYTES // (1024 * 1024)
    }


def read_rows(content: bytes, filename: str) -> list[tuple[int, dict[str, object]]]:
    """The file's rows as {column: raw value} with their line numbers (the header is line 1);
    VacatureImportRefused when it cannot be read. Blank rows are skipped, their lines counted."""
    if len(content) > MAX_BYTES:
        raise VacatureImportRefused(too_big_message())
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in ("csv", "txt", "xlsx"):
        raise VacatureImportRefused(
            _(
                "Kies een CSV- of Excel-bestand (.csv of .xlsx); %(name)s is een ander soort "
                "bestand."
            )
            % {"name": filename or _("dit")}
        )
    if not content.strip(b" \t\r\n" + codecs.BOM_UTF8):
        raise VacatureImportRefused(_("Het bestand is leeg."))
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise VacatureImportRefused(
            _("Dit is een oud Excel-bestand (.xls). Sla het in Excel op als .xlsx of als CSV.")
        )
    if content.startswith(b"PK\x03\x04"):
        # An .xlsx is a zip file, whatever its name says.
        records = _xlsx_records(content)
    elif extension == "xlsx":
        raise VacatureImportRefused(
            _("Dit is geen geldig Excel-bestand (.xlsx). Sla het opnieuw op in Excel, of kies CSV.")
        )
    else:
        records = _csv_records(content)
    return _rows(records)


def _csv_records(content: bytes):
    if b"\x00" in content[:65536]:
        raise VacatureImportRefused(_("Dit is geen tekstbestand (CSV) maar een binair bestand."))
    text = None
    # Excel on Windows saves CSV as Windows-1252 unless told otherwise; accept that too.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise VacatureImportRefused(
            _("De tekens in dit bestand zijn niet te lezen. Sla het op als CSV in UTF-8.")
        )
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    # Counting in the header is steadier than csv.Sniffer, which guesses from the data rows.
    delimiter = "," if first_line.count(",") > first_line.count(";") else ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous = 0
    try:
        for record in reader:
            line, previous = previous + 1, reader.line_num
            yield line, record
    except csv.Error as exc:
        raise VacatureImportRefused(
            _("Het bestand is geen leesbare CSV (rond regel %(line)s): %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from exc


def _xlsx_records(content: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of error on a broken file
        raise VacatureImportRefused(
            _("Dit Excel-bestand is niet te lezen. Sla het opnieuw op als .xlsx, of kies CSV.")
        ) from exc
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise VacatureImportRefused(_("Dit Excel-bestand heeft geen werkblad."))
        # Read-only sheets trust the size the file claims; some programs write a wrong one.
        sheet.reset_dimensions()
        for line, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
            if line > MAX_SHEET_ROWS:
                raise VacatureImportRefused(_too_many_rows())
            yield line, list(values)
    except VacatureImportRefused:
        raise
    except Exception as exc:  # a damaged sheet fails only while it is read
        raise VacatureImportRefused(
            _("Dit Excel-bestand is niet te lezen. Sla het opnieuw op als .xlsx, of kies CSV.")
        ) from exc
    finally:
        workbook.close()


def _too_many_rows() -> str:
    return _(
        "Het bestand heeft meer dan %(max)s regels met vacatures; verdeel ze over meer bestanden."
    ) % {"max": f"{MAX_ROWS:,}".replace(",", ".")}


def _header_name(cell) -> str:
    """'Zij-instroom ', 'ZIJ INSTROOM' and 'zij_instroom' all become 'zij_instroom'."""
    text = "" if cell is None else str(cell).replace("\ufeff", "")
    return "_".join(text.lower().replace("-", " ").replace("_", " ").split())


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _rows(records) -> list[tuple[int, dict[str, object]]]:
    header = None
    index: dict[str, int] = {}
    rows = []
    for line, record in records:
        if header is None:
            if all(is_blank(cell) for cell in record):
                continue  # blank lines above the header
            header = [_header_name(cell) for cell in record]
            index = {}
            for position, name in enumerate(header):
                if name in COLUMNS and name not in index:
                    index[name] = position
            if missing := [name for name in REQUIRED_COLUMNS if name not in index]:
                raise VacatureImportRefused(
                    _(
                        "Deze kolommen ontbreken: %(columns)s. De eerste regel moet de kolomnamen "
                        "bevatten; download het voorbeeldbestand om te zien hoe."
                    )
                    % {"columns": ", ".join(missing)}
                )
            continue
        if all(is_blank(cell) for cell in record):
            continue
        if len(rows) >= MAX_ROWS:
            raise VacatureImportRefused(_too_many_rows())
        values = {
            name: (record[position] if position < len(record) else None)
            for name, position in index.items()
        }
        rows.append((line, values))
    if header is None:
        raise VacatureImportRefused(_("Het bestand is leeg."))
    if not rows:
        raise VacatureImportRefused(
            _("Het bestand bevat alleen de kolomnamen; zet onder de eerste regel de vacatures.")
        )
    return rows
