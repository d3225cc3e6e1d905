"""Settings of the loket portal: one module, every value from the environment.

Values are parsed strictly (a typo in a boolean is an error, not False). Production
(DEBUG off) refuses to start on an unsafe configuration; the quickstart and the tests set
their development values explicitly in the Makefile. Every variable is documented in
`.env.example`.
"""

import warnings
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    """A boolean from the environment; anything but a known spelling is an error."""
    raw = env.str(name, default="").strip().lower()
    if raw == "":
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true or false).")


def env_list(name: str) -> list[str]:
    """A comma-separated list; spaces around items are not part of them."""
    return [item.strip() for item in env.list(name, default=[]) if item.strip()]


# ---------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY")


ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "loket.apps.LoketAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "csp",
    "template_partials.apps.SimpleAppConfig",
    "loket",
    "kandidaten",
    "opleidingsscholen",
    "regio",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "loket.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "loket.urls"
WSGI_APPLICATION = "loket.wsgi.application"
AUTH_USER_MODEL = "regio.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # `page.html#fragment` names a {% partialdef %} of a page, as in Django 6.
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
            "builtins": ["template_partials.templatetags.partials"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "loket.context_processors.portal",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Data: PostgreSQL in production and tests, SQLite for the quickstart
# ---------------------------------------------------------------------------
DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
USING_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Redis down must not take pages down: the cache degrades to misses (loket.cache), and
    # short timeouts keep a request from hanging on a server that does not answer.
    CACHES = {
        "default": {
            "BACKEND": "loket.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Candidates' documents: outside MEDIA_ROOT, never served by a web server, only streamed by
# a view that checks who asks (kandidaten.models.private_storage).
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private")))
# The largest document (CV, diploma) a candidate may upload, in bytes.
LOKET_DOCUMENT_MAX_BYTES = env.int("LOKET_DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024)
for _public in (MEDIA_ROOT, STATIC_ROOT):
    if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(_public.resolve()):
        raise ImproperlyConfigured(
            f"PRIVATE_MEDIA_ROOT ({PRIVATE_MEDIA_ROOT}) must not lie inside {_public}: files "
            "there could be served without a permission check."
        )
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/niet-publiek/"},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Tests and the quickstart serve static files straight from the apps, without collectstatic,
# so there is no STATIC_ROOT for whitenoise to scan.
WHITENOISE_USE_FINDERS = DEBUG
if DEBUG:
    warnings.filterwarnings("ignore", message="No directory at: ")

# ---------------------------------------------------------------------------
# Language: Dutch first, English maintained
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------------------
# Accounts: e-mail login via allauth; MFA for every staff role
# ---------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Onderwijsloket] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Onderwijsloket"
# Staff roles must have an authenticator before they reach staff pages. Only the
# quickstart may switch this off, and only with DEBUG on (checked below).
LOKET_MFA_REQUIRED = env_bool("LOKET_MFA_REQUIRED", True)
# Login throttling, counted in the cache (Redis in production and tests, so every process
# shares the counts). Failed logins (password or authenticator code): 10 a minute per
# address, and 5 per account per 15 minutes, during which even the right password is
# refused. allauth's defaults are written out so a change of defaults cannot loosen them.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/15m/key",
    "request_login_code": "20/m/ip,3/m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
}
# A login code by e-mail is void after this many wrong tries.
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="loket@onderwijsregio.example")
# The site's own address for links in e-mails and calendar invites, which have no request to
# take it from; by default the first of DJANGO_ALLOWED_HOSTS (https in production).
LOKET_BASE_URL = env.str(
    "LOKET_BASE_URL",
    default=f"{'http' if DEBUG else 'https'}://"
    + next((h.lstrip(".") for h in ALLOWED_HOSTS if h not in ("*", "")), "localhost"),
).rstrip("/")

# ---------------------------------------------------------------------------
# Security headers
# ---------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "loket.views.core.csrf_failure"
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Behind the proxy every request comes from the proxy's address; the login throttling
    # counts per visitor the address the proxy appended to X-Forwarded-For (the last one;
    # earlier ones are the visitor's own word), else one visitor's typos would lock out all.
    ALLAUTH_TRUSTED_PROXY_COUNT = 1

# No inline script or style anywhere: htmx is a file from django-htmx, its inline
# indicator styles are switched off in base.html, and all CSS lives in static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# ---------------------------------------------------------------------------
# Background work: Celery with Redis; eager only where there is no broker
# ---------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None  # results live in our own tables, keyed by task_id
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Sending a task must fail fast when Redis is down: the web request then leaves the task in
# the outbox (loket.uitgaand) instead of waiting for the broker or failing.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Redis re-delivers an unacknowledged task after this; it must exceed the hard time limit.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    # A broker that hangs instead of refusing (a dead host, a firewall) must not hang a web
    # request either; the worker's BRPOP answers every second (brpop_timeout), well within.
    "socket_connect_timeout": 1,
    "socket_timeout": 3,
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Tasks kept in the outbox while Redis was down go out once it is back.
    "send-the-outbox-every-minute": {
        "task": "loket.tasks.uitgaand_versturen",
        "schedule": crontab(),
    },
    # The first day of a quarter, early: every region's report of the quarter that ended.
    "quarterly-reports-on-the-first-day-of-a-quarter": {
        "task": "loket.tasks.kwartaalrapportages_nieuw_kwartaal",
        "schedule": crontab(minute=0, hour=5, day_of_month=1, month_of_year="1,4,7,10"),
    },
    "requeue-stuck-reports-every-15-minutes": {
        "task": "loket.tasks.requeue_stuck_rapporten",
        "schedule": crontab(minute="*/15"),
    },
    # Every hour in the daytime, so a missed run is made good; each booking is reminded once.
    "remind-tomorrows-advice-conversations-hourly": {
        "task": "loket.tasks.send_advies_herinneringen",
        "schedule": crontab(minute=5, hour="8-20"),
    },
    "mark-stalled-candidates-daily": {
        "task": "kandidaten.tasks.mark_stalled",
        "schedule": crontab(minute=30, hour=6),
    },
    "erase-expired-candidate-data-daily": {
        "task": "loket.tasks.erase_expired_kandidaten",
        "schedule": crontab(minute=0, hour=3),
    },
}

# ---------------------------------------------------------------------------
# Logging: plain lines on stderr, collected by the process manager
# ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates every rendering step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# ---------------------------------------------------------------------------
# Production refuses unsafe configuration
# ---------------------------------------------------------------------------
if not DEBUG:
    problems = []
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or "insecure" in SECRET_KEY:
        problems.append("DJANGO_SECRET_KEY must be a random value of 50+ characters")
    if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
        problems.append("DJANGO_ALLOWED_HOSTS must name the real host names")
    if not USING_POSTGRES:
        problems.append("DATABASE_URL must point to PostgreSQL")
    if CELERY_TASK_ALWAYS_EAGER or not REDIS_URL:
        problems.append("REDIS_URL must be set and CELERY_TASK_ALWAYS_EAGER off")
    if not LOKET_MFA_REQUIRED:
        problems.append("LOKET_MFA_REQUIRED cannot be switched off")
    if SECURE_HSTS_SECONDS < 31_536_000:
        problems.append("DJANGO_SECURE_HSTS_SECONDS must be at least a year (31536000)")
    if problems:
        raise ImproperlyConfigured("Unsafe production configuration: " + "; ".join(problems))
