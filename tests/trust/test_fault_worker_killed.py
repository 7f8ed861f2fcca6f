"""A Celery worker SIGKILLed in the middle of a matching run (PostgreSQL + Redis, real processes).

The run is held at its second transaction (the test locks the matches table), the worker process
is killed with SIGKILL, and nothing of its half-done run is committed. While the worker lived, its
run's heartbeat kept it from being re-sent; once the heartbeat is a minute old, the beat sweep
(called here every second, in real time, as beat does every 15 s) re-sends it to a new worker, and
within two minutes of the kill the run completes with exactly the matches a run without the fault
gives, and no duplicates.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import redis
from django.db import connection
from django.utils import timezone

from matching import heartbeat
from matching.candidates import candidates_sync
from matching.models import Match
from matching.services import matching_requeue_pending, matching_run, pending_need_ids
from matching.tasks import run_matching
from tests.conftest import broker_reachable, missing, require_postgres
from tests.factories import (
    ProfileFactory,
    SkillFactory,
    SpecializationFactory,
    level,
    ranking_state,
    set_ranking,
)
from tests.needs.factories import NeedFactory, ensure_levels
from topfreelancer.celery import app as celery_app
from topfreelancer.queue import publish

pytestmark = pytest.mark.services
ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))


def wait_for(predicate, timeout=30.0, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def db_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """`celery worker` in its own process group, on the test database and the configured Redis."""

    def __init__(self, name: str, log: Path):
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        env.update(DATABASE_URL=db_url(), DEBUG="True")
        self.log = log
        self.proc = subprocess.Popen(
            [CELERY, "-A", "topfreelancer", "worker", "-P", "solo", "-c", "1", "-n", f"{name}@%h",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO"],
            cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        assert wait_for(lambda: "ready." in log.read_text(), timeout=60), log.read_text()[-2000:]

    def kill(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


def rows(need):
    return list(need.matches.order_by("rank").values_list("profile_id", "rank", "score"))


@pytest.fixture
def redis_db():
    if not broker_reachable():
        missing("needs Redis: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0")

    client = redis.Redis.from_url(os.environ["CELERY_BROKER_URL"])
    celery_app.conf.task_always_eager = False
    celery_app.control.purge()
    yield client
    celery_app.control.purge()
    # The killed worker's message waits, unacknowledged, for the visibility timeout: drop it.
    client.delete("unacked", "unacked_index")
    celery_app.conf.task_always_eager = True


@pytest.mark.usefixtures("transactional_db", "redis_db")
def test_sigkill_during_a_matching_run_then_a_new_worker_completes_it(tmp_path):
    require_postgres()
    ensure_levels()
    spec = SpecializationFactory()
    skills = [SkillFactory() for _ in range(3)]
    for n, code in enumerate(["junior", "middle", "senior", "lead"] * 5):
        profile = ProfileFactory(
            specialization=spec, level=level(code), rate_min=1000 + 100 * n, rate_max=4000
        )
        profile.skills.create(skill=skills[n % 3])
        candidates_sync(profile_ids=[profile.pk])
    need = NeedFactory(specialization=spec, must_have=skills[:1], nice_to_have=skills[1:])

    # The reference: the same run without a fault.
    assert matching_run(need_id=need.pk)
    expected = rows(need)
    assert len(expected) == 20
    Match.objects.filter(need=need).delete()
    set_ranking(need, state="pending", requested_at=timezone.now())

    first = Worker("trustfault1", tmp_path / "worker1.log")
    second = None
    blocker = psycopg.connect(db_url().replace("postgres://", "postgresql://"))
    try:
        # Hold the run at its second transaction: writing the matches needs this table.
        blocker.execute("LOCK TABLE matching_match IN SHARE MODE")
        assert publish(run_matching, need.pk)
        assert wait_for(lambda: ranking_state(need) == "running")
        waiting = "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'matching_match'::regclass"
        probe = psycopg.connect(db_url().replace("postgres://", "postgresql://"), autocommit=True)
        assert wait_for(lambda: probe.execute(waiting).fetchone()[0] > 0), "the run never reached the matches"
        assert need.pk not in pending_need_ids()  # alive and beating: not re-sent
        first.kill()  # SIGKILL, mid-run
        killed_at = time.monotonic()
        blocker.rollback()
        # The dead worker's transaction never commits: no half-written matches.
        assert wait_for(lambda: probe.execute(waiting).fetchone()[0] == 0)
        assert not Match.objects.filter(need=need).exists()
        assert ranking_state(need) == "running"

        second = Worker("trustfault2", tmp_path / "worker2.log")
        resent = []

        def done() -> bool:
            resent.append(matching_requeue_pending())  # what beat does, more often
            return ranking_state(need) == "done"

        assert wait_for(done, timeout=120 - (time.monotonic() - killed_at), step=1.0), (
            tmp_path / "worker2.log"
        ).read_text()[-3000:]
        took = time.monotonic() - killed_at
        # Noticed by the stale heartbeat (last beaten at most EVERY before the kill), not before it.
        assert (heartbeat.STALE - heartbeat.EVERY).total_seconds() <= took < 120
        assert sum(resent) >= 1
        assert rows(need) == expected
        assert Match.objects.filter(need=need).count() == len({p for p, _, _ in expected}) == 20
        probe.close()
    finally:
        blocker.close()
        first.kill()
        if second:
            second.kill()
