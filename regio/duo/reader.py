"""Read one DUO open-data CSV file: refuse what is not one, map its columns, keep line numbers.

Where the layout comes from (facts only, no code taken over): DUO's "Open Onderwijsdata"
address files, as documented by DUO's former open-data API (api.duo.nl, whose docs show the
records of e.g. "06. bevoegde gezagen speciaal (basis)onderwijs" and "01. hoofdvestigingen vo")
and as read by public parsers of these files (Open State's openonderwijsdata scrapers, and
recent pipelines that read "02. alle vestigingen vo"):

- boards ("bevoegde gezagen ..."): BEVOEGD GEZAG NUMMER; BEVOEGD GEZAG NAAM; STRAATNAAM;
  HUISNUMMER-TOEVOEGING; POSTCODE; PLAATSNAAM; GEMEENTENUMMER; GEMEENTENAAM; DENOMINATIE;
  TELEFOONNUMMER; INTERNETADRES; ...; some files add SOORT PRIMAIR ONDERWIJS, e.g. "(V)SO";
- locations, older files: PROVINCIE; BEVOEGD GEZAG NUMMER; BRIN NUMMER; VESTIGINGSNUMMER;
  VESTIGINGSNAAM (INSTELLINGSNAAM in the files of main locations); STRAATNAAM; ...;
  GEMEENTENAAM; ...; ONDERWIJSSTRUCTUUR in vo ("VMBO/HAVO/VWO", "PRO"). VESTIGINGSNUMMER holds
  the BRIN plus two digits ("16SW03"); in pupil-count files it is just the number ("3");
- locations, newer files: INSTELLINGSCODE (the 4-character BRIN) and VESTIGINGSCODE (6
  characters, "00AH00") instead of BRIN NUMMER and VESTIGINGSNUMMER;
- cp1252 by tradition, newer files UTF-8 (some with a BOM); semicolons, some files commas;
  values padded with spaces; PLAATSNAAM and GEMEENTENAAM in capitals; postcodes "7511 AB".
"""

import codecs
import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024
BESTUREN = "besturen"
VESTIGINGEN = "vestigingen"
KINDS = (BESTUREN, VESTIGINGEN)

_ADDRESS = {
    "straat": ("STRAATNAAM",),
    "huisnummer": ("HUISNUMMER-TOEVOEGING",),
    "postcode": ("POSTCODE",),
    "plaats": ("PLAATSNAAM",),
    "gemeente": ("GEMEENTENAAM",),
}
# Per kind: our field -> the header names DUO uses for it (normalised, see _header_name).
COLUMNS = {
    BESTUREN: {
        "nummer": ("BEVOEGD GEZAG NUMMER",),
        "naam": ("BEVOEGD GEZAG NAAM",),
        **_ADDRESS,
    },
    VESTIGINGEN: {
        "bestuur": ("BEVOEGD GEZAG NUMMER",),
        "brin": ("BRIN NUMMER", "INSTELLINGSCODE"),
        "vestiging": ("VESTIGINGSNUMMER", "VESTIGINGSCODE"),
        "naam": ("VESTIGINGSNAAM", "INSTELLINGSNAAM"),
        **_ADDRESS,
        "soort_po": ("SOORT PRIMAIR ONDERWIJS",),
        "structuur": ("ONDERWIJSSTRUCTUUR",),
    },
}
REQUIRED = {
    BESTUREN: ("nummer", "naam", "gemeente"),
    VESTIGINGEN: ("bestuur", "vestiging", "naam", "gemeente"),
}


class DuoFileRefused(Exception):
    """The file as a whole cannot be imported; `message` says why, in Dutch."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RejectedRow:
    """A line that was not imported and why; here, not in the importer, as reading rejects too."""

    line: int
    reason: str
    key: str = ""


@dataclass
class DuoFile:
    """A DUO file's rows by our field names, with the line each row starts on (header = 1)."""

    kind: str
    encoding: str
    delimiter: str
    rows: list[tuple[int, dict[str, str]]]
    malformed: list[RejectedRow]


def too_big_message():
    return _("Het bestand is groter dan %(mb)s MB; DUO-bestanden zijn veel kleiner.") % {
        "mb": MAX_BYTES // (1024 * 1024)
    }


def duo_file_read(content: bytes, *, kind: str | None = None) -> DuoFile:
    """Decode and split a DUO file; refuse it whole when it is not one (DuoFileRefused)."""
    text, encoding = _decode(content)
    first_line = text.split("\n", 1)[0]
    # Counting in the header is steadier than csv.Sniffer, which guesses from the data rows.
    delimiter = "," if first_line.count(",") > first_line.count(";") else ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [_header_name(cell) for cell in next(reader, [])]
        while header and not header[-1]:
            header.pop()  # a trailing delimiter in the header
        kind = _kind(header, kind)
        index = {}
        for name, aliases in COLUMNS[kind].items():
            found = next((alias for alias in aliases if alias in header), None)
            if found:
                index[name] = header.index(found)
        rows, malformed = [], []
        previous = reader.line_num
        for record in reader:
            line, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(record) < len(header) or any(c.strip() for c in record[len(header) :]):
                reason = _(
                    "Deze regel heeft %(found)s kolommen, de kopregel %(expected)s; "
                    "staat er ergens een scheidingsteken of aanhalingsteken te veel?"
                ) % {"found": len(record), "expected": len(header)}
                malformed.append(RejectedRow(line=line, reason=reason))
                continue
            values = {name: record[i].strip() for name, i in index.items()}
            rows.append((line, {name: values.get(name, "") for name in COLUMNS[kind]}))
    except csv.Error as exc:
        raise DuoFileRefused(
            _("Het bestand is geen leesbare CSV (rond regel %(line)s): %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from exc
    return DuoFile(kind, encoding, delimiter, rows, malformed)


def _decode(content):
    if len(content) > MAX_BYTES:
        raise DuoFileRefused(too_big_message())
    if not content.strip(b" \t\r\n" + codecs.BOM_UTF8):
        raise DuoFileRefused(_("Het bestand is leeg."))
    if content.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise DuoFileRefused(
            _(
                "Dit is een Excel-bestand. Kies het CSV-bestand van DUO, of sla het in Excel op "
                "als CSV (puntkomma-gescheiden)."
            )
        )
    if b"\x00" in content[:65536]:
        raise DuoFileRefused(_("Dit is geen tekstbestand (CSV) maar een binair bestand."))
    encodings = ("utf-8-sig",) if content.startswith(codecs.BOM_UTF8) else ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise DuoFileRefused(
        _(
            "De tekens in dit bestand zijn niet te lezen: het is geen UTF-8 en geen Windows-1252. "
            "Is het wel een CSV-bestand?"
        )
    )


def _header_name(cell):
    """'brin_nummer ' and 'BRIN  NUMMER' both become 'BRIN NUMMER'."""
    return " ".join(cell.replace("\ufeff", "").replace("_", " ").upper().split())


def _kind(header, kind):
    """The kind of file (as asked, or recognised by its columns); refuse it when columns miss."""

    def label(aliases):
        if len(aliases) == 1:
            return aliases[0]
        return _("%(column)s (of %(alternative)s)") % {
            "column": aliases[0],
            "alternative": ", ".join(aliases[1:]),
        }

    def missing(each):
        return [
            label(COLUMNS[each][name])
            for name in REQUIRED[each]
            if not any(alias in header for alias in COLUMNS[each][name])
        ]

    if kind is None:
        if any(alias in header for alias in COLUMNS[VESTIGINGEN]["vestiging"]):
            kind = VESTIGINGEN
        elif "BEVOEGD GEZAG NAAM" in header:
            kind = BESTUREN
        else:
            raise DuoFileRefused(
                _(
                    "Dit is geen DUO-bestand met besturen of vestigingen. Voor besturen ontbreken "
                    "de kolommen %(besturen)s; voor vestigingen ontbreken %(vestigingen)s."
                )
                % {each: ", ".join(missing(each)) for each in KINDS}
            )
    if columns := ", ".join(missing(kind)):
        if kind == BESTUREN:
            message = _(
                "Dit is geen DUO-bestand met besturen; deze kolommen ontbreken: %(columns)s."
            )
        else:
            message = _(
                "Dit is geen DUO-bestand met vestigingen; deze kolommen ontbreken: %(columns)s."
            )
        raise DuoFileRefused(message % {"columns": columns})
    return kind
