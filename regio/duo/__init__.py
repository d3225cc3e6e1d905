"""DUO open data: read DUO's CSV files of school boards and school locations into one region."""

from .importer import DuoImportResult, duo_import
from .reader import (
    BESTUREN,
    KINDS,
    MAX_BYTES,
    VESTIGINGEN,
    DuoFile,
    DuoFileRefused,
    RejectedRow,
    duo_file_read,
    too_big_message,
)

__all__ = [
    "BESTUREN",
    "KINDS",
    "MAX_BYTES",
    "VESTIGINGEN",
    "DuoFile",
    "DuoFileRefused",
    "DuoImportResult",
    "RejectedRow",
    "duo_file_read",
    "duo_import",
    "too_big_message",
]
