"""A vacancy's publication history: every period it was published is kept, so "open on day X"
(Vacature.objects.open_op) gives the same answer after it is closed, republished or taken back
to concept."""

import datetime
from datetime import time, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from kandidaten.models import Contractsoort
from kandidaten.services import introductie_answer
from kandidaten.services.matching import aanstelling_record, introductie_invite
from loket.demo.tekorten import quarters_for
from regio.models import (
    Regio,
    Sector,
    Vacature,
    VacaturePublicatie,
    VacatureStatus,
    laatste_dag,
)
from regio.vacatures import publicatie_begin, publicatie_einde, vacature_status_set

from .factories import VestigingFactory
from .factories_matching import profiel_van, vacature_in, zoekende
from .factories_vacatures import VacatureFactory
from .test_vacatures_import import csv_bytes, row, run

S = VacatureStatus
QUERIES_ADMIN = 10  # session, user, MFA, the vacancy, its periods, ...: not one per period


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time(hour)))


def day_after(day: datetime.date) -> datetime.datetime:
    """The first moment after `day`: "open as of the end of that day" is open at this moment."""
    return timezone.make_aware(datetime.datetime.combine(day + timedelta(days=1), time.min))


def open_at(moment) -> set[int]:
    return set(Vacature.objects.open_op(moment).values_list("pk", flat=True))


def periods(vacature) -> list[tuple]:
    return list(vacature.publicaties.order_by("van").values_list("van", "tot"))


def status(vacature, naar, door):
    return vacature_status_set(vacature=vacature, status=naar, door=door)


@pytest.fixture
def college(bestuur):
    return VestigingFactory(
        bestuur=bestuur, naam="Het Stedelijk College", brin="13CD", sector=Sector.VO
    )


@pytest.fixture
def concept(bestuur, college):
    return VacatureFactory(bestuur=bestuur, vestiging=college, concept=True)


# open_op -------------------------------------------------------------------------------------


def test_a_vacancy_open_at_the_quarters_end_stays_counted_after_it_is_closed_and_republished(
    concept,
):
    """The case of the quarterly report: open on 30 September, closed in October, published
    again in November. Its own dates now say "published in November", its history does not."""
    year = timezone.localdate().year - 1
    with transaction.atomic():
        publicatie_begin(concept, moment=at(datetime.date(year, 9, 1)))
        publicatie_einde(concept, moment=at(datetime.date(year, 10, 15)))
        publicatie_begin(concept, moment=at(datetime.date(year, 11, 10)))
        concept.status = S.GEPUBLICEERD
        concept.save()

    concept.refresh_from_db()
    assert (concept.gepubliceerd_op, concept.afgesloten_op) == (
        at(datetime.date(year, 11, 10)),
        None,
    )
    assert concept.pk in open_at(day_after(datetime.date(year, 9, 30)))
    assert concept.pk not in open_at(day_after(datetime.date(year, 10, 31)))
    assert concept.pk in open_at(day_after(datetime.date(year, 12, 31)))
    assert concept.pk not in open_at(at(datetime.date(year, 8, 31)))
    # The rule of the vacancy's own dates alone would have lost September.
    einde = day_after(datetime.date(year, 9, 30))
    assert not Vacature.objects.filter(gepubliceerd_op__lt=einde).exclude(afgesloten_op__lt=einde)


def test_open_op_counts_a_period_from_after_its_start_until_and_including_its_end(concept):
    van, tot = at(timezone.localdate() - timedelta(days=20)), at(timezone.localdate(), 9)
    VacaturePublicatie.objects.create(vacature=concept, van=van, tot=tot)

    assert concept.pk not in open_at(van)
    assert concept.pk in open_at(van + timedelta(microseconds=1))
    assert concept.pk in open_at(tot)
    assert concept.pk not in open_at(tot + timedelta(microseconds=1))


def test_a_period_still_open_counts_for_any_later_moment(concept):
    VacaturePublicatie.objects.create(vacature=concept, van=at(datetime.date(2020, 1, 1)))
    assert concept.pk in open_at(timezone.now() + timedelta(days=365))


# The status buttons ---------------------------------------------------------------------------


def test_publish_close_and_republish_keep_both_periods(hr, concept):
    before = timezone.now()
    status(concept, S.GEPUBLICEERD, hr)
    in_first = timezone.now()
    status(concept, S.GESLOTEN, hr)
    in_gap = timezone.now()
    status(concept, S.GEPUBLICEERD, hr)
    after = timezone.now()

    concept.refresh_from_db()
    (van1, tot1), (van2, tot2) = periods(concept)
    assert before < van1 < in_first <= tot1 < in_gap < van2 < after and tot2 is None
    # The vacancy's own dates are those of the current period.
    assert (concept.gepubliceerd_op, concept.afgesloten_op) == (van2, None)
    assert concept.pk not in open_at(before)
    assert concept.pk in open_at(in_first)
    assert concept.pk not in open_at(in_gap)
    assert concept.pk in open_at(after)


def test_marking_filled_ends_the_period_at_its_closing_moment(hr, concept):
    status(concept, S.GEPUBLICEERD, hr)
    status(concept, S.VERVULD, hr)

    concept.refresh_from_db()
    assert periods(concept) == [(concept.gepubliceerd_op, concept.afgesloten_op)]
    assert concept.afgesloten_op is not None


def test_back_to_concept_ends_the_period_and_keeps_it_in_the_history(hr, concept):
    status(concept, S.GEPUBLICEERD, hr)
    published = timezone.now()
    status(concept, S.CONCEPT, hr)
    later = timezone.now()

    concept.refresh_from_db()
    assert concept.gepubliceerd_op is None and concept.afgesloten_op is None
    [(van, tot)] = periods(concept)
    assert van < published <= tot < later
    assert concept.pk in open_at(published)
    assert concept.pk not in open_at(later)

    status(concept, S.GEPUBLICEERD, hr)
    assert len(periods(concept)) == 2


def test_a_refused_publication_leaves_no_period(hr, concept):
    Vacature.objects.filter(pk=concept.pk).update(
        startdatum=timezone.localdate() - timedelta(days=30),
        sluitdatum=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="sluitdatum ligt in het verleden"):
        status(concept, S.GEPUBLICEERD, hr)
    assert not concept.publicaties.exists()


def test_hr_closing_a_vacancy_on_its_page_ends_the_period(client, hr, bestuur, college):
    vacature = VacatureFactory(bestuur=bestuur, vestiging=college)
    client.force_login(hr)

    client.post(reverse("regio:hr_vacature_status", args=[vacature.pk]), {"status": "gesloten"})

    vacature.refresh_from_db()
    assert vacature.status == S.GESLOTEN
    assert periods(vacature) == [(vacature.gepubliceerd_op, vacature.afgesloten_op)]


# An appointment that fills the vacancy -------------------------------------------------------


def _appoint(vacature, kandidaat, hr, fte):
    introductie = introductie_invite(vacature=vacature, kandidaat=kandidaat, door=hr)
    introductie_answer(introductie=introductie, door=kandidaat.user, accepteren=True)
    return aanstelling_record(
        vacature=vacature,
        kandidaat=kandidaat,
        startdatum=timezone.localdate() + timedelta(days=30),
        fte=fte,
        contractsoort=Contractsoort.TIJDELIJK,
        door=hr,
    )


def test_an_appointment_for_part_of_the_fte_keeps_the_period_open(hr, bestuur, traject):
    vacature = vacature_in(bestuur, fte=Decimal("1.0"))

    _appoint(vacature, profiel_van(traject), hr, Decimal("0.4"))

    assert periods(vacature) == [(vacature.gepubliceerd_op, None)]


def test_the_appointment_that_fills_the_vacancy_ends_its_period(hr, bestuur, traject, regio):
    vacature = vacature_in(bestuur, fte=Decimal("1.0"))
    _appoint(vacature, profiel_van(traject), hr, Decimal("0.4"))

    aanstelling = _appoint(vacature, zoekende(regio), hr, Decimal("0.6"))

    vacature.refresh_from_db()
    assert vacature.status == S.VERVULD
    assert vacature.afgesloten_op == aanstelling.vastgelegd_op
    assert periods(vacature) == [(vacature.gepubliceerd_op, aanstelling.vastgelegd_op)]
    assert vacature.pk not in open_at(timezone.now())


# Import --------------------------------------------------------------------------------------


def test_an_import_begins_a_period_for_each_published_row_only(bestuur, hr, college):
    content = csv_bytes(
        [row(Status="Gepubliceerd"), row(Titel="Leraar Engels", Vak="Engels"), row(Status="")]
    )
    result = run(bestuur, hr, content)

    assert result.ok
    published = Vacature.objects.get(status=S.GEPUBLICEERD)
    assert periods(published) == [(published.gepubliceerd_op, None)]
    assert not VacaturePublicatie.objects.exclude(vacature=published).exists()
    assert open_at(timezone.now()) == {published.pk}


def test_a_refused_import_leaves_no_periods(bestuur, hr, college):
    result = run(bestuur, hr, csv_bytes([row(Status="Gepubliceerd"), row(FTE="twee")]))
    assert not result.ok
    assert not VacaturePublicatie.objects.exists()


# The database's own rules --------------------------------------------------------------------


def test_the_database_refuses_a_second_open_period(bestuur, college):
    vacature = VacatureFactory(bestuur=bestuur, vestiging=college)
    assert vacature.publicaties.filter(tot=None).count() == 1

    with pytest.raises(IntegrityError), transaction.atomic():
        VacaturePublicatie.objects.create(vacature=vacature, van=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        publicatie_begin(vacature, moment=timezone.now())
    assert vacature.publicaties.count() == 1


def test_the_database_refuses_a_period_that_ends_before_it_began(concept):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        VacaturePublicatie.objects.create(vacature=concept, van=now, tot=now - timedelta(hours=1))
    # Closed periods may follow each other, and one may still be open beside them.
    VacaturePublicatie.objects.create(vacature=concept, van=now - timedelta(days=9), tot=now)
    VacaturePublicatie.objects.create(vacature=concept, van=now - timedelta(days=5), tot=now)
    VacaturePublicatie.objects.create(vacature=concept, van=now)


# Admin ---------------------------------------------------------------------------------------


def test_the_operator_sees_the_periods_read_only_and_cannot_set_the_status_there(
    client, beheerder, hr, concept, django_assert_max_num_queries
):
    status(concept, S.GEPUBLICEERD, hr)
    status(concept, S.GESLOTEN, hr)
    status(concept, S.GEPUBLICEERD, hr)
    client.force_login(beheerder)
    url = reverse("admin:regio_vacature_change", args=[concept.pk])

    html = client.get(url).content.decode()

    assert "Publicaties van vacatures" in html
    assert 'id="publicaties-1"' in html and 'id="publicaties-2"' not in html
    assert 'name="publicaties-0-van"' not in html  # read-only
    assert 'name="status"' not in html  # the status buttons keep the history, the admin cannot
    # More periods, not more queries.
    for days in range(10, 40, 5):
        moment = timezone.now() - timedelta(days=days)
        VacaturePublicatie.objects.create(vacature=concept, van=moment, tot=moment)
    with django_assert_max_num_queries(QUERIES_ADMIN):
        assert 'id="publicaties-7"' in client.get(url).content.decode()


# The demo data -------------------------------------------------------------------------------


def test_every_published_demo_vacancy_has_the_period_of_its_dates(db):
    call_command("seed_demo", "--scale", "small", "--seed", "3", stdout=StringIO())

    by_vacancy = {}
    for publicatie in VacaturePublicatie.objects.all():
        by_vacancy.setdefault(publicatie.vacature_id, []).append(publicatie)
    vacatures = list(Vacature.objects.all())
    assert {v.status for v in vacatures} == set(S)
    for vacature in vacatures:
        if vacature.status == S.CONCEPT:
            assert vacature.pk not in by_vacancy
            continue
        [periode] = by_vacancy[vacature.pk]
        assert (periode.van, periode.tot) == (vacature.gepubliceerd_op, vacature.afgesloten_op)
        assert (periode.tot is None) == (vacature.status == S.GEPUBLICEERD)
    # Their history gives the figures of the vacancies' dates, e.g. at Rotterdam's reference
    # date of seed 002 (where the demo calibrates which vacancies are open).
    jaar, kwartaal = quarters_for(timezone.now()).calibrated
    einde = day_after(laatste_dag(jaar, kwartaal))
    rotterdam = Vacature.objects.filter(bestuur__regio=Regio.objects.get(slug="rotterdam"))
    by_dates = rotterdam.filter(gepubliceerd_op__lt=einde).exclude(afgesloten_op__lt=einde)
    assert set(rotterdam.open_op(einde)) == set(by_dates)
    assert by_dates.count() > 20


# The migration -------------------------------------------------------------------------------


def test_the_migration_gives_each_vacancy_with_dates_one_period(bestuur, college):
    published = VacatureFactory(bestuur=bestuur, vestiging=college)
    closed = VacatureFactory(
        bestuur=bestuur,
        vestiging=college,
        gesloten=True,
        gepubliceerd_op=at(datetime.date(2025, 2, 1)),
        afgesloten_op=at(datetime.date(2025, 3, 1)),
    )
    VacatureFactory(bestuur=bestuur, vestiging=college, concept=True)
    with connection.cursor() as cursor:
        # Inserts above leave deferred foreign-key checks that would block dropping the table.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    executor = MigrationExecutor(connection)
    executor.migrate([("regio", "0005_plan_regiogroep")])
    executor.loader.build_graph()
    executor.migrate([("regio", "0006_vacaturepublicatie")])

    assert periods(published) == [(published.gepubliceerd_op, None)]
    assert periods(closed) == [(closed.gepubliceerd_op, closed.afgesloten_op)]
    assert VacaturePublicatie.objects.count() == 2
