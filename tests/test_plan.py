"""The region's plan (issue 6): lines of work, activities and their quarterly progress, kept by
the project leader; the read the quarterly report uses; groups of regions."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from regio import plan
from regio.models import (
    Activiteit,
    Ontwikkellijn,
    Regio,
    Regiogroep,
    Voortgang,
    VoortgangStatus,
    eerste_dag,
    laatste_dag,
)
from regio.tekorten import huidig_kwartaal, kwartaal_label, vorig_kwartaal

from .factories import RegioFactory

HTMX = {"HTTP_HX_REQUEST": "true"}

HUIDIG = huidig_kwartaal()
VORIG = vorig_kwartaal(*HUIDIG)
OUD = vorig_kwartaal(*VORIG)  # two back: no longer open for progress


def text(response) -> str:
    return response.content.decode()


# Fixtures ------------------------------------------------------------------------------------


def maak_lijn(regio, naam="Werven, matchen en opleiden", volgorde=1, **velden):
    return Ontwikkellijn.objects.create(regio=regio, naam=naam, volgorde=volgorde, **velden)


def maak_activiteit(lijn, naam="Eén regionaal adviesloket", **velden):
    velden = {
        "begin": eerste_dag(*OUD),
        "einde": laatste_dag(HUIDIG[0] + 1, 4),
        "beoogd_resultaat": "Vraag en aanbod van zij-instromers bij elkaar.",
        "eigenaar": "Programmabureau",
        **velden,
    }
    return Activiteit.objects.create(ontwikkellijn=lijn, naam=naam, **velden)


@pytest.fixture
def lijn(regio):
    return maak_lijn(regio, omschrijving="Samen werven en opleiden.")


@pytest.fixture
def activiteit(lijn):
    return maak_activiteit(lijn, producten="Adviesloket")


@pytest.fixture
def lijn_elders(andere_regio):
    return maak_lijn(andere_regio, naam="Behouden en professionaliseren")


@pytest.fixture
def activiteit_elders(lijn_elders):
    return maak_activiteit(lijn_elders, naam="Inductieprogramma elders")


@pytest.fixture
def pl_client(client, projectleider):
    client.force_login(projectleider)
    return client


def voortgang_url(activiteit, kwartaal=HUIDIG):
    return reverse("regio:voortgang_rij", args=[activiteit.pk, *kwartaal])


def snapshot():
    """Everything a refused write must leave as it was."""
    return (
        list(Ontwikkellijn.objects.values_list("pk", "naam", "omschrijving", "volgorde")),
        list(Activiteit.objects.values_list("pk", "naam", "begin", "einde", "ontwikkellijn")),
        list(Voortgang.objects.values_list("pk", "status", "toelichting", "bijgewerkt_op")),
    )


# Models --------------------------------------------------------------------------------------


def test_a_region_cannot_have_two_lines_of_work_with_the_same_name(regio, lijn):
    dubbel = Ontwikkellijn(regio=regio, naam=lijn.naam)
    with pytest.raises(ValidationError, match="al een ontwikkellijn met deze naam"):
        dubbel.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        dubbel.save()


def test_another_region_may_use_the_same_name(andere_regio, lijn):
    maak_lijn(andere_regio, naam=lijn.naam).full_clean()


def test_an_activity_cannot_end_before_it_begins(lijn):
    activiteit = Activiteit(
        ontwikkellijn=lijn,
        naam="Traineeship",
        begin=datetime.date(2026, 6, 1),
        einde=datetime.date(2026, 5, 31),
        beoogd_resultaat="Starters blijven.",
        eigenaar="Kerngroep",
    )
    with pytest.raises(ValidationError, match="ligt niet vóór het begin"):
        activiteit.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        activiteit.save()


def test_an_activity_of_one_day_is_fine(lijn):
    dag = datetime.date(2026, 6, 1)
    maak_activiteit(lijn, begin=dag, einde=dag).full_clean()


def test_progress_is_kept_once_per_activity_and_quarter(activiteit):
    Voortgang.objects.create(activiteit=activiteit, jaar=2026, kwartaal=1, status="op_koers")
    with pytest.raises(IntegrityError), transaction.atomic():
        Voortgang.objects.create(activiteit=activiteit, jaar=2026, kwartaal=1, status="risico")


@pytest.mark.parametrize(
    "velden",
    [{"kwartaal": 5}, {"kwartaal": 0}, {"status": "prima"}, {"toelichting": "x" * 2001}],
    ids=["quarter-5", "quarter-0", "status", "long-note"],
)
def test_the_database_refuses_progress_that_cannot_be(activiteit, velden):
    rij = {"activiteit": activiteit, "jaar": 2026, "kwartaal": 1, "status": "op_koers", **velden}
    with pytest.raises(IntegrityError), transaction.atomic():
        Voortgang.objects.create(**rij)


def test_project_leader_sees_and_edits_only_their_own_regions_plan(
    projectleider, activiteit, activiteit_elders
):
    for manager in (Ontwikkellijn.objects, Activiteit.objects):
        assert list(manager.visible_to(projectleider)) == list(manager.editable_by(projectleider))
    assert list(Ontwikkellijn.objects.visible_to(projectleider)) == [activiteit.ontwikkellijn]
    assert list(Activiteit.objects.editable_by(projectleider)) == [activiteit]


def test_operator_sees_every_regions_plan(beheerder, activiteit, activiteit_elders):
    assert Activiteit.objects.visible_to(beheerder).count() == 2
    assert Ontwikkellijn.objects.editable_by(beheerder).count() == 2


@pytest.mark.parametrize("persona", ["kandidaat", "adviseur", "hr", "opleider"], indirect=True)
def test_other_roles_see_no_plan(persona, activiteit):
    assert not Ontwikkellijn.objects.visible_to(persona).exists()
    assert not Activiteit.objects.visible_to(persona).exists()
    assert not Activiteit.objects.editable_by(persona).exists()


def test_anonymous_visitors_see_no_plan(activiteit):
    assert not Activiteit.objects.visible_to(AnonymousUser()).exists()


def test_groups_of_regions_are_seen_by_the_operator_and_the_leaders_of_their_regions(
    regio, andere_regio, projectleider, projectleider_elders, beheerder, adviseur
):
    derde = RegioFactory(naam="Onderwijsregio Achterhoek")
    oost = Regiogroep.objects.create(naam="Alliantie Oost Werkt", slug="oost-werkt")
    oost.regios.set([regio, derde])
    west = Regiogroep.objects.create(naam="Randstad", slug="randstad")
    west.regios.set([andere_regio])

    assert list(Regiogroep.objects.visible_to(beheerder)) == [oost, west]
    assert list(Regiogroep.objects.visible_to(projectleider)) == [oost]
    assert list(Regiogroep.objects.visible_to(projectleider_elders)) == [west]
    assert not Regiogroep.objects.visible_to(adviseur).exists()
    assert list(regio.groepen.all()) == [oost]


# Services ------------------------------------------------------------------------------------


def test_a_line_of_work_is_added_and_changed(regio):
    lijn = plan.ontwikkellijn_save(regio=regio, naam="  Behouden   en professionaliseren ")
    assert lijn.naam == "Behouden en professionaliseren"

    plan.ontwikkellijn_save(
        regio=regio, ontwikkellijn=lijn, naam="Behouden", omschrijving="Starters", volgorde=2
    )
    lijn.refresh_from_db()
    assert (lijn.naam, lijn.omschrijving, lijn.volgorde) == ("Behouden", "Starters", 2)


def test_a_second_line_with_the_same_name_is_refused(regio, lijn):
    before = snapshot()
    with pytest.raises(ValidationError, match="al een ontwikkellijn met deze naam"):
        plan.ontwikkellijn_save(regio=regio, naam=lijn.naam)
    assert snapshot() == before


def test_a_line_with_activities_is_not_deleted(lijn, activiteit):
    with pytest.raises(ValidationError, match="heeft nog activiteiten"):
        plan.ontwikkellijn_delete(ontwikkellijn=lijn)
    assert Activiteit.objects.filter(pk=activiteit.pk).exists()

    plan.activiteit_delete(activiteit=activiteit)
    plan.ontwikkellijn_delete(ontwikkellijn=lijn)
    assert not Ontwikkellijn.objects.exists()


def test_an_activity_is_saved_and_moved_within_its_region(regio, lijn):
    tweede = maak_lijn(regio, naam="Behouden", volgorde=2)
    activiteit = plan.activiteit_save(
        ontwikkellijn=lijn,
        naam="Traineeship",
        begin=datetime.date(2026, 1, 1),
        einde=datetime.date(2026, 12, 31),
        beoogd_resultaat="Starters blijven.",
        eigenaar="Kerngroep",
    )
    plan.activiteit_save(
        activiteit=activiteit,
        ontwikkellijn=tweede,
        naam="Traineeship",
        begin=datetime.date(2026, 1, 1),
        einde=datetime.date(2027, 6, 30),
        beoogd_resultaat="Starters blijven.",
        eigenaar="Kerngroep",
    )
    activiteit.refresh_from_db()
    assert (activiteit.ontwikkellijn, activiteit.einde) == (tweede, datetime.date(2027, 6, 30))


def test_an_activity_ending_before_it_begins_is_refused(lijn, activiteit):
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        plan.activiteit_save(
            activiteit=activiteit,
            ontwikkellijn=lijn,
            naam="Anders",
            begin=datetime.date(2026, 6, 1),
            einde=datetime.date(2026, 1, 1),
            beoogd_resultaat="x",
            eigenaar="y",
        )
    assert error.value.message_dict == {"einde": ["Het einde ligt vóór het begin."]}
    assert snapshot() == before


def test_an_activity_cannot_move_to_another_region(activiteit, lijn_elders):
    before = snapshot()
    with pytest.raises(ValidationError, match="ontwikkellijn van het plan van deze regio"):
        plan.activiteit_save(
            activiteit=activiteit,
            ontwikkellijn=lijn_elders,
            naam=activiteit.naam,
            begin=activiteit.begin,
            einde=activiteit.einde,
            beoogd_resultaat="x",
            eigenaar="y",
        )
    assert snapshot() == before


def test_deleting_an_activity_removes_its_progress(activiteit, projectleider):
    plan.voortgang_save(
        activiteit=activiteit, jaar=HUIDIG[0], kwartaal=HUIDIG[1], status="risico", door=None
    )
    plan.activiteit_delete(activiteit=activiteit)
    assert not Voortgang.objects.exists()


@pytest.mark.parametrize("kwartaal", [HUIDIG, VORIG], ids=["current", "previous"])
def test_progress_is_given_and_corrected_for_the_current_and_the_previous_quarter(
    activiteit, projectleider, kwartaal
):
    eerste = plan.voortgang_save(
        activiteit=activiteit,
        jaar=kwartaal[0],
        kwartaal=kwartaal[1],
        status=VoortgangStatus.RISICO,
        toelichting="  Werkgroep is krap bezet. ",
        door=projectleider,
    )
    tweede = plan.voortgang_save(
        activiteit=activiteit,
        jaar=kwartaal[0],
        kwartaal=kwartaal[1],
        status=VoortgangStatus.OP_KOERS,
        toelichting="Twee nieuwe leden.",
        door=projectleider,
    )
    assert tweede.pk == eerste.pk
    rij = Voortgang.objects.get()
    assert (rij.status, rij.toelichting, rij.bijgewerkt_door) == (
        "op_koers",
        "Twee nieuwe leden.",
        projectleider,
    )
    assert eerste.toelichting == "Werkgroep is krap bezet."


@pytest.mark.parametrize(
    ("kwartaal", "message"),
    [
        (OUD, "huidige kwartaal"),
        ((HUIDIG[0] + 1, HUIDIG[1]), "huidige kwartaal"),
        ((HUIDIG[0], 5), "1, 2, 3 of 4"),
    ],
    ids=["too-old", "future", "no-quarter"],
)
def test_progress_for_another_quarter_is_refused(activiteit, kwartaal, message):
    with pytest.raises(ValidationError, match=message):
        plan.voortgang_save(
            activiteit=activiteit, jaar=kwartaal[0], kwartaal=kwartaal[1], status="klaar", door=None
        )
    assert not Voortgang.objects.exists()


def test_progress_outside_the_activitys_period_is_refused_with_its_period(lijn):
    begin = eerste_dag(HUIDIG[0] + 1, 1)
    later = maak_activiteit(lijn, naam="Later", begin=begin, einde=begin.replace(month=12, day=31))
    with pytest.raises(ValidationError) as error:
        plan.voortgang_save(
            activiteit=later, jaar=HUIDIG[0], kwartaal=HUIDIG[1], status="op_koers", door=None
        )
    message = error.value.messages[0]
    assert f"1 januari {HUIDIG[0] + 1}" in message
    assert kwartaal_label(*HUIDIG) in message
    assert not Voortgang.objects.exists()


@pytest.mark.parametrize(
    ("velden", "veld", "message"),
    [
        ({"status": "prima"}, "status", "Kies een status"),
        ({"status": ""}, "status", "Kies een status"),
        ({"toelichting": "x" * 2001}, "toelichting", "hoogstens 2000 tekens"),
    ],
)
def test_bad_progress_is_refused_on_its_field(activiteit, velden, veld, message):
    data = {"status": "op_koers", "toelichting": "", **velden}
    with pytest.raises(ValidationError) as error:
        plan.voortgang_save(
            activiteit=activiteit, jaar=HUIDIG[0], kwartaal=HUIDIG[1], door=None, **data
        )
    assert message in error.value.message_dict[veld][0]
    assert not Voortgang.objects.exists()


# plan_voortgang: the report's read ------------------------------------------------------------


def test_plan_voortgang_has_the_activities_that_overlap_the_quarter(lijn):
    jaar, kwartaal = VORIG
    eerste, laatste = eerste_dag(jaar, kwartaal), laatste_dag(jaar, kwartaal)
    dag = datetime.timedelta(days=1)
    maak_activiteit(lijn, naam="eindigt op de eerste dag", begin=eerste - 30 * dag, einde=eerste)
    maak_activiteit(lijn, naam="begint op de laatste dag", begin=laatste, einde=laatste + dag)
    maak_activiteit(lijn, naam="loopt er doorheen", begin=eerste - dag, einde=laatste + dag)
    maak_activiteit(lijn, naam="eindigt de dag ervoor", begin=eerste - 9 * dag, einde=eerste - dag)
    maak_activiteit(lijn, naam="begint de dag erna", begin=laatste + dag, einde=laatste + 9 * dag)

    namen = [a.naam for a in plan.plan_voortgang([lijn.regio], jaar, kwartaal)]

    assert namen == ["begint op de laatste dag", "eindigt op de eerste dag", "loopt er doorheen"]


def test_plan_voortgang_carries_that_quarters_progress_in_one_query(
    django_assert_num_queries, regio, andere_regio, lijn, activiteit, activiteit_elders
):
    stil = maak_activiteit(lijn, naam="Zonder voortgang")
    Voortgang.objects.create(
        activiteit=activiteit, jaar=VORIG[0], kwartaal=VORIG[1], status="achter", toelichting="Laat"
    )
    # Another quarter's progress is not this quarter's.
    Voortgang.objects.create(activiteit=activiteit, jaar=OUD[0], kwartaal=OUD[1], status="klaar")
    Voortgang.objects.create(activiteit=stil, jaar=OUD[0], kwartaal=OUD[1], status="risico")

    with django_assert_num_queries(1):
        rijen = plan.plan_voortgang([regio, andere_regio], *VORIG)
        # Its line of work and region come with it.
        regios = [(a.ontwikkellijn.naam, a.ontwikkellijn.regio.naam) for a in rijen]

    per_naam = {a.naam: a for a in rijen}
    assert per_naam[activiteit.naam].voortgang_status == "achter"
    assert per_naam[activiteit.naam].voortgang_toelichting == "Laat"
    assert per_naam["Zonder voortgang"].voortgang_status is None
    assert per_naam["Zonder voortgang"].voortgang_toelichting is None
    assert per_naam[activiteit_elders.naam].voortgang_status is None
    assert ("Werven, matchen en opleiden", "Onderwijsregio Twente") in regios


def test_plan_voortgang_orders_by_region_then_as_the_plan_does(regio, andere_regio):
    # Rotterdam before Twente; within a region by line, then activity (volgorde, then name).
    tweede = maak_lijn(regio, naam="A-lijn maar tweede", volgorde=2)
    eerste = maak_lijn(regio, naam="Z-lijn maar eerste", volgorde=1)
    maak_activiteit(tweede, naam="t1")
    maak_activiteit(eerste, naam="b", volgorde=1)
    maak_activiteit(eerste, naam="a", volgorde=1)
    maak_activiteit(eerste, naam="c", volgorde=0)
    maak_activiteit(maak_lijn(andere_regio, naam="Rotterdams"), naam="r1")

    namen = [a.naam for a in plan.plan_voortgang(Regio.objects.all(), *HUIDIG)]

    assert namen == ["r1", "c", "a", "b", "t1"]


def test_plan_voortgang_keeps_to_the_regions_asked_for(regio, activiteit, activiteit_elders):
    assert [a.pk for a in plan.plan_voortgang([regio], *HUIDIG)] == [activiteit.pk]


# The plan page -------------------------------------------------------------------------------


def test_the_plan_page_shows_lines_activities_and_the_quarters_progress(
    pl_client, lijn, activiteit, projectleider
):
    activiteit.begin = datetime.date(2026, 1, 1)
    activiteit.einde = datetime.date(2027, 3, 31)
    activiteit.save()
    plan.voortgang_save(
        activiteit=activiteit,
        jaar=HUIDIG[0],
        kwartaal=HUIDIG[1],
        status="risico",
        toelichting="Werving loopt achter.",
        door=projectleider,
    )

    page = text(pl_client.get(reverse("regio:plan")))

    assert "Plan van Onderwijsregio Twente" in page
    assert "Werven, matchen en opleiden" in page
    assert "Samen werven en opleiden." in page
    assert "Eén regionaal adviesloket" in page
    assert "1 januari 2026 – 31 maart 2027" in page
    assert "Programmabureau" in page
    assert "Vraag en aanbod van zij-instromers bij elkaar." in page
    assert "Adviesloket" in page
    row = page[page.index(f'id="activiteit-{activiteit.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Risico" in row
    assert "Werving loopt achter." in row
    assert "Voortgang bijwerken" in row


def test_the_page_shows_the_previous_quarter_when_asked(pl_client, activiteit):
    Voortgang.objects.create(
        activiteit=activiteit, jaar=VORIG[0], kwartaal=VORIG[1], status="klaar", toelichting="Af"
    )

    page = text(pl_client.get(reverse("regio:plan"), {"kwartaal": f"{VORIG[0]}-{VORIG[1]}"}))
    assert "Afgerond" in page
    assert f"Status {kwartaal_label(*VORIG)}" in page

    page = text(pl_client.get(reverse("regio:plan")))
    assert "Afgerond" not in page
    assert "Nog niet opgegeven" in page


@pytest.mark.parametrize(
    "waarde", ["2026-9", "volgend jaar", f"{OUD[0]}-{OUD[1]}", "9999-1", "2026-01"]
)
def test_a_bad_quarter_falls_back_to_the_current_one_with_a_message(pl_client, activiteit, waarde):
    response = pl_client.get(reverse("regio:plan"), {"kwartaal": waarde})

    assert response.status_code == 200
    page = text(response)
    assert "hieronder staat het huidige kwartaal" in page
    assert f"Status {kwartaal_label(*HUIDIG)}" in page


def test_an_empty_plan_explains_what_to_do(pl_client, activiteit_elders):
    page = text(pl_client.get(reverse("regio:plan")))

    assert "Het plan is nog leeg" in page
    assert "Begin met de ontwikkellijnen" in page
    assert reverse("regio:ontwikkellijn_nieuw") in page
    assert "Inductieprogramma elders" not in page


def test_an_activity_not_running_in_the_quarter_has_no_edit_control(pl_client, lijn):
    begin = eerste_dag(HUIDIG[0] + 1, 1)
    later = maak_activiteit(lijn, naam="Later", begin=begin, einde=begin.replace(month=6))

    page = text(pl_client.get(reverse("regio:plan")))
    row = page[page.index(f'id="activiteit-{later.pk}"') :]
    row = row[: row.index("</tr>")]
    assert f"Loopt niet in {kwartaal_label(*HUIDIG)}" in row
    assert "Voortgang bijwerken" not in row


def test_the_plan_pages_query_count_does_not_grow_with_activities(
    pl_client, regio, django_assert_max_num_queries
):
    lijnen = [maak_lijn(regio, naam=f"Lijn {i}", volgorde=i) for i in range(3)]

    def vul(aantal):
        for i in range(aantal):
            activiteit = maak_activiteit(lijnen[i % 3], naam=f"Activiteit {i}")
            Voortgang.objects.create(
                activiteit=activiteit, jaar=HUIDIG[0], kwartaal=HUIDIG[1], status="op_koers"
            )

    vul(3)
    with django_assert_max_num_queries(12) as weinig:
        assert text(pl_client.get(reverse("regio:plan"))).count("Voortgang bijwerken") == 3
    Activiteit.objects.all().delete()
    vul(30)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert text(pl_client.get(reverse("regio:plan"))).count("Voortgang bijwerken") == 30


# Editing progress ----------------------------------------------------------------------------


def test_project_leader_gives_progress_without_javascript(pl_client, activiteit, projectleider):
    url = voortgang_url(activiteit)

    # The edit link opens the page with this row as a form.
    response = pl_client.get(url, {"bewerken": "1"})
    assert response.status_code == 302
    page = text(pl_client.get(response.url))
    row = page[page.index(f'id="activiteit-{activiteit.pk}"') :]
    assert f'action="{url}"' in row[: row.index("</tr>")]

    response = pl_client.post(
        url,
        {
            f"voortgang-{activiteit.pk}-status": "achter",
            f"voortgang-{activiteit.pk}-toelichting": "Trekker ziek.",
        },
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#activiteit-{activiteit.pk}")
    rij = Voortgang.objects.get()
    assert (rij.jaar, rij.kwartaal, rij.status, rij.toelichting, rij.bijgewerkt_door) == (
        *HUIDIG,
        "achter",
        "Trekker ziek.",
        projectleider,
    )
    page = text(pl_client.get(response.url))
    assert "is opgeslagen" in page
    assert "Achter op schema" in page


def test_project_leader_gives_progress_with_htmx_and_gets_only_the_row(pl_client, activiteit):
    url = voortgang_url(activiteit, VORIG)

    form = pl_client.get(url, {"bewerken": "1"}, **HTMX)
    assert form.status_code == 200
    assert text(form).lstrip().startswith("<tr")
    assert 'name="voortgang-' in text(form)
    assert "<html" not in text(form)

    response = pl_client.post(
        url,
        {
            f"voortgang-{activiteit.pk}-status": "klaar",
            f"voortgang-{activiteit.pk}-toelichting": "",
        },
        **HTMX,
    )
    assert response.status_code == 200
    row = text(response)
    assert row.lstrip().startswith(f'<tr id="activiteit-{activiteit.pk}"')
    assert "Afgerond" in row
    assert "Opgeslagen" in row
    assert "<form" not in row
    assert Voortgang.objects.get().kwartaal == VORIG[1]

    # Cancel shows the row again.
    cancel = pl_client.get(url, **HTMX)
    assert "Afgerond" in text(cancel)
    assert "<form" not in text(cancel)


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    ("status", "toelichting", "message"),
    [
        ("prima", "", "Kies een status uit de lijst."),
        ("", "", "Kies een status."),
        ("op_koers", "x" * 2001, "hoogstens 2000 tekens"),
    ],
)
def test_bad_progress_comes_back_with_a_dutch_message_and_changes_nothing(
    pl_client, activiteit, htmx, status, toelichting, message
):
    Voortgang.objects.create(
        activiteit=activiteit, jaar=HUIDIG[0], kwartaal=HUIDIG[1], status="risico"
    )
    before = snapshot()

    response = pl_client.post(
        voortgang_url(activiteit),
        {
            f"voortgang-{activiteit.pk}-status": status,
            f"voortgang-{activiteit.pk}-toelichting": toelichting,
        },
        **(HTMX if htmx else {}),
    )

    assert response.status_code == (200 if htmx else 422)
    assert message in text(response)
    assert ("<html" in text(response)) is not htmx
    assert snapshot() == before


def test_progress_outside_the_period_is_refused_on_the_page(pl_client, lijn):
    # Ended before the current quarter: the row has no control, and a forged POST is refused.
    einde = eerste_dag(*HUIDIG) - datetime.timedelta(days=1)
    voorbij = maak_activiteit(lijn, naam="Voorbij", begin=eerste_dag(*OUD), einde=einde)

    response = pl_client.post(
        voortgang_url(voorbij), {f"voortgang-{voorbij.pk}-status": "klaar"}, **HTMX
    )

    assert response.status_code == 200
    assert "dus niet in" in text(response)
    assert not Voortgang.objects.exists()


@pytest.mark.parametrize("kwartaal", [OUD, (HUIDIG[0] + 1, 1), (HUIDIG[0], 7)])
def test_progress_urls_of_other_quarters_do_not_exist(pl_client, activiteit, kwartaal):
    url = reverse("regio:voortgang_rij", args=[activiteit.pk, *kwartaal])
    assert pl_client.get(url, **HTMX).status_code == 404
    assert pl_client.post(url, {f"voortgang-{activiteit.pk}-status": "klaar"}).status_code == 404
    assert not Voortgang.objects.exists()


# Lines of work and activities ----------------------------------------------------------------


def test_project_leader_adds_edits_and_deletes_a_line_of_work(pl_client, regio):
    response = pl_client.post(
        reverse("regio:ontwikkellijn_nieuw"),
        {"naam": "Behouden en professionaliseren", "omschrijving": "", "volgorde": "2"},
    )
    assert response.status_code == 302
    lijn = Ontwikkellijn.objects.get()
    assert (lijn.regio, lijn.volgorde) == (regio, 2)

    response = pl_client.post(
        reverse("regio:ontwikkellijn_bewerken", args=[lijn.pk]),
        {"naam": "Behouden", "omschrijving": "Starters", "volgorde": "1"},
    )
    assert response.status_code == 302
    lijn.refresh_from_db()
    assert lijn.naam == "Behouden"

    vraag = text(pl_client.get(reverse("regio:ontwikkellijn_verwijderen", args=[lijn.pk])))
    assert "Weet je zeker" in vraag
    assert Ontwikkellijn.objects.exists()
    response = pl_client.post(reverse("regio:ontwikkellijn_verwijderen", args=[lijn.pk]))
    assert response.status_code == 302
    assert not Ontwikkellijn.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"naam": "Werven, matchen en opleiden", "volgorde": "0"}, "al een ontwikkellijn"),
        ({"naam": "", "volgorde": "0"}, "Geef de ontwikkellijn een naam."),
        ({"naam": "Nieuw", "volgorde": "-1"}, "De volgorde is 0 of hoger."),
        ({"naam": "Nieuw", "volgorde": "twee"}, "als heel getal"),
    ],
)
def test_a_bad_line_of_work_is_refused_with_a_message(pl_client, lijn, data, message):
    before = snapshot()
    response = pl_client.post(reverse("regio:ontwikkellijn_nieuw"), data)
    assert response.status_code == 422
    assert message in text(response)
    assert snapshot() == before


def test_a_line_with_activities_asks_to_move_them_first(pl_client, lijn, activiteit):
    url = reverse("regio:ontwikkellijn_verwijderen", args=[lijn.pk])
    assert "heeft nog activiteiten" in text(pl_client.get(url))
    response = pl_client.post(url, follow=True)
    assert "heeft nog activiteiten" in text(response)
    assert Ontwikkellijn.objects.filter(pk=lijn.pk).exists()


def activiteit_data(lijn, **velden):
    return {
        "ontwikkellijn": str(lijn.pk),
        "naam": "Gezamenlijk traineeship",
        "begin": "2026-01-01",
        "einde": "2027-06-30",
        "eigenaar": "Inhoudelijk projectleider",
        "beoogd_resultaat": "Starters doen ervaring op bij meerdere scholen.",
        "producten": "Traineeshipprogramma",
        "volgorde": "1",
        **velden,
    }


def test_project_leader_adds_edits_and_deletes_an_activity(pl_client, lijn):
    response = pl_client.post(reverse("regio:activiteit_nieuw"), activiteit_data(lijn))
    assert response.status_code == 302
    activiteit = Activiteit.objects.get()
    assert (activiteit.begin, activiteit.einde) == (
        datetime.date(2026, 1, 1),
        datetime.date(2027, 6, 30),
    )

    response = pl_client.post(
        reverse("regio:activiteit_bewerken", args=[activiteit.pk]),
        activiteit_data(lijn, naam="Traineeship voor starters", eigenaar="Kerngroep"),
    )
    assert response.status_code == 302
    activiteit.refresh_from_db()
    assert (activiteit.naam, activiteit.eigenaar) == ("Traineeship voor starters", "Kerngroep")

    Voortgang.objects.create(
        activiteit=activiteit, jaar=HUIDIG[0], kwartaal=HUIDIG[1], status="op_koers"
    )
    vraag = text(pl_client.get(reverse("regio:activiteit_verwijderen", args=[activiteit.pk])))
    assert "De voortgang die voor deze activiteit is opgegeven, verdwijnt ook." in vraag
    response = pl_client.post(reverse("regio:activiteit_verwijderen", args=[activiteit.pk]))
    assert response.status_code == 302
    assert not Activiteit.objects.exists()
    assert not Voortgang.objects.exists()


def test_the_new_activity_form_preselects_the_line_it_was_opened_from(pl_client, regio, lijn):
    tweede = maak_lijn(regio, naam="Behouden", volgorde=2)
    page = text(pl_client.get(reverse("regio:activiteit_nieuw"), {"ontwikkellijn": tweede.pk}))
    assert f'<option value="{tweede.pk}" selected>' in page


def test_a_new_activity_needs_a_line_of_work_first(pl_client, regio):
    page = text(pl_client.get(reverse("regio:activiteit_nieuw")))
    assert "Voeg eerst een ontwikkellijn toe." in page


@pytest.mark.parametrize(
    ("velden", "message"),
    [
        ({"einde": "2025-12-31"}, "Het einde ligt vóór het begin."),
        ({"begin": "31-02-2026"}, "Vul een datum in"),
        ({"beoogd_resultaat": ""}, "Beschrijf wat de activiteit moet opleveren."),
        ({"eigenaar": ""}, "Vul in wie de activiteit trekt."),
        ({"ontwikkellijn": "abc"}, "Kies een ontwikkellijn van het plan uit de lijst."),
    ],
)
def test_a_bad_activity_is_refused_with_a_message(pl_client, lijn, velden, message):
    before = snapshot()
    response = pl_client.post(reverse("regio:activiteit_nieuw"), activiteit_data(lijn, **velden))
    assert response.status_code == 422
    assert message in text(response)
    assert snapshot() == before


def test_an_activity_cannot_be_put_under_another_regions_line(pl_client, lijn, lijn_elders):
    before = snapshot()
    response = pl_client.post(reverse("regio:activiteit_nieuw"), activiteit_data(lijn_elders))
    assert response.status_code == 422
    assert "Kies een ontwikkellijn van het plan uit de lijst." in text(response)
    assert snapshot() == before


# Scope ---------------------------------------------------------------------------------------


def other_region_urls(lijn_elders, activiteit_elders):
    return [
        reverse("regio:ontwikkellijn_bewerken", args=[lijn_elders.pk]),
        reverse("regio:ontwikkellijn_verwijderen", args=[lijn_elders.pk]),
        reverse("regio:activiteit_bewerken", args=[activiteit_elders.pk]),
        reverse("regio:activiteit_verwijderen", args=[activiteit_elders.pk]),
        voortgang_url(activiteit_elders),
    ]


def test_another_regions_plan_is_not_found(pl_client, lijn_elders, activiteit_elders):
    before = snapshot()
    for url in other_region_urls(lijn_elders, activiteit_elders):
        assert pl_client.get(url).status_code == 404, url
        assert pl_client.get(url, **HTMX).status_code == 404, url
        data = {**activiteit_data(lijn_elders), f"voortgang-{activiteit_elders.pk}-status": "klaar"}
        assert pl_client.post(url, data).status_code == 404, url
    assert snapshot() == before


@pytest.mark.parametrize(
    "persona", ["kandidaat", "adviseur", "hr", "opleider", "beheerder"], indirect=True
)
def test_other_roles_cannot_open_the_plan_pages(client, persona, lijn, activiteit):
    client.force_login(persona)
    before = snapshot()
    urls = [
        reverse("regio:plan"),
        reverse("regio:ontwikkellijn_nieuw"),
        reverse("regio:activiteit_nieuw"),
        *other_region_urls(lijn, activiteit),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {f"voortgang-{activiteit.pk}-status": "klaar"}).status_code == 404
    assert snapshot() == before


def test_anonymous_visitors_are_sent_to_log_in(client, activiteit):
    response = client.get(reverse("regio:plan"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_project_leader_finds_the_plan_in_the_menu_and_on_the_dashboard(pl_client):
    page = text(pl_client.get(reverse("projectleider_dashboard")))
    nav = page[page.index('aria-label="Hoofdmenu"') :]
    assert f'<a href="{reverse("regio:plan")}">Plan</a>' in nav[: nav.index("</nav>")]
    assert "Plan en voortgang per kwartaal bijhouden" in page
    plan_page = text(pl_client.get(reverse("regio:plan")))
    assert f'<a href="{reverse("regio:plan")}" aria-current="page">Plan</a>' in plan_page


# Admin ---------------------------------------------------------------------------------------


def test_operator_keeps_groups_and_plans_in_the_admin(client, beheerder, regio, activiteit):
    client.force_login(beheerder)
    Voortgang.objects.create(activiteit=activiteit, jaar=2026, kwartaal=1, status="op_koers")
    response = client.post(
        reverse("admin:regio_regiogroep_add"),
        {
            "naam": "Alliantie Oost Werkt",
            "slug": "oost-werkt",
            "omschrijving": "",
            "regios": [regio.pk],
        },
    )
    assert response.status_code == 302
    assert list(Regiogroep.objects.get().regios.all()) == [regio]
    for url in (
        reverse("admin:regio_regiogroep_changelist"),
        reverse("admin:regio_ontwikkellijn_change", args=[activiteit.ontwikkellijn_id]),
        reverse("admin:regio_activiteit_change", args=[activiteit.pk]),
        reverse("admin:regio_activiteit_changelist"),
    ):
        assert client.get(url).status_code == 200, url
