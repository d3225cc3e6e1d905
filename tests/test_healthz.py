"""The health check tells the load balancer about the database and Redis, and nothing more."""

import json

from django.core.cache import cache


def test_it_reports_database_and_redis_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


def test_it_leaks_no_configuration(client, db, settings):
    body = client.get("/healthz").content.decode()
    for secret in (settings.SECRET_KEY, "127.0.0.1", "6379", "postgres", "loket:loket"):
        assert secret not in body


def test_it_says_degraded_when_redis_is_unreachable(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/healthz")
    # The pages still work without Redis: the load balancer keeps this server.
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "degraded",
        "checks": {"database": "ok", "redis": "error"},
    }
    cache.close()


def test_it_says_redis_is_not_configured_in_the_quickstart(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["redis"] == "not_configured"


def test_it_is_never_cached(client, db):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]
