"""Candidates' documents: checking an upload (size, type by content), storing and deleting it.

A file's type is decided by its first bytes, never by the name or the browser's content type
alone: an HTML page or a program renamed to .pdf is refused. The stored name carries no
personal data (see kandidaten.models.document_path) and the file lives in the private storage,
which only the permission-checked download view reads.
"""

import logging
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Document, DocumentSoort, Kandidaat, document_path, private_storage

log = logging.getLogger(__name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Bestandstype:
    content_type: str
    extensions: frozenset[str]


PDF = Bestandstype("application/pdf", frozenset({"pdf"}))
WORD = Bestandstype(DOCX, frozenset({"docx"}))
JPEG = Bestandstype("image/jpeg", frozenset({"jpg", "jpeg"}))
PNG = Bestandstype("image/png", frozenset({"png"}))
TOEGESTAAN = (PDF, WORD, JPEG, PNG)
EXTENSIONS = frozenset().union(*(soort.extensions for soort in TOEGESTAAN))


def max_bytes() -> int:
    return settings.LOKET_DOCUMENT_MAX_BYTES


def sniff(upload) -> Bestandstype | None:
    """The allowed type the file's content is, judged by its signature; None if none fits.

    A tight check of the four signatures we accept rather than a general sniffing library:
    DOCX needs a look inside the zip anyway ([Content_Types].xml and a word/ part), which
    signature libraries guess from the first few kilobytes only.
    """
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04") and _is_docx(upload):
        return WORD
    return None


def _is_docx(upload) -> bool:
    # Only the zip's central directory is read; nothing is decompressed, so a zip bomb
    # costs nothing here.
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and any(name.startswith("word/") for name in names)


def clean_filename(name: str) -> str:
    """The name the candidate gave the file, without folders or control characters, short
    enough for the database; the extension is kept."""
    name = PurePath(name.replace("\\", "/")).name
    name = "".join(char for char in name if char.isprintable()).strip() or "document"
    if len(name) > 200:
        stem, dot, extension = name.rpartition(".")
        name = f"{stem[: 199 - len(extension)]}{dot}{extension}" if dot else name[:200]
    return name


class DocumentForm(forms.Form):
    """Upload of one document; every check gives a Dutch message and stores nothing."""

    soort = forms.ChoiceField(label=gettext_lazy("Soort document"), choices=DocumentSoort.choices)
    bestand = forms.FileField(
        label=gettext_lazy("Bestand"),
        error_messages={
            "empty": gettext_lazy("Het bestand is leeg. Kies een bestand met inhoud."),
            "required": gettext_lazy("Kies een bestand om te uploaden."),
            "invalid": gettext_lazy("Er is geen bestand ontvangen. Probeer het opnieuw."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestand"].help_text = _(
            "PDF, Word (.docx), JPEG of PNG, hoogstens %(max)s."
        ) % {"max": filesizeformat(max_bytes())}
        self.fields["bestand"].widget.attrs["accept"] = ",".join(
            sorted(f".{extension}" for extension in EXTENSIONS)
        )

    def clean_bestand(self):
        upload = self.cleaned_data["bestand"]
        if upload.size == 0:
            raise forms.ValidationError(self.fields["bestand"].error_messages["empty"])
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("Het bestand is te groot (%(grootte)s); het mag hoogstens %(max)s zijn.")
                % {"grootte": filesizeformat(upload.size), "max": filesizeformat(max_bytes())}
            )
        extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
        if extension not in EXTENSIONS:
            raise forms.ValidationError(
                _(
                    "Dit soort bestand kun je niet uploaden. Kies een PDF, een Word-bestand"
                    " (.docx), of een foto of scan als JPEG of PNG."
                )
            )
        soort = sniff(upload)
        if soort is None or extension not in soort.extensions:
            raise forms.ValidationError(
                _(
                    "De inhoud van dit bestand is geen echt .%(extensie)s-bestand. Upload"
                    " alleen echte PDF-, Word- (.docx), JPEG- of PNG-bestanden."
                )
                % {"extensie": extension}
            )
        upload.loket_type = soort
        return upload


def document_add(*, kandidaat: Kandidaat, soort: str, upload) -> Document:
    """Store a checked upload (see DocumentForm) privately and record it.

    Goes through the private storage as configured now (not the storage the model field
    captured at import), so a changed configuration, as in tests, is honoured. If the row
    cannot be written the stored file is removed again.
    """
    storage = private_storage()
    document = Document(
        kandidaat=kandidaat,
        soort=soort,
        naam=clean_filename(upload.name),
        content_type=upload.loket_type.content_type,
        grootte=upload.size,
        geupload_op=timezone.now(),
    )
    upload.seek(0)
    stored = storage.save(document_path(document, upload.name), upload)
    document.bestand.name = stored
    try:
        with transaction.atomic():
            document.save()
    except Exception:
        storage.delete(stored)
        raise
    return document


def documenten_delete(documenten) -> int:
    """Delete documents and, once the deletion is committed, their files.

    The files go only after the commit: if the transaction rolls back, the rows still
    point at files that exist.
    """
    names = [name for name in documenten.values_list("bestand", flat=True) if name]
    count, _deleted = documenten.delete()
    storage = private_storage()

    def remove_files():
        for name in names:
            try:
                storage.delete(name)
            except OSError:
                log.exception("Could not delete a candidate's document file")

    transaction.on_commit(remove_files)
    return count


def document_open(document: Document):
    """The stored file, opened for reading from the private storage."""
    return private_storage().open(document.bestand.name, "rb")
