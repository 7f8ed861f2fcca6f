import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from accounts.emails import email_enqueue, email_send, pending_email_ids
from accounts.models import OutboundEmail
from accounts.tasks import send_pending_emails

pytestmark = pytest.mark.django_db


def test_email_is_recorded_and_sent_once_on_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = email_enqueue(to="a@example.com", subject="Hello", body="Body")
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 1
    # sending the same row again is a no-op
    assert email_send(email_id=email.pk) is False
    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email_enqueue(to="a@example.com", subject="Hello", body="Body")
    assert len(callbacks) == 1 and len(mail.outbox) == 0


def test_pending_emails_are_swept_by_the_periodic_task():
    email = OutboundEmail.objects.create(to="late@example.com", subject="s", body="b")
    OutboundEmail.objects.filter(pk=email.pk).update(created_at=email.created_at.replace(year=2020))
    assert pending_email_ids() == [email.pk]
    assert send_pending_emails() == 1
    assert [m.to for m in mail.outbox] == [["late@example.com"]]
    assert pending_email_ids() == []


def test_signup_sends_the_verification_email_through_the_outbox(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {
                "full_name": "Ann",
                "email": "ann@example.com",
                "role": "applicant",
                "password1": "a-long-pass-phrase-7",
                "password2": "a-long-pass-phrase-7",
            },
        )
    assert response.status_code == 302
    email = OutboundEmail.objects.get(to="ann@example.com")
    assert "/accounts/confirm-email/" in email.body and email.sent_at is not None


def test_signup_with_bad_input_shows_form_errors(client):
    response = client.post("/accounts/signup/", {"email": "not-an-email", "role": "wizard", "password1": "x"})
    assert response.status_code == 200
    form = response.context["form"]
    assert {"email", "role", "full_name"} <= set(form.errors)


def test_an_email_whose_header_cannot_be_built_is_marked_failed_once_not_retried():
    email = OutboundEmail.objects.create(to="a@example.com", subject="Broken\nBcc: x@example.com", body="b")
    OutboundEmail.objects.filter(pk=email.pk).update(created_at=email.created_at.replace(year=2020))
    assert email_send(email_id=email.pk) is False
    email.refresh_from_db()
    assert email.failed_at is not None and email.sent_at is None and email.attempts == 1
    assert "BadHeaderError" in email.last_error
    assert pending_email_ids() == [] and send_pending_emails() == 0
    assert email_send(email_id=email.pk) is False  # a failed email is final
    email.refresh_from_db()
    assert email.attempts == 1 and mail.outbox == []


def test_a_send_error_keeps_the_email_pending_for_the_sweep(monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("connection lost")

    email = OutboundEmail.objects.create(to="a@example.com", subject="Hello", body="b")
    OutboundEmail.objects.filter(pk=email.pk).update(created_at=email.created_at.replace(year=2020))
    monkeypatch.setattr(EmailMessage, "send", refuse)
    assert email_send(email_id=email.pk) is False
    email.refresh_from_db()
    assert email.failed_at is None and email.attempts == 1 and "connection lost" in email.last_error
    assert pending_email_ids() == [email.pk]
    monkeypatch.undo()
    assert send_pending_emails() == 1 and len(mail.outbox) == 1


def test_a_subject_from_user_text_is_put_on_one_line(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = email_enqueue(to="a@example.com", subject="Need: Blog\r\neditor\x0b", body="b")
    email.refresh_from_db()
    assert email.subject == "Need: Blog  editor" and email.sent_at is not None
    assert mail.outbox[0].subject == "Need: Blog  editor"


def test_failed_emails_are_listed_with_their_reason_for_an_operator(admin_client):
    OutboundEmail.objects.create(to="sent@example.com", subject="s", body="b", sent_at=timezone.now())
    OutboundEmail.objects.create(to="pending@example.com", subject="s", body="b")
    OutboundEmail.objects.create(
        to="failed@example.com",
        subject="s",
        body="b",
        failed_at=timezone.now(),
        last_error="BadHeaderError(x)",
    )
    body = admin_client.get(reverse("admin:accounts_outboundemail_changelist") + "?status=failed").content
    body = body.decode()
    assert "failed@example.com" in body and "BadHeaderError(x)" in body
    assert "sent@example.com" not in body and "pending@example.com" not in body
    body = admin_client.get(reverse("admin:accounts_outboundemail_changelist") + "?status=pending").content
    assert b"pending@example.com" in body and b"failed@example.com" not in body
