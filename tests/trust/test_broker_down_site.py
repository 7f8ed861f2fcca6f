"""With the broker down, every role still uses the site: no page or action waits on Redis.

(The dead-broker fixture points Celery at a port where nothing listens.) Work that needs a worker
is recorded in the database and sent later by the beat sweeps: see tests/test_broker_down.py and
tests/matching/test_worker.py for the recovery against the real Redis.
"""

import time

import pytest

from accounts.models import OutboundEmail
from needs.models import Need
from tests.factories import ranking_state

from .test_fuzz_forms import valid_posts
from .test_no_inline_code import pages_for
from .world import ROLES, build_world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.usefixtures("tmp_media", "dead_broker")
def test_every_page_answers_fast_with_the_broker_down(role, client):
    world = build_world()
    if role != "anonymous":
        client.force_login(world.users[role])
    for url in pages_for(world, role):
        started = time.monotonic()
        response = client.get(url, follow=True)
        assert time.monotonic() - started < 2.0, url
        assert response.status_code < 500 or url == "/healthz", url  # healthz says 503: broker down


@pytest.mark.parametrize("name", ["signup", "need_create", "apply", "invite"])
@pytest.mark.usefixtures("tmp_media", "dead_broker")
def test_actions_answer_fast_and_record_the_work(name, client, django_capture_on_commit_callbacks):
    world = build_world()
    role, url, data = valid_posts(world)[name]
    if role != "anonymous":
        client.force_login(world.users[role])
    emails_before = OutboundEmail.objects.filter(sent_at__isnull=True).count()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert time.monotonic() - started < 2.0
    assert response.status_code == 302
    if name == "need_create":
        need = Need.objects.filter(customer=world.users["customer_a"]).latest("pk")
        assert ranking_state(need) == "pending"  # the sweep publishes it when Redis is back
    elif name == "apply":
        assert world.users["applicant_new"].applications.filter(status="open").exists()
    else:  # the confirmation or invitation email waits in the outbox for the sweep
        assert OutboundEmail.objects.filter(sent_at__isnull=True).count() > emails_before
