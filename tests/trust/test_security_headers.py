"""Production settings send the security headers; /healthz reports the database and the broker.

OWASP ASVS 3.4.1 (HSTS), 7.2.4 (a new session on login), cookies, CSP, framing, referrer.
The production checks run in a subprocess with DEBUG=False, like tests/test_deploy_check.py.
"""

import json
import subprocess
import sys
import time

import pytest
from django.db import connection

from tests.conftest import broker_reachable, missing
from tests.test_deploy_check import ROOT, clean_environ
from topfreelancer.celery import app as celery_app

# Runs inside the subprocess with the production settings. Only the static files storage is
# swapped (the manifest exists after collectstatic, which a test must not run in the tree).
PROBE = r"""
import json, django
from django.conf import settings
django.setup()
settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
from django.core.management import call_command
call_command("migrate", verbosity=0)
from allauth.account.models import EmailAddress
from accounts.models import User
from django.test import Client
user, _ = User.objects.get_or_create(email="probe@example.com", defaults={"role": "customer"})
user.set_password("a-long-pass-phrase-7"); user.save()
EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
client = Client(HTTP_HOST="topfreelancer.example")
plain = client.get("/")
home = client.get("/", secure=True)
login_page = client.get("/accounts/login/", secure=True)
anonymous_session = client.cookies.get("sessionid")
login = client.post(
    "/accounts/login/", {"login": user.email, "password": "a-long-pass-phrase-7"}, secure=True,
    HTTP_REFERER="https://topfreelancer.example/accounts/login/",
)
def cookie(response, name):
    morsel = response.cookies.get(name)
    if morsel is None:
        return None
    return {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]),
            "samesite": morsel["samesite"], "value": morsel.value}
print(json.dumps({
    "plain": {"status": plain.status_code, "location": plain.get("Location", "")},
    "home": {"status": home.status_code, "headers": dict(home.headers)},
    "login_page": {"status": login_page.status_code, "csrftoken": cookie(login_page, "csrftoken")},
    "login": {"status": login.status_code, "location": login.get("Location", ""),
              "sessionid": cookie(login, "sessionid")},
    "session_before_login": anonymous_session.value if anonymous_session else None,
}))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    database = tmp_path_factory.mktemp("production") / "db.sqlite3"
    env = {
        **clean_environ(),
        "DEBUG": "False",
        "SECRET_KEY": "k3y-" + "p4Rt-of-a-l0ng-r4nd0m-s3cr3t-" * 3,
        "ALLOWED_HOSTS": "topfreelancer.example",
        "DATABASE_URL": f"sqlite:///{database}",
        "CELERY_BROKER_URL": "",
        "DJANGO_SETTINGS_MODULE": "topfreelancer.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_plain_http_is_redirected_to_https(production):
    assert production["plain"]["status"] == 301
    assert production["plain"]["location"].startswith("https://topfreelancer.example/")


def test_hsts_framing_referrer_and_sniffing_headers(production):
    headers = {k.lower(): v for k, v in production["home"]["headers"].items()}
    assert production["home"]["status"] == 200
    hsts = headers["strict-transport-security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-content-type-options"] == "nosniff"


def test_content_security_policy_allows_no_inline_script_or_style(production):
    headers = {k.lower(): v for k, v in production["home"]["headers"].items()}
    policy = {
        part.split()[0]: part.split()[1:]
        for part in headers["content-security-policy"].split(";")
        if part.strip()
    }
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in headers["content-security-policy"]
    assert "'unsafe-eval'" not in headers["content-security-policy"]


def test_cookies_are_secure_and_the_session_is_new_after_login(production):
    csrf = production["login_page"]["csrftoken"]
    assert csrf and csrf["secure"]
    assert production["login"]["status"] == 302, production["login"]
    session = production["login"]["sessionid"]
    assert session and session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    # ASVS 7.2.4: a session key from before the login is never reused after it.
    assert session["value"] != production["session_before_login"]


@pytest.mark.django_db
def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.usefixtures("dead_broker")
def test_healthz_is_503_within_two_seconds_when_the_broker_is_down(client):
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 2.0
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "unreachable"}


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("database is gone")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.services
@pytest.mark.usefixtures("transactional_db")
def test_healthz_with_the_real_broker(client):
    if not broker_reachable():
        missing("needs Redis: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0")
    celery_app.conf.task_always_eager = False
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json() == {"database": "ok", "broker": "ok"}
