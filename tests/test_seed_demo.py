"""`manage.py seed_demo`: realistic demo data, the same for a seed, and safe to run twice."""

import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from loket import demo
from loket.demo.data import DEMO_PASSWORD, REGIONS
from regio.models import Organisatie, OrganisatieSoort, Regio, Role, User, Vestiging

from .factories import RegioFactory


def seed_demo(*args, **options) -> str:
    """Run the command like a user would, returning what it printed."""
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, **options)
    return out.getvalue()


def snapshot() -> dict[str, list[tuple]]:
    """Everything the demo makes, without database ids, in a stable order."""
    return {
        "regions": list(Regio.objects.order_by("slug").values_list("naam", "slug", "sector")),
        "organisaties": list(
            Organisatie.objects.order_by("regio__slug", "soort", "naam").values_list(
                "regio__slug",
                "soort",
                "naam",
                "plaats",
                "bevoegd_gezag_nummer",
                "fte",
                "leerlingen",
            )
        ),
        "vestigingen": list(
            Vestiging.objects.order_by("brin", "vestigingsnummer").values_list(
                "bestuur__bevoegd_gezag_nummer", "brin", "vestigingsnummer", "naam", "gemeente"
            )
        ),
        "users": list(
            User.objects.order_by("email").values_list(
                "email", "role", "regio__slug", "organisatie__naam"
            )
        ),
    }


def empty_database() -> None:
    """Remove all demo rows, dependants first (the registry's foreign keys protect)."""
    for model in (EmailAddress, User, Vestiging, Organisatie, Regio):
        model.objects.all().delete()


def test_small_scale_makes_three_regions_with_boards_schools_and_partners(db):
    seed_demo("--scale", "small", "--seed", "1")

    regions = list(Regio.objects.all())
    assert sorted(r.naam for r in regions) == [
        "Onderwijsregio PO Noord-Nederland",
        "Onderwijsregio Rotterdam",
        "Onderwijsregio Twente",
    ]
    for regio in regions:
        soorten = set(regio.organisaties.values_list("soort", flat=True))
        assert soorten == set(OrganisatieSoort) - {OrganisatieSoort.OVERIG}
        boards = regio.organisaties.filter(soort=OrganisatieSoort.SCHOOLBESTUUR)
        assert 4 <= boards.count() <= 10
        assert Vestiging.objects.filter(bestuur__regio=regio).count() >= boards.count()
    assert Organisatie.objects.filter(naam__startswith="Stichting Katholiek Onderwijs Enschede")


def test_boards_have_unique_five_digit_numbers_and_realistic_sizes(db):
    seed_demo("--scale", "small", "--seed", "3")

    boards = Organisatie.objects.filter(soort=OrganisatieSoort.SCHOOLBESTUUR)
    numbers = [b.bevoegd_gezag_nummer for b in boards]
    assert all(re.fullmatch(r"\d{5}", n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    for board in boards:
        assert board.naam.startswith(("Stichting ", "Vereniging "))
        assert 20 <= board.fte <= 1500
        assert 12 <= board.leerlingen / float(board.fte) <= 16


def test_schools_have_brin_codes_and_lie_in_a_municipality_of_their_region(db):
    seed_demo("--scale", "small", "--seed", "4")
    gemeenten = {f"Onderwijsregio {spec.short}": set(spec.gemeenten) for spec in REGIONS}

    for school in Vestiging.objects.select_related("bestuur__regio"):
        assert re.fullmatch(r"\d\d[A-Z]{2}", school.brin)
        assert re.fullmatch(r"\d\d", school.vestigingsnummer)
        assert school.gemeente in gemeenten[school.bestuur.regio.naam]
        assert school.sector in {"po", "so", "vo"}


def test_all_rows_pass_model_validation(db):
    seed_demo("--scale", "small", "--seed", "5")

    for model in (Regio, Organisatie, Vestiging, User):
        for obj in model.objects.all():
            obj.full_clean(exclude=["password"])


def test_there_is_one_demo_login_per_role_that_can_log_in_at_once(db):
    seed_demo("--scale", "small", "--seed", "1")
    twente = Regio.objects.get(slug="twente")

    users = {u.role: u for u in User.objects.all()}
    assert set(users) == set(Role)
    for user in users.values():
        assert authenticate(email=user.email, password=DEMO_PASSWORD) == user
        assert EmailAddress.objects.filter(
            user=user, email=user.email, primary=True, verified=True
        ).exists()
        user.full_clean()
    assert users[Role.LOKETADVISEUR].regio == twente
    assert users[Role.PROJECTLEIDER].regio == twente
    assert users[Role.HR].organisatie.soort == OrganisatieSoort.SCHOOLBESTUUR
    assert users[Role.HR].organisatie.regio == twente
    assert users[Role.OPLEIDER].organisatie.soort == OrganisatieSoort.LERARENOPLEIDING
    assert users[Role.OPLEIDER].organisatie.regio == twente


def test_it_prints_the_demo_logins_with_their_password(db):
    output = seed_demo("--scale", "small", "--seed", "1")

    for user in User.objects.all():
        assert re.search(rf"{re.escape(user.email)}\s+{user.role}\s+{DEMO_PASSWORD}", output)


def test_it_is_deterministic_for_a_seed(db):
    seed_demo("--scale", "small", "--seed", "7")
    first = snapshot()
    empty_database()
    seed_demo("--scale", "small", "--seed", "7")

    assert snapshot() == first


def test_another_seed_gives_other_data(db):
    seed_demo("--scale", "small", "--seed", "1")
    first = snapshot()
    empty_database()
    seed_demo("--scale", "small", "--seed", "2")
    second = snapshot()

    assert second["regions"] == first["regions"]
    assert second["organisaties"] != first["organisaties"]
    assert second["vestigingen"] != first["vestigingen"]


def test_if_empty_fills_an_empty_database(db):
    seed_demo("--scale", "small", "--seed", "1", "--if-empty")

    assert Regio.objects.count() == 3


def test_if_empty_leaves_existing_data_alone_and_still_lists_the_logins(db):
    seed_demo("--scale", "small", "--seed", "1")
    before = snapshot()

    output = seed_demo("--scale", "small", "--seed", "2", "--if-empty")

    assert snapshot() == before
    assert "already there" in output
    assert "adviseur@demo.onderwijsloket.nl" in output


def test_without_if_empty_it_refuses_a_database_with_data_and_changes_nothing(db):
    seed_demo("--scale", "small", "--seed", "1")
    before = snapshot()

    with pytest.raises(CommandError, match="already has 3 region"):
        seed_demo("--scale", "small", "--seed", "1")

    assert snapshot() == before


def test_it_refuses_any_region_not_only_its_own(db):
    RegioFactory(naam="Onderwijsregio Elders", slug="elders")

    with pytest.raises(CommandError, match="already has 1 region"):
        seed_demo("--scale", "small")

    assert Regio.objects.count() == 1
    assert not User.objects.exists()


def test_default_output_is_short_and_verbosity_2_times_each_step(db):
    quiet = seed_demo("--scale", "small", "--seed", "1")
    empty_database()
    verbose = seed_demo("--scale", "small", "--seed", "1", verbosity=2)

    assert "step " not in quiet
    for step in demo.STEPS:
        assert re.search(rf"^step {step.name}\s+\d+ rows\s+[\d.]+ s$", verbose, re.MULTILINE)


def test_national_scale_has_35_regions_about_1200_boards_and_7000_schools(db):
    seed_demo("--scale", "national", "--seed", "1", verbosity=0)

    assert Regio.objects.count() == 35
    assert Organisatie.objects.filter(soort=OrganisatieSoort.SCHOOLBESTUUR).count() == 1200
    assert Vestiging.objects.count() == 7000
    assert User.objects.count() == len(Role)
