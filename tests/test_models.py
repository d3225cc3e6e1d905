"""Invariants of the registry and of people that the database itself guards."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from regio.models import Role, User

from .factories import OrganisatieFactory, VestigingFactory


def test_users_log_in_with_a_lowercased_email(db):
    user = User.objects.create_user("Iemand@Example.NL", "Een-lang-wachtwoord-2026")
    assert user.email == "iemand@example.nl"
    assert user.role == Role.KANDIDAAT


@pytest.mark.parametrize("role", [Role.PROJECTLEIDER, Role.LOKETADVISEUR])
def test_a_regional_role_cannot_exist_without_a_region(db, role):
    with pytest.raises(IntegrityError):
        User.objects.bulk_create([User(email="x@example.nl", role=role)])


@pytest.mark.parametrize("role", [Role.HR, Role.OPLEIDER])
def test_an_organisation_role_cannot_exist_without_an_organisation(db, role):
    with pytest.raises(IntegrityError):
        User.objects.bulk_create([User(email="x@example.nl", role=role)])


def test_hr_must_belong_to_a_school_board(opleiding):
    with pytest.raises(ValidationError) as error:
        User(email="hr@example.nl", role=Role.HR, organisatie=opleiding).full_clean()
    assert "Deze rol hoort bij een Schoolbestuur" in str(error.value)


def test_only_the_operator_is_django_staff(beheerder, projectleider):
    assert beheerder.is_staff and beheerder.has_perm("regio.change_regio")
    assert not projectleider.is_staff
    assert not projectleider.has_perm("regio.change_regio")


def test_two_boards_cannot_share_a_bevoegd_gezag_number(regio):
    OrganisatieFactory(bestuur=True, regio=regio, bevoegd_gezag_nummer="41111")
    with pytest.raises(ValidationError) as error:
        OrganisatieFactory.build(
            bestuur=True, regio=regio, bevoegd_gezag_nummer="41111"
        ).full_clean()
    assert "bevoegd-gezagnummer" in str(error.value)


def test_organisations_without_a_board_number_do_not_clash(regio):
    OrganisatieFactory(regio=regio)
    OrganisatieFactory(regio=regio)  # both have an empty number


def test_fte_cannot_be_negative(regio):
    with pytest.raises(ValidationError) as error:
        OrganisatieFactory.build(bestuur=True, regio=regio, fte=-1).full_clean()
    assert "niet negatief" in str(error.value)


def test_two_schools_cannot_share_a_brin_and_vestigingsnummer(bestuur):
    with pytest.raises(ValidationError) as error:
        VestigingFactory.build(bestuur=bestuur, brin="12AB", vestigingsnummer="00").full_clean()
    assert "BRIN" in str(error.value)


def test_a_school_belongs_to_a_school_board(opleiding):
    school = VestigingFactory.build(bestuur=opleiding)
    with pytest.raises(ValidationError):
        school.full_clean()
