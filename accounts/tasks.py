from celery import shared_task

from topfreelancer.queue import publish

from . import emails


@shared_task
def send_email(email_id: int) -> bool:
    return emails.email_send(email_id=email_id)


@shared_task
def send_pending_emails() -> int:
    """Beat: re-publish emails still pending a minute after they were recorded."""
    ids = emails.pending_email_ids()
    for email_id in ids:
        publish(send_email, email_id)
    return len(ids)
