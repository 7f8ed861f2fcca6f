"""A stopped broker never hangs a request: publishing is bounded and the work stays recorded."""

import time

import pytest
from django.core import mail

from accounts.emails import email_enqueue, pending_email_ids
from accounts.models import OutboundEmail
from accounts.tasks import send_email, send_pending_emails
from topfreelancer.queue import publish


@pytest.mark.django_db
@pytest.mark.usefixtures("dead_broker")
def test_dead_broker_publish_gives_up_fast_and_keeps_the_email(django_capture_on_commit_callbacks):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        email = email_enqueue(to="later@example.com", subject="s", body="b")
    assert publish(send_email, email.pk) is False
    assert time.monotonic() - started < 2.0
    assert OutboundEmail.objects.get(pk=email.pk).sent_at is None
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.usefixtures("dead_broker")
def test_signup_answers_within_two_seconds_with_the_broker_down(client):
    started = time.monotonic()
    response = client.post(
        "/accounts/signup/",
        {
            "full_name": "Bo",
            "email": "bo@example.com",
            "role": "customer",
            "password1": "a-long-pass-phrase-7",
            "password2": "a-long-pass-phrase-7",
        },
    )
    assert response.status_code == 302
    assert time.monotonic() - started < 2.0
    assert OutboundEmail.objects.filter(to="bo@example.com", sent_at__isnull=True).exists()


@pytest.mark.django_db
def test_recorded_email_goes_out_when_the_sweep_runs_after_the_broker_returns():
    email = OutboundEmail.objects.create(to="back@example.com", subject="s", body="b")
    OutboundEmail.objects.filter(pk=email.pk).update(created_at=email.created_at.replace(year=2020))
    assert pending_email_ids() == [email.pk]
    send_pending_emails()  # eager here; through Redis in tests/test_celery_worker.py
    assert [m.to for m in mail.outbox] == [["back@example.com"]]
