"""Shared fixtures.

Tasks run eagerly unless a test asks for `celery_worker`, which starts a real worker on the
configured broker (Redis in CI). Browser tests drive Debian's Chromium through Playwright.
Locally a missing service or browser skips with its reason; in CI (CI=true) it fails.
"""

import os
import random
import shutil
import socket
import time
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from celery.contrib.testing.worker import start_worker
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations.special import RunPython
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from topfreelancer.celery import app as celery_app

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# A second database standing in for the catalogue's read replica (topfreelancer/replica.py), of the
# default's engine; pytest-django creates it only for tests that ask for it (databases=[..., "replica"]),
# and reads go to it only where a test turns CATALOGUE_FROM_REPLICA on.
if "replica" not in settings.DATABASES:
    _default = settings.DATABASES["default"]
    settings.DATABASES["replica"] = {
        **_default,
        "TEST": {"NAME": f"test_{_default['NAME']}_replica" if settings.IS_POSTGRES else None},
    }
    settings.CATALOGUE_FROM_REPLICA = False
    connections.configure_settings(settings.DATABASES)  # the defaults of a late alias
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
]


# --- Hypothesis: random locally with the seed printed, derandomized in CI ---------------------
# CI draws the same examples on every run of a commit (each test's seed is a digest of its source)
# and prints the blob that replays a failure; the deadline leaves room for a busy 2-core box.
hypothesis_settings.register_profile(
    "ci", derandomize=True, print_blob=True, deadline=timedelta(seconds=5), database=None
)
hypothesis_settings.load_profile("ci" if IN_CI else "default")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    """Locally one random seed for the whole run, chosen here so that it can be printed."""
    if not IN_CI and config.getoption("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = str(random.randrange(2**32))


def hypothesis_seed_line(config) -> str:
    if hypothesis_settings.default.derandomize:
        return (
            f"hypothesis: profile {hypothesis_settings.get_current_profile_name()!r}, derandomized: "
            "each test's seed is a digest of its source (replay: --hypothesis-profile=ci)"
        )
    seed = config.getoption("hypothesis_seed", None)
    return f"hypothesis: seed {seed} (replay: --hypothesis-seed={seed})"


def pytest_report_header(config):
    return hypothesis_seed_line(config)


def pytest_terminal_summary(terminalreporter, config):
    terminalreporter.write_line(hypothesis_seed_line(config))


def missing(reason: str):
    """Skip locally, fail in CI: CI must never silently skip a service or the browser."""
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def require_postgres():
    if not settings.IS_POSTGRES:
        missing("needs PostgreSQL: set DATABASE_URL=postgres://...")


def broker_reachable() -> bool:
    url = urlparse(os.environ.get("CELERY_BROKER_URL", ""))
    if url.scheme not in {"redis", "rediss"}:
        return False
    try:
        socket.create_connection((url.hostname or "127.0.0.1", url.port or 6379), timeout=1).close()
    except OSError:
        return False
    return True


PROJECT_APPS = {"accounts", "vetting", "profiles", "needs", "matching"}


class _LiveApps:
    """The live app registry as the data migrations ask it, with the models moved since they were
    written found where they live now."""

    MOVED = {("profiles", "skill"): ("vetting", "Skill")}  # issue 10: vetting owns skills

    def get_model(self, app_label: str, model_name: str):
        return apps.get_model(*self.MOVED.get((app_label, model_name.lower()), (app_label, model_name)))

    def __getattr__(self, name: str):
        return getattr(apps, name)


def run_data_migrations() -> None:
    """Re-run the project's data migrations (levels, the Moderators group...), which are idempotent."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    plan = []
    for leaf in loader.graph.leaf_nodes():
        plan += [node for node in loader.graph.forwards_plan(leaf) if node not in plan]
    with connection.schema_editor(atomic=False) as schema_editor:
        for app_label, name in plan:
            if app_label in PROJECT_APPS:
                for operation in loader.graph.nodes[(app_label, name)].operations:
                    if isinstance(operation, RunPython):
                        operation.code(_LiveApps(), schema_editor)


@pytest.fixture(autouse=True)
def _reference_data(request):
    """A transactional test flushes the database when it ends, data migrations' rows included:
    the next one gets them back."""
    marker = request.node.get_closest_marker("django_db")
    if {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    ):
        request.getfixturevalue("transactional_db")
        run_data_migrations()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (rate-limit counters, the catalogue's choices)."""
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """LocaleMiddleware activates a request's language in this thread and leaves it active: a test
    that called a Russian page must not make the next test's service messages Russian."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create many users; production's slow hash proves nothing here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _eager_celery():
    """Tasks run in-process by default, so a test sees their effect at once."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = True


def free_port() -> int:
    """A loopback port nothing listens on (the OS picks it): never a fixed number."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dead_redis_url() -> str:
    """A Redis URL where nothing listens: a stopped Redis."""
    return f"redis://127.0.0.1:{free_port()}/0"


def wait_for(predicate, timeout: float = 20.0) -> bool:
    """Poll `predicate` until it is true or `timeout` seconds passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


_BROKER_KEYS = ("broker_url", "broker_write_url", "task_always_eager")


def reset_broker_connections() -> None:
    """Connections are pooled per broker URL: drop them so the next publish uses the current URL."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def dead_broker(monkeypatch):
    """Celery publishing to a broker that is down. Restores the configuration exactly afterwards."""
    # Celery reads these from the environment before its own configuration.
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.delenv("CELERY_BROKER_WRITE_URL", raising=False)
    changes = celery_app.conf.changes
    saved = {key: changes[key] for key in _BROKER_KEYS if key in changes}
    url = dead_redis_url()
    celery_app.conf.update(broker_url=url, broker_write_url=url, task_always_eager=False)
    reset_broker_connections()
    yield url
    for key in _BROKER_KEYS:
        changes.pop(key, None)
    changes.update(saved)
    reset_broker_connections()


@pytest.fixture
def celery_worker(transactional_db):  # noqa: ARG001 - the worker writes from its own thread
    """A real Celery worker in a thread, consuming from the real broker (Redis)."""
    if not broker_reachable():
        missing("needs Redis: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0")
    celery_app.conf.task_always_eager = False
    celery_app.control.purge()
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker
    celery_app.conf.task_always_eager = True


@pytest.fixture(scope="session")
def _playwright_browser():
    if not os.path.exists(CHROMIUM):
        missing(f"needs Chromium at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 - optional: absent, the browser tests skip
    except ImportError:
        missing("needs the playwright package")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test are fine.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Chromium reports a CSP violation as a console error too; the event adds which directive and what.
_REPORT_CSP = """document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});"""


class BrowserErrors:
    """Collects console errors, uncaught exceptions and CSP violations of every page it watches.

    A page the test deliberately opens with an error status (a 403, a 404) logs "Failed to load
    resource" for itself: `allow(status)` accepts that one message for that status.
    """

    def __init__(self):
        self.errors: list[str] = []
        self.allowed_statuses: set[int] = set()

    def watch(self, context):
        context.add_init_script(_REPORT_CSP)
        context.on("page", self._attach)

    def _attach(self, pg):
        pg.on("console", lambda msg: msg.type == "error" and self._record(msg))
        pg.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))

    def _record(self, msg):
        if not any(f"status of {status} " in msg.text for status in self.allowed_statuses):
            self.errors.append(f"{msg.text} ({msg.location['url']})")

    def allow(self, *statuses: int):
        self.allowed_statuses.update(statuses)

    def check(self):
        if self.errors:
            pytest.fail("the browser reported errors:\n" + "\n".join(self.errors), pytrace=False)


@pytest.fixture
def browser_errors():
    """Every browser page of a test fails it on a console error or a CSP violation (checked at its end)."""
    errors = BrowserErrors()
    yield errors
    errors.check()


def _new_context(browser, live_server, browser_errors, width: int = 1280):
    context = browser.new_context(locale="en-US", viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    browser_errors.watch(context)
    pg = context.new_page()
    pg.url_for = lambda path: live_server.url + path
    return context, pg


@pytest.fixture
def page(_playwright_browser, live_server, browser_errors):
    """A fresh browser page (own cookies) with `page.url_for(path)` on the live server."""
    context, pg = _new_context(_playwright_browser, live_server, browser_errors)
    yield pg
    context.close()


@pytest.fixture
def new_page(_playwright_browser, live_server, browser_errors):
    """Opens more browser pages with their own sessions (a second user in the same test)."""
    contexts = []

    def make(width: int = 1280):
        context, pg = _new_context(_playwright_browser, live_server, browser_errors, width)
        contexts.append(context)
        return pg

    yield make
    for context in contexts:
        context.close()


def browser_login(page, email: str, password: str) -> None:
    page.goto(page.url_for("/accounts/login/"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_load_state()


@pytest.fixture
def login_in_browser():
    return browser_login


@pytest.fixture
def tmp_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield settings.MEDIA_ROOT
    shutil.rmtree(tmp_path / "media", ignore_errors=True)
