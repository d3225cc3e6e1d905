"""The cache backend: Django's Redis cache, degraded to a miss while Redis is unreachable."""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

# Only an unreachable server is degraded; any other Redis error (a wrong command, a full
# memory) is a bug or a misconfiguration and is raised as usual.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def _degraded(outage_result):
    """Wrap a cache method so an unreachable Redis gives `outage_result(*args, **kwargs)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as exc:
                log.warning("Cache unreachable, %s treated as a miss: %s", method.__name__, exc)
                return outage_result(*args, **kwargs)

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key {key!r} not found (cache unreachable).")


class DegradingRedisCache(RedisCache):
    """A cache outage must not take pages down: the cache is only ever an optimisation here
    (sessions live in the database), so while Redis is down every read is a miss and every
    write is dropped, with a warning in the log. Short socket timeouts (settings) keep a
    request from hanging on a server that does not answer.

    `add` answers True: the key is as good as absent, and allauth's rate limiter takes a
    False as "someone else holds the lock" and waits a second for it on every login. Rate
    limits are therefore off while Redis is down; that is the price of logins still working.
    """

    get = _degraded(_default)(RedisCache.get)
    get_many = _degraded(lambda keys, *args, **kwargs: {})(RedisCache.get_many)
    has_key = _degraded(lambda *args, **kwargs: False)(RedisCache.has_key)
    set = _degraded(lambda *args, **kwargs: None)(RedisCache.set)
    add = _degraded(lambda *args, **kwargs: True)(RedisCache.add)
    touch = _degraded(lambda *args, **kwargs: False)(RedisCache.touch)
    set_many = _degraded(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    delete = _degraded(lambda *args, **kwargs: False)(RedisCache.delete)
    delete_many = _degraded(lambda *args, **kwargs: None)(RedisCache.delete_many)
    incr = _degraded(_missing_key)(RedisCache.incr)
    clear = _degraded(lambda *args, **kwargs: False)(RedisCache.clear)
