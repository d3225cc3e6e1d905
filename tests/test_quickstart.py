"""The `make run` path works on an empty SQLite database: migrate, demo data, pages, a PDF."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow

# What `make run` sets (see RUN_ENV in the Makefile), with a database of our own.
QUICKSTART_ENV = {
    "DJANGO_DEBUG": "true",
    "DJANGO_SECRET_KEY": "quickstart-insecure-key-only-for-make-run",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "CELERY_TASK_ALWAYS_EAGER": "true",
    "LOKET_MFA_REQUIRED": "false",
    "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
}

# Runs inside the quickstart process: every role's page, then one PDF through the eager task.
CHECK_PAGES = """
from django.test import Client
from regio.models import Role, User
from loket.models import Rapport
from tests.pdfs import pdf_text

pages = {
    Role.KANDIDAAT: "/mijn/", Role.LOKETADVISEUR: "/adviseur/", Role.HR: "/hr/",
    Role.OPLEIDER: "/opleider/", Role.PROJECTLEIDER: "/projectleider/", Role.BEHEERDER: "/beheer/",
}
for role, url in pages.items():
    client = Client()
    client.force_login(User.objects.filter(role=role).first())
    response = client.get(url)
    assert response.status_code == 200, (role, url, response.status_code)
    print("page ok", role, url)

leider = User.objects.filter(role=Role.PROJECTLEIDER).first()
client = Client()
client.force_login(leider)
assert client.post("/projectleider/rapporten/nieuw/").status_code == 302
rapport = Rapport.objects.get()
assert rapport.status == "klaar", rapport.foutmelding
text = pdf_text(client.get(f"/projectleider/rapporten/{rapport.pk}/download/").getvalue())
assert leider.regio.naam in text
print("pdf ok", leider.regio.naam)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def quickstart(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        **QUICKSTART_ENV,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }

    def manage(*args, timeout=300):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    manage.env = env
    return manage


def test_quickstart_serves_every_role_and_makes_a_pdf_on_sqlite(quickstart):
    quickstart("migrate", "--noinput")
    logins = quickstart("seed_demo", "--scale", "small", "--seed", "1", "--if-empty")
    for role in ("kandidaat", "loketadviseur", "hr", "opleider", "projectleider", "beheerder"):
        assert role in logins.lower()

    again = quickstart("seed_demo", "--scale", "small", "--seed", "1", "--if-empty")
    assert "kandidaat" in again.lower()  # a second `make run` still shows the logins

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=quickstart.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                assert time.monotonic() < deadline, "runserver did not start"
                time.sleep(0.3)
        home = urllib.request.urlopen(f"{base}/").read().decode()
        assert "Aan de slag in het onderwijs" in home
        login = urllib.request.urlopen(f"{base}/account/login/").read().decode()
        assert 'name="password"' in login
        css = urllib.request.urlopen(f"{base}/static/css/loket.css")
        assert css.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)

    output = quickstart("shell", "-c", CHECK_PAGES)
    assert output.count("page ok") == 6
    assert "pdf ok" in output
