"""The rules of the new models themselves: wanted sectors/functions as a set, who HR may see
in matching, vacancy and return constraints in the database."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kandidaten.models import Fase, Kandidaat
from regio.models import Functie, Sector, TekortRegel, Vacature

from .factories import KandidaatFactory, OrganisatieFactory, RegioFactory, UserFactory
from .factories_vacatures import TekortRegelFactory, VacatureFactory

pytestmark = pytest.mark.django_db


def test_wanted_functions_match_exactly_not_by_prefix(regio):
    leraar = KandidaatFactory(regio=regio, functies=[Functie.LERAAR])
    ondersteuner = KandidaatFactory(regio=regio, functies=[Functie.LERAARONDERSTEUNER])

    assert list(Kandidaat.objects.filter(functies__bevat=Functie.LERAAR)) == [leraar]
    assert list(Kandidaat.objects.filter(functies__bevat=Functie.LERAARONDERSTEUNER)) == [
        ondersteuner
    ]
    ondersteuner.refresh_from_db()
    assert ondersteuner.functies == [Functie.LERAARONDERSTEUNER]


def test_an_unknown_wanted_sector_is_refused(regio):
    kandidaat = KandidaatFactory(regio=regio)
    kandidaat.sectoren = ["vo", "maan"]
    with pytest.raises(ValidationError) as error:
        kandidaat.full_clean(exclude=["user", "regio", "adviseur", "opleiding", "vakken"])
    assert "sectoren" in error.value.message_dict


def test_a_candidates_postcode_gives_coordinates_and_erasing_it_removes_them(regio):
    kandidaat = KandidaatFactory(regio=regio, postcode="7511 AB")
    assert kandidaat.lat == pytest.approx(52.22, abs=0.05)
    kandidaat.postcode = ""
    kandidaat.save(update_fields=["postcode"])
    kandidaat.refresh_from_db()
    assert (kandidaat.lat, kandidaat.lon) == (None, None)


def _seeking(regio, **fields):
    return KandidaatFactory(regio=regio, **{"fase": Fase.MATCHING, **fields})


def test_hr_matching_scope_follows_consent_stage_and_region(regio, bestuur, andere_regio):
    buur = RegioFactory(naam="Buurregio")
    regio.buurregios.add(buur)
    eigen = _seeking(regio, deel_met_regio=True)
    _seeking(regio, deel_met_regio=False)  # no consent
    _seeking(regio, deel_met_regio=True, fase=Fase.UITGEVALLEN)  # not looking
    uit_buur = _seeking(buur, deel_met_regio=True, deel_met_buurregios=True)
    _seeking(buur, deel_met_regio=True)  # own region only
    _seeking(andere_regio, deel_met_regio=True, deel_met_buurregios=True)  # not a neighbour

    assert set(Kandidaat.objects.deelbaar_met(bestuur)) == {eigen, uit_buur}


def test_withdrawn_consent_or_erasure_takes_a_candidate_out_of_hr_scope_at_once(regio, bestuur):
    kandidaat = _seeking(regio, deel_met_regio=True)
    assert Kandidaat.objects.deelbaar_met(bestuur).count() == 1
    Kandidaat.objects.filter(pk=kandidaat.pk).update(deel_met_regio=False)
    assert Kandidaat.objects.deelbaar_met(bestuur).count() == 0


def test_an_adviser_sees_a_candidate_from_elsewhere_introduced_to_a_board_of_their_region(
    regio, bestuur, andere_regio, adviseur, adviseur_elders
):
    from kandidaten.models import Introductie, IntroductieStatus

    kandidaat = _seeking(andere_regio, deel_met_regio=True, deel_met_buurregios=True)
    derde = UserFactory(role="loketadviseur", regio=RegioFactory())
    assert not Kandidaat.objects.visible_to(adviseur).filter(pk=kandidaat.pk).exists()
    Introductie.objects.create(
        kandidaat=kandidaat, bestuur=bestuur, status=IntroductieStatus.GEACCEPTEERD
    )
    assert Kandidaat.objects.visible_to(adviseur).filter(pk=kandidaat.pk).exists()
    assert Kandidaat.objects.visible_to(adviseur_elders).filter(pk=kandidaat.pk).exists()
    assert not Kandidaat.objects.visible_to(derde).filter(pk=kandidaat.pk).exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"fte": Decimal("0")}, "meer dan 0 en hoogstens 1,2"),
        ({"fte": Decimal("1.3")}, "meer dan 0 en hoogstens 1,2"),
        ({"fte_open": Decimal("0.9"), "fte": Decimal("0.8")}, "niet meer fte open"),
    ],
)
def test_the_database_refuses_an_impossible_vacancy(regio, fields, message):
    vacature = VacatureFactory(bestuur=OrganisatieFactory(bestuur=True, regio=regio))
    with pytest.raises(IntegrityError), transaction.atomic():
        Vacature.objects.filter(pk=vacature.pk).update(**fields)
    vacature.__dict__.update(fields)
    with pytest.raises(ValidationError, match=message):
        vacature.full_clean()


def test_a_vacancy_may_not_close_before_it_starts_nor_sit_at_another_boards_school(regio):
    vacature = VacatureFactory(bestuur=OrganisatieFactory(bestuur=True, regio=regio))
    andere = VacatureFactory(bestuur=OrganisatieFactory(bestuur=True, regio=regio))
    vacature.sluitdatum = vacature.startdatum.replace(year=vacature.startdatum.year - 1)
    vacature.vestiging = andere.vestiging
    with pytest.raises(ValidationError) as error:
        vacature.full_clean()
    assert set(error.value.message_dict) >= {"sluitdatum", "vestiging"}


def test_a_returns_qualified_and_unqualified_filling_cannot_exceed_its_hidden_shortage():
    regel = TekortRegelFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TekortRegel.objects.filter(pk=regel.pk).update(ingevuld_bevoegd_fte=Decimal("1"))
    regel.ingevuld_bevoegd_fte = Decimal("1")
    with pytest.raises(ValidationError, match="niet meer dan het verborgen tekort"):
        regel.full_clean()


def test_a_subject_belongs_to_vo_or_mbo_only():
    regel = TekortRegelFactory.build(
        opgave=TekortRegelFactory().opgave, sector=Sector.PO, functie=Functie.LERAAR
    )
    with pytest.raises(ValidationError) as error:
        regel.full_clean()
    assert "vak" in error.value.message_dict
