"""Matching: requesting runs (recorded in the database first), running them, sweeping the stuck.

Every request marks the need's ranking (`NeedRanking`, matching's row per need) "pending" and bumps
its `version` in the same transaction as the change that caused it, then publishes the run task on
commit. If the broker is down the ranking stays pending and `matching_requeue_pending` (beat)
publishes it again.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q

from needs.models import Need
from topfreelancer import clock
from topfreelancer.queue import enqueue_on_commit, publish

from .. import engine, heartbeat, tasks
from ..models import NeedRanking, RunHeartbeat, RunnerUp
from .updates import unapplied_profile_ids

# A pending need younger than this was just published: leave it to the queue.
PENDING_GRACE = timedelta(seconds=30)


def _enqueue(need_ids: list[int]) -> None:
    for need_id in need_ids:
        enqueue_on_commit(tasks.run_matching, need_id)


def need_request_matching(*, need: Need) -> None:
    """Mark an open need's ranking pending and publish its run on commit. A need that is not open
    has nothing to match: its ranking goes idle and its runners-up go (its shortlist stays, as the
    record of whom it was shown; reopening ranks it again).

    Call inside the transaction that changed the need (the need row locked by the caller, so the
    ranking row is created once).
    """
    if need.state != Need.State.OPEN:
        NeedRanking.objects.filter(need_id=need.pk).exclude(state=NeedRanking.State.IDLE).update(
            state=NeedRanking.State.IDLE
        )
        RunnerUp.objects.filter(need_id=need.pk).delete()
        return
    now = clock.now()
    pending = {"state": NeedRanking.State.PENDING, "requested_at": now}
    if not NeedRanking.objects.filter(need_id=need.pk).update(version=F("version") + 1, **pending):
        NeedRanking.objects.create(need_id=need.pk, version=1, **pending)
    _enqueue([need.pk])


def _locked_ranking(need_id: int) -> NeedRanking:
    """The need's ranking row, locked (created idle if the need never asked for one)."""
    ranking = NeedRanking.objects.select_for_update(no_key=True).filter(need_id=need_id).first()
    if ranking is None:
        ranking = NeedRanking.objects.create(need_id=need_id)
    return ranking


def matching_run(*, need_id: int) -> bool:
    """Rank the listed specialists for one need and store the top matches. Idempotent.

    Two transactions: the first records "running" and the run's first heartbeat (so the page says
    so, and a killed run is found by the sweep a minute after its last beat); the second, while a
    thread keeps beating, upserts the top matches, deletes the ones that dropped out, and marks the
    need done unless a newer request arrived meanwhile (then it stays pending: the newer request's
    task runs again). Returns False if the need is gone or not open.
    """
    with transaction.atomic():
        need = Need.objects.select_for_update(no_key=True).filter(pk=need_id).first()
        if need is None:
            return False
        ranking = _locked_ranking(need_id)
        if need.state != Need.State.OPEN:
            if ranking.state != NeedRanking.State.IDLE:
                ranking.state = NeedRanking.State.IDLE
                ranking.save(update_fields=["state"])
            return False
        version = ranking.version
        ranking.state = NeedRanking.State.RUNNING
        ranking.started_at = clock.now()
        ranking.save(update_fields=["state", "started_at"])
        heartbeat.beat(need_id)

    with heartbeat.pulse(need_id), transaction.atomic():
        need = Need.objects.select_for_update(no_key=True).get(pk=need_id)
        if need.state != Need.State.OPEN:
            return False
        ranking = _locked_ranking(need_id)
        engine.write_matches(need=need)
        ranking.refresh_from_db(
            fields=["version"]
        )  # a request in this transaction (none from others: locked)
        ranking.state = NeedRanking.State.DONE if ranking.version == version else NeedRanking.State.PENDING
        ranking.matched_at = clock.now()
        ranking.save(update_fields=["state", "matched_at"])
    return True


def pending_need_ids(*, now=None, limit: int = 500) -> list[int]:
    """Open needs whose run was requested but never finished: pending past the grace, or "running"
    with a heartbeat older than heartbeat.STALE (a killed worker: noticed in about a minute)."""
    now = now or clock.now()
    stale = now - heartbeat.STALE
    alive = RunHeartbeat.objects.filter(need_id=OuterRef("need_id"), beat_at__gt=stale)
    pending, running = NeedRanking.State.PENDING, NeedRanking.State.RUNNING
    return list(
        NeedRanking.objects.filter(need__state=Need.State.OPEN)
        .filter(
            Q(state=pending, requested_at__lte=now - PENDING_GRACE)
            | Q(state=pending, requested_at__isnull=True)
            | (Q(state=running, started_at__lte=stale) & ~Exists(alive))
        )
        .order_by("requested_at", "need_id")
        .values_list("need_id", flat=True)[:limit]
    )


def matching_requeue_pending(*, now=None) -> int:
    """Beat: publish again the run of every stuck need and the update of every profile change not
    applied to the shortlists (its task lost or its worker killed). Returns how many were published."""
    need_ids = pending_need_ids(now=now)
    # Pending again, from now: the next sweeps leave them to the queue for PENDING_GRACE.
    stuck = [NeedRanking.State.PENDING, NeedRanking.State.RUNNING]
    NeedRanking.objects.filter(need_id__in=need_ids, state__in=stuck).update(
        state=NeedRanking.State.PENDING, requested_at=clock.now()
    )
    published = 0
    for need_id in need_ids:
        if publish(tasks.run_matching, need_id):
            published += 1
    for profile_id in unapplied_profile_ids(now=now):
        if publish(tasks.apply_profile_change, profile_id):
            published += 1
    return published
