"""Import many vacancies of one board at once: all rows created, or none and every problem.

All-or-nothing, because a board that fixes its file and imports it again must not end up with
doubles of the rows that were fine the first time.
"""

import datetime
import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Bevoegdheid,
    Functie,
    Organisatie,
    Sector,
    Vacature,
    VacatureStatus,
    Vak,
    Vestiging,
)
from .reader import VacatureImportRefused, is_blank, read_rows
from .services import check_may_write, publicatie_begin

log = logging.getLogger(__name__)

S = VacatureStatus

# Model field -> the column it came from, for messages of the model's own validation.
FIELD_COLUMNS = {"vestiging": "school"}

_SCHOOL = re.compile(r"(\d{2}[A-Z0-9]{2})(\d{2})")
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
_JA = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
_NEE = {"nee", "n", "no", "false", "onwaar", "0", ""}


@dataclass(frozen=True)
class ImportFout:
    """One problem in one row: its line in the file (header = 1), column, and the message."""

    regel: int
    kolom: str
    melding: str

    def __str__(self):
        return _("Regel %(regel)s: %(melding)s") % {"regel": self.regel, "melding": self.melding}


@dataclass
class VacatureImportResult:
    """What an import did: how many vacancies it created, or (and then none) every problem."""

    rijen: int = 0
    aangemaakt: int = 0
    fouten: list[ImportFout] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.fouten

    @property
    def summary(self) -> str:
        if self.fouten:
            return _(
                "Er is niets ingelezen: %(fouten)s fout(en) in %(rijen)s regel(s). Verbeter het "
                "bestand en lees het opnieuw in."
            ) % {"fouten": len(self.fouten), "rijen": self.rijen}
        return _("%(aantal)s vacature(s) ingelezen.") % {"aantal": self.aangemaakt}


def vacatures_import(
    *, bestuur: Organisatie, content: bytes, filename: str, door
) -> VacatureImportResult:
    """Read a CSV or XLSX file of vacancies for `bestuur`: all rows created, or none.

    Every row is checked as the edit form would (Vacature.full_clean on the unsaved object),
    and every problem is reported with its line and column. Raises VacatureImportRefused when
    the file as a whole is not one we can read.
    """
    check_may_write(door, bestuur.pk)
    rows = read_rows(content, filename)
    result = VacatureImportResult(rijen=len(rows))
    context = _ImportContext(bestuur)
    vacatures = []
    for line, values in rows:
        vacature, fouten = _row_to_vacature(context, line, values)
        result.fouten.extend(fouten)
        if vacature is not None:
            vacatures.append(vacature)
    if result.fouten:
        return result
    try:
        with transaction.atomic():
            Vacature.objects.bulk_create(vacatures, batch_size=500)
            # Rows imported as published begin their publication history now too.
            publicatie_begin(
                *(v for v in vacatures if v.status == S.GEPUBLICEERD), moment=context.nu
            )
    except (IntegrityError, DataError) as exc:
        log.exception("Vacancy import for board %s failed", bestuur.pk)
        raise VacatureImportRefused(
            _("Het inlezen is mislukt en er is niets opgeslagen. Probeer het nog eens.")
        ) from exc
    result.aangemaakt = len(vacatures)
    return result


# One row --------------------------------------------------------------------------------------


class _ImportContext:
    """What every row is checked against, loaded once: the board's schools and the subjects."""

    def __init__(self, bestuur):
        self.bestuur = bestuur
        self.vestigingen = {
            f"{v.brin}{v.vestigingsnummer}": v for v in Vestiging.objects.filter(bestuur=bestuur)
        }
        self.vakken = {}
        self.inactieve_vakken = set()
        for vak in Vak.objects.all():
            if vak.actief:
                self.vakken[vak.naam.lower()] = vak
                self.vakken[vak.slug] = vak
            else:
                self.inactieve_vakken.update({vak.naam.lower(), vak.slug})
        self.functies = _choice_map(Functie)
        self.sectoren = _choice_map(Sector)
        self.bevoegdheden = _choice_map(Bevoegdheid)
        self.vandaag = timezone.localdate()
        self.nu = timezone.now()


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").split())


def _choice_map(choices) -> dict[str, str]:
    """Stored values and (Dutch) labels, also without a bracketed part: 'Primair onderwijs'."""
    found = {}
    for value, label in choices.choices:
        label = str(label)
        for key in (value, label, re.sub(r"\s*\(.*?\)", "", label), label.split(" / ")[0]):
            found[_normal(key)] = value
    return found


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def _parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _parse_fte(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        value = repr(value)
    text = _text(value).replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _row_to_vacature(context, line, values):
    """The unsaved vacancy of one row and the problems found in it."""
    fouten = []

    def fout(kolom, melding):
        fouten.append(ImportFout(regel=line, kolom=kolom, melding=melding))

    text = {name: _text(value) for name, value in values.items()}
    kwargs = {
        "bestuur": context.bestuur,
        "titel": text.get("titel", ""),
        "salarisschaal": text.get("salarisschaal", ""),
        "omschrijving": text.get("omschrijving", ""),
    }
    failed = set()  # model fields whose value could not be read: full_clean skips them

    school = "".join(text.get("school", "").split()).upper()
    if not school:
        fout("school", _("de school ontbreekt (BRIN en vestigingsnummer, bijv. 12AB00)"))
    elif not _SCHOOL.fullmatch(school):
        fout(
            "school",
            _("school '%(school)s' is geen BRIN-code met vestigingsnummer, bijv. 12AB00")
            % {"school": text["school"]},
        )
    elif school not in context.vestigingen:
        fout(
            "school",
            _("school '%(school)s' is geen school van %(bestuur)s")
            % {"school": school, "bestuur": context.bestuur.naam},
        )
    else:
        kwargs["vestiging"] = context.vestigingen[school]
    if "vestiging" not in kwargs:
        failed.add("vestiging")

    for kolom, keuzes, naam in (
        ("functie", context.functies, _("functie")),
        ("sector", context.sectoren, _("sector")),
        ("bevoegdheid", context.bevoegdheden, _("bevoegdheid")),
    ):
        raw = text.get(kolom, "")
        if not raw:
            fout(kolom, _("de %(naam)s ontbreekt") % {"naam": naam})
            failed.add(kolom)
        elif _normal(raw) not in keuzes:
            fout(
                kolom,
                _("onbekende %(naam)s '%(waarde)s'; kies uit: %(keuzes)s")
                % {"naam": naam, "waarde": raw, "keuzes": _options(kolom)},
            )
            failed.add(kolom)
        else:
            kwargs[kolom] = keuzes[_normal(raw)]

    vak_naam = text.get("vak", "")
    if vak_naam:
        sleutel = vak_naam.lower()
        if sleutel in context.vakken:
            kwargs["vak"] = context.vakken[sleutel]
        elif sleutel in context.inactieve_vakken:
            fout("vak", _("vak '%(vak)s' is niet meer te kiezen") % {"vak": vak_naam})
        else:
            fout("vak", _("onbekend vak '%(vak)s'") % {"vak": vak_naam})
            failed.add("vak")

    zij = text.get("zij_instroom", "").lower()
    if zij in _JA:
        kwargs["zij_instroom"] = True
    elif zij in _NEE:
        kwargs["zij_instroom"] = False
    else:
        fout(
            "zij_instroom",
            _("zij_instroom is 'ja' of 'nee', niet '%(waarde)s'")
            % {"waarde": text["zij_instroom"]},
        )

    raw_fte = values.get("fte")
    if is_blank(raw_fte):
        fout("fte", _("het aantal fte ontbreekt"))
        failed.add("fte")
    elif (fte := _parse_fte(raw_fte)) is None:
        fout("fte", _("fte '%(waarde)s' is geen getal, bijv. 0,8") % {"waarde": text["fte"]})
        failed.add("fte")
    else:
        kwargs["fte"] = kwargs["fte_open"] = fte

    for kolom in ("startdatum", "sluitdatum"):
        raw = values.get(kolom)
        if is_blank(raw):
            fout(kolom, _("de %(kolom)s ontbreekt") % {"kolom": kolom})
            failed.add(kolom)
        elif (datum := _parse_date(raw)) is None:
            fout(
                kolom,
                _("%(kolom)s '%(waarde)s' is geen datum, bijv. 2027-01-31 of 31-01-2027")
                % {"kolom": kolom, "waarde": text[kolom]},
            )
            failed.add(kolom)
        else:
            kwargs[kolom] = datum

    status = text.get("status", "").lower()
    if status in ("", S.CONCEPT):
        kwargs["status"] = S.CONCEPT
    elif status == S.GEPUBLICEERD:
        kwargs["status"] = S.GEPUBLICEERD
        kwargs["gepubliceerd_op"] = context.nu
        if "sluitdatum" in kwargs and kwargs["sluitdatum"] < context.vandaag:
            fout(
                "status",
                _("een vacature met een sluitdatum in het verleden kan niet gepubliceerd worden"),
            )
    else:
        fout(
            "status",
            _("status is 'concept' of 'gepubliceerd', niet '%(waarde)s'")
            % {"waarde": text["status"]},
        )

    vacature = Vacature(**kwargs)
    try:
        # Without queries, so 5,000 rows take a second, not a minute: the foreign keys were
        # looked up in the board's own schools and the subject list above; the check
        # constraints (one query each) test what Vacature.clean() tests in Python, and the
        # database still enforces them when the rows are inserted. fte_open is fte here.
        vacature.full_clean(
            exclude={"bestuur", "vestiging", "vak", "fte_open", *failed},
            validate_constraints=False,
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            kolom = "" if name == NON_FIELD_ERRORS else FIELD_COLUMNS.get(name, name)
            for message in messages:
                if kolom:
                    message = _("%(message)s (kolom %(kolom)s)") % {
                        "message": message,
                        "kolom": kolom,
                    }
                fout(kolom, message)
    return (None if fouten else vacature), fouten


def _options(kolom: str) -> str:
    choices = {"functie": Functie, "sector": Sector, "bevoegdheid": Bevoegdheid}[kolom]
    return ", ".join(choices.values)


# The example file -----------------------------------------------------------------------------


def voorbeeld_rows(bestuur: Organisatie | None) -> list[tuple]:
    """Example rows for the downloadable template: one school of the board where there is one,
    with dates that will still be valid when the file is filled in."""
    vestiging = (
        Vestiging.objects.filter(bestuur=bestuur).order_by("brin", "vestigingsnummer").first()
        if bestuur
        else None
    )
    school = f"{vestiging.brin}{vestiging.vestigingsnummer}" if vestiging else "12AB00"
    sector = vestiging.sector if vestiging else Sector.VO
    vandaag = timezone.localdate()
    start = datetime.date(vandaag.year + 1, 8, 1)
    sluit = start + datetime.timedelta(days=30)
    if sector in (Sector.VO, Sector.MBO):
        titel, vak, bevoegdheid = _("Leraar wiskunde"), "Wiskunde", Bevoegdheid.TWEEDEGRAADS
    else:
        titel, vak, bevoegdheid = _("Leraar groep 5"), "", Bevoegdheid.PABO
    return [
        (
            titel,
            school,
            Functie.LERAAR.value,
            sector,
            vak,
            bevoegdheid.value,
            True,
            Decimal("0.8"),
            "LB",
            start.isoformat(),
            sluit.isoformat(),
            _("Wij zoeken een enthousiaste collega."),
            S.CONCEPT.value,
        )
    ]
