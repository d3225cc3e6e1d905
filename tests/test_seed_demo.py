"""`manage.py seed_demo`: realistic demo data, the same for a seed, and safe to run twice."""

import re
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.urls import reverse

from loket import demo
from loket.demo.data import DEMO_PASSWORD, REGIONS
from opleidingsscholen.coverage import opleidingsaandeel_for
from opleidingsscholen.models import (
    Opleidingsplaatsen,
    Opleidingsschool,
    Plaatsingen,
    validate_has_institute,
)
from regio.coverage import dekking_for
from regio.models import (
    Contactpersoon,
    Deelname,
    DeelnameStatus,
    Organisatie,
    OrganisatieSoort,
    Regio,
    Role,
    Sector,
    User,
    Vestiging,
)

from .factories import RegioFactory

# Every model the demo fills, dependants first (the registry's foreign keys protect).
DEMO_MODELS = (
    Plaatsingen,
    Opleidingsplaatsen,
    Opleidingsschool,
    Contactpersoon,
    Deelname,
    EmailAddress,
    User,
    Vestiging,
    Organisatie,
    Regio,
)


def seed_demo(*args, **options) -> str:
    """Run the command like a user would, returning what it printed."""
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, **options)
    return out.getvalue()


def snapshot() -> dict[str, list[tuple]]:
    """Everything the demo makes, without database ids, in a stable order."""
    return {
        "regions": list(
            Regio.objects.order_by("slug").values_list(
                "naam", "slug", "sector", "gemeenten", "penvoerder__naam"
            )
        ),
        "organisaties": list(
            Organisatie.objects.order_by("regio__slug", "soort", "naam").values_list(
                "regio__slug",
                "soort",
                "naam",
                "plaats",
                "bevoegd_gezag_nummer",
                "fte",
                "leerlingen",
                "opleidingssoort",
                "adres",
                "postcode",
                "website",
            )
        ),
        "vestigingen": list(
            Vestiging.objects.order_by("brin", "vestigingsnummer").values_list(
                "bestuur__bevoegd_gezag_nummer",
                "brin",
                "vestigingsnummer",
                "naam",
                "gemeente",
                "adres",
                "postcode",
                "plaats",
            )
        ),
        "users": list(
            User.objects.order_by("email").values_list(
                "email", "role", "regio__slug", "organisatie__naam"
            )
        ),
        "contactpersonen": list(
            Contactpersoon.objects.order_by("organisatie__naam", "naam").values_list(
                "organisatie__naam", "naam", "functie", "email"
            )
        ),
        "deelnames": list(
            Deelname.objects.order_by("regio__slug", "organisatie__naam").values_list(
                "regio__slug", "organisatie__naam", "status", "sinds", "ondertekend_op"
            )
        ),
        "opleidingsscholen": [
            (
                o.regio.slug,
                o.naam,
                o.sector,
                o.status,
                sorted(i.naam for i in o.instituten.all()),
                sorted(b.bevoegd_gezag_nummer for b in o.besturen.all()),
                sorted(f"{v.brin}{v.vestigingsnummer}" for v in o.vestigingen.all()),
            )
            for o in Opleidingsschool.objects.order_by("regio__slug", "naam").prefetch_related(
                "instituten", "besturen", "vestigingen"
            )
        ],
        "opleidingsplaatsen": list(
            Opleidingsplaatsen.objects.order_by(
                "opleidingsschool__naam", "schooljaar", "soort"
            ).values_list(
                "opleidingsschool__naam",
                "schooljaar",
                "soort",
                "capaciteit_nu",
                "capaciteit_gewenst",
            )
        ),
        "plaatsingen": list(
            Plaatsingen.objects.order_by("opleidingsschool__naam", "schooljaar").values_list(
                "opleidingsschool__naam",
                "schooljaar",
                "studenten_binnen",
                "studenten_buiten",
                "zij_instromers_binnen",
                "zij_instromers_buiten",
            )
        ),
    }


def empty_database() -> None:
    """Remove all demo rows, dependants first (the registry's foreign keys protect)."""
    for model in DEMO_MODELS:
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
        assert 10 <= boards.count() <= 24
        assert Vestiging.objects.filter(bestuur__regio=regio).count() >= boards.count()
        spec = next(s for s in REGIONS if regio.naam == f"Onderwijsregio {s.short}")
        assert regio.gemeenten == list(spec.gemeenten)
        assert regio.penvoerder.regio == regio
    assert Organisatie.objects.filter(naam__startswith="Stichting Katholiek Onderwijs Enschede")
    assert Regio.objects.get(slug="twente").penvoerder.naam == (
        "Stichting Katholiek Onderwijs Enschede (KOE)"
    )


def test_boards_have_unique_five_digit_numbers_and_realistic_sizes(db):
    seed_demo("--scale", "small", "--seed", "3")

    boards = Organisatie.objects.filter(soort=OrganisatieSoort.SCHOOLBESTUUR)
    numbers = [b.bevoegd_gezag_nummer for b in boards]
    assert all(re.fullmatch(r"\d{5}", n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    # Special education has small classes; Twente's published totals make its primary boards
    # a little less than 12 pupils per fte on average, and small ones about 10.
    pupils_per_fte = {Sector.PO: (9.5, 16), Sector.VO: (12, 16), Sector.SO: (4, 9)}
    for board in boards.prefetch_related("vestigingen"):
        assert board.naam.startswith(("Stichting ", "Vereniging "))
        assert 20 <= board.fte <= 1500
        low, high = pupils_per_fte[board.vestigingen.all()[0].sector]
        assert low <= board.leerlingen / float(board.fte) <= high


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

    for model in DEMO_MODELS:
        if model is EmailAddress:
            continue
        for obj in model.objects.all():
            obj.full_clean(exclude=["password"])
    for opleidingsschool in Opleidingsschool.objects.prefetch_related("instituten"):
        validate_has_institute(opleidingsschool.instituten.all())


def test_twente_has_the_coverage_of_seed_000_at_small_scale(db):
    seed_demo("--scale", "small", "--seed", "1")

    dekking = dekking_for(Regio.objects.get(slug="twente"))

    assert (dekking.besturen_deelnemend, dekking.besturen_totaal) == (16, 24)
    assert (dekking.fte_deelnemend, dekking.fte_totaal) == (Decimal("3170.0"), Decimal("3567.0"))
    assert (dekking.leerlingen_deelnemend, dekking.leerlingen_totaal) == (37682, 41764)
    assert (dekking.pct_besturen, dekking.pct_fte, dekking.pct_leerlingen) == (
        Decimal("66.7"),
        Decimal("88.9"),
        Decimal("90.2"),
    )
    assert dekking.besturen_gehaald and dekking.fte_gehaald and dekking.eisen_gehaald


@pytest.mark.parametrize("seed", ["2", "9"])
def test_twente_keeps_those_figures_whatever_the_seed(db, seed):
    seed_demo("--scale", "small", "--seed", seed)

    dekking = dekking_for(Regio.objects.get(slug="twente"))

    assert (dekking.besturen_deelnemend, dekking.besturen_totaal) == (16, 24)
    assert (dekking.fte_deelnemend, dekking.fte_totaal) == (3170, 3567)
    assert (dekking.leerlingen_deelnemend, dekking.leerlingen_totaal) == (37682, 41764)


def test_the_twente_region_page_shows_the_figures_of_seed_000(db, client):
    seed_demo("--scale", "small", "--seed", "1")

    page = client.get(reverse("regio_detail", args=["twente"])).content.decode()

    assert "penvoerder Stichting Katholiek Onderwijs Enschede (KOE)" in page
    assert re.search(r"16 / 24", page)
    assert re.search(r"88,9\s*%", page) and re.search(r"90,2\s*%", page)
    assert "De regio voldoet aan de eisen." in page


def test_small_scale_shows_a_region_that_meets_the_requirements_and_one_that_does_not(db):
    seed_demo("--scale", "small", "--seed", "1")

    met = {r.slug: dekking_for(r).eisen_gehaald for r in Regio.objects.all()}

    assert met["twente"]
    assert sorted(met.values()) == [False, True, True]


def test_every_board_and_partner_has_a_participation_in_its_own_region(db):
    seed_demo("--scale", "small", "--seed", "6")

    deelnames = {d.organisatie_id: d for d in Deelname.objects.all()}
    for org in Organisatie.objects.all():
        deelname = deelnames[org.pk]
        assert deelname.regio_id == org.regio_id
        if not org.is_bestuur:
            assert deelname.status == DeelnameStatus.DEELNEMEND
        assert date(2019, 1, 1) <= deelname.sinds <= date(2024, 12, 31)
        if deelname.status == DeelnameStatus.UITGENODIGD:
            assert deelname.ondertekend_op is None
        else:
            assert date(2019, 1, 1) <= deelname.ondertekend_op <= date(2024, 12, 31)
    assert Deelname.objects.count() == Organisatie.objects.count()
    assert set(Deelname.objects.values_list("status", flat=True)) == set(DeelnameStatus)


def test_organisations_and_schools_have_addresses_and_contacts_have_example_addresses(db):
    seed_demo("--scale", "small", "--seed", "8")

    for org in Organisatie.objects.prefetch_related("contactpersonen"):
        assert re.fullmatch(r"\S.* \d+\S*", org.adres)
        assert re.fullmatch(r"[1-9]\d{3} [A-Z]{2}", org.postcode)
        assert re.fullmatch(r"https://www\.[a-z0-9-]+\.voorbeeld\.nl", org.website)
        contacts = org.contactpersonen.all()
        assert 1 <= len(contacts) <= 2
        for contact in contacts:
            assert re.fullmatch(r"[A-Z]\S* .*[A-Za-zÀ-ÿ]", contact.naam)
            assert contact.functie
            assert contact.email.endswith(".voorbeeld.nl")
    for school in Vestiging.objects.all():
        assert re.fullmatch(r"\S.* \d+\S*", school.adres)
        assert re.fullmatch(r"[1-9]\d{3} [A-Z]{2}", school.postcode)
        assert school.plaats
    functies = set(Contactpersoon.objects.values_list("functie", flat=True))
    assert {"Bestuurder", "HR-adviseur", "Projectleider RAP"} <= functies


def test_every_opleidingsschool_has_an_institute_member_boards_and_their_schools(db):
    seed_demo("--scale", "small", "--seed", "1")

    opleidingsscholen = Opleidingsschool.objects.prefetch_related(
        "instituten", "besturen", "vestigingen__bestuur"
    )
    for regio in Regio.objects.all():
        assert 1 <= regio.opleidingsscholen.count() <= 5
    for o in opleidingsscholen:
        institutes = o.instituten.all()
        assert institutes
        assert {i.soort for i in institutes} <= {
            OrganisatieSoort.LERARENOPLEIDING,
            OrganisatieSoort.ROC,
        }
        boards = set(o.besturen.all())
        assert boards and all(b.is_bestuur and b.regio_id == o.regio_id for b in boards)
        assert {school.bestuur for school in o.vestigingen.all()} <= boards
        assert o.plaatsingen.exists() and o.opleidingsplaatsen.exists()
    assert set(Opleidingsschool.objects.values_list("status", flat=True)) == {"erkend", "aspirant"}
    noord = Opleidingsschool.objects.filter(regio__slug="po-noord-nederland")
    assert set(noord.values_list("naam", flat=True)) >= PO_NOORD_NEDERLAND_PARTNERSHIPS


PO_NOORD_NEDERLAND_PARTNERSHIPS = {
    "Opleidingsschool Friesland",
    "Opleidingsschool Drenthe-Kop van Overijssel",
    "Opleidingsschool Kop van Drenthe/Groningen",
}


def test_places_grow_toward_what_is_wanted_and_most_students_train_within(db):
    seed_demo("--scale", "small", "--seed", "1")

    for places in Opleidingsplaatsen.objects.all():
        assert 2023 <= places.schooljaar <= 2025
        assert 1 <= places.capaciteit_nu <= places.capaciteit_gewenst
    for regio in Regio.objects.all():
        aandeel = opleidingsaandeel_for(regio)
        assert aandeel.schooljaar == 2025
        assert 40 <= aandeel.pct_studenten <= 90
        assert 40 <= aandeel.pct_zij_instromers <= 90


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

    assert [r[:4] for r in second["regions"]] == [r[:4] for r in first["regions"]]
    for kind in ("organisaties", "vestigingen", "contactpersonen", "deelnames", "plaatsingen"):
        assert second[kind] != first[kind]


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


def test_national_scale_has_35_regions_1200_boards_7000_schools_most_meeting_the_rules(db):
    seed_demo("--scale", "national", "--seed", "1", verbosity=0)

    assert Regio.objects.count() == 35
    assert Organisatie.objects.filter(soort=OrganisatieSoort.SCHOOLBESTUUR).count() == 1200
    assert Vestiging.objects.count() == 7000
    assert User.objects.count() == len(Role)
    met = [dekking_for(regio).eisen_gehaald for regio in Regio.objects.all()]
    assert 3 <= met.count(False) <= 10
    assert Opleidingsschool.objects.filter(instituten=None).count() == 0
    assert Regio.objects.filter(opleidingsscholen=None).count() == 0
