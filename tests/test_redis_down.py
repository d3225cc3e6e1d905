"""Redis down (issue 7): pages, login and booking keep working, the cache degrades to misses,
tasks wait in the outbox and go out, once, when Redis is back; /healthz tells."""

import json
import socket
import time
from datetime import timedelta

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from loket.celery import app
from loket.models import Adviesslot, Boeking, Gespreksvorm, Kwartaalrapportage, Uitgaand
from loket.services.kwartaalrapportages import kiesbare_kwartalen
from loket.tasks import send_advies_mail
from loket.uitgaand import uitgaand_flush, versturen

from .factories import PASSWORD
from .test_accounts import totp_now

# Nothing listens here: connections are refused at once, as when the Redis server is down.
CLOSED = "redis://127.0.0.1:6390/0"


def _use_broker(url: str, *, eager: bool) -> None:
    app.conf.broker_url = url
    app.conf.task_always_eager = eager
    # Forget the pooled connections to the old URL, as a forked worker process does.
    app._after_fork()


class Redis:
    """Switches the cache and the broker between the closed port and the real Redis."""

    def __init__(self, settings):
        self.settings = settings
        self.real_cache = dict(django_settings.CACHES["default"])
        self.real_broker = django_settings.CELERY_BROKER_URL

    def down(self):
        # Assigning CACHES makes Django drop its cache connections (setting_changed).
        self.settings.CACHES = {"default": {**self.real_cache, "LOCATION": CLOSED}}
        self.settings.REDIS_URL = CLOSED
        _use_broker(CLOSED, eager=False)

    def back(self):
        self.settings.CACHES = {"default": self.real_cache}
        self.settings.REDIS_URL = self.real_cache["LOCATION"]
        _use_broker(self.real_broker, eager=False)


@pytest.fixture
def redis_switch(settings):
    assert django_settings.CACHES["default"]["BACKEND"] == "loket.cache.DegradingRedisCache"
    assert django_settings.CELERY_BROKER_URL.startswith("redis://")
    switch = Redis(settings)
    _purge_queue(switch.real_broker)
    try:
        yield switch
    finally:
        _use_broker(switch.real_broker, eager=django_settings.CELERY_TASK_ALWAYS_EAGER)
        _purge_queue(switch.real_broker)


@pytest.fixture
def redis_down(redis_switch):
    redis_switch.down()
    return redis_switch


def _purge_queue(url):
    redis.Redis.from_url(url).delete("celery")


def queued(url) -> set[tuple[str, str]]:
    """(task name, task id) of each task waiting in the real broker's default queue."""
    messages = redis.Redis.from_url(url).lrange("celery", 0, -1)
    headers = [json.loads(message)["headers"] for message in messages]
    return {(header["task"], header["id"]) for header in headers}


def make_slot(adviseur):
    return Adviesslot.objects.create(
        adviseur=adviseur,
        regio=adviseur.regio,
        vorm=Gespreksvorm.VIDEO,
        start=timezone.now() + timedelta(days=2),
    )


BOEKING = {
    "naam": "Noor Nieuw",
    "email": "noor@example.nl",
    "telefoon": "06 12345678",
    "vraag": "Kan ik naast mijn baan de pabo doen?",
    "toestemming": "on",
}


# --- The cache degrades to misses ----------------------------------------------------------


def test_the_cache_answers_misses_while_redis_is_down(redis_down):
    cache.set("sleutel", "waarde")
    assert cache.get("sleutel") is None
    assert cache.get("sleutel", "standaard") == "standaard"
    assert cache.get_or_set("sleutel", "nieuw") == "nieuw"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1}) == ["a"]
    assert not cache.has_key("sleutel")
    assert not cache.delete("sleutel")
    with pytest.raises(ValueError):
        cache.incr("teller")


def test_the_cache_works_again_when_redis_is_back(redis_switch):
    redis_switch.down()
    cache.set("sleutel", "kwijt")
    redis_switch.back()
    cache.set("sleutel", "waarde")
    assert cache.get("sleutel") == "waarde"


# --- Pages and login -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "query", "tekst"),
    [
        ("home", {}, "Onderwijsregio Twente"),
        ("routewijzer", {}, "<form"),
        ("kennisbank", {"q": "pabo"}, "<form"),
        ("advies_boeken", {"regio": "twente"}, "Onderwijsregio Twente"),
    ],
)
def test_public_pages_answer_while_redis_is_down(client, regio, redis_down, url, query, tekst):
    response = client.get(reverse(url), query)
    assert response.status_code == 200
    assert tekst in response.content.decode()


def test_a_staff_dashboard_answers_while_redis_is_down(client, projectleider, redis_down):
    client.force_login(projectleider)
    response = client.get(reverse("projectleider_dashboard"))
    assert response.status_code == 200
    assert "Onderwijsregio Twente" in response.content.decode()


def test_a_candidate_logs_in_with_a_password_while_redis_is_down(client, kandidaat, redis_down):
    response = client.post(
        reverse("account_login"), {"login": kandidaat.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).wsgi_request.user == kandidaat


def test_staff_log_in_with_password_and_code_while_redis_is_down(client, projectleider, redis_down):
    response = client.post(
        reverse("account_login"), {"login": projectleider.email, "password": PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_now()}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("projectleider_dashboard")


def test_a_wrong_password_is_still_refused_in_dutch_while_redis_is_down(
    client, kandidaat, redis_down
):
    response = client.post(reverse("account_login"), {"login": kandidaat.email, "password": "x"})
    assert response.status_code == 200
    assert "e-mailadres en/of wachtwoord is niet correct" in response.content.decode()


# --- /healthz ------------------------------------------------------------------------------


def test_healthz_says_redis_error_and_then_ok_again(client, db, redis_switch):
    redis_switch.down()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "checks": {"database": "ok", "redis": "error"}}
    redis_switch.back()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "ok"}


# --- Booking: the booking stands, its e-mail waits in the outbox and goes out once ----------


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_booking_while_redis_is_down_sends_its_email_once_redis_is_back(
    client, adviseur, redis_switch
):
    slot = make_slot(adviseur)
    redis_switch.down()

    response = client.post(reverse("advies_moment", args=[slot.pk]), BOEKING)

    assert response.status_code == 302
    boeking = Boeking.objects.get(slot=slot)
    assert boeking.kandidaat.user.email == "noor@example.nl"
    uitgaand = Uitgaand.objects.get()
    assert (uitgaand.taak, uitgaand.args) == (
        send_advies_mail.name,
        ["bevestiging", boeking.pk, None],
    )
    assert uitgaand.verstuurd_op is None and uitgaand.pogingen == 1
    assert mail.outbox == []
    # Still down: the flush leaves it waiting and counts the attempt.
    assert uitgaand_flush() == 0
    assert Uitgaand.objects.get().pogingen == 2

    redis_switch.back()
    assert uitgaand_flush() == 1
    assert queued(redis_switch.real_broker) == {(send_advies_mail.name, uitgaand.task_id)}
    assert uitgaand_flush() == 0  # sent once, not again
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        deadline = time.monotonic() + 30
        while not mail.outbox and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # a second e-mail would have come by now

    assert [m.to for m in mail.outbox] == [["noor@example.nl"]]
    assert Uitgaand.objects.get().verstuurd_op is not None


def test_a_task_kept_twice_under_one_id_is_one_row(db, redis_down):
    versturen(send_advies_mail, "bevestiging", 1, task_id="vast-id")
    versturen(send_advies_mail, "bevestiging", 1, task_id="vast-id")
    assert Uitgaand.objects.filter(task_id="vast-id").count() == 1


def test_a_broker_that_hangs_instead_of_refusing_keeps_the_task_too(db, redis_switch):
    # Accepts the connection and never answers, like a dead host behind a firewall: the
    # send gives up after the broker's socket timeout instead of hanging the request.
    with socket.create_server(("127.0.0.1", 0)) as stil:
        _use_broker(f"redis://127.0.0.1:{stil.getsockname()[1]}/0", eager=False)
        versturen(send_advies_mail, "bevestiging", 1, task_id="hangt")
    assert Uitgaand.objects.wachtend().get().task_id == "hangt"


def test_a_send_that_succeeds_has_a_worker_send_what_waited(db, redis_switch):
    redis_switch.down()
    versturen(send_advies_mail, "bevestiging", 1, task_id="gewacht")
    redis_switch.back()

    versturen(send_advies_mail, "bevestiging", 2, task_id="nieuw")

    assert {taak for taak, _id in queued(redis_switch.real_broker)} == {
        send_advies_mail.name,
        "loket.tasks.uitgaand_versturen",
    }
    assert Uitgaand.objects.wachtend().count() == 1  # until a worker runs that flush


# --- The quarterly report request takes the same path ---------------------------------------


def test_a_quarterly_report_request_while_redis_is_down_waits_in_the_outbox(
    client, projectleider, redis_switch, django_capture_on_commit_callbacks
):
    jaar, kwartaal = kiesbare_kwartalen()[0]
    client.force_login(projectleider)
    redis_switch.down()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("kwartaalrapportage_aanvragen"),
            {"onderwerp": f"regio-{projectleider.regio_id}", "kwartaal": f"{jaar}-{kwartaal}"},
        )

    assert response.status_code == 302
    rapportage = Kwartaalrapportage.objects.get()
    uitgaand = Uitgaand.objects.get()
    assert uitgaand.taak == "loket.tasks.maak_kwartaalrapportage"
    assert (uitgaand.args, uitgaand.task_id) == ([rapportage.pk], rapportage.task_id)
    page = client.get(response.url, follow=True).content.decode()
    assert "wordt gemaakt" in page

    redis_switch.back()
    assert uitgaand_flush() == 1
    assert queued(redis_switch.real_broker) == {(uitgaand.taak, rapportage.task_id)}
