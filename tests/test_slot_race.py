"""Issue 7: fifty people post the public booking form for the same advice slot at once, over
real HTTP: one booking, one confirmation, and everyone else a clear Dutch answer."""

import http.client
import re
import threading
from datetime import timedelta
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from loket.celery import app
from loket.models import Adviesslot, Boeking, Gespreksvorm
from regio.models import User

from .factories import UserFactory

CLIENTS = 50
BEZET = "Dit moment is net door iemand anders geboekt."
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def eager():
    """The confirmation task runs in the live server's thread, so its e-mail is countable."""
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


class Browser:
    """One visitor: fetches the form over a kept-alive connection (cookie and CSRF token),
    then posts it on that same connection, so fifty posts reach the server at one moment
    instead of queueing in front of the live server's small listen backlog."""

    def __init__(self, server_url: str, path: str):
        self.path = path
        self.connection = http.client.HTTPConnection(urlsplit(server_url).netloc, timeout=30)
        self.connection.request("GET", path)
        response = self.connection.getresponse()
        assert response.status == 200
        self.token = CSRF.search(response.read().decode()).group(1)
        cookies = SimpleCookie(response.headers["Set-Cookie"])
        self.cookie = f"csrftoken={cookies['csrftoken'].value}"

    def post(self, email: str) -> tuple[int, str]:
        body = urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                "naam": "Racende Kandidaat",
                "email": email,
                "telefoon": "06 12345678",
                "vraag": "",
                "toestemming": "on",
            }
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": self.cookie}
        self.connection.request("POST", self.path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode()
        self.connection.close()
        return response.status, response.headers.get("Location") or text


@pytest.mark.django_db(transaction=True)
def test_fifty_clients_racing_for_one_slot_get_one_booking_and_one_email(live_server, regio, eager):
    adviseur = UserFactory(role="loketadviseur", regio=regio)
    slot = Adviesslot.objects.create(
        adviseur=adviseur,
        regio=regio,
        vorm=Gespreksvorm.VIDEO,
        start=timezone.now() + timedelta(days=2),
    )
    path = reverse("advies_moment", args=[slot.pk])
    emails = [f"racer{n}@example.nl" for n in range(CLIENTS)]
    browsers = {email: Browser(live_server.url, path) for email in emails}
    barrier = threading.Barrier(CLIENTS)
    answers: dict[str, tuple[int, str]] = {}

    def client(email):
        barrier.wait(timeout=30)
        try:
            answers[email] = browsers[email].post(email)
        except Exception as exc:  # reported by the assertions below
            answers[email] = (0, repr(exc))

    threads = [threading.Thread(target=client, args=[email]) for email in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    statuses = sorted(status for status, _body in answers.values())
    assert statuses == [200] * (CLIENTS - 1) + [302], [a for a in answers.values() if a[0] != 200]
    (winner,) = [email for email, (status, _body) in answers.items() if status == 302]
    assert answers[winner][1] == reverse("advies_geboekt")
    for email, (status, body) in answers.items():
        if email != winner:
            assert BEZET in body
    boeking = Boeking.objects.select_related("kandidaat__user").get(slot=slot)
    assert boeking.kandidaat.user.email == winner
    # A refused booking leaves nothing behind: no accounts for the forty-nine others.
    assert User.objects.filter(email__in=emails).count() == 1
    assert [m.to for m in mail.outbox] == [[winner]]
