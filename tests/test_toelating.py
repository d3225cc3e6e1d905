"""Admissibility: the institute's adviser records seed 003's outcomes for candidates referred to
their institute, on the journey page, from a dashboard that lists those awaiting one first."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kandidaten.models import EventSoort, RouteSoort, Toelating
from kandidaten.services import kandidaat_refer, toelating_record

from .factories import KandidaatFactory, OrganisatieFactory, UserFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def toelating_url(kandidaat) -> str:
    return reverse("kandidaten:traject_toelating", args=[kandidaat.pk])


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def verwezen(traject, adviseur, opleiding):
    kandidaat_refer(
        kandidaat=traject, route=RouteSoort.ZIJ_INSTROOM, opleiding=opleiding, door=adviseur
    )
    return traject


def test_the_institute_records_an_outcome_and_the_candidate_sees_it(
    client, verwezen, opleider, kandidaat
):
    client.force_login(opleider)
    response = client.post(
        toelating_url(verwezen),
        {"toelating": Toelating.ZONDER_BAAN, "toelichting": "Eerst een baan zoeken"},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("kandidaten:traject", args=[verwezen.pk]), 302)]
    assert "De uitkomst is vastgelegd: Toelaatbaar, zonder baan." in text(response)
    verwezen.refresh_from_db()
    assert verwezen.toelating == Toelating.ZONDER_BAAN
    assert verwezen.toelating_op is not None
    event = verwezen.events.last()
    assert (event.soort, event.door, event.organisatie, event.toelating, event.toelichting) == (
        EventSoort.TOELATING,
        opleider,
        verwezen.opleiding,
        Toelating.ZONDER_BAAN,
        "Eerst een baan zoeken",
    )

    client.force_login(kandidaat)
    page = text(client.get(reverse("kandidaten:traject", args=[verwezen.pk])))
    assert "Toelating: Toelaatbaar, zonder baan" in page
    assert "Opleiding: Pabo Twente" in page
    assert "Eerst een baan zoeken" in page
    assert "<dt>Toelating</dt><dd>Toelaatbaar, zonder baan</dd>" in page


def test_with_htmx_recording_returns_the_journey_section(client, verwezen, opleider):
    client.force_login(opleider)
    response = client.post(toelating_url(verwezen), {"toelating": Toelating.VAKTOETS}, **HTMX)
    assert response.status_code == 200
    assert text(response).lstrip().startswith('<div id="traject"')
    assert "Toelating: Niet direct toelaatbaar: wo-opgeleid, nog vaktoetsing" in text(response)


def test_the_form_offers_exactly_the_outcomes_of_seed_003(client, verwezen, opleider):
    client.force_login(opleider)
    page = text(client.get(reverse("kandidaten:traject", args=[verwezen.pk])))
    for value, label in Toelating.choices:
        assert f'<option value="{value}">{label}</option>' in page
    assert len(Toelating.choices) == 8


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"toelating": "misschien"}, "Kies een uitkomst uit de lijst."),
        ({}, "Kies een uitkomst."),
        ({"toelating": Toelating.MET_BAAN, "toelichting": "x" * 2001}, "2000"),
    ],
)
def test_bad_outcome_input_gets_a_dutch_message_and_changes_nothing(
    client, verwezen, opleider, data, message
):
    events = verwezen.events.count()
    client.force_login(opleider)
    response = client.post(toelating_url(verwezen), data)
    assert response.status_code == 422
    assert message in text(response)
    verwezen.refresh_from_db()
    assert verwezen.toelating == ""
    assert verwezen.events.count() == events


def test_only_the_institute_the_candidate_was_referred_to_records_an_outcome(
    client, verwezen, ander_traject, opleider, opleider_elders, adviseur, regio
):
    collega_instituut = UserFactory(
        role="opleider", organisatie=OrganisatieFactory(opleiding=True, regio=regio)
    )
    for user, kandidaat in [
        (opleider_elders, verwezen),
        (collega_instituut, verwezen),
        (opleider, ander_traject),
        (adviseur, verwezen),
    ]:
        client.force_login(user)
        response = client.post(toelating_url(kandidaat), {"toelating": Toelating.MET_BAAN})
        assert response.status_code == 404
    verwezen.refresh_from_db()
    assert verwezen.toelating == ""


def test_the_service_refuses_anyone_but_the_institutes_adviser(verwezen, adviseur, opleider_elders):
    for door in (adviseur, opleider_elders):
        with pytest.raises(ValidationError, match="Alleen de opleiding"):
            toelating_record(kandidaat=verwezen, toelating=Toelating.MET_BAAN, door=door)
    assert verwezen.events.count() == 2


def test_a_referral_to_another_institute_starts_admission_afresh(
    verwezen, adviseur, opleider, regio
):
    toelating_record(kandidaat=verwezen, toelating=Toelating.UITSTEL, door=opleider)
    elan = OrganisatieFactory(opleiding=True, regio=regio, naam="ELAN")
    kandidaat_refer(
        kandidaat=verwezen, route=RouteSoort.UNIVERSITAIR, opleiding=elan, door=adviseur
    )
    verwezen.refresh_from_db()
    assert (verwezen.opleiding, verwezen.toelating, verwezen.toelating_op) == (elan, "", None)


def test_the_dashboard_lists_candidates_awaiting_an_outcome_first(
    client, verwezen, ander_traject, traject_elders, opleider, adviseur, opleiding, kandidaat_b
):
    ander_traject.opleiding = opleiding
    ander_traject.save()
    toelating_record(kandidaat=ander_traject, toelating=Toelating.REGULIER, door=opleider)
    niet_verwezen = KandidaatFactory(regio=verwezen.regio, user=UserFactory(naam="Niet Verwezen"))
    client.force_login(opleider)

    page = text(client.get(reverse("opleider_dashboard")))

    wachtend, beoordeeld = page.split("Uitkomst vastgelegd", 1)
    assert "Wachten op een uitkomst" in wachtend
    assert "Kim Kandidaat" in wachtend
    assert reverse("kandidaten:traject", args=[verwezen.pk]) in wachtend
    assert "Bo Bakker" not in wachtend
    assert "Bo Bakker" in beoordeeld
    assert "Toelaatbaar, maar gaat reguliere opleiding doen" in beoordeeld
    assert niet_verwezen.user.naam not in page
    assert str(traject_elders.user) not in page


def test_the_dashboard_needs_as_many_queries_for_30_candidates_as_for_3(
    client, opleider, opleiding, regio, django_assert_max_num_queries
):
    def add(n):
        for _ in range(n):
            KandidaatFactory(regio=regio, opleiding=opleiding, route=RouteSoort.ZIJ_INSTROOM)

    client.force_login(opleider)
    add(3)
    with django_assert_max_num_queries(8) as few:
        assert client.get(reverse("opleider_dashboard")).status_code == 200
    add(27)
    with django_assert_max_num_queries(8) as many:
        page = text(client.get(reverse("opleider_dashboard")))
    assert page.count("/kandidaten/") == 30
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_dashboard_lists_a_bounded_work_list_oldest_referral_first(
    client, opleider, opleiding, regio, monkeypatch
):
    monkeypatch.setattr("loket.views.core.WERKLIJST", 3)
    namen = [f"Wachtende {n}" for n in range(5)]
    for naam in namen:
        KandidaatFactory(regio=regio, opleiding=opleiding, user=UserFactory(naam=naam))
    client.force_login(opleider)

    page = text(client.get(reverse("opleider_dashboard")))

    assert [naam for naam in namen if naam in page] == namen[:3]
    assert "Dit zijn de 3 kandidaten die het langst wachten." in page
