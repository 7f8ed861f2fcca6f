"""The real path: runs published to Redis and executed by a Celery worker; a dead broker loses nothing."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from matching.models import NeedRanking
from matching.services import matching_requeue_pending
from needs.models import Need
from needs.services import need_create
from tests.conftest import dead_redis_url, require_postgres
from tests.factories import CustomerFactory, ProfileFactory, SpecializationFactory, level, ranking_state
from tests.needs.factories import ensure_levels
from topfreelancer.celery import app as celery_app

pytestmark = pytest.mark.services


@pytest.fixture(autouse=True)
def _levels(transactional_db):  # noqa: ARG001 - the levels must outlive the transaction
    ensure_levels()


def wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def reset_connection_pools():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def make_need(spec):
    return need_create(
        customer=CustomerFactory(),
        fields={
            "title": "Editor for our blog",
            "specialization": spec,
            "level": level("senior"),
            "hours_per_week": 10,
        },
    )


def is_done(need):
    return ranking_state(need) == NeedRanking.State.DONE


@pytest.mark.usefixtures("celery_worker")
def test_a_need_is_ranked_by_a_real_worker_through_redis():
    require_postgres()
    spec = SpecializationFactory()
    profiles = [
        ProfileFactory(specialization=spec, level=level(code)) for code in ("middle", "senior", "lead")
    ]
    need = make_need(spec)  # autocommit: published on commit, to Redis
    assert wait_for(lambda: is_done(need))
    assert list(need.matches.order_by("rank").values_list("profile_id", flat=True)) == [
        profiles[1].pk,
        profiles[2].pk,
        profiles[0].pk,
    ]


@pytest.mark.usefixtures("celery_worker")
def test_redis_down_the_need_is_saved_pending_and_matched_when_the_broker_returns():
    require_postgres()
    spec = SpecializationFactory()
    profile = ProfileFactory(specialization=spec)
    # The worker keeps its own connection to the real broker; only publishing goes to the dead one.
    # Restore the raw setting exactly (normally unset: it falls back to broker_url).
    changes = celery_app.conf.changes
    saved = changes.get("broker_write_url")
    celery_app.conf.broker_write_url = dead_redis_url()
    reset_connection_pools()
    try:
        started = time.monotonic()
        need = make_need(spec)  # the publish fails fast and is only logged
        assert time.monotonic() - started < 3.0
    finally:
        changes.pop("broker_write_url", None)
        if saved is not None:
            changes["broker_write_url"] = saved
        reset_connection_pools()
    need.refresh_from_db()
    assert need.state == Need.State.OPEN
    assert ranking_state(need) == NeedRanking.State.PENDING
    time.sleep(1)
    assert not need.matches.exists()  # nothing reached the worker

    # The beat sweep (run here directly) publishes it again through the real broker.
    assert matching_requeue_pending(now=timezone.now() + timedelta(minutes=5)) >= 1
    assert wait_for(lambda: is_done(need))
    assert list(need.matches.values_list("profile_id", flat=True)) == [profile.pk]


def test_beat_task_is_scheduled():
    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "matching.tasks.requeue_pending_matching" in entries
