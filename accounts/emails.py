"""Emails are recorded in the database and sent by a Celery worker.

Callers render the text in the recipient's language; use `email_to_user` for the usual case.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from topfreelancer.queue import enqueue_on_commit
from topfreelancer.text import one_line

from . import tasks
from .models import OutboundEmail


def email_enqueue(*, to: str, subject: str, body: str) -> OutboundEmail:
    """Record an email and publish its send task after the transaction commits.

    The subject is put on one line: it is often built from user text (a need's title).
    """
    email = OutboundEmail.objects.create(to=to, subject=one_line(subject).strip()[:255], body=body)
    enqueue_on_commit(tasks.send_email, email.pk)
    return email


def email_to_user(*, user, template: str, context: dict) -> OutboundEmail:
    """Render `<template>_subject.txt` and `<template>_body.txt` in the user's language and enqueue."""
    with translation.override(getattr(user, "language", None) or settings.LANGUAGE_CODE):
        context = {"user": user, "site_url": settings.SITE_URL, **context}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    return email_enqueue(to=user.email, subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body)


def email_send(*, email_id: int) -> bool:
    """Send one recorded email at most once. Returns True if this call sent it.

    The row is locked while sending, so two workers given the same id send it once. An email whose
    message cannot be built (BadHeaderError and other permanent errors) is marked failed with its
    reason and never retried; a send error (SMTP, network) leaves it pending for the sweep.
    """
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update()
            .filter(pk=email_id, sent_at__isnull=True, failed_at__isnull=True)
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        message = EmailMessage(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to])
        try:
            message.message()  # builds the headers: what fails here fails on every retry
        except (ValueError, TypeError) as exc:  # BadHeaderError and encoding errors are ValueErrors
            email.failed_at = timezone.now()
            email.last_error = repr(exc)[:2000]
            email.save(update_fields=["attempts", "failed_at", "last_error"])
            return False
        try:
            message.send()
        except Exception as exc:  # SMTP and network errors: keep the row pending for the sweep
            email.last_error = repr(exc)[:2000]
            email.save(update_fields=["attempts", "last_error"])
            return False
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "sent_at", "last_error"])
        return True


def pending_email_ids(*, older_than_seconds: int = 60, limit: int = 500) -> list[int]:
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    return list(
        OutboundEmail.objects.filter(
            sent_at__isnull=True, failed_at__isnull=True, created_at__lt=cutoff, attempts__lt=10
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
