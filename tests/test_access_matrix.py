"""Issue 7: every URL of the portal, requested as every persona, against the other side's
objects; what each persona may reach is kept in one table (`TABLE`).

The URL patterns come from the resolver, so a new URL that is not in the table fails
`test_every_url_pattern_has_an_expectation` with its name. The world has two of everything
(side A and side B); each URL with arguments is filled with side B's object. So the A-side
personas test "someone else's object", the B-side personas with the right role test "my own".
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from kandidaten.models import Document, DocumentSoort, Introductie, IntroductieStatus, RouteSoort
from loket.kwartaalrapportage.gegevens import rapportage_gegevens
from loket.models import (
    Aanmelding,
    Adviesslot,
    Boeking,
    Evenement,
    FaqArtikel,
    Gespreksvorm,
    Kwartaalrapportage,
    Rapport,
    Route,
)
from loket.services.advies import boeking_token
from loket.services.evenementen import aanmelding_token
from opleidingsscholen.models import Opleidingsplaatsen, StudentSoort
from regio.models import Activiteit, Contactpersoon, Ontwikkellijn, Role, Voortgang
from regio.tekorten import huidig_kwartaal, vorig_kwartaal

from .factories import (
    DeelnameFactory,
    KandidaatFactory,
    OpleidingsschoolFactory,
    OrganisatieFactory,
    PlaatsingenFactory,
    RegioFactory,
    UserFactory,
    VestigingFactory,
)
from .factories_vacatures import TekortOpgaveFactory, TekortRegelFactory, VacatureFactory

# --- What is not ours, and so not in the table (the one place that says why) --------------

SKIPPED_PREFIXES = {
    # Django's admin: its own permission system; its index is checked once below (admin:index).
    "beheer/": "Django admin (its index is in the table once as a persona check)",
    # allauth's login, signup, password and MFA pages: the library's, public by design.
    "account/": "allauth's account pages",
    # Django's language switch: a public POST that only sets a cookie.
    "i18n/": "Django's set_language",
    # Static and media files are served by whitenoise / the web server, not by URL patterns;
    # should a pattern for them appear, it is not ours either.
    "static/": "static files",
    "media/": "media files",
}
INCLUDED_DESPITE_PREFIX = {"admin:index", "beheer/login/"}


OUR_APPS = ("loket", "kandidaten", "regio", "opleidingsscholen")


def _walk(patterns, prefix="", namespace=None):
    """(key, route, module of the view) for every pattern; the key is the namespaced name,
    or the route for an unnamed pattern."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            view = getattr(pattern.callback, "view_class", pattern.callback)
            yield name or route, route, view.__module__


def _is_skipped(key, route) -> bool:
    if key in INCLUDED_DESPITE_PREFIX:
        return False
    return any(route.startswith(prefix) for prefix in SKIPPED_PREFIXES)


def our_url_patterns() -> dict[str, str]:
    """Every pattern of the project that is ours: {name (or route if unnamed): route}."""
    return {
        key: route
        for key, route, _module in _walk(get_resolver().url_patterns)
        if not _is_skipped(key, route)
    }


# --- Personas ---------------------------------------------------------------------------

ANON = "anoniem"
KAND_A, KAND_B = "kandidaat_a", "kandidaat_b"
ADV_A, ADV_B = "adviseur_a", "adviseur_b"
HR_A, HR_B = "hr_a", "hr_b"
OPL_A, OPL_B = "opleider_a", "opleider_b"
PL_A, PL_B = "projectleider_a", "projectleider_b"
OPERATOR = "beheerder"
PERSONAS = (ANON, KAND_A, KAND_B, ADV_A, ADV_B, HR_A, HR_B, OPL_A, OPL_B, PL_A, PL_B, OPERATOR)

EVERYONE = frozenset(PERSONAS)
LOGGED_IN = EVERYONE - {ANON}
CANDIDATES = frozenset({KAND_A, KAND_B})
ADVISERS = frozenset({ADV_A, ADV_B})
HR = frozenset({HR_A, HR_B})
OPLEIDERS = frozenset({OPL_A, OPL_B})
PROJECT_LEADERS = frozenset({PL_A, PL_B})

# Who may ever see candidate B's name or e-mail address: B themself, B's region's desk, the
# board B accepted an introduction to, the institute B was referred to, and the operator.
# For every other persona it must appear in no response at all, allowed or denied.
NOT_ENTITLED_TO_B = EVERYONE - {KAND_B, ADV_B, HR_B, OPL_B, OPERATOR}
B_NAAM = "Bram Buitenregio"
B_EMAIL = "bram.buitenregio@example.nl"

# --- Outcome classes ----------------------------------------------------------------------

OK = "ok"  # 2xx, a redirect within the portal, or a refused form (400/422): the view ran
LOGIN = "login"  # a redirect to the login page
DENIED = "denied"  # 403 or 404
NOT_ALLOWED = "405"


@dataclass(frozen=True)
class Case:
    """One URL's row: how to fill it from the world, how to request it, who gets what.

    `ok` get OK; anonymous visitors not in `ok` get `anon`; every other persona gets DENIED,
    unless `other` says otherwise for them. `method` is "get", "post" (POST-only views: an
    empty body) or "both" (GET and an empty POST, expecting the same). `token`: the URL holds
    a signed link that is itself the key, so whoever has it may use it (no leak check there).
    `sees_b`: personas outside the usual circle who may see candidate B's data on this page.
    """

    ok: frozenset
    args: object = None  # world -> list of argument tuples (one request per tuple)
    method: str = "get"
    anon: str = LOGIN
    other: dict = field(default_factory=dict)
    token: bool = False
    follow: bool = False
    sees_b: frozenset = frozenset()  # may see candidate B's data here, beyond NOT_ENTITLED_TO_B

    def expected(self, persona: str) -> str:
        if persona in self.other:
            return self.other[persona]
        if persona in self.ok:
            return OK
        return self.anon if persona == ANON else DENIED


def public(args=None, **kwargs):
    return Case(ok=EVERYONE, args=args, **kwargs)


def b(*names):
    """Arguments: side B's object(s) from the world, e.g. b("vacature")."""
    return lambda w: [tuple(w[name] for name in names)]


TABLE: dict[str, Case] = {
    # Public pages of the desk.
    "home": public(),
    "healthz": public(),
    "regio_detail": public(b("regio_slug")),
    "routes": public(),
    "route_detail": public(b("route_slug")),
    "routewijzer": public(),
    "kennisbank": public(),
    "kennisbank_artikel": public(b("faq_slug")),
    "evenementen": public(),
    "evenement_detail": public(b("evenement"), method="both"),
    "advies_boeken": public(),
    "advies_moment": public(b("vrij_slot"), method="both"),
    "advies_geboekt": public(),
    "mijn_gewist": public(),
    # Signed links: the token is the key (it was e-mailed to candidate B).
    "aanmelding_annuleren": public(b("aanmelding_token"), token=True),
    "advies_beheren": public(b("boeking_token"), token=True),
    # Public registry, training schools and vacancies of region B.
    "regio:partners": public(b("regio_slug")),
    "regio:partners_export": public(
        lambda w: [(w["regio_slug"], "csv"), (w["regio_slug"], "xlsx")]
    ),
    "regio:organisatie_detail": public(b("regio_slug", "bestuur")),
    "opleidingsscholen:lijst": public(b("regio_slug")),
    "opleidingsscholen:export": public(
        lambda w: [(w["regio_slug"], "csv"), (w["regio_slug"], "xlsx")]
    ),
    "opleidingsscholen:detail": public(b("regio_slug", "opleidingsschool")),
    "regio:vacatures": public(),
    "regio:vacature": public(b("vacature")),
    # Everyone logged in: the dashboard sends each role to its own page.
    "dashboard": Case(ok=LOGGED_IN),
    # Candidates: only their own data; no object in the URL, so both candidates get their own.
    "kandidaat_dashboard": Case(ok=CANDIDATES),
    "mijn_toestemming": Case(ok=CANDIDATES, method="post"),
    "mijn_export": Case(ok=CANDIDATES),
    "mijn_wissen": Case(ok=CANDIDATES, method="both"),
    "kandidaten:documenten": Case(ok=CANDIDATES, method="both"),
    "kandidaten:document_verwijderen": Case(ok={KAND_B}, args=b("document"), method="post"),
    "kandidaten:mijn_vacatures": Case(ok=CANDIDATES),
    "kandidaten:mijn_profiel": Case(ok=CANDIDATES, method="both"),
    # A public vacancy of another region: any candidate may ask for an introduction
    # (matching across regions, seed 003).
    "kandidaten:mijn_vacature_introductie": Case(ok=CANDIDATES, args=b("vacature"), method="post"),
    "kandidaten:introductie_antwoord": Case(
        ok={KAND_B}, args=b("kandidaat", "introductie_voorgesteld"), method="post"
    ),
    # Candidate B's journey and documents: B, B's desk, the board B accepted, B's institute.
    "kandidaten:traject": Case(ok={KAND_B, ADV_B, HR_B, OPL_B, OPERATOR}, args=b("kandidaat")),
    "kandidaten:document": Case(ok={KAND_B, ADV_B, HR_B, OPL_B, OPERATOR}, args=b("document")),
    "kandidaten:traject_toelating": Case(ok={OPL_B}, args=b("kandidaat"), method="post"),
    # The desk (advisers): own region only.
    "adviseur_dashboard": Case(ok=ADVISERS),
    "adviseur_beschikbaarheid": Case(ok=ADVISERS, method="both"),
    "adviseur_slot_intrekken": Case(ok={ADV_B}, args=b("vrij_slot"), method="post"),
    "adviseur_gesprek": Case(ok={ADV_B}, args=b("boeking"), method="both"),
    "adviseur_gesprek_annuleren": Case(ok={ADV_B}, args=b("boeking"), method="post"),
    "kandidaten:pipeline": Case(ok=ADVISERS),
    "kandidaten:pipeline_stap": Case(ok={ADV_B}, args=b("kandidaat"), method="post"),
    "kandidaten:traject_stap": Case(ok={ADV_B}, args=b("kandidaat"), method="post"),
    "kandidaten:traject_overnemen": Case(ok={ADV_B}, args=b("kandidaat"), method="post"),
    "kandidaten:traject_verwijzen": Case(ok={ADV_B}, args=b("kandidaat"), method="post"),
    "kandidaten:traject_introductie": Case(ok={ADV_B}, args=b("kandidaat"), method="post"),
    "kandidaten:stilgevallen": Case(ok=ADVISERS),
    "kandidaten:opvolging_vastleggen": Case(ok={ADV_B}, args=b("kandidaat"), method="post"),
    # Events are managed by the desk and the project leaders of the event's region.
    "evenementen_beheer": Case(ok=ADVISERS | PROJECT_LEADERS),
    "evenement_nieuw": Case(ok=ADVISERS | PROJECT_LEADERS, method="both"),
    # Its participant list is for the region's staff, the project leader too (a logged read).
    "evenement_bewerken": Case(
        ok={ADV_B, PL_B}, args=b("evenement"), method="both", sees_b=frozenset({PL_B})
    ),
    "evenement_annuleren": Case(ok={ADV_B, PL_B}, args=b("evenement"), method="post"),
    # HR: own board only (the operator may act for any board).
    "hr_dashboard": Case(ok=HR),
    "regio:hr_vacatures": Case(ok=HR | {OPERATOR}),
    "regio:hr_vacature_nieuw": Case(ok=HR | {OPERATOR}, method="both"),
    "regio:hr_vacatures_import": Case(ok=HR | {OPERATOR}, method="both"),
    "regio:hr_vacatures_voorbeeld": Case(ok=HR | {OPERATOR}),
    "regio:hr_vacature": Case(ok={HR_B, OPERATOR}, args=b("vacature"), method="both"),
    "regio:hr_vacature_status": Case(ok={HR_B, OPERATOR}, args=b("vacature"), method="post"),
    "kandidaten:hr_matches": Case(ok={HR_B, OPERATOR}, args=b("vacature")),
    "kandidaten:hr_matches_shortlist": Case(ok={HR_B, OPERATOR}, args=b("vacature"), method="post"),
    "kandidaten:hr_matches_uitnodigen": Case(
        ok={HR_B, OPERATOR}, args=b("vacature"), method="post"
    ),
    "kandidaten:hr_introductie": Case(
        ok={HR_B, OPERATOR}, args=b("introductie_geaccepteerd"), method="both"
    ),
    "regio:hr_tekorten": Case(ok=HR),
    # The quarter is in the URL, the board is the user's own: each HR persona gets their own.
    "regio:hr_tekortopgave": Case(ok=HR, args=b("jaar", "kwartaal"), method="both"),
    # Teacher-training institutes.
    "opleider_dashboard": Case(ok=OPLEIDERS),
    # Project leaders: own region only.
    "projectleider_dashboard": Case(ok=PROJECT_LEADERS),
    "rapport_create": Case(ok=PROJECT_LEADERS, method="post"),
    "rapport_status": Case(ok={PL_B}, args=b("rapport")),
    "rapport_download": Case(ok={PL_B}, args=b("rapport")),
    "kwartaalrapportages": Case(ok=PROJECT_LEADERS | {OPERATOR}),
    "kwartaalrapportage_aanvragen": Case(ok=PROJECT_LEADERS | {OPERATOR}, method="post"),
    "kwartaalrapportage_status": Case(ok={PL_B, OPERATOR}, args=b("kwartaalrapportage")),
    "kwartaalrapportage_download": Case(
        ok={PL_B, OPERATOR},
        args=lambda w: [(w["kwartaalrapportage"], fmt) for fmt in ("pdf", "csv", "xlsx")],
    ),
    "regio:register": Case(ok=PROJECT_LEADERS),
    "regio:organisatie_nieuw": Case(ok=PROJECT_LEADERS, method="both"),
    "regio:organisatie_bewerken": Case(ok={PL_B}, args=b("bestuur"), method="both"),
    "regio:register_rij": Case(ok={PL_B}, args=b("bestuur"), method="both"),
    "regio:organisatie_deelname": Case(ok={PL_B}, args=b("bestuur"), method="post"),
    "regio:contactpersoon_nieuw": Case(ok={PL_B}, args=b("bestuur"), method="post"),
    "regio:contactpersoon_verwijderen": Case(
        ok={PL_B}, args=b("bestuur", "contactpersoon"), method="post"
    ),
    "regio:vestiging_nieuw": Case(ok={PL_B}, args=b("bestuur"), method="post"),
    "regio:vestiging_bewerken": Case(ok={PL_B}, args=b("bestuur", "vestiging"), method="both"),
    "regio:duo_import": Case(ok=PROJECT_LEADERS, method="both"),
    "regio:tekorten_overzicht": Case(ok=PROJECT_LEADERS | {OPERATOR}),
    # Closes the quarter of the user's own region; the operator must name a region (an empty
    # POST names none: 404).
    "regio:tekorten_afsluiten": Case(ok=PROJECT_LEADERS, args=b("jaar", "kwartaal"), method="post"),
    "regio:tekortopgave_detail": Case(ok={PL_B, OPERATOR}, args=b("tekortopgave")),
    "regio:plan": Case(ok=PROJECT_LEADERS),
    "regio:ontwikkellijn_nieuw": Case(ok=PROJECT_LEADERS, method="both"),
    "regio:ontwikkellijn_bewerken": Case(ok={PL_B}, args=b("ontwikkellijn"), method="both"),
    "regio:ontwikkellijn_verwijderen": Case(ok={PL_B}, args=b("ontwikkellijn"), method="both"),
    "regio:activiteit_nieuw": Case(ok=PROJECT_LEADERS, method="both"),
    "regio:activiteit_bewerken": Case(ok={PL_B}, args=b("activiteit"), method="both"),
    "regio:activiteit_verwijderen": Case(ok={PL_B}, args=b("activiteit"), method="both"),
    "regio:voortgang_rij": Case(ok={PL_B}, args=b("activiteit", "jaar", "kwartaal"), method="both"),
    "opleidingsscholen:beheer": Case(ok=PROJECT_LEADERS),
    "opleidingsscholen:nieuw": Case(ok=PROJECT_LEADERS, method="both"),
    "opleidingsscholen:bewerken": Case(ok={PL_B}, args=b("opleidingsschool"), method="both"),
    "opleidingsscholen:opleidingsplaatsen_nieuw": Case(
        ok={PL_B}, args=b("opleidingsschool"), method="post"
    ),
    "opleidingsscholen:opleidingsplaatsen_rij": Case(
        ok={PL_B}, args=b("opleidingsschool", "opleidingsplaatsen"), method="post"
    ),
    "opleidingsscholen:plaatsingen_nieuw": Case(
        ok={PL_B}, args=b("opleidingsschool"), method="post"
    ),
    "opleidingsscholen:plaatsingen_rij": Case(
        ok={PL_B}, args=b("opleidingsschool", "plaatsingen"), method="post"
    ),
    # The operator's admin (followed to the end: it hops through the portal's login).
    "admin:index": Case(ok={OPERATOR}, follow=True),
    "beheer/login/": Case(ok={OPERATOR}, follow=True),
}


# --- The world: two of everything --------------------------------------------------------


def _side(letter: str, *, naam: str, email: str) -> dict:
    regio = RegioFactory(naam=f"Onderwijsregio {letter}", slug=f"regio-{letter.lower()}")
    bestuur = OrganisatieFactory(bestuur=True, regio=regio, naam=f"Stichting Bestuur {letter}")
    DeelnameFactory(organisatie=bestuur)
    vestiging = VestigingFactory(bestuur=bestuur, naam=f"Basisschool {letter}")
    tweede_bestuur = OrganisatieFactory(bestuur=True, regio=regio)
    opleiding = OrganisatieFactory(opleiding=True, regio=regio, naam=f"Pabo {letter}")
    people = {
        "adviseur": UserFactory(role=Role.LOKETADVISEUR, regio=regio),
        "hr": UserFactory(role=Role.HR, organisatie=bestuur),
        "opleider": UserFactory(role=Role.OPLEIDER, organisatie=opleiding),
        "projectleider": UserFactory(role=Role.PROJECTLEIDER, regio=regio),
    }
    kandidaat_user = UserFactory(email=email, naam=naam)
    kandidaat = KandidaatFactory(
        user=kandidaat_user,
        regio=regio,
        adviseur=people["adviseur"],
        opleiding=opleiding,
        telefoon="06-12345678",
        stil_sinds=timezone.now() - datetime.timedelta(days=30),
    )
    geaccepteerd = Introductie.objects.create(
        kandidaat=kandidaat,
        bestuur=bestuur,
        door=people["adviseur"],
        status=IntroductieStatus.GEACCEPTEERD,
        beantwoord_op=timezone.now(),
    )
    voorgesteld = Introductie.objects.create(
        kandidaat=kandidaat, bestuur=tweede_bestuur, door=people["adviseur"]
    )
    vacature = VacatureFactory(bestuur=bestuur, vestiging=vestiging)
    document = Document(
        kandidaat=kandidaat,
        soort=DocumentSoort.CV,
        naam=f"cv-{letter}.pdf",
        content_type="application/pdf",
        grootte=20,
    )
    document.bestand.save(f"cv-{letter}.pdf", ContentFile(b"%PDF-1.4 test document"), save=False)
    document.save()

    start = timezone.now() + datetime.timedelta(days=5)
    slots = [
        Adviesslot.objects.create(
            adviseur=people["adviseur"],
            regio=regio,
            start=start + datetime.timedelta(hours=uur),
            vorm=Gespreksvorm.TELEFOON,
        )
        for uur in (0, 2)
    ]
    boeking = Boeking.objects.create(slot=slots[0], kandidaat=kandidaat, vraag="Welke route?")
    evenement = Evenement.objects.create(
        regio=regio,
        titel=f"Informatieavond {letter}",
        start=start,
        eind=start + datetime.timedelta(hours=2),
        locatie="Stadhuis",
        capaciteit=20,
    )
    aanmelding = Aanmelding.objects.create(evenement=evenement, kandidaat=kandidaat)

    jaar, kwartaal = huidig_kwartaal()
    opgave = TekortOpgaveFactory(bestuur=bestuur, jaar=jaar, kwartaal=kwartaal)
    TekortRegelFactory(opgave=opgave)
    lijn = Ontwikkellijn.objects.create(regio=regio, naam=f"Werven {letter}", volgorde=1)
    activiteit = Activiteit.objects.create(
        ontwikkellijn=lijn,
        naam=f"Eén loket {letter}",
        begin=datetime.date(jaar - 1, 1, 1),
        einde=datetime.date(jaar + 1, 12, 31),
        beoogd_resultaat="Vraag en aanbod bij elkaar.",
        eigenaar="Programmabureau",
    )
    Voortgang.objects.create(activiteit=activiteit, jaar=jaar, kwartaal=kwartaal, status="risico")
    opleidingsschool = OpleidingsschoolFactory(regio=regio, instituten=[opleiding])
    plaatsen = Opleidingsplaatsen.objects.create(
        opleidingsschool=opleidingsschool,
        schooljaar=2025,
        soort=StudentSoort.PABO_VOLTIJD,
        capaciteit_nu=10,
        capaciteit_gewenst=12,
    )
    plaatsingen = PlaatsingenFactory(opleidingsschool=opleidingsschool)
    contactpersoon = Contactpersoon.objects.create(organisatie=bestuur, naam="Carla Contact")

    rapport = Rapport(regio=regio, soort=Rapport.Soort.REGIO_OVERZICHT, status=Rapport.Status.KLAAR)
    rapport.bestand.save(f"rapport-{letter}.pdf", ContentFile(b"%PDF-1.4 rapport"), save=False)
    rapport.save()
    rapport_jaar, rapport_kwartaal = vorig_kwartaal(jaar, kwartaal)
    rapportage = Kwartaalrapportage(
        regio=regio,
        jaar=rapport_jaar,
        kwartaal=rapport_kwartaal,
        versie=1,
        status=Kwartaalrapportage.Status.KLAAR,
        klaar_op=timezone.now(),
        gegevens=rapportage_gegevens(
            regios=[regio], jaar=rapport_jaar, kwartaal=rapport_kwartaal, titel=regio.naam
        ),
    )
    rapportage.pdf.save(f"kr-{letter}.pdf", ContentFile(b"%PDF-1.4 kwartaal"), save=False)
    rapportage.save()

    return {
        "users": {"kandidaat": kandidaat_user, **people},
        "objects": {
            "regio_slug": regio.slug,
            "bestuur": bestuur.pk,
            "vestiging": vestiging.pk,
            "contactpersoon": contactpersoon.pk,
            "kandidaat": kandidaat.pk,
            "introductie_geaccepteerd": geaccepteerd.pk,
            "introductie_voorgesteld": voorgesteld.pk,
            "vacature": vacature.pk,
            "document": document.pk,
            "vrij_slot": slots[1].pk,
            "boeking": boeking.pk,
            "boeking_token": boeking_token(boeking),
            "evenement": evenement.pk,
            "aanmelding_token": aanmelding_token(aanmelding),
            "jaar": jaar,
            "kwartaal": kwartaal,
            "tekortopgave": opgave.pk,
            "ontwikkellijn": lijn.pk,
            "activiteit": activiteit.pk,
            "opleidingsschool": opleidingsschool.pk,
            "opleidingsplaatsen": plaatsen.pk,
            "plaatsingen": plaatsingen.pk,
            "rapport": rapport.pk,
            "kwartaalrapportage": rapportage.pk,
        },
    }


@pytest.fixture
def world(db):
    """Sides A and B, plus the desk's public catalogue; returns (side B's objects, users)."""
    Route.objects.create(
        naam="Zij-instroom matrix",
        slug="zij-instroom-matrix",
        soort=RouteSoort.ZIJ_INSTROOM,
        samenvatting="Werken en leren tegelijk.",
        voor_wie="Wie van baan wisselt.",
        duur="Twee jaar",
        studielast="Een dag per week",
        kosten="Subsidie voor de werkgever.",
    )
    FaqArtikel.objects.create(
        vraag="Heb ik een bevoegdheid nodig?",
        slug="bevoegdheid-matrix",
        antwoord="Ja.",
        onderwerp=FaqArtikel.Onderwerp.BEVOEGDHEID,
    )
    side_a = _side("A", naam="Anna Aalders", email="anna.aalders@example.nl")
    side_b = _side("B", naam=B_NAAM, email=B_EMAIL)
    objects = {**side_b["objects"], "route_slug": "zij-instroom-matrix"}
    objects["faq_slug"] = "bevoegdheid-matrix"
    users = {OPERATOR: UserFactory(role=Role.BEHEERDER)}
    for letter, side in (("a", side_a), ("b", side_b)):
        for role, user in side["users"].items():
            users[f"{role}_{letter}"] = user
    assert set(users) == set(PERSONAS) - {ANON}
    return objects, users


# --- Requesting and judging ---------------------------------------------------------------


class _RollBack(Exception):
    """Raised after a request to undo what it wrote, so each request sees the same world."""


def _request(client, method, url, follow):
    """One request whose writes are rolled back; an exception becomes ("500", text)."""
    result = {}
    try:
        with transaction.atomic():
            try:
                result["response"] = getattr(client, method)(url, follow=follow)
            except Exception as error:  # a 500 in any form is a finding
                result["error"] = f"500 {type(error).__name__}: {error}"
            raise _RollBack
    except _RollBack:
        pass
    return result


def classify(response) -> str:
    login = reverse("account_login")
    if getattr(response, "redirect_chain", None) and response.request["PATH_INFO"] == login:
        return LOGIN  # followed (the admin): it ended on the login page
    code = response.status_code
    if code in (301, 302, 303):
        target = urlsplit(response["Location"])
        if target.path == login:
            return LOGIN
        if target.path == reverse("mfa_activate_totp"):
            return "mfa"
        return OK if target.netloc in ("", "testserver") else f"{code} elsewhere"
    if code in (403, 404):
        return DENIED
    if code == 405:
        return NOT_ALLOWED
    if 200 <= code < 300 or code in (400, 422):
        return OK
    return str(code)


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


# --- The tests ------------------------------------------------------------------------------


def test_every_url_pattern_has_an_expectation():
    patterns = our_url_patterns()
    missing = sorted(set(patterns) - set(TABLE))
    assert not missing, f"URL patterns without a row in TABLE (add one): {missing}"
    stale = sorted(set(TABLE) - set(patterns))
    assert not stale, f"Rows in TABLE for URLs that no longer exist: {stale}"


def test_only_urls_that_are_not_ours_are_skipped():
    ours = [
        route
        for key, route, module in _walk(get_resolver().url_patterns)
        if _is_skipped(key, route) and module.split(".")[0] in OUR_APPS
    ]
    assert not ours, f"Views of this project under a skipped prefix (add them to TABLE): {ours}"
    # A guard against the walk silently finding little (e.g. a broken include).
    assert len(our_url_patterns()) >= 100


def test_every_url_as_every_persona(world):
    objects, users = world
    clients = {ANON: Client()}
    for persona, user in users.items():
        clients[persona] = Client()
        clients[persona].force_login(user)

    failures = []
    patterns = our_url_patterns()
    for key, route in patterns.items():
        case = TABLE[key]
        if key == route:  # unnamed: requested by its route
            urls = ["/" + route]
        else:
            arg_sets = case.args(objects) if case.args else [()]
            urls = [reverse(key, args=args) for args in arg_sets]
        methods = {"get": ["get"], "post": ["post"], "both": ["get", "post"]}[case.method]
        for url in urls:
            for method in methods:
                for persona in PERSONAS:
                    expected = case.expected(persona)
                    result = _request(clients[persona], method, url, case.follow)
                    where = f"{method.upper()} {url} ({key}) as {persona}"
                    if "error" in result:
                        failures.append(f"{where}: {result['error']}")
                        continue
                    response = result["response"]
                    got = classify(response)
                    if got != expected:
                        failures.append(
                            f"{where}: expected {expected}, got {got} ({response.status_code})"
                        )
                    not_entitled = persona in NOT_ENTITLED_TO_B - case.sees_b
                    if not case.token and (not_entitled or got != OK):
                        body = _body(response)
                        if B_NAAM in body or B_EMAIL in body:
                            failures.append(f"{where}: shows candidate B's personal data")
    assert not failures, f"{len(failures)} access failures:\n" + "\n".join(failures)
