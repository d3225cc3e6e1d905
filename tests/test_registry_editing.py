"""Project leaders keep their region's registry: organisations, participation, contacts, schools."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regio import services
from regio.models import (
    Contactpersoon,
    Deelname,
    DeelnameStatus,
    Organisatie,
    OrganisatieSoort,
    Vestiging,
)

from .factories import DeelnameFactory, OrganisatieFactory, VestigingFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def pl_client(client, projectleider):
    client.force_login(projectleider)
    return client


def text(response) -> str:
    return response.content.decode()


def row_data(organisatie, **changes):
    """The POST of an inline register row, starting from what the row shows."""
    deelname = organisatie.deelnames.filter(regio=organisatie.regio).first()
    data = {
        "naam": organisatie.naam,
        "bevoegd_gezag_nummer": organisatie.bevoegd_gezag_nummer,
        "fte": "" if organisatie.fte is None else str(organisatie.fte).replace(".", ","),
        "leerlingen": "" if organisatie.leerlingen is None else str(organisatie.leerlingen),
        "status": deelname.status if deelname else "",
        "sinds": deelname.sinds.isoformat() if deelname and deelname.sinds else "",
        "ondertekend_op": "",
    }
    data.update(changes)
    return {f"rij-{organisatie.pk}-{name}": value for name, value in data.items()}


def nieuw_bestuur(**changes):
    data = {
        "soort": OrganisatieSoort.SCHOOLBESTUUR,
        "naam": "Stichting Nieuw Begin",
        "plaats": "Almelo",
        "adres": "Marktstraat 1",
        "postcode": "7607 ab",
        "website": "www.nieuwbegin.nl",
        "bevoegd_gezag_nummer": "41999",
        "fte": "250,5",
        "leerlingen": "3100",
    }
    data.update(changes)
    return data


def figure(page: str, label: str) -> str:
    """The first figure shown under a label on the region page, e.g. '1 / 2'."""
    match = re.search(re.escape(label) + r"</dt>\s*<dd>([^<]*)</dd>", page)
    assert match, f"{label!r} not on the page"
    return " ".join(match[1].split())


# The register page ---------------------------------------------------------------------------


def test_project_leader_sees_the_organisations_of_own_region_only(
    pl_client, regio, bestuur, opleiding, ander_bestuur
):
    DeelnameFactory(organisatie=bestuur, sinds="2022-08-01")

    page = text(pl_client.get(reverse("regio:register")))

    assert "Register van Onderwijsregio Twente" in page
    row = page[page.index(f'id="organisatie-{bestuur.pk}"') :]
    row = row[: row.index("</tr>")]
    for shown in ("Stichting Tweede Kans", "Schoolbestuur", bestuur.bevoegd_gezag_nummer):
        assert shown in row
    assert "100,0" in row  # fte
    assert "1.500" in row  # pupils
    assert "Neemt deel" in row
    assert "1-8-2022" in row
    assert "Pabo Twente" in page
    assert "Geen deelname" in page  # the institute has none yet
    assert "Stichting Elders" not in page


def test_each_row_has_an_edit_link_that_works_with_and_without_htmx(pl_client, bestuur):
    page = text(pl_client.get(reverse("regio:register")))

    edit_page = reverse("regio:organisatie_bewerken", args=[bestuur.pk])
    edit_row = reverse("regio:register_rij", args=[bestuur.pk]) + "?bewerken=1"
    assert f'href="{edit_page}" hx-get="{edit_row}"' in page
    assert pl_client.get(edit_page).status_code == 200
    # Someone who opens the row's own URL without htmx lands on the edit page.
    assert pl_client.get(edit_row).url == edit_page


def test_htmx_edit_link_returns_only_the_edit_row(pl_client, bestuur):
    response = pl_client.get(
        reverse("regio:register_rij", args=[bestuur.pk]) + "?bewerken=1", **HTMX
    )

    row = text(response)
    assert response.status_code == 200
    assert row.strip().startswith(f'<tr id="organisatie-{bestuur.pk}" class="edit-row">')
    assert "<html" not in row
    assert f'name="rij-{bestuur.pk}-fte" value="100,0"' in row
    assert f'form="rij-{bestuur.pk}-form"' in row
    assert ">Opslaan<" in row
    assert ">Annuleren<" in row


def test_cancel_with_htmx_returns_the_display_row(pl_client, bestuur):
    response = pl_client.get(reverse("regio:register_rij", args=[bestuur.pk]), **HTMX)

    row = text(response)
    assert row.strip().startswith(f'<tr id="organisatie-{bestuur.pk}">')
    assert ">Bewerken<" in row
    assert "<input" not in row


def test_project_leader_edits_a_row_without_javascript(pl_client, regio, bestuur):
    url = reverse("regio:register_rij", args=[bestuur.pk])

    response = pl_client.post(
        url,
        row_data(bestuur, fte="321,5", leerlingen="4000", status="deelnemend", sinds="2024-08-01"),
        follow=True,
    )

    assert response.redirect_chain[-1][0] == f"{reverse('regio:register')}#organisatie-{bestuur.pk}"
    assert "Stichting Tweede Kans is opgeslagen." in text(response)
    bestuur.refresh_from_db()
    assert bestuur.fte == Decimal("321.5")
    assert bestuur.leerlingen == 4000
    deelname = Deelname.objects.get(organisatie=bestuur, regio=regio)
    assert deelname.status == DeelnameStatus.DEELNEMEND
    assert str(deelname.sinds) == "2024-08-01"


def test_project_leader_edits_a_row_with_htmx_and_gets_only_the_row_back(pl_client, bestuur):
    url = reverse("regio:register_rij", args=[bestuur.pk])

    response = pl_client.post(
        url, row_data(bestuur, naam="Stichting Tweede Kans PO", status="uitgenodigd"), **HTMX
    )

    row = text(response)
    assert response.status_code == 200
    assert row.strip().startswith(f'<tr id="organisatie-{bestuur.pk}">')
    assert "<html" not in row and "<input" not in row
    assert "Stichting Tweede Kans PO" in row
    assert "Uitgenodigd" in row
    bestuur.refresh_from_db()
    assert bestuur.naam == "Stichting Tweede Kans PO"


def test_a_row_of_another_kind_edits_only_name_and_participation(pl_client, regio, opleiding):
    url = reverse("regio:register_rij", args=[opleiding.pk])
    form = text(pl_client.get(url + "?bewerken=1", **HTMX))
    assert "fte" not in form

    pl_client.post(
        url, {f"rij-{opleiding.pk}-naam": "Pabo Twente", f"rij-{opleiding.pk}-status": "deelnemend"}
    )

    assert Deelname.objects.get(organisatie=opleiding, regio=regio).status == "deelnemend"


def test_clearing_the_status_removes_the_participation(pl_client, regio, bestuur):
    DeelnameFactory(organisatie=bestuur)

    pl_client.post(reverse("regio:register_rij", args=[bestuur.pk]), row_data(bestuur, status=""))

    assert not Deelname.objects.filter(organisatie=bestuur).exists()
    page = text(pl_client.get(reverse("regio:register")))
    assert "Geen deelname" in page


ROW_BAD_INPUT = [
    ({"fte": "-5"}, "Het aantal fte kan niet negatief zijn."),
    ({"fte": "abc"}, "Vul het aantal fte in als getal, bijv. 125,5."),
    ({"leerlingen": "veel"}, "Vul het aantal leerlingen in als heel getal."),
    ({"bevoegd_gezag_nummer": ""}, "Een schoolbestuur heeft een bevoegd-gezagnummer."),
    ({"bevoegd_gezag_nummer": "12a45"}, "Een bevoegd-gezagnummer bestaat uit vijf cijfers."),
    ({"bevoegd_gezag_nummer": "40999"}, "Er bestaat al een bestuur met dit bevoegd-gezagnummer."),
    ({"naam": ""}, "Dit veld is verplicht."),
    ({"sinds": "gisteren"}, "Vul een datum in, bijv. 1-8-2025."),
    ({"status": "", "sinds": "2024-08-01"}, "Kies een status, of laat de data leeg"),
]


@pytest.mark.parametrize(("changes", "message"), ROW_BAD_INPUT)
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_bad_input_in_a_row_gets_a_dutch_message_and_changes_nothing(
    pl_client, regio, bestuur, changes, message, htmx
):
    OrganisatieFactory(bestuur=True, regio=regio, bevoegd_gezag_nummer="40999")
    before = Organisatie.objects.values().get(pk=bestuur.pk)
    # A valid participation in the same row is not saved either: the row is all or nothing.
    data = row_data(bestuur, **{"status": "deelnemend", **changes})

    response = pl_client.post(
        reverse("regio:register_rij", args=[bestuur.pk]), data, **(HTMX if htmx else {})
    )

    page = text(response)
    assert message in page
    assert response.status_code == (200 if htmx else 422)
    if htmx:
        assert page.strip().startswith(f'<tr id="organisatie-{bestuur.pk}" class="edit-row">')
    else:
        assert "Register van Onderwijsregio Twente" in page  # the whole page, row in edit mode
    assert Organisatie.objects.values().get(pk=bestuur.pk) == before
    assert not Deelname.objects.filter(organisatie=bestuur).exists()


def test_the_register_row_is_saved_as_a_whole_or_not_at_all(regio, bestuur):
    with pytest.raises(ValidationError):
        services.registerregel_save(
            organisatie=bestuur,
            regio=regio,
            organisatie_fields={"naam": "Nieuwe naam"},
            deelname_fields={"status": "onzin"},
        )

    bestuur.refresh_from_db()
    assert bestuur.naam == "Stichting Tweede Kans"


def test_register_page_query_count_does_not_grow_with_the_organisations(
    pl_client, regio, django_assert_max_num_queries
):
    def queries_for_register():
        with CaptureQueriesContext(connection) as queries:
            assert pl_client.get(reverse("regio:register")).status_code == 200
        return len(queries)

    for n in range(3):
        DeelnameFactory(organisatie=OrganisatieFactory(bestuur=True, regio=regio, naam=f"A {n}"))
    with_three = queries_for_register()
    for n in range(27):
        board = OrganisatieFactory(bestuur=True, regio=regio, naam=f"B {n}")
        DeelnameFactory(organisatie=board)
        OrganisatieFactory(regio=regio, soort=OrganisatieSoort.GEMEENTE)  # no participation
    with_thirty = queries_for_register()

    assert with_thirty == with_three
    with django_assert_max_num_queries(8):
        page = text(pl_client.get(reverse("regio:register")))
    assert page.count("Neemt deel") == 30


# Adding an organisation ----------------------------------------------------------------------


def test_project_leader_adds_a_board_to_own_region(pl_client, regio, andere_regio):
    # A forged region in the POST is ignored: the region is not a field.
    response = pl_client.post(
        reverse("regio:organisatie_nieuw"),
        {**nieuw_bestuur(), "regio": andere_regio.pk},
        follow=True,
    )

    board = Organisatie.objects.get(naam="Stichting Nieuw Begin")
    assert board.regio == regio
    assert board.bevoegd_gezag_nummer == "41999"
    assert board.fte == Decimal("250.5")
    assert board.leerlingen == 3100
    assert board.postcode == "7607 AB"
    assert board.website == "https://www.nieuwbegin.nl"
    assert response.redirect_chain[-1][0] == reverse("regio:organisatie_bewerken", args=[board.pk])
    assert "Stichting Nieuw Begin staat in het register." in text(response)
    assert "Stichting Nieuw Begin" in text(pl_client.get(reverse("regio:register")))


def test_project_leader_adds_a_teacher_training_institute(pl_client, regio):
    pl_client.post(
        reverse("regio:organisatie_nieuw"),
        {
            "soort": OrganisatieSoort.LERARENOPLEIDING,
            "naam": "Saxion Lerarenopleiding",
            "opleidingssoort": "tweedegraads",
            "opleidingsniveau": "hbo",
            # Board fields on another kind are dropped, not kept or refused.
            "bevoegd_gezag_nummer": "40999",
            "fte": "12",
        },
    )

    instituut = Organisatie.objects.get(naam="Saxion Lerarenopleiding")
    assert (instituut.regio, instituut.opleidingssoort, instituut.opleidingsniveau) == (
        regio,
        "tweedegraads",
        "hbo",
    )
    assert (instituut.bevoegd_gezag_nummer, instituut.fte) == ("", None)


NEW_BAD_INPUT = [
    ({"bevoegd_gezag_nummer": "40999"}, "Er bestaat al een bestuur met dit bevoegd-gezagnummer."),
    ({"fte": "-1"}, "Het aantal fte kan niet negatief zijn."),
    ({"fte": "abc"}, "Vul het aantal fte in als getal, bijv. 125,5."),
    ({"fte": "12,34"}, "Vul het aantal fte in met hoogstens één cijfer na de komma."),
    ({"bevoegd_gezag_nummer": ""}, "Een schoolbestuur heeft een bevoegd-gezagnummer."),
    ({"bevoegd_gezag_nummer": "123"}, "Een bevoegd-gezagnummer bestaat uit vijf cijfers."),
    ({"leerlingen": "-3"}, "Het aantal leerlingen kan niet negatief zijn."),
    ({"postcode": "ABCD 12"}, "Een postcode bestaat uit vier cijfers en twee letters"),
    ({"website": "geen adres"}, "Vul een geldig webadres in"),
    ({"soort": "school"}, "Selecteer een geldige keuze."),
    (
        {"soort": OrganisatieSoort.LERARENOPLEIDING, "opleidingssoort": ""},
        "Kies welke lerarenopleiding dit is.",
    ),
]


@pytest.mark.parametrize(("changes", "message"), NEW_BAD_INPUT)
def test_adding_with_bad_input_gets_a_dutch_message_and_adds_nothing(
    pl_client, regio, changes, message
):
    OrganisatieFactory(bestuur=True, regio=regio, bevoegd_gezag_nummer="40999")
    count = Organisatie.objects.count()

    response = pl_client.post(reverse("regio:organisatie_nieuw"), nieuw_bestuur(**changes))

    assert response.status_code == 422
    assert message in text(response)
    assert Organisatie.objects.count() == count


# The organisation's page ---------------------------------------------------------------------


def test_project_leader_edits_the_organisation_on_its_page(pl_client, bestuur):
    url = reverse("regio:organisatie_bewerken", args=[bestuur.pk])

    response = pl_client.post(
        url, nieuw_bestuur(naam="Stichting Tweede Kans", bevoegd_gezag_nummer="41000"), follow=True
    )

    assert "De gegevens zijn opgeslagen." in text(response)
    bestuur.refresh_from_db()
    assert (bestuur.bevoegd_gezag_nummer, bestuur.plaats) == ("41000", "Almelo")


def test_a_board_with_schools_stays_a_board(pl_client, bestuur):
    url = reverse("regio:organisatie_bewerken", args=[bestuur.pk])

    response = pl_client.post(url, nieuw_bestuur(soort=OrganisatieSoort.OVERIG, naam="Iets anders"))

    assert response.status_code == 422
    assert "Dit bestuur heeft scholen; het blijft een schoolbestuur." in text(response)
    bestuur.refresh_from_db()
    assert (bestuur.soort, bestuur.naam) == (
        OrganisatieSoort.SCHOOLBESTUUR,
        "Stichting Tweede Kans",
    )


def test_edit_page_with_bad_input_shows_the_saved_name_and_the_message(pl_client, bestuur):
    url = reverse("regio:organisatie_bewerken", args=[bestuur.pk])

    response = pl_client.post(url, nieuw_bestuur(naam="Nieuwe naam", fte="abc"))

    page = text(response)
    assert "<h1>Stichting Tweede Kans</h1>" in page
    assert "Vul het aantal fte in als getal" in page
    bestuur.refresh_from_db()
    assert bestuur.naam == "Stichting Tweede Kans"


def test_edit_page_shows_contacts_participation_and_schools(pl_client, regio, bestuur):
    Contactpersoon.objects.create(organisatie=bestuur, naam="Carla Contact", functie="HR-adviseur")
    DeelnameFactory(organisatie=bestuur, ondertekend_op="2023-01-15")

    page = text(pl_client.get(reverse("regio:organisatie_bewerken", args=[bestuur.pk])))

    assert "Carla Contact" in page and "HR-adviseur" in page
    assert "Deelname aan het plan van Onderwijsregio Twente" in page
    assert 'value="deelnemend" selected' in page
    assert 'value="2023-01-15"' in page
    assert "Basisschool De Esch" in page and "12AB00" in page


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_project_leader_sets_participation_on_the_organisation_page(
    pl_client, regio, bestuur, htmx
):
    response = pl_client.post(
        reverse("regio:organisatie_deelname", args=[bestuur.pk]),
        {"deelname-status": "deelnemend", "deelname-ondertekend_op": "2024-02-01"},
        **(HTMX if htmx else {}),
    )

    deelname = Deelname.objects.get(organisatie=bestuur, regio=regio)
    assert (deelname.status, str(deelname.ondertekend_op)) == ("deelnemend", "2024-02-01")
    if htmx:
        assert text(response).strip().startswith('<section id="deelname"')
        assert "De deelname is opgeslagen." in text(response)
    else:
        assert response.url.endswith("#deelname")


def test_participation_with_a_bad_date_changes_nothing(pl_client, bestuur):
    response = pl_client.post(
        reverse("regio:organisatie_deelname", args=[bestuur.pk]),
        {"deelname-status": "deelnemend", "deelname-sinds": "31-02-2024"},
    )

    assert response.status_code == 422
    assert "Vul een datum in, bijv. 1-8-2025." in text(response)
    assert not Deelname.objects.exists()


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_project_leader_adds_and_removes_a_contact_person(pl_client, bestuur, htmx):
    headers = HTMX if htmx else {}
    response = pl_client.post(
        reverse("regio:contactpersoon_nieuw", args=[bestuur.pk]),
        {"contact-naam": "Carla Contact", "contact-email": "carla@tweedekans.nl"},
        **headers,
    )
    contact = Contactpersoon.objects.get(organisatie=bestuur)
    assert contact.email == "carla@tweedekans.nl"
    if htmx:
        assert text(response).strip().startswith('<section id="contactpersonen"')
        assert "Carla Contact" in text(response)

    response = pl_client.post(
        reverse("regio:contactpersoon_verwijderen", args=[bestuur.pk, contact.pk]), **headers
    )

    assert not Contactpersoon.objects.exists()
    if htmx:
        assert "Carla Contact is verwijderd als contactpersoon." in text(response)


def test_a_contact_person_with_a_bad_email_address_is_not_added(pl_client, bestuur):
    response = pl_client.post(
        reverse("regio:contactpersoon_nieuw", args=[bestuur.pk]),
        {"contact-naam": "Carla", "contact-email": "carla-at-nergens"},
        **HTMX,
    )

    assert "Vul een geldig e-mailadres in" in text(response)
    assert not Contactpersoon.objects.exists()


def test_a_contact_of_another_organisation_cannot_be_removed_through_this_one(
    pl_client, regio, bestuur, opleiding
):
    contact = Contactpersoon.objects.create(organisatie=opleiding, naam="Olga")

    response = pl_client.post(
        reverse("regio:contactpersoon_verwijderen", args=[bestuur.pk, contact.pk])
    )

    assert response.status_code == 404
    assert Contactpersoon.objects.filter(pk=contact.pk).exists()


# Schools of a board --------------------------------------------------------------------------


def vestiging_data(**changes):
    data = {
        "brin": "07xy",
        "vestigingsnummer": "01",
        "naam": "Basisschool De Bolster",
        "gemeente": "Hengelo",
        "sector": "po",
        "postcode": "7551AB",
    }
    data.update(changes)
    return {f"vestiging-{name}": value for name, value in data.items()}


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_project_leader_adds_a_school_to_a_board(pl_client, bestuur, ander_bestuur, htmx):
    response = pl_client.post(
        reverse("regio:vestiging_nieuw", args=[bestuur.pk]),
        # A forged board in the POST is ignored: the board is the page's.
        {**vestiging_data(), "vestiging-bestuur": ander_bestuur.pk},
        **(HTMX if htmx else {}),
    )

    school = Vestiging.objects.get(naam="Basisschool De Bolster")
    assert (school.bestuur, school.brin, school.postcode) == (bestuur, "07XY", "7551 AB")
    if htmx:
        assert text(response).strip().startswith('<section id="vestigingen"')
        assert "07XY01" in text(response)


SCHOOL_BAD_INPUT = [
    ({"brin": "12ab", "vestigingsnummer": "00"}, "Er bestaat al een vestiging met deze BRIN-code."),
    ({"brin": "ABCD"}, "Een BRIN-code bestaat uit twee cijfers en twee letters of cijfers."),
    ({"vestigingsnummer": "1a"}, "Een vestigingsnummer bestaat uit twee cijfers."),
    ({"gemeente": ""}, "Dit veld is verplicht."),
]


@pytest.mark.parametrize(("changes", "message"), SCHOOL_BAD_INPUT)
def test_adding_a_school_with_bad_input_gets_a_dutch_message(pl_client, bestuur, changes, message):
    response = pl_client.post(
        reverse("regio:vestiging_nieuw", args=[bestuur.pk]), vestiging_data(**changes)
    )

    assert response.status_code == 422
    assert message in text(response)
    assert Vestiging.objects.count() == 1  # the board's existing school


def test_project_leader_edits_a_school(pl_client, bestuur):
    school = bestuur.vestigingen.get()
    url = reverse("regio:vestiging_bewerken", args=[bestuur.pk, school.pk])
    assert "Basisschool De Esch" in text(pl_client.get(url))

    response = pl_client.post(
        url,
        {
            "brin": "12AB",
            "vestigingsnummer": "00",
            "naam": "Kindcentrum De Esch",
            "gemeente": "Enschede",
            "sector": "po",
        },
        follow=True,
    )

    assert "De school is opgeslagen." in text(response)
    school.refresh_from_db()
    assert school.naam == "Kindcentrum De Esch"


def test_editing_a_school_to_a_taken_brin_changes_nothing(pl_client, bestuur):
    VestigingFactory(bestuur=bestuur, brin="07XY", vestigingsnummer="00")
    school = bestuur.vestigingen.get(brin="12AB")
    url = reverse("regio:vestiging_bewerken", args=[bestuur.pk, school.pk])

    response = pl_client.post(
        url,
        {
            "brin": "07xy",
            "vestigingsnummer": "00",
            "naam": "Dubbel",
            "gemeente": "E",
            "sector": "po",
        },
    )

    assert response.status_code == 422
    assert "Er bestaat al een vestiging met deze BRIN-code." in text(response)
    assert "<h1>Basisschool De Esch</h1>" in text(response)
    school.refresh_from_db()
    assert (school.brin, school.naam) == ("12AB", "Basisschool De Esch")


def test_only_a_board_has_schools(pl_client, opleiding):
    page = text(pl_client.get(reverse("regio:organisatie_bewerken", args=[opleiding.pk])))
    assert "School toevoegen" not in page

    response = pl_client.post(
        reverse("regio:vestiging_nieuw", args=[opleiding.pk]), vestiging_data()
    )

    assert response.status_code == 404
    assert not Vestiging.objects.exists()


# Coverage follows the registry ---------------------------------------------------------------


def test_changing_participation_changes_the_coverage_on_the_region_page(
    client, pl_client, regio, bestuur
):
    tweede = OrganisatieFactory(bestuur=True, regio=regio, naam="Stichting Twee", fte=300)
    DeelnameFactory(organisatie=bestuur)
    regio_page = reverse("regio_detail", args=[regio.slug])
    page = text(client.get(regio_page))
    assert figure(page, "Deelnemende schoolbesturen") == "1 / 2"
    assert figure(page, "Fte van deelnemende besturen") == "100 / 400"

    pl_client.post(
        reverse("regio:register_rij", args=[tweede.pk]), row_data(tweede, status="deelnemend")
    )

    page = text(client.get(regio_page))
    assert figure(page, "Deelnemende schoolbesturen") == "2 / 2"
    assert figure(page, "Fte van deelnemende besturen") == "400 / 400"


# Who may do this ---------------------------------------------------------------------------


@pytest.fixture
def region_a_urls(regio, bestuur):
    """Every page and POST of the registry editing, aimed at region A's objects."""
    contact = Contactpersoon.objects.create(organisatie=bestuur, naam="Carla Contact")
    school = bestuur.vestigingen.get()
    pk = bestuur.pk
    return [
        ("get", reverse("regio:register"), {}),
        ("get", reverse("regio:organisatie_nieuw"), {}),
        ("post", reverse("regio:organisatie_nieuw"), nieuw_bestuur()),
        ("get", reverse("regio:organisatie_bewerken", args=[pk]), {}),
        ("post", reverse("regio:organisatie_bewerken", args=[pk]), nieuw_bestuur(naam="Gekaapt")),
        ("get", reverse("regio:register_rij", args=[pk]) + "?bewerken=1", {}),
        ("post", reverse("regio:register_rij", args=[pk]), row_data(bestuur, naam="Gekaapt")),
        (
            "post",
            reverse("regio:organisatie_deelname", args=[pk]),
            {"deelname-status": "deelnemend"},
        ),
        ("post", reverse("regio:contactpersoon_nieuw", args=[pk]), {"contact-naam": "Indringer"}),
        ("post", reverse("regio:contactpersoon_verwijderen", args=[pk, contact.pk]), {}),
        ("post", reverse("regio:vestiging_nieuw", args=[pk]), vestiging_data()),
        ("get", reverse("regio:vestiging_bewerken", args=[pk, school.pk]), {}),
        ("post", reverse("regio:vestiging_bewerken", args=[pk, school.pk]), vestiging_data()),
    ]


def assert_registry_unchanged(bestuur):
    bestuur.refresh_from_db()
    assert bestuur.naam == "Stichting Tweede Kans"
    assert not Deelname.objects.exists()
    assert list(Contactpersoon.objects.values_list("naam", flat=True)) == ["Carla Contact"]
    assert list(Vestiging.objects.values_list("naam", flat=True)) == ["Basisschool De Esch"]
    assert not Organisatie.objects.filter(naam="Stichting Nieuw Begin").exists()


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_project_leader_of_another_region_gets_404_on_every_page_and_post(
    client, projectleider_elders, region_a_urls, bestuur, htmx
):
    client.force_login(projectleider_elders)
    object_urls = [u for u in region_a_urls if "/register/" + str(bestuur.pk) in u[1]]
    assert len(object_urls) == 10

    for method, url, data in object_urls:
        response = getattr(client, method)(url, data, **(HTMX if htmx else {}))
        assert response.status_code == 404, (method, url)
    assert_registry_unchanged(bestuur)


def test_project_leader_of_another_region_sees_only_own_register(
    client, projectleider_elders, bestuur, ander_bestuur
):
    client.force_login(projectleider_elders)

    page = text(client.get(reverse("regio:register")))

    assert "Stichting Elders" in page
    assert "Stichting Tweede Kans" not in page


@pytest.mark.parametrize(
    "persona", ["hr", "adviseur", "kandidaat", "opleider", "beheerder"], indirect=True
)
def test_other_roles_get_404_on_every_page_and_post(client, persona, region_a_urls, bestuur):
    client.force_login(persona)

    for method, url, data in region_a_urls:
        assert getattr(client, method)(url, data).status_code == 404, (method, url)
    assert_registry_unchanged(bestuur)


def test_anonymous_visitors_are_sent_to_login(client, region_a_urls, bestuur):
    for method, url, data in region_a_urls:
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, (method, url)
        assert response.url.startswith(reverse("account_login"))
    assert_registry_unchanged(bestuur)
