"""Shared fixtures: personas for every role, plus same-role outsiders elsewhere."""

import os

import pytest
from django.apps import apps
from django.core.files.storage import storages
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from kandidaten.models import private_storage
from regio.models import Role

from .factories import (
    KandidaatFactory,
    OrganisatieFactory,
    RegioFactory,
    UserFactory,
    VestigingFactory,
)

# Property tests over the public forms: a quick profile for every run, a big one at night
# (HYPOTHESIS_PROFILE=nightly). No example database: runs stay independent and leave no files.
_common = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
hypothesis_settings.register_profile("ci", max_examples=40, **_common)
hypothesis_settings.register_profile("nightly", max_examples=1000, **_common)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _language_reset():
    """A request with another language (the language switch) leaves it active in this
    thread; later tests would then read English messages from services called directly."""
    yield
    translation.deactivate()


@pytest.fixture
def regio(db):
    return RegioFactory(naam="Onderwijsregio Twente", slug="twente")


@pytest.fixture
def andere_regio(db):
    return RegioFactory(naam="Onderwijsregio Rotterdam", slug="rotterdam")


@pytest.fixture
def bestuur(regio):
    bestuur = OrganisatieFactory(bestuur=True, regio=regio, naam="Stichting Tweede Kans")
    VestigingFactory(bestuur=bestuur, naam="Basisschool De Esch", brin="12AB")
    return bestuur


@pytest.fixture
def ander_bestuur(andere_regio):
    return OrganisatieFactory(bestuur=True, regio=andere_regio, naam="Stichting Elders")


@pytest.fixture
def opleiding(regio):
    return OrganisatieFactory(opleiding=True, regio=regio, naam="Pabo Twente")


@pytest.fixture
def andere_opleiding(andere_regio):
    return OrganisatieFactory(opleiding=True, regio=andere_regio, naam="Hogeschool Elders")


@pytest.fixture
def kandidaat(db):
    return UserFactory(email="kandidaat@example.nl", naam="Kim Kandidaat")


@pytest.fixture
def kandidaat_b(db):
    return UserFactory(email="kandidaat.b@example.nl", naam="Bo Bakker")


@pytest.fixture
def traject(kandidaat, regio, adviseur):
    """Candidate A's journey: the `kandidaat` persona, followed by `adviseur` in `regio`."""
    return KandidaatFactory(user=kandidaat, regio=regio, adviseur=adviseur)


@pytest.fixture
def ander_traject(kandidaat_b, regio, adviseur):
    """Candidate B's journey, in the same region as candidate A."""
    return KandidaatFactory(user=kandidaat_b, regio=regio, adviseur=adviseur)


@pytest.fixture
def traject_elders(andere_regio):
    """A candidate followed by the desk of another region."""
    return KandidaatFactory(
        user=UserFactory(email="kandidaat.elders@example.nl"), regio=andere_regio
    )


@pytest.fixture
def adviseur(regio):
    return UserFactory(
        email="adviseur@example.nl", naam="Ada Adviseur", role=Role.LOKETADVISEUR, regio=regio
    )


@pytest.fixture
def adviseur_elders(andere_regio):
    return UserFactory(
        email="adviseur.elders@example.nl", role=Role.LOKETADVISEUR, regio=andere_regio
    )


@pytest.fixture
def hr(bestuur):
    return UserFactory(email="hr@example.nl", naam="Henk HR", role=Role.HR, organisatie=bestuur)


@pytest.fixture
def hr_elders(ander_bestuur):
    return UserFactory(email="hr.elders@example.nl", role=Role.HR, organisatie=ander_bestuur)


@pytest.fixture
def opleider(opleiding):
    return UserFactory(
        email="opleider@example.nl", naam="Olga Opleider", role=Role.OPLEIDER, organisatie=opleiding
    )


@pytest.fixture
def opleider_elders(andere_opleiding):
    return UserFactory(
        email="opleider.elders@example.nl", role=Role.OPLEIDER, organisatie=andere_opleiding
    )


@pytest.fixture
def projectleider(regio):
    return UserFactory(
        email="projectleider@example.nl",
        naam="Piet Projectleider",
        role=Role.PROJECTLEIDER,
        regio=regio,
    )


@pytest.fixture
def projectleider_elders(andere_regio):
    return UserFactory(
        email="projectleider.elders@example.nl", role=Role.PROJECTLEIDER, regio=andere_regio
    )


@pytest.fixture
def beheerder(db):
    return UserFactory(email="beheerder@example.nl", naam="Bea Beheerder", role=Role.BEHEERDER)


@pytest.fixture
def persona(request):
    """The persona fixture named by indirect parametrisation, e.g. ("hr", ...)."""
    return request.getfixturevalue(request.param)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path, monkeypatch):
    """Files the tests make (report PDFs, candidates' documents) go to temporary folders."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": "/niet-publiek/"},
        },
    }
    # A FileField resolves its storage once, when its model is imported: point the fields
    # that use the private storage at this test's folder too.
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if getattr(field, "_storage_callable", None) is private_storage:
                monkeypatch.setattr(field, "storage", storages["private"])
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def clear_cache():
    """Each test starts with an empty cache (Redis db 1 is the tests' own)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Personas get a password each and log in often; PBKDF2 would cost a second apiece."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
