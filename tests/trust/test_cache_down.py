"""Redis as the cache is an accelerator: with it killed every page answers, writes succeed, rate
limits hold, and when it comes back the site uses it again (topfreelancer/cache.py).

Against a real `redis-server` that each test starts on a free port and kills: no mock.
"""

import logging
import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import cache
from django.core.management import call_command

from tests.conftest import free_port, missing, wait_for
from tests.factories import PASSWORD
from topfreelancer import cache as resilient
from vetting.models import Skill

from .test_fuzz_forms import valid_posts
from .test_no_inline_code import pages_for
from .world import ROLES, build_world

pytestmark = [pytest.mark.django_db, pytest.mark.services]

FAST = 2.0  # seconds: the bound for every page and action with the cache down


class RedisServer:
    """A throwaway redis-server on a free port of the loopback, without persistence."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_connect_timeout=1, socket_timeout=1)

    def stored_keys(self) -> str:
        """Every key this Redis holds, in one string to search."""
        return " ".join(key.decode() for key in self.client().scan_iter())

    def start(self) -> None:
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", ""]
        self.process = subprocess.Popen(
            [*command, "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        assert wait_for(self._answers, timeout=10), "redis-server did not start"

    def _answers(self) -> bool:
        try:
            return self.client().ping()
        except redis.ConnectionError:
            return False

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def redis_server():
    if shutil.which("redis-server") is None:
        missing("needs redis-server on the PATH (apt-get install -y redis-server)")
    server = RedisServer()
    server.start()
    yield server
    if server.process.poll() is None:
        server.kill()


def use_cache(settings, url: str) -> None:
    # Changing CACHES makes Django drop its cache objects (django.test.signals.clear_cache_handlers);
    # a port may come again in a later test, its breaker must not be open from then.
    resilient._breakers.clear()
    settings.CACHES = {
        "default": {
            "BACKEND": "topfreelancer.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def redis_cache(redis_server, settings):
    use_cache(settings, redis_server.url)
    return redis_server


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def journeys(world):
    """The pages and actions the issue names, as (name, role, method, url, data)."""
    invite_role, invite_url, invite_data = valid_posts(world)["invite"]
    login = {"login": world.users["specialist"].email, "password": PASSWORD}
    return [
        ("catalogue", "anonymous", "get", "/specialists/", None),
        ("search", "anonymous", "get", f"/specialists/?q=a&specialization={world.specialization.pk}", None),
        ("selection statistics", "anonymous", "get", "/selection/", None),
        ("profile", "anonymous", "get", f"/specialists/{world.profile.pk}/", None),
        ("log in", "anonymous", "post", "/accounts/login/", login),
        ("invite", invite_role, "post", invite_url, invite_data),
    ]


def test_the_cache_lives_in_redis_while_it_is_up(client, redis_cache):
    """The setup is not vacuous: the pages below do use this Redis when it runs."""
    build_world()
    assert client.get("/selection/").status_code == 200
    assert client.get("/specialists/").status_code == 200
    keys = redis_cache.stored_keys()
    assert "vetting:funnel" in keys, keys
    assert "profiles:catalogue-choices" in keys, keys


def test_journeys_answer_fast_with_redis_killed(client, redis_cache):
    world = build_world()
    redis_cache.kill()
    for name, role, method, url, data in journeys(world):
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        response, took = timed(lambda: getattr(client, method)(url, data))  # noqa: B023
        assert response.status_code < 500, name
        assert took < FAST, (name, took)
        if method == "post":
            assert response.status_code == 302, (name, response.content[:2000])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.usefixtures("tmp_media")
def test_every_page_answers_with_redis_killed(role, client, redis_cache):
    world = build_world()
    if role != "anonymous":
        client.force_login(world.users[role])
    redis_cache.kill()
    for url in pages_for(world, role):
        response, took = timed(lambda: client.get(url, follow=True))  # noqa: B023
        assert response.status_code < 500, url
        assert took < FAST, (url, took)


def test_failed_logins_are_still_limited_with_redis_killed(client, redis_cache):
    """Brute force is not opened wide: the counters live in the per-process fallback."""
    user = build_world().users["customer_a"]
    redis_cache.kill()
    for _ in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong-password-1"})
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_writes_succeed_and_demo_data_loads_with_redis_killed(redis_cache, caplog, monkeypatch):
    monkeypatch.setattr(resilient, "LOG_EVERY", 3600)  # the whole load is one interval, however slow
    redis_cache.kill()
    with caplog.at_level(logging.WARNING, logger="topfreelancer.cache"):
        Skill.objects.create(name="Cache-free skill")  # clears the catalogue's choices: logged, not raised
        call_command("demo_data", applicants=80, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Skill.objects.filter(name="Cache-free skill").exists()
    warnings = [r for r in caplog.records if r.name == "topfreelancer.cache"]
    assert len(warnings) == 1, "one warning per interval, not one per cache call"
    assert "unreachable" in warnings[0].getMessage()


def test_the_site_uses_redis_again_when_it_comes_back(client, redis_cache, monkeypatch):
    monkeypatch.setattr(resilient, "RETRY_AFTER", 0.2)
    build_world()
    redis_cache.kill()
    assert client.get("/selection/").status_code == 200  # served without Redis
    redis_cache.start()  # same port, empty
    assert wait_for(
        lambda: (
            client.get("/selection/").status_code == 200 and "vetting:funnel" in redis_cache.stored_keys()
        ),
        timeout=10,
    )
    cache.set("written-after-the-return", 1)
    assert "written-after-the-return" in redis_cache.stored_keys()


@pytest.fixture
def hung_redis(settings):
    """A port that accepts connections and never answers: a Redis stuck or behind a dead link."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    use_cache(settings, f"redis://127.0.0.1:{listener.getsockname()[1]}/0")
    yield
    listener.close()


@pytest.mark.usefixtures("hung_redis")
def test_a_hung_redis_costs_one_timeout_not_one_per_cache_call(client):
    world = build_world()
    for url in ("/specialists/", "/selection/", f"/specialists/{world.profile.pk}/"):
        response, took = timed(lambda: client.get(url))  # noqa: B023
        assert response.status_code == 200, url
        assert took < FAST, (url, took)
    # The first call paid the socket timeout (0.5 s); the breaker keeps the next ones off the
    # socket. Without it this page would wait on three cache calls: 1.5 s.
    _response, took = timed(lambda: client.get("/specialists/?page=2"))
    assert took < 1.0, took
