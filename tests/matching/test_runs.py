"""Matching runs: triggered on commit, idempotent, stale rows removed, versioned against races."""

import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from matching import engine, heartbeat, scoring
from matching.candidates import candidates_sync
from matching.engine import rank, write_matches
from matching.models import Match, NeedRanking, RunHeartbeat
from matching.services import (
    matching_requeue_pending,
    matching_run,
    need_request_matching,
    pending_need_ids,
)
from needs.models import Need
from needs.services import need_close, need_create, need_open, need_pause, need_update
from profiles.models import Profile
from profiles.services import profile_grant
from profiles.signals import profile_changed
from tests.factories import (
    CustomerFactory,
    ProfileFactory,
    SkillFactory,
    SpecializationFactory,
    level,
    ranking_state,
    set_ranking,
)
from tests.needs.factories import NeedFactory

pytestmark = pytest.mark.django_db

LATER = timedelta(minutes=5)


def rows(need):
    return list(
        Match.objects.filter(need=need)
        .order_by("rank")
        .values_list("pk", "profile_id", "rank", "score", "level_fit", "skill_fit", "facts")
    )


@pytest.fixture
def spec():
    return SpecializationFactory()


def fields(spec, **extra):
    return {
        "title": "Carry our releases",
        "specialization": spec,
        "level": level("senior"),
        "hours_per_week": 20,
        **extra,
    }


def test_creating_an_open_need_ranks_it_on_commit(spec, django_capture_on_commit_callbacks):
    profiles = [ProfileFactory(specialization=spec) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        need = need_create(customer=CustomerFactory(), fields=fields(spec))
    need.refresh_from_db()
    assert ranking_state(need) == NeedRanking.State.PENDING  # recorded before any task runs
    assert not Match.objects.exists()
    assert len(callbacks) == 1
    callbacks[0]()  # the publish: eager here
    need.refresh_from_db()
    assert ranking_state(need) == NeedRanking.State.DONE
    assert {m.profile_id for m in need.matches.all()} == {p.pk for p in profiles}


def test_a_draft_is_not_matched(spec, django_capture_on_commit_callbacks):
    ProfileFactory(specialization=spec)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        need = need_create(customer=CustomerFactory(), fields=fields(spec), open_now=False)
    need.refresh_from_db()
    assert callbacks == [] or ranking_state(need) == NeedRanking.State.IDLE
    assert need.state == Need.State.DRAFT and not need.matches.exists()


def test_running_twice_gives_the_same_rows(spec):
    for lvl in ("junior", "middle", "senior", "lead"):
        ProfileFactory(specialization=spec, level=level(lvl))
    need = NeedFactory(specialization=spec)
    assert matching_run(need_id=need.pk)
    first = rows(need)
    assert matching_run(need_id=need.pk)
    assert rows(need) == first
    assert len(first) == 4


def test_stale_rows_are_removed_in_the_same_run(spec):
    kept, hidden = ProfileFactory(specialization=spec), ProfileFactory(specialization=spec)
    need = NeedFactory(specialization=spec)
    matching_run(need_id=need.pk)
    assert need.matches.count() == 2
    hidden.is_published = False
    hidden.save()
    candidates_sync(profile_ids=[hidden.pk])
    matching_run(need_id=need.pk)
    assert list(need.matches.values_list("profile_id", flat=True)) == [kept.pk]


def test_dismissal_survives_a_rerun(spec):
    ProfileFactory(specialization=spec)
    need = NeedFactory(specialization=spec)
    matching_run(need_id=need.pk)
    Match.objects.filter(need=need).update(dismissed_at=timezone.now())
    matching_run(need_id=need.pk)
    assert Match.objects.get(need=need).dismissed_at is not None


def test_top_n_shortlisted_the_next_reserve_kept_as_runners_up(spec, monkeypatch):
    monkeypatch.setattr(scoring, "TOP_N", 3)
    monkeypatch.setattr(scoring, "RESERVE", 2)
    for _ in range(7):
        ProfileFactory(specialization=spec)
    need = NeedFactory(specialization=spec)
    assert write_matches(need=need) == 5
    ranked = [row["profile_id"] for row in rank(need, limit=7)]
    assert list(need.matches.order_by("rank").values_list("profile_id", flat=True)) == ranked[:3]
    runners_up = need.runners_up.order_by("-score", "-level_fit", "profile_id")
    assert list(runners_up.values_list("profile_id", flat=True)) == ranked[3:5]


def test_a_profile_change_updates_the_shortlists_of_affected_open_needs_on_commit_without_a_run(
    spec, django_capture_on_commit_callbacks
):
    profile = ProfileFactory(specialization=spec, level=level("middle"))
    need = NeedFactory(specialization=spec, level=level("senior"))
    other_spec = NeedFactory()  # another specialization: unaffected
    paused = NeedFactory(specialization=spec, state=Need.State.PAUSED)
    matching_run(need_id=need.pk)
    assert need.matches.get().level_fit < 1.0

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        profile_grant(user=profile.user, specialization=spec, level=level("senior"))
    assert len(callbacks) == 1  # one task for the profile, not one run per need
    callbacks[0]()
    assert need.matches.get().level_fit == 1.0
    assert ranking_state(need) == NeedRanking.State.DONE
    for untouched in (other_spec, paused):
        assert ranking_state(untouched) == NeedRanking.State.IDLE
        assert not untouched.matches.exists()


def test_profile_leaving_the_specialization_is_removed_from_old_matches(
    spec, django_capture_on_commit_callbacks
):
    profile = ProfileFactory(specialization=spec)
    need = NeedFactory(specialization=spec)
    matching_run(need_id=need.pk)
    profile_grant(user=profile.user, specialization=SpecializationFactory(), level=level("lead"))
    profile.qualifications.filter(specialization=spec).delete()
    with django_capture_on_commit_callbacks(execute=True):
        profile_changed.send(sender=Profile, profile=profile)
    assert not need.matches.exists()


def test_editing_an_open_need_reranks_it(spec, django_capture_on_commit_callbacks):
    skill = SkillFactory()
    ProfileFactory(specialization=spec)
    with django_capture_on_commit_callbacks(execute=True):
        need = need_create(customer=CustomerFactory(), fields=fields(spec))
    assert need.matches.get().skill_fit == 1.0
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        need_update(need=need, actor=need.customer, fields=fields(spec), must_have_skills=[skill])
    assert len(callbacks) == 1
    assert need.matches.get().skill_fit == 0.0


def test_pause_reopen_close(spec, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        need = need_create(customer=CustomerFactory(), fields=fields(spec))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        need_pause(need=need, actor=need.customer)
    assert callbacks == []
    assert ranking_state(need) == NeedRanking.State.IDLE
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        need_open(need=need, actor=need.customer)
    assert len(callbacks) == 1
    need.refresh_from_db()
    assert need.state == Need.State.OPEN and ranking_state(need) == NeedRanking.State.DONE
    need_close(need=need, actor=need.customer)
    assert [(e.from_state, e.to_state) for e in need.events.all()] == [
        ("", "draft"),
        ("draft", "open"),
        ("open", "paused"),
        ("paused", "open"),
        ("open", "closed"),
    ]


def test_illegal_transition_is_refused(spec):
    need = need_create(customer=CustomerFactory(), fields=fields(spec), open_now=False)
    with pytest.raises(ValidationError):
        need_pause(need=need, actor=need.customer)
    assert Need.objects.get(pk=need.pk).state == Need.State.DRAFT


def test_a_request_during_a_run_leaves_the_need_pending(spec, monkeypatch):
    """A request lands between "running" and the write: the run must not mark the need done.

    (During the write itself the need row is locked, so a request waits for the commit.)
    """
    ProfileFactory(specialization=spec)
    need = NeedFactory(specialization=spec)
    real = engine.write_matches

    def write_and_meanwhile_request(*, need):
        need_request_matching(need=need)  # as if it came just before the locked read
        return real(need=need)

    monkeypatch.setattr(engine, "write_matches", write_and_meanwhile_request)
    matching_run(need_id=need.pk)
    assert ranking_state(need) == NeedRanking.State.PENDING


def test_closed_need_run_is_a_no_op(spec):
    ProfileFactory(specialization=spec)
    need = NeedFactory(specialization=spec, state=Need.State.CLOSED)
    assert matching_run(need_id=need.pk) is False
    assert matching_run(need_id=10**9) is False
    assert not need.matches.exists()


def test_beat_requeues_pending_and_dead_running_needs(spec, django_capture_on_commit_callbacks):
    ProfileFactory(specialization=spec)
    pending = NeedFactory(specialization=spec)
    with django_capture_on_commit_callbacks(execute=False):  # the publish is lost
        need_request_matching(need=pending)
    dead = NeedFactory(specialization=spec)
    set_ranking(dead, state=NeedRanking.State.RUNNING, started_at=timezone.now() - timedelta(hours=1))
    RunHeartbeat.objects.create(need=dead, beat_at=timezone.now() - heartbeat.STALE - timedelta(seconds=1))
    fresh = NeedFactory(specialization=spec)
    with django_capture_on_commit_callbacks(execute=False):
        need_request_matching(need=fresh)

    assert set(pending_need_ids(now=timezone.now() + LATER)) == {pending.pk, dead.pk, fresh.pk}
    assert set(pending_need_ids()) == {dead.pk}  # just-requested needs are left to the queue
    assert matching_requeue_pending(now=timezone.now() + LATER) == 3
    for need in (pending, dead, fresh):
        need.refresh_from_db()
        assert ranking_state(need) == NeedRanking.State.DONE
        assert need.matches.count() == 1


def test_a_running_need_with_a_fresh_heartbeat_is_left_alone_however_long_it_runs(spec):
    slow = NeedFactory(specialization=spec)
    set_ranking(slow, state=NeedRanking.State.RUNNING, started_at=timezone.now() - timedelta(hours=1))
    heartbeat.beat(slow.pk)
    silent = NeedFactory(specialization=spec)
    set_ranking(silent, state=NeedRanking.State.RUNNING, started_at=timezone.now() - timedelta(seconds=61))
    starting = NeedFactory(specialization=spec)
    set_ranking(starting, state=NeedRanking.State.RUNNING, started_at=timezone.now())

    assert pending_need_ids() == [silent.pk]  # no beat for a minute: a killed worker
    assert set(pending_need_ids(now=timezone.now() + heartbeat.STALE + timedelta(seconds=1))) == {
        slow.pk,
        silent.pk,
        starting.pk,
    }


@pytest.mark.usefixtures("transactional_db")
def test_a_run_beats_while_it_works_and_stops_when_it_ends(spec):
    need = NeedFactory(specialization=spec)
    heartbeat.beat(need.pk)
    first = RunHeartbeat.objects.get(need=need).beat_at

    def beaten_since(moment):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if RunHeartbeat.objects.get(need=need).beat_at > moment:
                return True
            time.sleep(0.02)
        return False

    with heartbeat.pulse(need.pk, every=timedelta(milliseconds=20)):
        assert beaten_since(first)
    last = RunHeartbeat.objects.get(need=need).beat_at
    time.sleep(0.1)  # five periods: a stopped pulse writes nothing more
    assert RunHeartbeat.objects.get(need=need).beat_at == last
