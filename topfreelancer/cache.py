"""Redis as the cache is an accelerator, not a dependency (docs/TRUST.md, "The cache").

`ResilientRedisCache` is Django's `RedisCache` with short socket timeouts (settings) and one
fallback: when Redis cannot be reached, the call is answered by a per-process `LocMemCache`
instead of raising. Every cache user keeps working without a try/except of its own:

- reads miss (or hit what this process cached during the outage): pages compute their data;
- writes and invalidations land in the fallback; Redis keeps what it held, which expires with its
  timeout (at most 10 minutes: the funnel statistics);
- rate-limit counters (allauth's login limits, `topfreelancer.ratelimit`) count per process, so a
  limit still holds, multiplied at most by the number of worker processes.

After a failure the process stops asking Redis for `RETRY_AFTER` seconds (a circuit breaker), so
a request pays the connect timeout at most once, not once per cache call; then the next call
tries Redis again, and the first success switches back. It logs a warning when Redis goes away
(again at most once per `LOG_EVERY` while it stays away) and an info line when it is back.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0  # seconds without asking Redis after it failed
LOG_EVERY = 60.0  # seconds between two warnings while Redis stays away
# LocMemCache evicts the least recently used third when full. A rate-limit counter is used on every
# attempt; pushing it out would take this many other keys (catalogue counts...) between two attempts.
FALLBACK_ENTRIES = 10_000
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# The public methods of RedisCache; BaseCache builds the others (get_or_set, decr, async ones) on these.
GUARDED = [
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "has_key",
    "incr",
    "get_many",
    "set_many",
    "delete_many",
    "clear",
]


class _Breaker:
    """Per process and Redis location (Django builds one cache object per thread)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0  # monotonic time before which Redis is not asked
        self.down = False
        self.last_warning = -LOG_EVERY

    def is_open(self) -> bool:
        return time.monotonic() < self.down_until

    def failed(self, location: str, error: Exception) -> None:
        now = time.monotonic()
        with self.lock:
            self.down_until = now + RETRY_AFTER
            self.down = True
            if now - self.last_warning < LOG_EVERY:
                return
            self.last_warning = now
        logger.warning(
            "cache %s unreachable (%s): using a per-process fallback, retrying every %s s",
            location,
            error,
            RETRY_AFTER,
        )

    def succeeded(self, location: str) -> None:
        if self.down:
            with self.lock:
                self.down, self.last_warning = False, -LOG_EVERY
            logger.info("cache %s reachable again", location)


_breakers: dict[str, _Breaker] = {}
_breakers_lock = threading.Lock()


class _Client(RedisCacheClient):
    """Django's client makes a new redis.Redis for every cache call, and its constructor builds a
    table of ~150 response callbacks: a get took 200 µs, 145 µs with one redis.Redis per
    connection pool serving every call (it is thread-safe: each command takes a connection from
    the pool)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):  # noqa: ARG002 - Django's signature (a key may pick a shard)
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client
        self._location = server if isinstance(server, str) else ",".join(server)
        with _breakers_lock:
            self._breaker = _breakers.setdefault(self._location, _Breaker())
        # LocMemCache objects of one name share their storage within the process.
        options = {"MAX_ENTRIES": FALLBACK_ENTRIES}
        self._fallback = LocMemCache(f"fallback:{self._location}", {**params, "OPTIONS": options})

    def _call(self, name, *args, **kwargs):
        if not self._breaker.is_open():
            try:
                result = getattr(RedisCache, name)(self, *args, **kwargs)
            except UNREACHABLE as error:
                self._breaker.failed(self._location, error)
            else:
                self._breaker.succeeded(self._location)
                return result
        return getattr(self._fallback, name)(*args, **kwargs)


def _guarded(name):
    def method(self, *args, **kwargs):
        return self._call(name, *args, **kwargs)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = getattr(RedisCache, name).__doc__
    return method


for _name in GUARDED:
    setattr(ResilientRedisCache, _name, _guarded(_name))
