"""Celery tasks: load by id and delegate to matching.services. All are idempotent."""

from celery import shared_task

# Modules, not names: the services publish these tasks, so each side imports the other's module.
from .services import conversations, invitations, outcomes, runs, updates


@shared_task(name="matching.tasks.run_matching", acks_late=True, reject_on_worker_lost=True)
def run_matching(need_id: int) -> None:
    runs.matching_run(need_id=need_id)


@shared_task(name="matching.tasks.apply_profile_change", acks_late=True, reject_on_worker_lost=True)
def apply_profile_change(profile_id: int) -> None:
    updates.profile_change_apply(profile_id=profile_id)


@shared_task(name="matching.tasks.requeue_pending_matching")
def requeue_pending_matching() -> int:
    return runs.matching_requeue_pending()


@shared_task(name="matching.tasks.send_message_digests")
def send_message_digests() -> int:
    return conversations.conversation_send_digests()


@shared_task(name="matching.tasks.open_checkins")
def open_checkins() -> int:
    return outcomes.checkins_open()


@shared_task(name="matching.tasks.expire_invitations")
def expire_invitations() -> int:
    return invitations.invitations_expire()
