"""Celery tasks: load by id and delegate to matching.services. All are idempotent."""

from celery import shared_task


@shared_task(name="matching.tasks.run_matching", acks_late=True, reject_on_worker_lost=True)
def run_matching(need_id: int) -> None:
    from .services import matching_run

    matching_run(need_id=need_id)


@shared_task(name="matching.tasks.apply_profile_change", acks_late=True, reject_on_worker_lost=True)
def apply_profile_change(profile_id: int) -> None:
    from .services import profile_change_apply

    profile_change_apply(profile_id=profile_id)


@shared_task(name="matching.tasks.requeue_pending_matching")
def requeue_pending_matching() -> int:
    from .services import matching_requeue_pending

    return matching_requeue_pending()


@shared_task(name="matching.tasks.send_message_digests")
def send_message_digests() -> int:
    from .services.conversations import conversation_send_digests

    return conversation_send_digests()


@shared_task(name="matching.tasks.open_checkins")
def open_checkins() -> int:
    from .services.outcomes import checkins_open

    return checkins_open()


@shared_task(name="matching.tasks.expire_invitations")
def expire_invitations() -> int:
    from .services import invitations_expire

    return invitations_expire()
