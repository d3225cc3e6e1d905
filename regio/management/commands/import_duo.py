"""`manage.py import_duo <file> --regio <slug>`: read a DUO open-data CSV file into one region."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from regio import duo
from regio.models import Regio


class Command(BaseCommand):
    help = (
        "Import a DUO open-data CSV file of school boards (besturen) or school locations "
        "(vestigingen) into one region. Valid rows are applied, every rejected row is printed "
        "with its line number; a file that is not a DUO file is refused whole (exit code 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path, help="The CSV file as downloaded from DUO.")
        parser.add_argument("--regio", required=True, help="Slug of the region to import into.")
        parser.add_argument(
            "--soort",
            choices=duo.KINDS,
            help="The kind of file; recognised from its header when left out.",
        )

    def handle(self, *args, bestand, regio, soort, **options):
        try:
            region = Regio.objects.get(slug=regio)
        except Regio.DoesNotExist as exc:
            raise CommandError(_("Er is geen regio met slug %(slug)s.") % {"slug": regio}) from exc
        if not bestand.is_file():
            raise CommandError(_("Het bestand %(path)s bestaat niet.") % {"path": bestand})
        # Check the size before reading, so a wrong 2 GB file is not loaded into memory.
        if bestand.stat().st_size > duo.MAX_BYTES:
            raise CommandError(duo.too_big_message())
        try:
            result = duo.duo_import(regio=region, content=bestand.read_bytes(), kind=soort)
        except duo.DuoFileRefused as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"{region.naam} – {result.summary}")
        for row in result.rejected:
            key = f" ({row.key})" if row.key else ""
            self.stdout.write(
                _("regel %(line)s%(key)s: %(reason)s")
                % {"line": row.line, "key": key, "reason": row.reason}
            )
