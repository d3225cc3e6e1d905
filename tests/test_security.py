"""Issue 7, security: login throttling, production cookies and HSTS, a strict CSP, private
uploads, the audit log of staff reads, and no secret in the repository."""

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.files.storage import storages
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from kandidaten.models import Document, Inzage
from kandidaten.services import introductie_answer
from kandidaten.services.matching import introductie_invite
from loket.models import Adviesslot, Evenement, Gespreksvorm
from loket.services.advies import boeking_create
from loket.services.evenementen import aanmelding_create

from .factories import PASSWORD
from .factories_matching import profiel_van, vacature_in
from .test_accounts import totp_now
from .test_documenten import PDF, upload
from .test_settings import PRODUCTION

ROOT = Path(settings.BASE_DIR)
LOGIN = reverse("account_login")
LOCKED_OUT = "Te veel inlogpogingen. Probeer het later nogmaals."
WRONG_PASSWORD = "e-mailadres en/of wachtwoord is niet correct"


def text(response) -> str:
    return response.content.decode()


def log_in(client, email: str, password: str = PASSWORD, **extra):
    return client.post(LOGIN, {"login": email, "password": password}, **extra)


# --- Login throttling (allauth rate limits, counted in the Redis cache) ------------------------


def test_the_rate_limits_are_counted_in_redis_shared_by_every_process():
    # A per-process cache would let each gunicorn worker count on its own.
    assert isinstance(caches["default"], RedisCache)
    limits = settings.ACCOUNT_RATE_LIMITS
    assert limits["login_failed"] == "10/m/ip,5/15m/key"
    assert limits["request_login_code"] == "20/m/ip,3/m/key"


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, kandidaat):
    for _ in range(5):
        response = log_in(client, kandidaat.email, "niet-mijn-wachtwoord")
        assert response.status_code == 200
        assert WRONG_PASSWORD in text(response)

    response = log_in(client, kandidaat.email)

    assert response.status_code == 200
    assert LOCKED_OUT in text(response)
    assert not response.wsgi_request.user.is_authenticated
    # Changing the case of the address is the same account, not a fresh count.
    response = log_in(client, kandidaat.email.upper())
    assert LOCKED_OUT in text(response)
    assert not response.wsgi_request.user.is_authenticated


def test_a_right_password_before_the_limit_is_not_held_against_the_account(client, kandidaat):
    for _ in range(4):
        log_in(client, kandidaat.email, "niet-mijn-wachtwoord")
    response = log_in(client, kandidaat.email)
    assert response.status_code == 302
    assert response.wsgi_request.user == kandidaat


def test_one_locked_account_does_not_lock_out_others_on_the_same_address(
    client, kandidaat, kandidaat_b
):
    for _ in range(6):
        log_in(client, kandidaat.email, "niet-mijn-wachtwoord")

    response = log_in(client, kandidaat_b.email)

    assert response.status_code == 302
    assert response.wsgi_request.user == kandidaat_b


def test_wrong_passwords_for_many_accounts_from_one_address_are_stopped(client, db):
    for n in range(10):
        response = log_in(client, f"gok{n}@example.nl", "raden")
        assert WRONG_PASSWORD in text(response)

    response = log_in(client, "gok-nog-een@example.nl", "raden")

    assert response.status_code == 200
    assert LOCKED_OUT in text(response)


def test_behind_the_proxy_each_visitor_is_counted_by_their_own_address(
    client, settings, kandidaat_b
):
    # As production behind the TLS proxy (DJANGO_BEHIND_TLS_PROXY=true), where every request
    # reaches Django from the proxy's address.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    aanvaller = {"REMOTE_ADDR": "172.18.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    for n in range(11):
        response = log_in(client, f"gok{n}@example.nl", "raden", **aanvaller)
    assert LOCKED_OUT in text(response)

    # A forged X-Forwarded-For earlier in the chain does not give the attacker a new count.
    vervalst = {"REMOTE_ADDR": "172.18.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.5"}
    assert LOCKED_OUT in text(log_in(client, "gok-nog-een@example.nl", "raden", **vervalst))

    iemand_anders = {"REMOTE_ADDR": "172.18.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    response = log_in(client, kandidaat_b.email, **iemand_anders)
    assert response.status_code == 302
    assert response.wsgi_request.user == kandidaat_b


def test_wrong_authenticator_codes_lock_the_second_step_too(client, projectleider):
    response = log_in(client, projectleider.email)
    assert response.url == reverse("mfa_authenticate")
    for _ in range(5):
        response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert response.status_code == 200
        assert "Ongeldige code." in text(response)

    response = client.post(reverse("mfa_authenticate"), {"code": totp_now()})

    assert response.status_code == 200
    assert LOCKED_OUT in text(response)
    assert not client.get(reverse("dashboard")).wsgi_request.user.is_authenticated


def test_login_codes_can_be_requested_three_times_a_minute_per_address(kandidaat):
    # Each request from a fresh session, as someone flooding the inbox would send them.
    for _ in range(3):
        Client().post(reverse("account_request_login_code"), {"email": kandidaat.email})
    assert len(mail.outbox) == 3

    response = Client().post(reverse("account_request_login_code"), {"email": kandidaat.email})

    assert response.status_code == 200
    assert LOCKED_OUT in text(response)
    assert len(mail.outbox) == 3


def test_too_many_login_attempts_from_one_address_get_a_dutch_page_not_a_500(client, db):
    for n in range(30):
        assert log_in(client, f"iemand{n}@example.nl", "raden").status_code == 200

    response = log_in(client, "nog-iemand@example.nl", "raden")

    assert response.status_code == 429
    page = text(response)
    assert "<h1>Te veel pogingen</h1>" in page
    assert "Wacht een paar minuten en probeer het dan opnieuw." in page


# --- Production: secure cookies, HSTS, https -------------------------------------------------

PRODUCTION_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "X_FRAME_OPTIONS",
    "ALLAUTH_TRUSTED_PROXY_COUNT",
]


def production_settings(**overrides) -> dict:
    """The settings above as a production process would load them (a fresh interpreter)."""
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "loket.settings"}
    env.update({k: v for k, v in {**PRODUCTION, **overrides}.items() if v is not None})
    code = (
        "import json; from django.conf import settings; print(json.dumps({n: getattr(settings, "
        f"n, None) for n in {PRODUCTION_SETTINGS!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_sends_cookies_over_https_only_and_asks_for_hsts():
    values = production_settings()
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert values["CSRF_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    # Without a proxy in front, no header may claim https and no address is taken from one.
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert values["ALLAUTH_TRUSTED_PROXY_COUNT"] is None


def test_behind_the_tls_proxy_production_trusts_its_headers_and_nothing_more():
    values = production_settings(DJANGO_BEHIND_TLS_PROXY="true")
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True


def test_the_deploy_check_passes_with_production_settings():
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "loket.settings", **PRODUCTION}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_over_https_the_response_carries_hsts_and_a_secure_session_cookie(
    client, settings, kandidaat
):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    response = client.post(LOGIN, {"login": kandidaat.email, "password": PASSWORD}, secure=True)
    assert response.headers["Strict-Transport-Security"].startswith(
        "max-age=31536000; includeSubDomains"
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"]
    assert cookie["samesite"] == "Lax"


# --- Strict CSP on every kind of page ----------------------------------------------------------


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        if part.strip():
            name, *values = part.split()
            parsed[name] = values
    return parsed


@pytest.fixture
def csp_pages(traject, bestuur, adviseur, hr):
    vacature = vacature_in(bestuur)
    return [
        (None, "/"),
        (None, LOGIN),
        (None, reverse("regio:vacatures")),
        (None, reverse("regio:vacature", args=[vacature.pk])),
        (None, reverse("advies_boeken")),
        (adviseur, reverse("kandidaten:traject", args=[traject.pk])),
        (adviseur, reverse("kandidaten:pipeline")),
        (hr, reverse("kandidaten:hr_matches", args=[vacature.pk])),
        (traject.user, reverse("kandidaat_dashboard")),
        (None, "/bestaat-niet/"),
    ]


def test_no_page_allows_inline_or_eval_scripts_or_styles(client, csp_pages):
    for user, url in csp_pages:
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code in (200, 404), url
        policy = directives(response["Content-Security-Policy"])
        for name in ("script-src", "style-src", "default-src"):
            assert policy[name][0] == "'self'", (url, name)
            for loose in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:"):
                assert loose not in policy[name], (url, name, loose)
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        # No inline style or script in the markup either, or the policy would break the page.
        page = text(response)
        assert " style=" not in page and "<style" not in page, url
        assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/ld\+json\"))", page), url


# --- Uploads are never served from a public path ------------------------------------------------


def test_the_private_base_url_has_no_route_and_documents_are_linked_only_via_the_view(
    client, traject
):
    client.force_login(traject.user)
    upload(client, "CV Kim Kandidaat.pdf", PDF)
    document = Document.objects.get(kandidaat=traject)
    name = document.bestand.name

    for url in (storages["private"].url(name), f"{settings.MEDIA_URL}{name}", "/private/" + name):
        with pytest.raises(Resolver404):
            resolve(url)
    page = text(client.get(reverse("kandidaten:documenten")))
    assert reverse("kandidaten:document", args=[document.pk]) in page
    assert name not in page and "/niet-publiek/" not in page and "/media/" not in page

    response = client.get(reverse("kandidaten:document", args=[document.pk]))
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"

    client.logout()
    for url in (storages["private"].url(name), f"{settings.MEDIA_URL}{name}"):
        assert client.get(url).status_code == 404, url


def test_private_documents_lie_outside_every_served_folder():
    # The storage the models use, and where the settings put it (tests move both to a tmp dir).
    for private in (storages["private"].location, settings.PRIVATE_MEDIA_ROOT):
        for public in [settings.MEDIA_ROOT, settings.STATIC_ROOT, *settings.STATICFILES_DIRS]:
            assert not Path(private).resolve().is_relative_to(Path(public).resolve()), public


# --- Every staff read of a candidate's record is logged -----------------------------------------


def slot_of(adviseur) -> Adviesslot:
    return Adviesslot.objects.create(
        adviseur=adviseur,
        regio=adviseur.regio,
        start=timezone.now() + timedelta(days=2),
        vorm=Gespreksvorm.VIDEO,
    )


@pytest.fixture
def record_pages(client, traject, kandidaat, adviseur, hr, bestuur, beheerder, regio):
    """Every staff page that shows one candidate's record: (who, url, what is logged)."""
    client.force_login(kandidaat)
    upload(client, "CV Kim Kandidaat.pdf", PDF)
    client.logout()
    document = Document.objects.get(kandidaat=traject)
    boeking, _ = boeking_create(
        slot=slot_of(adviseur), naam="Kim Kandidaat", email=kandidaat.email, telefoon="0612"
    )
    introductie = introductie_invite(
        vacature=vacature_in(bestuur), kandidaat=profiel_van(traject), door=hr
    )
    introductie_answer(introductie=introductie, door=kandidaat, accepteren=True)
    start = timezone.now() + timedelta(days=7)
    evenement = Evenement.objects.create(
        regio=regio,
        titel="Informatieavond",
        start=start,
        eind=start + timedelta(hours=2),
        locatie="Enschede",
        capaciteit=20,
    )
    aanmelding_create(evenement=evenement, naam="Kim Kandidaat", email=kandidaat.email)
    Inzage.objects.all().delete()
    return [
        (adviseur, reverse("kandidaten:traject", args=[traject.pk]), "traject"),
        (adviseur, reverse("kandidaten:document", args=[document.pk]), "document: "),
        (adviseur, reverse("adviseur_gesprek", args=[boeking.pk]), "Adviesgesprek "),
        (adviseur, reverse("evenement_bewerken", args=[evenement.pk]), "deelnemerslijst "),
        (hr, reverse("kandidaten:hr_introductie", args=[introductie.pk]), "introductie"),
        (hr, reverse("kandidaten:traject", args=[traject.pk]), "traject"),
        (beheerder, reverse("kandidaten:traject", args=[traject.pk]), "traject"),
        (beheerder, reverse("admin:kandidaten_kandidaat_change", args=[traject.pk]), "beheer"),
    ]


def test_every_staff_page_with_a_candidates_record_logs_the_read(client, record_pages, traject):
    for user, url, wat in record_pages:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        inzage = Inzage.objects.get()
        assert (inzage.door, inzage.kandidaat) == (user, traject), url
        assert inzage.wat.startswith(wat), (url, inzage.wat)
        inzage.delete()


def test_the_candidate_reading_their_own_record_is_not_logged(client, record_pages, traject):
    client.force_login(traject.user)
    client.get(reverse("kandidaten:traject", args=[traject.pk]))
    client.get(reverse("kandidaten:document", args=[traject.documenten.get().pk]))
    assert not Inzage.objects.exists()


# --- No secret in the repository ---------------------------------------------------------------

# Documented, deliberately insecure values: the Makefile's test and quickstart keys, the
# .env.example placeholder, the Dockerfile's collectstatic key, and test-only values.
ALLOWED_SECRET_KEYS = {
    "test-insecure-key-only-for-make-test",
    "quickstart-insecure-key-only-for-make-run",
    "insecure-change-me-to-a-random-value-of-50-characters-or-more",
    "build-time-dummy-for-collectstatic-only-never-used-at-run-time",
    "een ander geheim dat niemand kent",
    "short",
    "x",
}
# user:password in URLs: the local test database of the Makefile and compose, and the
# .env.example placeholder.
ALLOWED_URL_CREDENTIALS = {"loket:loket", "loket:change-me"}
# Assembled from parts so that this file does not match its own patterns.
SECRET_PATTERNS = {
    "private key": re.compile("-" * 5 + r"BEGIN (?:[A-Z]+ )*PRIVATE KEY" + "-" * 5),
    "AWS access key": re.compile(r"\b(?:A" + r"KIA|A" + r"SIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAI" + r"za[0-9A-Za-z_-]{35}\b"),
    "Stripe live key": re.compile(r"\b[sr]k_" + r"live_[0-9A-Za-z]{16,}"),
}
# A quoted value anywhere (Python, dicts, JSON); a bare one only outside Python, where
# `SECRET_KEY=name` is a variable rather than a value (env files, Makefile, Dockerfile, YAML).
QUOTED_SECRET_KEY = re.compile(r"SECRET_KEY(?:\s*=\s*|[\"']\s*:\s*)([\"'])(?P<value>.*?)\1")
BARE_SECRET_KEY = re.compile(r"SECRET_KEY[=:][ \t]*(?P<value>[^\s\"'$\\][^\s\\),]*)")
URL_CREDENTIALS = re.compile(r"[a-z][a-z0-9+.-]*://(?P<cred>[^/\s:@'\"]+:[^/\s@'\"]+)@")
FORBIDDEN_FILES = re.compile(r"(^|/)(\.env|id_rsa|id_ed25519|.*\.pem|.*\.key|.*\.p12)$")


def secrets_in(text: str, *, python: bool = False) -> list[str]:
    """What in `text` looks like a secret that is not one of the documented dummies."""
    found = [name for name, pattern in SECRET_PATTERNS.items() if pattern.search(text)]
    key_patterns = [QUOTED_SECRET_KEY] if python else [QUOTED_SECRET_KEY, BARE_SECRET_KEY]
    for pattern in key_patterns:
        for match in pattern.finditer(text):
            if match["value"] not in ALLOWED_SECRET_KEYS:
                found.append(f"SECRET_KEY {match['value'][:12]}…")
    for match in URL_CREDENTIALS.finditer(text):
        if match["cred"] not in ALLOWED_URL_CREDENTIALS and "${" not in match["cred"]:
            found.append(f"password in URL ({match['cred'].split(':')[0]}:…)")
    return found


def repository_files() -> list[str]:
    """Tracked files, and new ones that are not ignored (caught before they are committed)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    return [name for name in listing.stdout.decode().split("\0") if name]


def test_the_scanner_recognises_what_it_looks_for():
    assert secrets_in("-" * 5 + "BEGIN RSA PRIVATE KEY" + "-" * 5) == ["private key"]
    assert secrets_in("key = 'AKIA" + "ABCDEFGHIJKLMNOP'") == ["AWS access key"]
    key = "SECRET" + "_KEY"
    assert secrets_in(f'{key} = "{"r3al" * 8}"') == ["SECRET_KEY r3alr3alr3al…"]
    assert secrets_in(f"DJANGO_{key}={'r3al' * 8}") == ["SECRET_KEY r3alr3alr3al…"]
    assert secrets_in(f'{{"DJANGO_{key}": "{"r3al" * 8}"}}') == ["SECRET_KEY r3alr3alr3al…"]
    assert secrets_in(f"override_settings({key}=secret)", python=True) == []
    assert secrets_in("postgres://loket:" + "hunter2@db/loket") == ["password in URL (loket:…)"]
    assert secrets_in('SECRET_KEY = env.str("DJANGO_SECRET_KEY")') == []
    assert secrets_in("DJANGO_SECRET_KEY=$$(python -c 'import secrets')") == []
    assert secrets_in("DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY}") == []
    assert secrets_in("DATABASE_URL=postgres://loket:loket@127.0.0.1:5432/loket") == []


def test_no_secret_is_in_the_repository():
    problems = []
    for name in repository_files():
        if FORBIDDEN_FILES.search(name):
            problems.append(f"{name}: a file that holds secrets is in the repository")
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        try:
            content = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary: images, fonts, compiled translations
        found = secrets_in(content, python=name.endswith(".py"))
        problems += [f"{name}: {what}" for what in found]
    assert problems == []
