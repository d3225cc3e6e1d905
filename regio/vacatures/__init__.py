"""Vacancies of school boards: saving one and moving it through its statuses (services), the
public search (search), and importing many at once from CSV or XLSX (reader, importer)."""

from .importer import ImportFout, VacatureImportResult, vacatures_import, voorbeeld_rows
from .reader import (
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    REQUIRED_COLUMNS,
    VacatureImportRefused,
    read_rows,
    too_big_message,
)
from .search import vacatures_search
from .services import (
    TRANSITIONS,
    check_may_write,
    publicatie_begin,
    publicatie_einde,
    status_action_label,
    vacature_save,
    vacature_status_choices,
    vacature_status_set,
)

__all__ = [
    "COLUMNS",
    "MAX_BYTES",
    "MAX_ROWS",
    "REQUIRED_COLUMNS",
    "TRANSITIONS",
    "ImportFout",
    "VacatureImportRefused",
    "VacatureImportResult",
    "check_may_write",
    "publicatie_begin",
    "publicatie_einde",
    "read_rows",
    "status_action_label",
    "too_big_message",
    "vacature_save",
    "vacature_status_choices",
    "vacature_status_set",
    "vacatures_import",
    "vacatures_search",
    "voorbeeld_rows",
]
