"""Settings come from the environment, strictly parsed; production refuses unsafe values."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "loket.onderwijsregio.example",
    "DATABASE_URL": "postgres://loket:loket@db:5432/loket",
    "REDIS_URL": "redis://redis:6379/0",
}


def load_settings(show="DEBUG", **overrides):
    """Import the settings in a fresh interpreter with only these variables set."""
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "loket.settings"}
    env.update({k: v for k, v in {**PRODUCTION, **overrides}.items() if v is not None})
    return subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings; print(settings.{show})"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_load_when_safe():
    result = load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("overrides", "complaint"),
    [
        ({"DJANGO_SECRET_KEY": "short"}, "DJANGO_SECRET_KEY must be a random value"),
        ({"DJANGO_ALLOWED_HOSTS": "*"}, "DJANGO_ALLOWED_HOSTS must name the real host"),
        ({"DJANGO_ALLOWED_HOSTS": None}, "DJANGO_ALLOWED_HOSTS must name the real host"),
        ({"DATABASE_URL": "sqlite:///db.sqlite3"}, "DATABASE_URL must point to PostgreSQL"),
        ({"REDIS_URL": None}, "REDIS_URL must be set"),
        ({"CELERY_TASK_ALWAYS_EAGER": "true"}, "CELERY_TASK_ALWAYS_EAGER off"),
        ({"LOKET_MFA_REQUIRED": "false"}, "LOKET_MFA_REQUIRED cannot be switched off"),
        ({"DJANGO_SECURE_HSTS_SECONDS": "0"}, "DJANGO_SECURE_HSTS_SECONDS must be at least"),
    ],
)
def test_production_refuses_unsafe_configuration(overrides, complaint):
    result = load_settings(**overrides)
    assert result.returncode != 0
    assert "Unsafe production configuration" in result.stderr
    assert complaint in result.stderr


def test_private_documents_may_not_live_under_a_public_folder():
    result = load_settings(MEDIA_ROOT="/srv/media", PRIVATE_MEDIA_ROOT="/srv/media/private")
    assert result.returncode != 0
    assert "PRIVATE_MEDIA_ROOT (/srv/media/private) must not lie inside /srv/media" in result.stderr
    assert load_settings(MEDIA_ROOT="/srv/media", PRIVATE_MEDIA_ROOT="/srv/private").returncode == 0


def test_a_typo_in_a_boolean_is_an_error_not_false():
    result = load_settings(DJANGO_DEBUG="flase")
    assert result.returncode != 0
    assert "DJANGO_DEBUG='flase' is not a boolean" in result.stderr


def test_a_missing_secret_key_is_an_error():
    result = load_settings(DJANGO_SECRET_KEY=None)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_pages_carry_a_strict_content_security_policy(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_htmx_is_served_from_our_own_static_files(client, db):
    page = client.get("/").content.decode()
    assert '<script src="/static/django_htmx/htmx-2.min.js"' in page
    assert "unpkg" not in page and "cdn" not in page.lower()


def test_celery_is_configured_for_safe_redelivery():
    from loket.celery import app

    conf = app.conf
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_soft_time_limit < conf.task_time_limit
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit
    assert conf.accept_content == ["json"] and conf.task_serializer == "json"


def test_every_beat_entry_names_a_registered_task():
    from loket.celery import app

    app.loader.import_default_modules()
    for key, entry in app.conf.beat_schedule.items():
        assert entry["task"] in app.tasks, key


def test_a_request_for_an_unknown_host_gets_a_400_not_a_500(client, db):
    response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.content.decode()


def test_spaces_in_the_host_list_are_not_part_of_the_names():
    result = load_settings("ALLOWED_HOSTS", DJANGO_ALLOWED_HOSTS="a.example, b.example,")
    assert result.stdout.strip() == "['a.example', 'b.example']", result.stderr
