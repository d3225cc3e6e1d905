"""Downloads of a list: CSV (streamed, for Dutch Excel) or XLSX, safe against formula injection."""

import csv
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.http import content_disposition_header

FORMATS = ("csv", "xlsx")

# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and carriage
# return, strips them and then does). A leading quote makes it plain text, also in XLSX, where
# openpyxl would otherwise store "=..." as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    """One column of an export: its Dutch header and its width in XLSX (in characters)."""

    header: str | Promise
    width: int = 15


def neutralise(text: str) -> str:
    """Text a spreadsheet will not run: a quote in front of anything that starts a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_filename(name: str, regio_slug: str, fmt: str) -> str:
    """E.g. partners-twente-2026-11-23.csv: what, which region, and the day it was made."""
    return f"{name}-{regio_slug}-{timezone.localdate().isoformat()}.{fmt}"


def check_format(fmt: str) -> str:
    """Only the formats we make exist; any other extension is a page that does not exist."""
    if fmt not in FORMATS:
        raise Http404
    return fmt


def export_response(fmt: str, *, columns: Sequence[Column], rows: Iterable, name: str, regio_slug):
    """The download in `fmt` (csv or xlsx) of `rows`, tuples in the order of `columns`."""
    filename = export_filename(name, regio_slug, check_format(fmt))
    if fmt == "csv":
        return csv_response(columns=columns, rows=rows, filename=filename)
    return xlsx_response(columns=columns, rows=rows, filename=filename, sheet_title=name)


# CSV ----------------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write() hands the line back, so csv.writer can feed a stream."""

    def write(self, value):
        return value


def csv_cell(value) -> str:
    """A value as Dutch Excel reads it: decimal comma, empty for nothing, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float | Decimal):
        return str(value).replace(".", ",")
    return neutralise(str(value))


def csv_lines(columns: Sequence[Column], rows: Iterable) -> Iterator[str]:
    """Semicolon separated lines, starting with a byte order mark so Excel reads UTF-8."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([neutralise(str(c.header)) for c in columns])
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def csv_response(*, columns: Sequence[Column], rows: Iterable, filename: str):
    """Streamed, so a national list is written row by row instead of built in memory."""
    response = StreamingHttpResponse(
        _in_language(translation.get_language(), csv_lines(columns, rows)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _in_language(language: str | None, lines: Iterator[str]) -> Iterator[str]:
    """The rows are made while the response streams, after the view returned: keep the
    request's language active for the labels in them."""
    with translation.override(language):
        yield from lines


# XLSX ---------------------------------------------------------------------------------------


def xlsx_cell(value):
    """Numbers stay numbers; text is neutralised and stripped of characters XML cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or isinstance(value, int | float | Decimal):
        return value
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def xlsx_response(*, columns: Sequence[Column], rows: Iterable, filename: str, sheet_title: str):
    """A write-only workbook (rows go to disk as they come) with a bold, frozen header row."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    # In a write-only sheet widths and panes must be set before the first row.
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=xlsx_cell(str(column.header)))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([xlsx_cell(value) for value in row])

    # A temporary file rather than bytes in memory; FileResponse closes (and so deletes) it.
    output = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(output)
    output.seek(0)
    return FileResponse(
        output, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )
