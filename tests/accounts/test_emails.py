import pytest
from django.core import mail

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
