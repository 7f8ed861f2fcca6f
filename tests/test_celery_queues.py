"""Matching, email and the rest on their own queues: routing in settings, and a real worker per queue."""

import os
import time

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from accounts.emails import email_enqueue
from accounts.models import OutboundEmail
from matching.tasks import run_matching
from tests.conftest import broker_reachable, missing, require_postgres
from topfreelancer.celery import app as celery_app
from topfreelancer.queue import publish

EXPECTED = {"matching.tasks.": "matching", "accounts.tasks.": "email", "vetting.tasks.": "default"}


def queue_of(name: str) -> str:
    return celery_app.amqp.router.route({}, name)["queue"].name


def test_every_project_task_goes_to_its_declared_queue():
    celery_app.loader.import_default_modules()  # autodiscovery: every app's tasks module
    declared = {queue.name for queue in settings.CELERY_TASK_QUEUES}
    assert declared == {"matching", "email", "default"}
    project = [name for name in celery_app.tasks if name.split(".")[0] in {"matching", "accounts", "vetting"}]
    assert len(project) >= 6
    for name in project:
        prefix = next(p for p in EXPECTED if name.startswith(p))
        assert queue_of(name) == EXPECTED[prefix], name


@pytest.mark.services
@pytest.mark.usefixtures("transactional_db")
def test_an_email_worker_sends_while_matching_waits_on_its_own_queue():
    """A worker of the email queue only: the email goes out, the matching run stays queued for a
    matching worker (a burst of runs never holds up an email)."""
    require_postgres()
    if not broker_reachable():
        missing("needs Redis: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0")

    client = redis.Redis.from_url(os.environ["CELERY_BROKER_URL"])
    celery_app.conf.task_always_eager = False
    celery_app.control.purge()
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, queues=["email"]):
            assert publish(run_matching, 10**9)
            email = email_enqueue(to="queues@example.com", subject="Own queue", body="Hello")
            deadline = time.monotonic() + 15
            while (
                time.monotonic() < deadline
                and not OutboundEmail.objects.filter(pk=email.pk, sent_at__isnull=False).exists()
            ):
                time.sleep(0.1)
            assert OutboundEmail.objects.filter(pk=email.pk, sent_at__isnull=False).exists()
            assert client.llen("matching") == 1  # still waiting for a matching worker
    finally:
        celery_app.control.purge()
        celery_app.conf.task_always_eager = True
