import time

import pytest
from django.core import mail

from accounts.emails import email_enqueue
from accounts.models import OutboundEmail
from tests.conftest import require_postgres

pytestmark = pytest.mark.services


def wait_for(predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.usefixtures("celery_worker")
def test_task_sent_through_redis_runs_on_a_real_worker_and_writes_the_database():
    require_postgres()
    email = email_enqueue(
        to="worker@example.com", subject="Through Redis", body="Hello"
    )  # autocommit: published now
    assert wait_for(lambda: OutboundEmail.objects.filter(pk=email.pk, sent_at__isnull=False).exists())
    assert [m.subject for m in mail.outbox] == ["Through Redis"]
