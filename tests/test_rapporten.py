"""Region overview PDFs: requested by the project leader, made in the background, scoped."""

import pytest
from django.urls import reverse

from loket.models import Rapport
from loket.services import rapporten

from .factories import OrganisatieFactory, VestigingFactory
from .pdfs import pdf_text


@pytest.fixture
def rapport(projectleider, bestuur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return rapporten.rapport_request(
            regio=projectleider.regio, soort=Rapport.Soort.REGIO_OVERZICHT, user=projectleider
        )


def _download(client, rapport):
    response = client.get(reverse("rapport_download", args=[rapport.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_project_leader_requests_and_downloads_a_region_overview(
    client, projectleider, bestuur, django_capture_on_commit_callbacks
):
    OrganisatieFactory(opleiding=True, regio=projectleider.regio, naam="Pabo Twente")
    client.force_login(projectleider)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("rapport_create"))
    assert response.url == reverse("projectleider_dashboard")
    assert "Download PDF" in client.get(response.url).content.decode()

    rapport = Rapport.objects.get()
    assert rapport.status == Rapport.Status.KLAAR
    assert rapport.aangevraagd_door == projectleider
    text = pdf_text(_download(client, rapport))
    assert "Regio-overzicht Onderwijsregio Twente" in text
    assert "Stichting Tweede Kans" in text
    assert "Lerarenopleiding 1" in text  # one institute counted per kind
    assert "Dekking van de regio" in text
    assert "De regio voldoet nog niet aan de eisen." in text  # no board takes part yet


def test_the_overview_totals_come_from_the_registry(regio):
    OrganisatieFactory(bestuur=True, regio=regio, fte=120.5, leerlingen=1700)
    other = OrganisatieFactory(bestuur=True, regio=regio, fte=79.5, leerlingen=1300)
    VestigingFactory(bestuur=other)
    VestigingFactory(bestuur=other)
    OrganisatieFactory(bestuur=True, fte=999)  # another region's board does not count

    overzicht = rapporten.regio_overzicht_build(regio=regio)

    assert overzicht.dekking.fte_totaal == 200
    assert overzicht.dekking.leerlingen_totaal == 3000
    assert overzicht.vestigingen == 2
    assert dict(overzicht.per_soort)["Schoolbestuur"] == 2


def test_rendering_twice_keeps_the_first_file(rapport):
    rapport.refresh_from_db()
    first = rapport.bestand.name
    rapporten.rapport_render(rapport_id=rapport.pk)  # a re-delivered task
    rapport.refresh_from_db()
    assert rapport.bestand.name == first


def test_a_failed_rendering_is_shown_not_retried_forever(
    client, projectleider, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise OSError("Pango is missing")

    monkeypatch.setattr(rapporten, "render_to_pdf", broken)
    client.force_login(projectleider)
    with pytest.raises(OSError), django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("rapport_create"))
    rapport = Rapport.objects.get()
    assert rapport.status == Rapport.Status.MISLUKT
    assert "Pango is missing" in rapport.foutmelding
    page = client.get(reverse("projectleider_dashboard")).content.decode()
    assert "Mislukt" in page


def test_reports_stuck_in_the_queue_are_sent_again(projectleider, db):
    stuck = Rapport.objects.create(
        regio=projectleider.regio, soort=Rapport.Soort.REGIO_OVERZICHT, aangevraagd_door=None
    )
    Rapport.objects.filter(pk=stuck.pk).update(
        aangevraagd_op=stuck.aangevraagd_op - rapporten.STUCK_AFTER * 2
    )
    assert rapporten.rapporten_requeue_stuck() == 1
    stuck.refresh_from_db()
    assert stuck.status == Rapport.Status.KLAAR


@pytest.mark.parametrize("persona", ["projectleider_elders", "hr", "adviseur"], indirect=True)
def test_nobody_else_can_download_a_regions_report(client, rapport, persona):
    client.force_login(persona)
    response = client.get(reverse("rapport_download", args=[rapport.pk]))
    assert response.status_code == 404


def test_the_row_is_polled_while_the_report_is_made(client, projectleider, db):
    waiting = Rapport.objects.create(regio=projectleider.regio, soort=Rapport.Soort.REGIO_OVERZICHT)
    client.force_login(projectleider)
    response = client.get(
        reverse("rapport_status", args=[waiting.pk]), headers={"HX-Request": "true"}
    )
    row = response.content.decode()
    assert row.strip().startswith("<tr")
    assert 'hx-trigger="every 2s"' in row
    assert "Wordt gemaakt" in row


def test_the_dashboard_query_count_does_not_grow_with_the_registry(
    client, projectleider, django_assert_max_num_queries
):
    client.force_login(projectleider)
    client.get(reverse("projectleider_dashboard"))  # warm the session
    for _ in range(15):
        bestuur = OrganisatieFactory(bestuur=True, regio=projectleider.regio)
        VestigingFactory(bestuur=bestuur)
        Rapport.objects.create(regio=projectleider.regio, soort=Rapport.Soort.REGIO_OVERZICHT)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("projectleider_dashboard"))
    assert response.content.decode().count('<tr id="rapport-') == 15
