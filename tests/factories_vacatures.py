"""factory_boy factories for vacancies and shortage returns (subjects come from the data
migration: use `vak("Wiskunde")`)."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from regio.models import (
    Bevoegdheid,
    Functie,
    Sector,
    TekortOpgave,
    TekortRegel,
    Vacature,
    VacaturePublicatie,
    VacatureStatus,
    Vak,
)

from .factories import OrganisatieFactory, VestigingFactory


def vak(naam: str) -> Vak:
    return Vak.objects.get(naam=naam)


def _closed_after(published):
    """Now, or the publication date if that lies ahead: a vacancy is not closed before it was
    published (its publication period would refuse it)."""
    now = timezone.now()
    return now if published is None else max(now, published)


class VacatureFactory(factory.django.DjangoModelFactory):
    """A published vo vacancy for a maths teacher, open to career switchers; traits:
    `concept=True`, `vervuld=True`, `gesloten=True`. A published, filled or closed one gets
    the publication period its dates describe, as the services and the migration make it."""

    class Meta:
        model = Vacature
        skip_postgeneration_save = True

    class Params:
        concept = factory.Trait(status=VacatureStatus.CONCEPT, gepubliceerd_op=None)
        vervuld = factory.Trait(
            status=VacatureStatus.VERVULD,
            fte_open=Decimal("0"),
            afgesloten_op=factory.LazyAttribute(lambda o: _closed_after(o.gepubliceerd_op)),
        )
        gesloten = factory.Trait(
            status=VacatureStatus.GESLOTEN,
            afgesloten_op=factory.LazyAttribute(lambda o: _closed_after(o.gepubliceerd_op)),
        )

    bestuur = factory.SubFactory(OrganisatieFactory, bestuur=True)
    vestiging = factory.SubFactory(
        VestigingFactory,
        bestuur=factory.SelfAttribute("..bestuur"),
        sector=Sector.VO,
        naam=factory.Sequence(lambda n: f"Het Test College {n}"),
        postcode="7511 AB",
        gemeente="Enschede",
    )
    titel = factory.Sequence(lambda n: f"Leraar wiskunde {n}")
    functie = Functie.LERAAR
    sector = Sector.VO
    vak = factory.LazyFunction(lambda: vak("Wiskunde"))
    bevoegdheid = Bevoegdheid.TWEEDEGRAADS
    zij_instroom = True
    fte = Decimal("0.8")
    salarisschaal = "LB"
    startdatum = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    sluitdatum = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
    omschrijving = "Wij zoeken een enthousiaste collega voor de onderbouw."
    status = VacatureStatus.GEPUBLICEERD
    gepubliceerd_op = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def publicatie(obj, create, extracted, **kwargs):
        if create and obj.gepubliceerd_op is not None:
            VacaturePublicatie.objects.create(
                vacature=obj, van=obj.gepubliceerd_op, tot=obj.afgesloten_op
            )


class TekortOpgaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TekortOpgave

    bestuur = factory.SubFactory(OrganisatieFactory, bestuur=True)
    jaar = factory.LazyFunction(lambda: timezone.localdate().year)
    kwartaal = factory.LazyFunction(lambda: (timezone.localdate().month - 1) // 3 + 1)


class TekortRegelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TekortRegel

    opgave = factory.SubFactory(TekortOpgaveFactory)
    sector = Sector.VO
    functie = Functie.LERAAR
    vak = factory.LazyFunction(lambda: vak("Wiskunde"))
    werkgelegenheid_fte = Decimal("40")
    onbevoegd_fte = Decimal("1.5")
    ingevuld_onbevoegd_fte = Decimal("1.5")
