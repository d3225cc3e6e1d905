"""Import one DUO file into a region: boards and locations upserted, invalid rows rejected."""

import logging
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils.translation import gettext as _

from ..geo import coordinates_for
from ..models import Organisatie, OrganisatieSoort, Regio, Sector, Vestiging
from .reader import BESTUREN, DuoFileRefused, RejectedRow, duo_file_read

log = logging.getLogger(__name__)

BOARD_FIELDS = ["naam", "adres", "postcode", "plaats"]
VESTIGING_FIELDS = ["bestuur", "naam", "gemeente", "sector", "adres", "postcode", "plaats"]

_BRIN = re.compile(r"\d{2}[A-Z0-9]{2}")
_BEVOEGD_GEZAG = re.compile(r"\d{5}")
_POSTCODE = re.compile(r"(\d{4})\s*([A-Z]{2})")
_VO_WORDS = {"VWO", "HAVO", "MAVO", "VMBO", "VBO", "PRO", "LWOO", "VAVO"}
# Lower-case inside Dutch place names written in capitals: "BERGEN OP ZOOM" -> "Bergen op Zoom".
_PARTICLES = frozenset(
    ("aan", "bij", "de", "den", "der", "en", "het", "in", "onder", "op", "over", "ten")
) | {"ter", "van"}


@dataclass
class DuoImportResult:
    """What an import did; the command prints it and the upload page shows it."""

    kind: str
    encoding: str = ""
    delimiter: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)

    def reject(self, line, key, reason):
        self.rejected.append(RejectedRow(line=line, reason=reason, key=key))

    @property
    def kind_label(self):
        return _("Besturen") if self.kind == BESTUREN else _("Vestigingen")

    @property
    def summary(self):
        return _(
            "%(kind)s: %(created)s nieuw, %(updated)s bijgewerkt, %(unchanged)s ongewijzigd, "
            "%(skipped)s overgeslagen (buiten de regio), %(rejected)s afgewezen."
        ) % {
            "kind": self.kind_label,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "rejected": len(self.rejected),
        }


def duo_import(*, regio: Regio, content: bytes, kind: str | None = None) -> DuoImportResult:
    """Import one DUO file into `regio`: valid rows applied, invalid ones reported, one transaction.

    Boards: a row is imported when its GEMEENTENAAM is one of the region's municipalities, or
    when the board (same bevoegd-gezagnummer) is already in this region's registry; other rows
    are skipped. A board registered in another region is rejected, never moved.

    Locations: a row is imported when its GEMEENTENAAM is one of the region's municipalities
    (an empty list accepts every row); its board must already be in this region (import the
    boards first). A location registered under a board of another region is rejected, never
    moved. The sector comes from SOORT PRIMAIR ONDERWIJS (BO -> PO; SBO, SO, VSO -> SO) or
    ONDERWIJSSTRUCTUUR (vmbo, havo, vwo, pro -> VO); without either, a new location gets the
    region's sector and an existing one keeps its own.

    Empty address cells do not wipe what the registry already has. Upserts are keyed by the
    public ids, so importing the same file twice changes nothing the second time.
    """
    duo_file = duo_file_read(content, kind=kind)
    result = DuoImportResult(
        kind=duo_file.kind, encoding=duo_file.encoding, delimiter=duo_file.delimiter
    )
    result.rejected.extend(duo_file.malformed)
    try:
        with transaction.atomic():
            if duo_file.kind == BESTUREN:
                _import_besturen(regio, duo_file, result)
            else:
                _import_vestigingen(regio, duo_file, result)
    except (IntegrityError, DataError) as exc:
        # E.g. someone else imported the same schools at the same moment: nothing is written.
        log.exception("DUO import into region %s failed", regio.pk)
        raise DuoFileRefused(
            _("Het inlezen is mislukt en er is niets opgeslagen. Probeer het nog eens.")
        ) from exc
    result.rejected.sort(key=lambda row: row.line)
    return result


def _import_besturen(regio, duo_file, result):
    region = _Region(regio)
    numbers = {values["nummer"] for _line, values in duo_file.rows}
    known = {
        board.bevoegd_gezag_nummer: board
        for board in Organisatie.objects.filter(bevoegd_gezag_nummer__in=numbers).select_related(
            "regio"
        )
    }
    seen, new, changed = {}, [], []
    for line, values in duo_file.rows:
        nummer = values["nummer"]
        current = known.get(nummer)
        ours = current is not None and current.regio_id == regio.pk
        if not ours and not region.accepts(values["gemeente"]):
            result.skipped += 1
            continue
        if not _BEVOEGD_GEZAG.fullmatch(nummer):
            result.reject(line, nummer, _bad_board_number(nummer))
            continue
        if nummer in seen:
            result.reject(line, nummer, _duplicate(nummer, seen[nummer]))
            continue
        seen[nummer] = line
        if not values["naam"]:
            result.reject(line, nummer, _("De naam van het bestuur ontbreekt."))
            continue
        address, problem = _address(values)
        if problem:
            result.reject(line, nummer, problem)
            continue
        if current is None:
            board = Organisatie(
                regio=regio,
                soort=OrganisatieSoort.SCHOOLBESTUUR,
                bevoegd_gezag_nummer=nummer,
                naam=values["naam"],
                **address,
            )
            if problem := _invalid(board, ["soort", "bevoegd_gezag_nummer", *BOARD_FIELDS]):
                result.reject(line, nummer, problem)
            else:
                new.append(board)
        elif not ours:
            result.reject(line, nummer, _board_elsewhere(current))
        elif current.soort != OrganisatieSoort.SCHOOLBESTUUR:
            result.reject(line, nummer, _not_a_board(nummer))
        elif _update(current, {"naam": values["naam"], **_filled(address)}):
            if problem := _invalid(current, BOARD_FIELDS):
                result.reject(line, nummer, problem)
            else:
                changed.append(current)
        else:
            result.unchanged += 1
    Organisatie.objects.bulk_create(new, batch_size=500)
    Organisatie.objects.bulk_update(changed, BOARD_FIELDS, batch_size=500)
    result.created += len(new)
    result.updated += len(changed)


def _import_vestigingen(regio, duo_file, result):
    region = _Region(regio)
    seen, candidates = {}, []
    for line, values in duo_file.rows:
        brin, nummer, problem = _vestiging_id(values["brin"], values["vestiging"])
        raw = values["vestiging"]
        key = brin + nummer if not problem else raw if len(raw) == 6 else values["brin"] + raw
        if not values["gemeente"]:
            result.reject(line, key, _("De gemeente (GEMEENTENAAM) ontbreekt."))
            continue
        if not region.accepts(values["gemeente"]):
            result.skipped += 1
            continue
        if problem:
            result.reject(line, key, problem)
            continue
        if (brin, nummer) in seen:
            result.reject(line, key, _duplicate(key, seen[brin, nummer]))
            continue
        seen[brin, nummer] = line
        if not values["naam"]:
            result.reject(line, key, _("De naam van de vestiging ontbreekt."))
            continue
        if not _BEVOEGD_GEZAG.fullmatch(values["bestuur"]):
            result.reject(line, key, _bad_board_number(values["bestuur"]))
            continue
        address, problem = _address(values)
        if problem:
            result.reject(line, key, problem)
            continue
        candidates.append((line, key, values, brin, nummer, address))

    # Two queries whatever the file's length: the boards named and the locations already known.
    boards = {
        board.bevoegd_gezag_nummer: board
        for board in Organisatie.objects.filter(
            bevoegd_gezag_nummer__in={c[2]["bestuur"] for c in candidates}
        ).select_related("regio")
    }
    known = {
        (vestiging.brin, vestiging.vestigingsnummer): vestiging
        for vestiging in Vestiging.objects.filter(
            brin__in={c[3] for c in candidates}
        ).select_related("bestuur__regio")
    }
    new, changed = [], []
    for line, key, values, brin, nummer, address in candidates:
        current = known.get((brin, nummer))
        board = boards.get(values["bestuur"])
        if current is not None and current.bestuur.regio_id != regio.pk:
            result.reject(line, key, _vestiging_elsewhere(key, current))
            continue
        if board is None:
            result.reject(line, key, _unknown_board(values["bestuur"]))
            continue
        if board.regio_id != regio.pk:
            result.reject(line, key, _board_elsewhere(board))
            continue
        if board.soort != OrganisatieSoort.SCHOOLBESTUUR:
            result.reject(line, key, _not_a_board(values["bestuur"]))
            continue
        sector = _sector(values)
        fields = {"bestuur": board, "naam": values["naam"]}
        fields["gemeente"] = region.spelling(values["gemeente"])
        if current is None:
            vestiging = Vestiging(
                brin=brin,
                vestigingsnummer=nummer,
                sector=sector or regio.sector,
                **fields,
                **address,
            )
            if problem := _invalid(vestiging, ["brin", "vestigingsnummer", *VESTIGING_FIELDS]):
                result.reject(line, key, problem)
            else:
                new.append(vestiging)
            continue
        if sector:
            fields["sector"] = sector
        if _update(current, {**fields, **_filled(address)}):
            if problem := _invalid(current, VESTIGING_FIELDS):
                result.reject(line, key, problem)
            else:
                changed.append(current)
        else:
            result.unchanged += 1
    # Bulk writes skip Vestiging.save(), which fills the coordinates: do it here.
    for vestiging in (*new, *changed):
        vestiging.lat, vestiging.lon = coordinates_for(
            postcode=vestiging.postcode, plaats=vestiging.plaats, gemeente=vestiging.gemeente
        )
    Vestiging.objects.bulk_create(new, batch_size=500)
    Vestiging.objects.bulk_update(changed, [*VESTIGING_FIELDS, "lat", "lon"], batch_size=500)
    result.created += len(new)
    result.updated += len(changed)


class _Region:
    """The region's municipalities, matched case-insensitively; an empty list accepts all."""

    def __init__(self, regio):
        names = [str(name).strip() for name in regio.gemeenten or []]
        self.names = {_fold(name): name for name in names if name}

    def accepts(self, gemeente):
        return not self.names or _fold(gemeente) in self.names

    def spelling(self, gemeente):
        """The region's own spelling ("Enschede"), not DUO's capitals ("ENSCHEDE")."""
        return self.names.get(_fold(gemeente)) or _nice(gemeente)


def _vestiging_id(brin, code):
    """(BRIN, two-digit number, problem) from BRIN NUMMER/INSTELLINGSCODE and the location code."""
    brin, code = brin.upper().replace(" ", ""), code.upper().replace(" ", "")
    if not code:
        return brin, "", _("Het vestigingsnummer ontbreekt.")
    if len(code) == 6:
        if brin and code[:4] != brin:
            message = _("De vestigingscode %(code)s hoort niet bij BRIN-code %(brin)s.")
            return brin, "", message % {"code": code, "brin": brin}
        brin, nummer = code[:4], code[4:]
    else:
        nummer = code.zfill(2) if code.isdigit() else code
    if not brin:
        return brin, nummer, _("De BRIN-code ontbreekt.")
    if not _BRIN.fullmatch(brin):
        message = _(
            "De BRIN-code %(brin)s bestaat niet uit twee cijfers en twee letters of cijfers."
        )
        return brin, nummer, message % {"brin": brin}
    if not re.fullmatch(r"\d{2}", nummer):
        message = _("Het vestigingsnummer %(nummer)s bestaat niet uit twee cijfers.")
        return brin, nummer, message % {"nummer": nummer}
    return brin, nummer, None


def _address(values):
    """The address fields for the registry, or a problem with them."""
    postcode = values["postcode"].upper()
    if postcode:
        match = _POSTCODE.fullmatch(postcode)
        if not match:
            message = _("De postcode %(postcode)s is geen Nederlandse postcode (zoals 7511 AB).")
            return None, message % {"postcode": values["postcode"]}
        postcode = f"{match[1]} {match[2]}"
    adres = " ".join(part for part in (values["straat"], values["huisnummer"]) if part)
    return {"adres": adres, "postcode": postcode, "plaats": _nice(values["plaats"])}, None


def _sector(values):
    soort = values["soort_po"].upper().replace(" ", "")
    if soort == "BO":
        return Sector.PO
    if "SBO" in soort or "SO" in soort:  # SBO, SO, VSO, (V)SO
        return Sector.SO
    if set(re.split(r"[^A-Z]+", values["structuur"].upper())) & _VO_WORDS:
        return Sector.VO
    return None


def _filled(fields):
    return {name: value for name, value in fields.items() if value}


def _update(obj, fields):
    """Set the fields that differ; whether any did."""
    changed = False
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _invalid(obj, fields):
    """The model's own checks on the fields we set, without per-row queries (FKs, uniqueness)."""
    exclude = [f.name for f in obj._meta.concrete_fields if f.name not in fields or f.is_relation]
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return None


def _fold(name):
    return " ".join(name.split()).casefold()


def _nice(name):
    """DUO writes places in capitals; 'ALPHEN AAN DEN RIJN' -> 'Alphen aan den Rijn'."""
    if not name or name != name.upper():
        return name
    parts = re.split(r"(\s+|-)", name.lower())
    words = []
    for i, part in enumerate(parts):
        if part.strip() in ("", "-", "'s", "'t") or (i and part in _PARTICLES):
            words.append(part)
        elif part.startswith("ij"):
            words.append("IJ" + part[2:])
        else:
            words.append(part[:1].upper() + part[1:])
    return "".join(words)


def _duplicate(key, line):
    return _("%(key)s staat ook al op regel %(line)s van dit bestand.") % {"key": key, "line": line}


def _bad_board_number(nummer):
    if not nummer:
        return _("Het bevoegd-gezagnummer ontbreekt.")
    return _("Het bevoegd-gezagnummer %(nummer)s bestaat niet uit vijf cijfers.") % {
        "nummer": nummer
    }


def _unknown_board(nummer):
    return _(
        "Het bestuur met bevoegd-gezagnummer %(nummer)s staat niet in het register; "
        "importeer eerst de besturen."
    ) % {"nummer": nummer}


def _board_elsewhere(board):
    return _(
        "Het bestuur met bevoegd-gezagnummer %(nummer)s staat in het register van %(regio)s; "
        "de import verplaatst het niet naar deze regio."
    ) % {"nummer": board.bevoegd_gezag_nummer, "regio": board.regio.naam}


def _vestiging_elsewhere(key, vestiging):
    return _(
        "Vestiging %(key)s staat in het register bij %(bestuur)s (%(regio)s); "
        "de import verplaatst haar niet naar deze regio."
    ) % {"key": key, "bestuur": vestiging.bestuur.naam, "regio": vestiging.bestuur.regio.naam}


def _not_a_board(nummer):
    return _(
        "Het nummer %(nummer)s hoort in het register bij een organisatie die geen schoolbestuur is."
    ) % {"nummer": nummer}
