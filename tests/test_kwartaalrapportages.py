"""Quarterly reports: a project leader asks for one, a worker makes it (eagerly here; a real
worker in test_kwartaalrapportage_worker.py), versions, e-mail, downloads and who may see them."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from loket.models import Kwartaalrapportage
from loket.services import kwartaalrapportages
from loket.services.kwartaalrapportages import kiesbare_kwartalen
from regio.models import Regiogroep, Role, Voortgang

from .factories import OrganisatieFactory, RegioFactory, UserFactory
from .factories_vacatures import TekortRegelFactory
from .pdfs import pdf_text

JAAR, KWARTAAL = kiesbare_kwartalen()[0]
LABEL = f"K{KWARTAAL} {JAAR}"
KLAAR = Kwartaalrapportage.Status.KLAAR
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def eager(django_capture_on_commit_callbacks):
    """Run what is sent after commit (the task, then its e-mail) right away."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def aanvragen(regio=None, groep=None, door=None, jaar=JAAR, kwartaal=KWARTAAL):
    return kwartaalrapportages.kwartaalrapportage_aanvragen(
        regio=regio, groep=groep, jaar=jaar, kwartaal=kwartaal, door=door
    )


def test_project_leader_asks_for_a_report_and_downloads_pdf_xlsx_and_csv(
    client, projectleider, bestuur, django_capture_on_commit_callbacks
):
    TekortRegelFactory(opgave__bestuur=bestuur, opgave__jaar=JAAR, opgave__kwartaal=KWARTAAL)
    client.force_login(projectleider)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("kwartaalrapportage_aanvragen"),
            {"onderwerp": f"regio-{projectleider.regio_id}", "kwartaal": f"{JAAR}-{KWARTAAL}"},
        )
    assert response.url == reverse("kwartaalrapportages")
    rapportage = Kwartaalrapportage.objects.get()
    assert (rapportage.status, rapportage.versie, rapportage.pogingen) == (KLAAR, 1, 1)
    assert rapportage.aangevraagd_door == projectleider
    assert rapportage.task_id

    page = client.get(response.url).content.decode()
    assert "Versie 1 van de kwartaalrapportage" in page  # the message after asking
    pdf = client.get(reverse("kwartaalrapportage_download", args=[rapportage.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert f"kwartaalrapportage-twente-{JAAR}-q{KWARTAAL}-v1.pdf" in pdf["Content-Disposition"]
    text = pdf_text(b"".join(pdf.streaming_content))
    assert "Onderwijsregio Twente" in text and LABEL in text
    # 40 fte employment, 1.5 hidden (the factory's line): 3.8% shortage, Dutch comma.
    assert "3,8" in text

    xlsx = client.get(reverse("kwartaalrapportage_download", args=[rapportage.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert len(workbook.sheetnames) > 1
    csv_response = client.get(reverse("kwartaalrapportage_download", args=[rapportage.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert any("3,8" in cell for row in rows for cell in row)
    assert (
        client.get(reverse("kwartaalrapportage_download", args=[rapportage.pk, "doc"])).status_code
        == 404
    )


def test_the_project_leaders_of_the_region_get_one_email(projectleider, regio, eager):
    collega = UserFactory(role=Role.PROJECTLEIDER, regio=regio, email="collega@example.nl")
    UserFactory(role=Role.PROJECTLEIDER, regio=RegioFactory(), email="elders@example.nl")

    rapportage, _ = eager(aanvragen, regio=regio, door=projectleider)

    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert sorted(bericht.to) == sorted([projectleider.email, collega.email])
    assert LABEL in bericht.subject and "Onderwijsregio Twente" in bericht.subject
    assert reverse("kwartaalrapportages") in bericht.body
    # Running the mail again (a retried task) sends nothing more.
    assert kwartaalrapportages.kwartaalrapportage_mail(pk=rapportage.pk) == 0
    assert len(mail.outbox) == 1


def test_asking_twice_while_one_is_on_its_way_does_not_start_a_second(regio, projectleider):
    eerste, nieuw = aanvragen(regio=regio, door=projectleider)  # not committed: no task ran
    tweede, nog_eens = aanvragen(regio=regio, door=projectleider)

    assert (nieuw, nog_eens) == (True, False)
    assert tweede == eerste
    assert Kwartaalrapportage.objects.count() == 1


def test_a_report_made_again_is_a_new_version_and_the_old_one_stays(regio, projectleider, eager):
    eerste, _ = eager(aanvragen, regio=regio, door=projectleider)
    tweede, _ = eager(aanvragen, regio=regio, door=projectleider)

    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert (eerste.versie, tweede.versie) == (1, 2)
    assert eerste.status == tweede.status == KLAAR
    assert eerste.pdf.name != tweede.pdf.name
    with eerste.pdf.open("rb") as f:
        assert "versie 1" in pdf_text(f.read()).lower()


def test_making_is_idempotent(regio, projectleider, eager):
    rapportage, _ = eager(aanvragen, regio=regio, door=projectleider)
    rapportage.refresh_from_db()
    pdf = rapportage.pdf.name

    # A re-delivered task for a report that is done does nothing.
    assert kwartaalrapportages.kwartaalrapportage_maken(pk=rapportage.pk) is False

    rapportage.refresh_from_db()
    assert (rapportage.pdf.name, rapportage.pogingen) == (pdf, 1)
    assert Kwartaalrapportage.objects.count() == 1


def test_a_report_that_never_finishes_fails_after_three_starts(regio):
    rapportage, _ = aanvragen(regio=regio)
    Kwartaalrapportage.objects.filter(pk=rapportage.pk).update(
        status=Kwartaalrapportage.Status.BEZIG, pogingen=3
    )

    assert kwartaalrapportages.kwartaalrapportage_maken(pk=rapportage.pk) is False

    rapportage.refresh_from_db()
    assert rapportage.status == Kwartaalrapportage.Status.MISLUKT
    assert "3 keer begonnen" in rapportage.foutmelding


def test_a_failure_is_shown_with_its_reason(client, projectleider, regio, monkeypatch, eager):
    from loket.kwartaalrapportage import weergave

    def kapot(*args, **kwargs):
        raise OSError("schijf vol")

    monkeypatch.setattr(weergave, "pdf_maken", kapot)
    with pytest.raises(OSError):
        eager(aanvragen, regio=regio, door=projectleider)

    rapportage = Kwartaalrapportage.objects.get()
    assert rapportage.status == Kwartaalrapportage.Status.MISLUKT
    client.force_login(projectleider)
    page = client.get(reverse("kwartaalrapportages")).content.decode()
    assert "Mislukt" in page and "OSError" in page
    assert not mail.outbox


def test_only_completed_quarters_can_be_asked_for(regio):
    vandaag = timezone.localdate()
    with pytest.raises(ValidationError):
        aanvragen(regio=regio, jaar=vandaag.year, kwartaal=(vandaag.month - 1) // 3 + 1)
    with pytest.raises(ValidationError):
        aanvragen(regio=regio, jaar=2001, kwartaal=1)
    assert not Kwartaalrapportage.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"onderwerp": "regio-999999", "kwartaal": f"{JAAR}-{KWARTAAL}"},
        {"onderwerp": "groep-1", "kwartaal": f"{JAAR}-{KWARTAAL}"},
        {"onderwerp": "", "kwartaal": ""},
        {"kwartaal": "2099-1"},
        {"onderwerp": "regio-x", "kwartaal": "drie"},
    ],
)
def test_bad_input_gets_a_dutch_message_and_changes_nothing(client, projectleider, data):
    client.force_login(projectleider)
    response = client.post(reverse("kwartaalrapportage_aanvragen"), data)
    assert response.status_code == 400
    assert "Kies een" in response.content.decode()
    assert not Kwartaalrapportage.objects.exists()


def test_another_regions_project_leader_cannot_ask_for_this_regions_report(
    client, projectleider_elders, regio
):
    client.force_login(projectleider_elders)
    response = client.post(
        reverse("kwartaalrapportage_aanvragen"),
        {"onderwerp": f"regio-{regio.pk}", "kwartaal": f"{JAAR}-{KWARTAAL}"},
    )
    assert response.status_code == 400
    assert not Kwartaalrapportage.objects.exists()


def test_status_polls_while_on_its_way_and_stops_when_done(client, projectleider, regio, eager):
    rapportage, _ = aanvragen(regio=regio, door=projectleider)
    client.force_login(projectleider)
    url = reverse("kwartaalrapportage_status", args=[rapportage.pk])
    page = client.get(reverse("kwartaalrapportages")).content.decode()
    assert f'hx-get="{url}" hx-trigger="every 2s"' in page

    response = client.get(url, **HTMX)
    assert response.status_code == 200 and "In de wachtrij" in response.content.decode()
    Kwartaalrapportage.objects.filter(pk=rapportage.pk).update(status="bezig")
    assert "Wordt gemaakt" in client.get(url, **HTMX).content.decode()
    kwartaalrapportages.kwartaalrapportage_maken(pk=rapportage.pk)
    response = client.get(url, **HTMX)
    assert response.status_code == 286  # htmx swaps it in and stops polling
    download = reverse("kwartaalrapportage_download", args=[rapportage.pk, "pdf"])
    assert download in response.content.decode()
    assert client.get(url).status_code == 200  # without htmx: just the fragment
    page = client.get(reverse("kwartaalrapportages")).content.decode()
    assert "hx-trigger" not in page and download in page


def test_downloads_are_for_the_regions_project_leaders_and_the_operator(
    client, projectleider, projectleider_elders, beheerder, regio, eager
):
    rapportage, _ = eager(aanvragen, regio=regio, door=projectleider)
    urls = [
        reverse("kwartaalrapportage_download", args=[rapportage.pk, formaat])
        for formaat in ("pdf", "xlsx", "csv")
    ] + [reverse("kwartaalrapportage_status", args=[rapportage.pk])]
    hr = UserFactory(role=Role.HR, organisatie=OrganisatieFactory(bestuur=True, regio=regio))
    adviseur = UserFactory(role=Role.LOKETADVISEUR, regio=regio)
    for user, status in (
        (projectleider, 200),
        (beheerder, 200),
        (projectleider_elders, 404),
        (hr, 404),
        (adviseur, 404),
    ):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == status, (user.role, url)
    client.logout()
    for url in urls:
        assert client.get(url).status_code == 302  # to the login


def test_group_reports_are_seen_by_the_project_leaders_of_its_regions(
    client, projectleider, projectleider_elders, regio, andere_regio, eager
):
    groep = Regiogroep.objects.create(naam="Alliantie Oost", slug="alliantie-oost")
    groep.regios.add(regio, RegioFactory())
    rapportage, _ = eager(aanvragen, groep=groep, door=projectleider)

    assert rapportage.bestandsnaam("pdf").startswith("kwartaalrapportage-alliantie-oost-")
    client.force_login(projectleider)
    assert "Alliantie Oost" in client.get(reverse("kwartaalrapportages")).content.decode()
    pdf = client.get(reverse("kwartaalrapportage_download", args=[rapportage.pk, "pdf"]))
    assert "Alliantie Oost" in pdf_text(b"".join(pdf.streaming_content))
    client.force_login(projectleider_elders)
    assert "Alliantie Oost" not in client.get(reverse("kwartaalrapportages")).content.decode()
    assert (
        client.get(reverse("kwartaalrapportage_download", args=[rapportage.pk, "pdf"])).status_code
        == 404
    )
    # Its e-mail goes to the project leaders of the group's regions only.
    assert [m.to for m in mail.outbox] == [[projectleider.email]]


def test_a_group_with_the_longest_name_gets_its_report(regio, eager):
    groep = Regiogroep.objects.create(naam="Samenwerkende onderwijsregio's", slug="s" * 50)
    groep.regios.add(regio)

    rapportage, _ = eager(aanvragen, groep=groep)

    rapportage.refresh_from_db()
    assert rapportage.status == KLAAR, rapportage.foutmelding
    assert rapportage.pdf.name.endswith(".pdf")


def test_a_group_without_regions_gets_no_report(regio):
    leeg = Regiogroep.objects.create(naam="Nog leeg", slug="nog-leeg")
    with pytest.raises(ValidationError):
        aanvragen(groep=leeg)
    assert not Kwartaalrapportage.objects.exists()


def test_a_missing_pdf_file_is_a_404_not_a_500(client, projectleider, regio, eager):
    rapportage, _ = eager(aanvragen, regio=regio, door=projectleider)
    rapportage.refresh_from_db()
    rapportage.pdf.storage.delete(rapportage.pdf.name)
    client.force_login(projectleider)

    url = reverse("kwartaalrapportage_download", args=[rapportage.pk, "pdf"])
    assert client.get(url).status_code == 404
    # The figures are still there: the spreadsheet exports work.
    url = reverse("kwartaalrapportage_download", args=[rapportage.pk, "xlsx"])
    assert client.get(url).status_code == 200


def test_the_first_day_of_a_quarter_makes_every_regions_report_once(regio, andere_regio, eager):
    groep = Regiogroep.objects.create(naam="Alliantie", slug="alliantie")
    groep.regios.add(regio, andere_regio)
    Regiogroep.objects.create(naam="Nog leeg", slug="nog-leeg")  # no regions: no report
    eerste_dag = date(JAAR + (KWARTAAL == 4), KWARTAAL % 4 * 3 + 1, 1)

    assert eager(kwartaalrapportages.kwartaalrapportages_nieuw_kwartaal, vandaag=eerste_dag) == 3
    assert eager(kwartaalrapportages.kwartaalrapportages_nieuw_kwartaal, vandaag=eerste_dag) == 0

    made = Kwartaalrapportage.objects.all()
    assert {(r.jaar, r.kwartaal, r.status) for r in made} == {(JAAR, KWARTAAL, KLAAR)}
    assert {r.onderwerp for r in made} == {regio, andere_regio, groep}
    assert all(r.aangevraagd_door is None for r in made)


def test_lost_tasks_are_sent_again(regio, eager):
    rapportage, _ = aanvragen(regio=regio)  # never committed: its task was never sent
    Kwartaalrapportage.objects.filter(pk=rapportage.pk).update(
        aangevraagd_op=timezone.now() - timedelta(hours=1)
    )

    assert eager(kwartaalrapportages.kwartaalrapportages_opnieuw_versturen) == 1

    rapportage.refresh_from_db()
    assert rapportage.status == KLAAR


def test_the_list_takes_a_constant_number_of_queries(
    client, projectleider, regio, django_assert_max_num_queries
):
    def rapporten(n):
        for versie in range(1, n + 1):
            Kwartaalrapportage.objects.create(
                regio=regio,
                jaar=JAAR,
                kwartaal=KWARTAAL,
                versie=versie,
                status="mislukt",
                aangevraagd_door=projectleider,
            )

    client.force_login(projectleider)
    rapporten(3)
    with django_assert_max_num_queries(20) as captured:
        client.get(reverse("kwartaalrapportages"))
    Kwartaalrapportage.objects.all().delete()
    rapporten(24)
    with django_assert_max_num_queries(len(captured)):
        assert client.get(reverse("kwartaalrapportages")).status_code == 200


def test_the_plan_progress_of_the_quarter_is_in_the_report(regio, projectleider, eager):
    from regio.models import Activiteit, Ontwikkellijn, VoortgangStatus

    lijn = Ontwikkellijn.objects.create(regio=regio, naam="Werven en behouden")
    activiteit = Activiteit.objects.create(
        ontwikkellijn=lijn,
        naam="Zij-instroomtraject techniek",
        begin=date(JAAR, 1, 1),
        einde=date(JAAR, 12, 31),
        beoogd_resultaat="Twintig zij-instromers per jaar",
        eigenaar="Projectleider",
    )
    Voortgang.objects.create(
        activiteit=activiteit,
        jaar=JAAR,
        kwartaal=KWARTAAL,
        status=VoortgangStatus.RISICO,
        toelichting="Te weinig begeleiders beschikbaar.",
    )

    rapportage, _ = eager(aanvragen, regio=regio, door=projectleider)

    rapportage.refresh_from_db()
    assert rapportage.gegevens["plan"][0]["status_naam"] == "Risico"
    with rapportage.pdf.open("rb") as f:
        text = " ".join(pdf_text(f.read()).split())
    assert "Zij-instroomtraject techniek" in text and "Te weinig begeleiders" in text
