"""HR of a school board keeps its own vacancies: create, edit, publish, fill and close them."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from regio import vacatures as services
from regio.models import Sector, Vacature, VacatureStatus

from .factories import VestigingFactory
from .factories_vacatures import VacatureFactory, vak

LIST = reverse("regio:hr_vacatures")
NEW = reverse("regio:hr_vacature_nieuw")


def text(response) -> str:
    return response.content.decode()


def today():
    return timezone.localdate()


def days(n):
    return (today() + datetime.timedelta(days=n)).isoformat()


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


@pytest.fixture
def college(bestuur):
    """A secondary school of the HR persona's board (the board's first school is primary)."""
    return VestigingFactory(
        bestuur=bestuur,
        naam="Het Stedelijk College",
        brin="13CD",
        sector=Sector.VO,
        gemeente="Enschede",
        plaats="Enschede",
    )


@pytest.fixture
def vacature(bestuur, college):
    return VacatureFactory(
        bestuur=bestuur, vestiging=college, concept=True, titel="Leraar wiskunde onderbouw"
    )


@pytest.fixture
def vacature_elders(ander_bestuur):
    return VacatureFactory(bestuur=ander_bestuur, titel="Leraar Duits bij Elders")


def form_data(school, **changes):
    data = {
        "titel": "Leraar wiskunde bovenbouw",
        "vestiging": school.pk,
        "functie": "leraar",
        "sector": "vo",
        "vak": vak("Wiskunde").pk,
        "bevoegdheid": "eerstegraads",
        "zij_instroom": "on",
        "fte": "0,8",
        "salarisschaal": "LC",
        "startdatum": days(60),
        "sluitdatum": days(90),
        "omschrijving": "Wij zoeken een collega voor havo en vwo.",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def edit_url(vacature):
    return reverse("regio:hr_vacature", args=[vacature.pk])


def status_url(vacature):
    return reverse("regio:hr_vacature_status", args=[vacature.pk])


# Creating and editing ------------------------------------------------------------------------


def test_hr_creates_a_vacancy_at_a_school_of_its_own_board_as_concept(hr_client, bestuur, college):
    response = hr_client.post(NEW, form_data(college), follow=True)

    vacature = Vacature.objects.get()
    assert response.redirect_chain[-1][0] == edit_url(vacature)
    assert "is opgeslagen als concept" in text(response)
    assert vacature.bestuur == bestuur
    assert vacature.status == VacatureStatus.CONCEPT
    assert vacature.fte == vacature.fte_open == Decimal("0.8")
    assert vacature.vak == vak("Wiskunde")
    assert vacature.zij_instroom is True
    assert vacature.gepubliceerd_op is None


def test_the_new_vacancy_form_offers_only_the_own_boards_schools(hr_client, college, ander_bestuur):
    elders = VestigingFactory(bestuur=ander_bestuur, naam="School van Elders")
    page = text(hr_client.get(NEW))
    assert "Het Stedelijk College" in page
    assert "Basisschool De Esch" in page
    assert elders.naam not in page


def test_hr_edits_a_vacancy_and_the_open_fte_follows_while_nobody_is_appointed(
    hr_client, vacature, college
):
    response = hr_client.post(
        edit_url(vacature), form_data(college, titel="Leraar wiskunde (1,0 fte)", fte="1.0")
    )
    assert response.status_code == 302
    vacature.refresh_from_db()
    assert vacature.titel == "Leraar wiskunde (1,0 fte)"
    assert vacature.fte == vacature.fte_open == Decimal("1.0")


def test_after_an_appointment_raising_fte_keeps_what_was_appointed(hr_client, vacature, college):
    Vacature.objects.filter(pk=vacature.pk).update(fte=Decimal("1.0"), fte_open=Decimal("0.6"))
    hr_client.post(edit_url(vacature), form_data(college, fte="1,2"))
    vacature.refresh_from_db()
    assert (vacature.fte, vacature.fte_open) == (Decimal("1.2"), Decimal("0.8"))


def test_fte_cannot_drop_below_what_was_already_appointed(hr_client, vacature, college):
    Vacature.objects.filter(pk=vacature.pk).update(fte=Decimal("1.0"), fte_open=Decimal("0.4"))
    response = hr_client.post(edit_url(vacature), form_data(college, fte="0,5"))
    assert response.status_code == 422
    assert "Er is al 0,6 fte aangesteld" in text(response)
    vacature.refresh_from_db()
    assert (vacature.fte, vacature.fte_open) == (Decimal("1.0"), Decimal("0.4"))


def test_editing_does_not_change_the_status(hr_client, vacature, college):
    hr_client.post(edit_url(vacature), form_data(college, status="gepubliceerd"))
    vacature.refresh_from_db()
    assert vacature.status == VacatureStatus.CONCEPT


@pytest.mark.parametrize("fte", ["0", "-1", "1,3", "1.3", "12"])
def test_an_fte_out_of_bounds_is_refused_in_dutch_and_nothing_is_saved(hr_client, college, fte):
    response = hr_client.post(NEW, form_data(college, fte=fte))
    assert response.status_code == 422
    assert "Het aantal fte is meer dan 0 en hoogstens 1,2." in text(response)
    assert not Vacature.objects.exists()


def test_an_fte_that_is_not_a_number_is_refused_in_dutch(hr_client, college):
    response = hr_client.post(NEW, form_data(college, fte="veel"))
    assert "Vul het aantal fte in als getal, bijv. 0,8." in text(response)
    assert not Vacature.objects.exists()


def test_a_closing_date_before_the_start_is_refused(hr_client, college):
    response = hr_client.post(NEW, form_data(college, startdatum=days(60), sluitdatum=days(30)))
    assert response.status_code == 422
    assert "De sluitdatum ligt niet voor de startdatum." in text(response)
    assert not Vacature.objects.exists()


def test_a_school_of_another_board_is_refused(hr_client, ander_bestuur, college):
    elders = VestigingFactory(bestuur=ander_bestuur, sector=Sector.VO)
    response = hr_client.post(NEW, form_data(college, vestiging=elders.pk))
    assert response.status_code == 422
    assert "Kies een school van het eigen bestuur." in text(response)
    assert not Vacature.objects.exists()


def test_a_subject_outside_vo_and_mbo_is_refused(hr_client, college):
    response = hr_client.post(NEW, form_data(college, sector="po"))
    assert "Een vak hoort bij een vacature in het vo of mbo." in text(response)
    assert not Vacature.objects.exists()


def test_a_missing_title_and_dates_get_dutch_messages(hr_client, college):
    response = hr_client.post(NEW, form_data(college, titel="", startdatum="", sluitdatum="morgen"))
    page = text(response)
    assert "Geef de vacature een titel." in page
    assert "Vul de startdatum in." in page
    assert "Vul een datum in, bijv. 31-1-2027." in page


# Statuses ------------------------------------------------------------------------------------


def test_hr_publishes_a_vacancy_and_it_is_public(hr_client, client, vacature):
    response = hr_client.post(status_url(vacature), {"status": "gepubliceerd"}, follow=True)
    assert "De vacature is gepubliceerd" in text(response)
    vacature.refresh_from_db()
    assert vacature.status == VacatureStatus.GEPUBLICEERD
    assert vacature.gepubliceerd_op is not None
    assert Vacature.objects.openbaar().filter(pk=vacature.pk).exists()
    assert "Bekijk de openbare pagina" in text(response)


def test_a_vacancy_closing_in_the_past_cannot_be_published(hr_client, vacature):
    Vacature.objects.filter(pk=vacature.pk).update(
        startdatum=today() - datetime.timedelta(days=30),
        sluitdatum=today() - datetime.timedelta(days=1),
    )
    response = hr_client.post(status_url(vacature), {"status": "gepubliceerd"}, follow=True)
    assert "De sluitdatum ligt in het verleden" in text(response)
    vacature.refresh_from_db()
    assert vacature.status == VacatureStatus.CONCEPT


@pytest.mark.parametrize(
    ("status", "message"),
    [("vervuld", "gemarkeerd als vervuld"), ("gesloten", "De vacature is gesloten.")],
)
def test_hr_marks_a_published_vacancy_filled_or_closed(
    hr_client, bestuur, college, status, message
):
    vacature = VacatureFactory(bestuur=bestuur, vestiging=college)
    response = hr_client.post(status_url(vacature), {"status": status}, follow=True)
    assert message in text(response)
    vacature.refresh_from_db()
    assert vacature.status == status
    assert vacature.afgesloten_op is not None
    assert not Vacature.objects.openbaar().filter(pk=vacature.pk).exists()


def test_a_closed_vacancy_is_published_again_only_with_a_closing_date_in_the_future(
    hr_client, bestuur, college
):
    vacature = VacatureFactory(
        bestuur=bestuur, vestiging=college, gesloten=True, startdatum=today(), sluitdatum=today()
    )
    response = hr_client.post(status_url(vacature), {"status": "gepubliceerd"}, follow=True)
    assert "sluitdatum in de toekomst" in text(response)
    vacature.refresh_from_db()
    assert vacature.status == VacatureStatus.GESLOTEN

    Vacature.objects.filter(pk=vacature.pk).update(sluitdatum=today() + datetime.timedelta(days=7))
    hr_client.post(status_url(vacature), {"status": "gepubliceerd"})
    vacature.refresh_from_db()
    assert vacature.status == VacatureStatus.GEPUBLICEERD
    assert vacature.afgesloten_op is None


def test_a_concept_cannot_be_marked_filled(hr_client, vacature):
    response = hr_client.post(status_url(vacature), {"status": "vervuld"}, follow=True)
    assert "kan niet naar vervuld" in text(response)
    vacature.refresh_from_db()
    assert vacature.status == VacatureStatus.CONCEPT


def test_an_unknown_status_is_refused_with_a_message(hr_client, vacature):
    response = hr_client.post(status_url(vacature), {"status": "<b>weg</b>"}, follow=True)
    assert response.status_code == 200
    assert "Onbekende status" in text(response)
    assert "<b>weg</b>" not in text(response)


def test_a_published_vacancy_goes_back_to_concept(hr_client, bestuur, college):
    vacature = VacatureFactory(bestuur=bestuur, vestiging=college)
    hr_client.post(status_url(vacature), {"status": "concept"})
    vacature.refresh_from_db()
    assert vacature.status == VacatureStatus.CONCEPT
    assert vacature.gepubliceerd_op is None


def test_the_edit_page_offers_the_buttons_of_the_allowed_moves(hr_client, vacature):
    page = text(hr_client.get(edit_url(vacature)))
    assert 'value="gepubliceerd">Publiceren</button>' in page
    assert 'value="gesloten"' in page
    assert 'value="vervuld"' not in page


def test_the_status_page_takes_only_posts(hr_client, vacature):
    assert hr_client.get(status_url(vacature)).status_code == 405


# Scoping -------------------------------------------------------------------------------------


def test_hr_of_another_board_gets_404_on_every_page_of_the_vacancy(client, hr_elders, vacature):
    client.force_login(hr_elders)
    assert client.get(edit_url(vacature)).status_code == 404
    assert client.post(edit_url(vacature), {"titel": "Gekaapt"}).status_code == 404
    assert client.post(status_url(vacature), {"status": "gepubliceerd"}).status_code == 404
    vacature.refresh_from_db()
    assert vacature.titel == "Leraar wiskunde onderbouw"
    assert vacature.status == VacatureStatus.CONCEPT


def test_the_hr_list_shows_only_the_own_boards_vacancies(hr_client, vacature, vacature_elders):
    page = text(hr_client.get(LIST))
    assert "Leraar wiskunde onderbouw" in page
    assert "Leraar Duits bij Elders" not in page


def test_hr_cannot_place_a_vacancy_with_another_boards_school_through_the_service(
    hr, ander_bestuur
):
    elders = VestigingFactory(bestuur=ander_bestuur)
    vacature = Vacature(
        bestuur=ander_bestuur,
        vestiging=elders,
        titel="Sluiproute",
        functie="leraar",
        sector="po",
        bevoegdheid="pabo",
        fte=Decimal("1"),
        startdatum=today(),
        sluitdatum=today(),
    )
    with pytest.raises(PermissionDenied):
        services.vacature_save(vacature=vacature, door=hr)
    assert not Vacature.objects.exists()


HR_PAGES = [
    ("regio:hr_vacatures", False),
    ("regio:hr_vacature_nieuw", False),
    ("regio:hr_vacatures_import", False),
    ("regio:hr_vacatures_voorbeeld", False),
    ("regio:hr_vacature", True),
]


@pytest.mark.parametrize(
    "persona", ["projectleider", "adviseur", "kandidaat", "opleider"], indirect=True
)
@pytest.mark.parametrize(("name", "needs_pk"), HR_PAGES)
def test_other_roles_never_reach_the_hr_pages(client, persona, vacature, name, needs_pk):
    client.force_login(persona)
    url = reverse(name, args=[vacature.pk] if needs_pk else [])
    assert client.get(url).status_code == 404
    assert client.post(status_url(vacature), {"status": "gepubliceerd"}).status_code == 404


@pytest.mark.parametrize(("name", "needs_pk"), HR_PAGES)
def test_anonymous_visitors_are_sent_to_login(client, vacature, name, needs_pk):
    response = client.get(reverse(name, args=[vacature.pk] if needs_pk else []))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_operator_sees_and_edits_every_boards_vacancies(
    client, beheerder, vacature, vacature_elders
):
    client.force_login(beheerder)
    page = text(client.get(LIST))
    assert "Leraar wiskunde onderbouw" in page
    assert "Leraar Duits bij Elders" in page
    response = client.post(status_url(vacature_elders), {"status": "gesloten"})
    assert response.status_code == 302
    vacature_elders.refresh_from_db()
    assert vacature_elders.status == VacatureStatus.GESLOTEN


def test_the_operators_new_vacancy_belongs_to_the_board_of_the_school(
    client, beheerder, ander_bestuur
):
    school = VestigingFactory(bestuur=ander_bestuur, sector=Sector.VO)
    client.force_login(beheerder)
    client.post(NEW, form_data(school))
    assert Vacature.objects.get().bestuur == ander_bestuur


# The list ------------------------------------------------------------------------------------


def test_the_list_counts_each_status_and_filters_by_it(hr_client, bestuur, college):
    VacatureFactory.create_batch(2, bestuur=bestuur, vestiging=college, titel="Open baan")
    VacatureFactory(bestuur=bestuur, vestiging=college, concept=True, titel="Nog een concept")
    VacatureFactory(bestuur=bestuur, vestiging=college, gesloten=True, titel="Gesloten baan")

    page = text(hr_client.get(LIST))
    assert 'data-status="alle">Alle <span class="aantal">4</span>' in page
    assert 'data-status="gepubliceerd">Gepubliceerd <span class="aantal">2</span>' in page
    assert 'data-status="vervuld">Vervuld <span class="aantal">0</span>' in page

    concepten = text(hr_client.get(LIST, {"status": "concept"}))
    assert "Nog een concept" in concepten
    assert "Open baan" not in concepten
    assert "Gesloten baan" not in concepten
    # An unknown status shows everything rather than an error.
    assert "Gesloten baan" in text(hr_client.get(LIST, {"status": "<x>"}))


def test_the_list_is_paginated(hr_client, bestuur, college):
    VacatureFactory.create_batch(30, bestuur=bestuur, vestiging=college)
    page_one = text(hr_client.get(LIST))
    assert "Pagina 1 van 2" in page_one
    assert page_one.count('<tr id="vacature-') == 25
    assert text(hr_client.get(LIST, {"page": 2})).count('<tr id="vacature-') == 5


def test_the_list_and_the_edit_page_link_to_the_matching_page(hr_client, vacature):
    matches = reverse("kandidaten:hr_matches", args=[vacature.pk])
    assert f'href="{matches}">Kandidaten<' in text(hr_client.get(LIST))
    assert f'href="{matches}"' in text(
        hr_client.get(reverse("regio:hr_vacature", args=[vacature.pk]))
    )


def test_the_list_query_count_does_not_grow_with_the_vacancies(
    hr_client, bestuur, college, django_assert_max_num_queries
):
    VacatureFactory.create_batch(3, bestuur=bestuur, vestiging=college)
    with django_assert_max_num_queries(7):
        assert hr_client.get(LIST).status_code == 200
    VacatureFactory.create_batch(27, bestuur=bestuur, vestiging=college)
    with django_assert_max_num_queries(7):
        assert hr_client.get(LIST).status_code == 200


def test_status_changes_are_refused_by_the_service_for_another_board(hr, vacature_elders):
    with pytest.raises(PermissionDenied):
        services.vacature_status_set(vacature=vacature_elders, status="gesloten", door=hr)


def test_the_service_refuses_moving_to_the_same_status(hr, vacature):
    with pytest.raises(ValidationError, match="al concept"):
        services.vacature_status_set(vacature=vacature, status="concept", door=hr)


@pytest.mark.parametrize("fte", ["0,8", "0.8", " 0,80 "])
def test_an_fte_typed_with_a_comma_or_a_point_means_the_same(hr_client, college, fte):
    """One field parses fte for every form (regio.formfields), whichever way it is typed."""
    hr_client.post(NEW, form_data(college, fte=fte))
    assert Vacature.objects.get().fte == Decimal("0.8")
