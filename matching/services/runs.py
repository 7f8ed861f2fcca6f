"""Matching: requesting runs (recorded in the database first), running them, sweeping the stuck.

Every request marks the need "pending" and bumps its `matching_version` in the same transaction
as the change that caused it, then publishes the run task on commit. If the broker is down the
need stays pending and `matching_requeue_pending` (beat) publishes it again.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q

from needs.models import Need
from topfreelancer import clock
from topfreelancer.queue import enqueue_on_commit, publish

from .. import engine, heartbeat, tasks
from ..models import RunHeartbeat
from .updates import unapplied_profile_ids

# A pending need younger than this was just published: leave it to the queue.
PENDING_GRACE = timedelta(seconds=30)


def _enqueue(need_ids: list[int]) -> None:
    for need_id in need_ids:
        enqueue_on_commit(tasks.run_matching, need_id)


def need_request_matching(*, need: Need) -> None:
    """Mark an open need pending and publish its run on commit. Other states: nothing to match.

    Call inside the transaction that changed the need (the row should be locked by the caller).
    """
    if need.state != Need.State.OPEN:
        return
    now = clock.now()
    Need.objects.filter(pk=need.pk).update(
        matching_state=Need.MatchingState.PENDING,
        matching_version=F("matching_version") + 1,
        matching_requested_at=now,
    )
    need.refresh_from_db(fields=["matching_state", "matching_version", "matching_requested_at"])
    _enqueue([need.pk])


def matching_run(*, need_id: int) -> bool:
    """Rank the listed specialists for one need and store the top matches. Idempotent.

    Two transactions: the first records "running" and the run's first heartbeat (so the page says
    so, and a killed run is found by the sweep a minute after its last beat); the second, while a
    thread keeps beating, upserts the top matches, deletes the ones that dropped out, and marks the
    need done unless a newer request arrived meanwhile (then it stays pending: the newer request's
    task runs again). Returns False if the need is gone or not open.
    """
    with transaction.atomic():
        need = Need.objects.select_for_update().filter(pk=need_id).first()
        if need is None:
            return False
        if need.state != Need.State.OPEN:
            if need.matching_state != Need.MatchingState.IDLE:
                need.matching_state = Need.MatchingState.IDLE
                need.save(update_fields=["matching_state", "updated_at"])
            return False
        version = need.matching_version
        need.matching_state = Need.MatchingState.RUNNING
        need.matching_started_at = clock.now()
        need.save(update_fields=["matching_state", "matching_started_at"])
        heartbeat.beat(need_id)

    with heartbeat.pulse(need_id), transaction.atomic():
        need = Need.objects.select_for_update().get(pk=need_id)
        if need.state != Need.State.OPEN:
            return False
        engine.write_matches(need=need)
        if need.matching_version == version:
            need.matching_state = Need.MatchingState.DONE
        else:
            need.matching_state = Need.MatchingState.PENDING
        need.matched_at = clock.now()
        need.save(update_fields=["matching_state", "matched_at"])
    return True


def pending_need_ids(*, now=None, limit: int = 500) -> list[int]:
    """Open needs whose run was requested but never finished: pending past the grace, or "running"
    with a heartbeat older than heartbeat.STALE (a killed worker: noticed in about a minute)."""
    now = now or clock.now()
    stale = now - heartbeat.STALE
    alive = RunHeartbeat.objects.filter(need_id=OuterRef("pk"), beat_at__gt=stale)
    return list(
        Need.objects.open()
        .filter(
            Q(matching_state=Need.MatchingState.PENDING, matching_requested_at__lte=now - PENDING_GRACE)
            | Q(matching_state=Need.MatchingState.PENDING, matching_requested_at__isnull=True)
            | (Q(matching_state=Need.MatchingState.RUNNING, matching_started_at__lte=stale) & ~Exists(alive))
        )
        .order_by("matching_requested_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def matching_requeue_pending(*, now=None) -> int:
    """Beat: publish again the run of every stuck need and the update of every profile change not
    applied to the shortlists (its task lost or its worker killed). Returns how many were published."""
    need_ids = pending_need_ids(now=now)
    # Pending again, from now: the next sweeps leave them to the queue for PENDING_GRACE.
    stuck = [Need.MatchingState.PENDING, Need.MatchingState.RUNNING]
    Need.objects.filter(pk__in=need_ids, matching_state__in=stuck).update(
        matching_state=Need.MatchingState.PENDING, matching_requested_at=clock.now()
    )
    published = 0
    for need_id in need_ids:
        if publish(tasks.run_matching, need_id):
            published += 1
    for profile_id in unapplied_profile_ids(now=now):
        if publish(tasks.apply_profile_change, profile_id):
            published += 1
    return published
