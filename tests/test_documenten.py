"""Candidates' documents: uploads checked by size and content, stored privately, downloaded
only by the candidate and staff who may see them (staff reads logged), deleted with the file."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kandidaten.models import Document, Introductie, IntroductieStatus, Inzage

from .factories import KandidaatFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40 + b"\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 60 + b"This program cannot be run"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def docx(*, word: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if word else "xl/workbook.xml", "<document/>")
    return buffer.getvalue()


def upload(client, name: str, content: bytes, soort: str = "cv", **extra):
    bestand = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(
        reverse("kandidaten:documenten"), {"soort": soort, "bestand": bestand}, **extra
    )


def stored_files() -> list[Path]:
    root = Path(storages["private"].location)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def document(traject):
    """A CV of candidate A, uploaded through the page."""
    from django.test import Client

    client = Client()
    client.force_login(traject.user)
    upload(client, "CV Kim Kandidaat.pdf", PDF)
    return Document.objects.get(kandidaat=traject)


def test_a_candidate_uploads_a_pdf_and_sees_it_on_their_dashboard(client, traject):
    client.force_login(traject.user)

    response = upload(client, "CV Kim.pdf", PDF, follow=True)

    document = Document.objects.get(kandidaat=traject)
    assert (document.naam, document.soort, document.content_type, document.grootte) == (
        "CV Kim.pdf",
        "cv",
        "application/pdf",
        len(PDF),
    )
    page = response.content.decode()
    assert "CV Kim.pdf is opgeslagen." in page
    dashboard = client.get(reverse("kandidaat_dashboard")).content.decode()
    assert "CV Kim.pdf" in dashboard
    assert reverse("kandidaten:document", args=[document.pk]) in dashboard
    # Stored privately, under a name that says nothing about the person.
    [path] = stored_files()
    assert path.read_bytes() == PDF
    assert "Kim" not in str(path)
    assert not str(path).startswith(str(settings.MEDIA_ROOT))


@pytest.mark.parametrize(
    ("name", "content", "soort"),
    [
        ("diploma.docx", docx(), "application/vnd.openxmlformats-officedocument"),
        ("scan.jpg", JPEG, "image/jpeg"),
        ("scan.JPEG", JPEG, "image/jpeg"),
        ("foto.png", PNG, "image/png"),
    ],
)
def test_word_files_and_images_are_accepted_by_their_content(client, traject, name, content, soort):
    client.force_login(traject.user)
    upload(client, name, content, soort="diploma")
    assert Document.objects.get(kandidaat=traject).content_type.startswith(soort)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leeg.pdf", b"", "Het bestand is leeg."),
        ("virus.pdf", EXE, "De inhoud van dit bestand is geen echt .pdf-bestand."),
        ("pagina.pdf", HTML, "De inhoud van dit bestand is geen echt .pdf-bestand."),
        ("foto.pdf", PNG, "De inhoud van dit bestand is geen echt .pdf-bestand."),
        (
            "rekenblad.docx",
            docx(word=False),
            "De inhoud van dit bestand is geen echt .docx-bestand.",
        ),
        ("programma.exe", EXE, "Dit soort bestand kun je niet uploaden."),
        ("pagina.html", HTML, "Dit soort bestand kun je niet uploaden."),
        ("cv.pdf.exe", PDF, "Dit soort bestand kun je niet uploaden."),
        ("zonder-extensie", PDF, "Dit soort bestand kun je niet uploaden."),
    ],
)
def test_a_bad_upload_is_refused_in_dutch_and_nothing_is_stored(
    client, traject, name, content, message
):
    client.force_login(traject.user)

    response = upload(client, name, content)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files() == []


def test_an_oversized_file_is_refused(client, traject, settings):
    settings.LOKET_DOCUMENT_MAX_BYTES = 1000
    client.force_login(traject.user)

    response = upload(client, "groot.pdf", PDF + b"0" * 1000)

    page = response.content.decode()
    assert "Het bestand is te groot" in page
    assert "het mag hoogstens 1000\xa0bytes zijn" in page
    assert not Document.objects.exists()
    assert stored_files() == []


def test_the_default_limit_is_ten_megabytes():
    assert settings.LOKET_DOCUMENT_MAX_BYTES == 10 * 1024 * 1024


def test_with_htmx_only_the_documents_section_comes_back(client, traject):
    client.force_login(traject.user)

    response = upload(client, "cv.pdf", PDF, headers={"HX-Request": "true"})

    page = response.content.decode()
    assert page.lstrip().startswith('<section id="documenten"')
    assert "cv.pdf is opgeslagen." in page
    assert "<html" not in page


def test_the_candidate_downloads_their_own_document_as_an_attachment(client, document):
    client.force_login(document.kandidaat.user)

    response = client.get(reverse("kandidaten:document", args=[document.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "CV%20Kim%20Kandidaat.pdf" in response["Content-Disposition"] or (
        '"CV Kim Kandidaat.pdf"' in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not Inzage.objects.exists()  # a candidate reading their own file is not an audit


def test_a_staff_download_is_logged(client, document, adviseur):
    client.force_login(adviseur)

    response = client.get(reverse("kandidaten:document", args=[document.pk]))

    assert response.status_code == 200
    inzage = Inzage.objects.get()
    assert (inzage.door, inzage.kandidaat, inzage.wat) == (
        adviseur,
        document.kandidaat,
        "document: CV Kim Kandidaat.pdf",
    )


def test_hr_of_a_board_the_candidate_accepted_may_download_and_is_logged(
    client, document, hr, bestuur
):
    Introductie.objects.create(
        kandidaat=document.kandidaat, bestuur=bestuur, status=IntroductieStatus.GEACCEPTEERD
    )
    client.force_login(hr)
    assert client.get(reverse("kandidaten:document", args=[document.pk])).status_code == 200
    assert Inzage.objects.get().door == hr


@pytest.mark.parametrize(
    "persona", ["kandidaat_b", "hr", "adviseur_elders", "opleider", "projectleider"], indirect=True
)
def test_nobody_else_can_download_a_document(client, document, ander_traject, persona):
    client.force_login(persona)

    response = client.get(reverse("kandidaten:document", args=[document.pk]))

    assert response.status_code == 404
    assert not Inzage.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client, document):
    response = client.get(reverse("kandidaten:document", args=[document.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_file_is_not_reachable_under_media_or_static_urls(client, document):
    name = document.bestand.name
    client.force_login(document.kandidaat.user)
    for url in [
        f"{settings.MEDIA_URL}{name}",
        f"{settings.STATIC_URL}{name}",
        storages["private"].url(name),
        f"/{name}",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
    path = Path(storages["private"].path(name))
    assert path.exists()
    for public_root in [settings.MEDIA_ROOT, settings.STATIC_ROOT, *settings.STATICFILES_DIRS]:
        assert not path.is_relative_to(public_root)


def test_the_candidate_deletes_a_document_and_its_file(
    client, document, django_capture_on_commit_callbacks
):
    client.force_login(document.kandidaat.user)
    assert len(stored_files()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("kandidaten:document_verwijderen", args=[document.pk]), follow=True
        )

    assert "CV Kim Kandidaat.pdf is verwijderd." in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files() == []


def test_another_candidate_cannot_delete_it(client, document, ander_traject):
    client.force_login(ander_traject.user)
    response = client.post(reverse("kandidaten:document_verwijderen", args=[document.pk]))
    assert response.status_code == 404
    assert Document.objects.filter(pk=document.pk).exists()


def test_staff_cannot_use_the_candidates_upload(client, adviseur):
    client.force_login(adviseur)
    assert upload(client, "cv.pdf", PDF).status_code == 404
    assert not Document.objects.exists()


def test_an_account_without_a_journey_is_asked_to_book_first(client, kandidaat):
    client.force_login(kandidaat)
    page = client.get(reverse("kandidaten:documenten")).content.decode()
    assert "zodra je traject bij het loket is begonnen" in page
    assert upload(client, "cv.pdf", PDF).status_code == 404


def test_the_upload_keeps_a_safe_short_name(client, traject):
    client.force_login(traject.user)
    upload(client, "..\\..\\" + "a" * 300 + ".pdf", PDF)
    document = Document.objects.get()
    assert len(document.naam) == 200
    assert document.naam.endswith(".pdf")
    assert "\\" not in document.naam and "/" not in document.naam


def test_a_second_candidates_documents_are_not_listed(client, document, ander_traject):
    client.force_login(ander_traject.user)
    page = client.get(reverse("kandidaat_dashboard")).content.decode()
    assert "CV Kim Kandidaat.pdf" not in page
    assert "Je hebt nog geen documenten geüpload." in page


def test_other_users_of_the_same_role_have_their_own_uploads(client, regio):
    eerste = KandidaatFactory(regio=regio)
    tweede = KandidaatFactory(regio=regio, user=UserFactory())
    client.force_login(eerste.user)
    upload(client, "eerste.pdf", PDF)
    client.force_login(tweede.user)
    upload(client, "tweede.pdf", PDF)
    assert list(eerste.documenten.values_list("naam", flat=True)) == ["eerste.pdf"]
    assert list(tweede.documenten.values_list("naam", flat=True)) == ["tweede.pdf"]
