"""The UI is Dutch first and English is maintained: every string has a current translation."""

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def msgids(po_text: str) -> set[str]:
    """The msgids of a catalogue, multi-line ones joined."""
    ids = set()
    for block in re.findall(r'^msgid ((?:".*"\n)+)', po_text, flags=re.MULTILINE):
        text = "".join(re.findall(r'"(.*)"', block))
        if text:
            ids.add(text)
    return ids


def test_english_catalogue_has_no_untranslated_or_fuzzy_strings():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


def test_english_catalogue_covers_every_string_in_the_code(tmp_path):
    """makemessages on a copy of the code finds no string the catalogue lacks."""
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns(".venv", ".git", "media", "staticfiles", "*.sqlite3")
    shutil.copytree(settings.BASE_DIR, copy, ignore=ignore)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "en",
            "--ignore",
            "tests",
            "--no-obsolete",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = msgids((copy / PO.relative_to(settings.BASE_DIR)).read_text())
    committed = msgids(PO.read_text())
    assert fresh - committed == set(), "run `make messages` and translate the new strings"


def test_compiled_catalogue_matches_its_source(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(PO)], check=True)
    with fresh.open("rb") as a, PO.with_suffix(".mo").open("rb") as b:
        assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog, (
            "run `make messages` to compile the catalogue"
        )


def test_the_language_switch_shows_the_portal_in_english(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "Start working in education" in page
    assert "Log in" in page
