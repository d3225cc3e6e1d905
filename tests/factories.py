"""factory_boy factories for the registry and the people who use the portal."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from kandidaten.models import Kandidaat
from kandidaten.services import kandidaat_register
from opleidingsscholen.models import Opleidingsschool, Plaatsingen
from regio.models import (
    Deelname,
    DeelnameStatus,
    Opleidingsniveau,
    Opleidingssoort,
    Organisatie,
    OrganisatieSoort,
    Regio,
    Role,
    Sector,
    User,
    Vestiging,
)

# A fixed TOTP secret for test staff, so tests can compute valid codes.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "Een-lang-wachtwoord-2026"


class RegioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regio

    naam = factory.Sequence(lambda n: f"Onderwijsregio Test {n}")
    slug = factory.Sequence(lambda n: f"onderwijsregio-test-{n}")
    sector = Sector.PO


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    regio = factory.SubFactory(RegioFactory)
    soort = OrganisatieSoort.OVERIG
    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    plaats = "Enschede"

    class Params:
        bestuur = factory.Trait(
            soort=OrganisatieSoort.SCHOOLBESTUUR,
            naam=factory.Sequence(lambda n: f"Stichting Testbestuur {n}"),
            bevoegd_gezag_nummer=factory.Sequence(lambda n: f"{40000 + n}"),
            fte=100,
            leerlingen=1500,
        )
        opleiding = factory.Trait(
            soort=OrganisatieSoort.LERARENOPLEIDING,
            naam=factory.Sequence(lambda n: f"Pabo Test {n}"),
            opleidingssoort=Opleidingssoort.PABO,
            opleidingsniveau=Opleidingsniveau.HBO,
        )


class VestigingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vestiging

    bestuur = factory.SubFactory(OrganisatieFactory, bestuur=True)
    brin = factory.Sequence(lambda n: f"{n % 100:02d}{chr(65 + n // 100 % 26)}{chr(65 + n % 26)}")
    vestigingsnummer = "00"
    naam = factory.Sequence(lambda n: f"Basisschool De Test {n}")
    gemeente = "Enschede"
    sector = Sector.PO


class DeelnameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deelname

    organisatie = factory.SubFactory(OrganisatieFactory, bestuur=True)
    regio = factory.SelfAttribute("organisatie.regio")
    status = DeelnameStatus.DEELNEMEND


class OpleidingsschoolFactory(factory.django.DjangoModelFactory):
    """A partnership with one partner institute of its region (a partnership needs one)."""

    class Meta:
        model = Opleidingsschool
        skip_postgeneration_save = True

    regio = factory.SubFactory(RegioFactory)
    naam = factory.Sequence(lambda n: f"Opleidingsschool Test {n}")
    sector = Sector.PO

    @factory.post_generation
    def instituten(obj, create, extracted, **kwargs):
        if create:
            obj.instituten.set(extracted or [OrganisatieFactory(opleiding=True, regio=obj.regio)])


class PlaatsingenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plaatsingen

    opleidingsschool = factory.SubFactory(OpleidingsschoolFactory)
    schooljaar = 2025
    studenten_binnen = 0
    studenten_buiten = 0
    zij_instromers_binnen = 0
    zij_instromers_buiten = 0


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified e-mail address; staff roles get TOTP unless `mfa=False`."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    naam = factory.Sequence(lambda n: f"Persoon {n}")
    role = Role.KANDIDAAT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)

    @factory.post_generation
    def mfa(obj, create, extracted, **kwargs):
        wants_mfa = obj.is_portal_staff if extracted is None else extracted
        if create and wants_mfa:
            TOTP.activate(obj, TOTP_SECRET)


class KandidaatFactory(factory.django.DjangoModelFactory):
    """A candidate registered the way the portal does it (with the first timeline event).

    Extra fields (fase, adviseur, consent, ...) are written after registering; a `fase` set
    here skips the timeline, so tests that care about moves use kandidaat_move instead.
    """

    class Meta:
        model = Kandidaat

    user = factory.SubFactory(UserFactory)
    regio = factory.SubFactory(RegioFactory)

    @classmethod
    def _create(cls, model_class, user, regio, **fields):
        kandidaat = kandidaat_register(user=user, regio=regio)
        if fields:
            for name, value in fields.items():
                setattr(kandidaat, name, value)
            kandidaat.save(update_fields=list(fields))
        return kandidaat
