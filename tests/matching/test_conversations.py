"""Conversations: the two parties talk before and after acceptance; others get 404; moderators read
only a flagged engagement, audited; unread counts; emails batched per quarter hour."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import OutboundEmail
from matching.models import Conversation, EngagementEvent, Message
from matching.services import engagement_end, invitation_accept, invitation_decline
from matching.services.conversations import (
    conversation_for,
    conversation_send_digests,
    engagement_request_help,
    message_post,
    unread_count,
)
from tests.factories import CustomerFactory, ModeratorFactory, ProfileFactory
from tests.matching.factories import InvitationFactory, engagement_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(tmp_media):
    return tmp_media


def say(invitation, author, body="Hello", **kwargs):
    return message_post(
        conversation=conversation_for(invitation=invitation), author=author, body=body, **kwargs
    )


def test_both_parties_talk_before_and_after_acceptance(client):
    invitation = InvitationFactory()
    customer, specialist = invitation.need.customer, invitation.specialist
    url = reverse("matching:conversation", args=[invitation.pk])
    client.force_login(specialist)
    response = client.post(
        reverse("matching:message_create", args=[invitation.pk]), {"body": "Is it *remote*?"}
    )
    assert response.status_code == 302 and response.url == url
    client.force_login(customer)
    page = client.get(url).content.decode()
    assert "Is it <em>remote</em>?" in page
    client.post(reverse("matching:message_create", args=[invitation.pk]), {"body": "Fully remote."})

    invitation_accept(invitation=invitation, specialist=specialist)
    engagement = invitation.engagement
    # the same thread now lives on the engagement's page
    response = client.get(url)
    assert response.status_code == 302 and response.url == reverse(
        "matching:engagement", args=[engagement.pk]
    )
    page = client.get(response.url).content.decode()
    assert "Is it <em>remote</em>?" in page and "Fully remote." in page
    response = client.post(
        reverse("matching:message_create", args=[invitation.pk]), {"body": "Welcome aboard"}
    )
    assert response.url == reverse("matching:engagement", args=[engagement.pk])
    assert list(Message.objects.values_list("body", flat=True)) == [
        "Is it *remote*?",
        "Fully remote.",
        "Welcome aboard",
    ]


def test_strangers_get_404_and_moderators_read_only_after_a_flag(client):
    engagement = engagement_for()
    say(engagement.invitation, engagement.need.customer, "Private brief", attachment=None)
    message = say(
        engagement.invitation,
        engagement.specialist,
        "See the file",
        attachment=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
    )
    url = reverse("matching:conversation", args=[engagement.invitation_id])
    file_url = reverse("matching:message_attachment", args=[message.pk])
    other_specialist = ProfileFactory(specialization=engagement.need.specialization).user
    moderator = ModeratorFactory()
    for stranger in (CustomerFactory(), other_specialist, moderator):
        client.force_login(stranger)
        assert client.get(url).status_code == 404
        assert client.get(file_url).status_code == 404
        assert client.get(reverse("matching:engagement", args=[engagement.pk])).status_code == 404
        assert (
            client.post(
                reverse("matching:message_create", args=[engagement.invitation_id]), {"body": "x"}
            ).status_code
            == 404
        )
    assert not EngagementEvent.objects.filter(kind="read").exists()

    engagement_request_help(engagement=engagement, actor=engagement.specialist)
    assert (
        EngagementEvent.objects.filter(
            engagement=engagement, kind="help", actor=engagement.specialist
        ).count()
        == 1
    )
    client.force_login(moderator)
    page = client.get(url).content.decode()
    assert "Private brief" in page and "Your reading is recorded" in page
    assert 'name="body"' not in page  # reads, never writes
    response = client.get(file_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    reads = EngagementEvent.objects.filter(engagement=engagement, kind="read", actor=moderator)
    assert reads.count() == 2
    assert (
        client.post(
            reverse("matching:message_create", args=[engagement.invitation_id]), {"body": "x"}
        ).status_code
        == 404
    )
    # still nothing for another customer
    client.force_login(CustomerFactory())
    assert client.get(url).status_code == 404


def test_bad_input_is_a_form_error_and_saves_nothing(client):
    invitation = InvitationFactory()
    client.force_login(invitation.need.customer)
    post_url = reverse("matching:message_create", args=[invitation.pk])
    for data in (
        {"body": "x" * 4001},
        {"body": "   "},
        {
            "body": "",
            "attachment": SimpleUploadedFile("evil.pdf", b"MZ\x90\x00", content_type="application/pdf"),
        },
    ):
        response = client.post(post_url, data)
        assert response.status_code == 400, data
        assert 'class="errorlist' in response.content.decode()
    assert not Message.objects.exists()
    with pytest.raises(ValidationError):
        say(invitation, invitation.need.customer, "x" * 4001)


def test_the_database_caps_the_message():
    invitation = InvitationFactory()
    message = say(invitation, invitation.specialist, "short")
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.filter(pk=message.pk).update(body="x" * 4001)


def test_a_closed_thread_takes_no_message():
    declined = InvitationFactory()
    say(declined, declined.specialist, "Before I answer")
    invitation_decline(invitation=declined, specialist=declined.specialist)
    with pytest.raises(ValidationError):
        say(declined, declined.need.customer, "Why?")
    engagement = engagement_for()
    engagement_end(engagement=engagement, actor=engagement.need.customer)
    with pytest.raises(ValidationError):
        say(engagement.invitation, engagement.specialist, "One more thing")


def test_unread_counts_in_the_navigation_and_the_htmx_poll(client):
    engagement = engagement_for()
    customer, specialist = engagement.need.customer, engagement.specialist
    client.force_login(customer)
    client.get(reverse("matching:engagement", args=[engagement.pk]))  # opens the thread
    say(engagement.invitation, specialist, "First")
    say(engagement.invitation, specialist, "Second")
    assert unread_count(user=customer) == 2 and unread_count(user=specialist) == 0
    page = client.get(reverse("needs:list")).content.decode()
    assert 'class="badge badge-warn nav-unread"' in page and ">2</span>" in page

    poll = client.get(
        reverse("matching:conversation", args=[engagement.invitation_id]), headers={"HX-Request": "true"}
    )
    html = poll.content.decode()
    assert poll.status_code == 200 and "<html" not in html and 'id="messages"' in html
    assert html.index("Second") < html.index("First")  # newest first, drawn bottom-up
    assert unread_count(user=customer) == 0
    assert "nav-unread" not in client.get(reverse("needs:list")).content.decode()


def test_new_message_emails_are_batched_per_quarter_hour():
    engagement = engagement_for()
    customer, specialist = engagement.need.customer, engagement.specialist
    invitation = engagement.invitation
    OutboundEmail.objects.all().delete()
    say(invitation, specialist, "one")
    say(invitation, specialist, "two")
    now = timezone.now()
    assert conversation_send_digests(now=now) == 1
    email = OutboundEmail.objects.get()
    assert email.to == customer.email and "2 new messages" in email.body
    assert conversation_send_digests(now=now) == 0  # idempotent
    say(invitation, specialist, "three")
    assert conversation_send_digests(now=now + timedelta(minutes=5)) == 0  # within the quarter hour
    assert conversation_send_digests(now=now + timedelta(minutes=16)) == 1
    assert "1 new message " in OutboundEmail.objects.latest("pk").body
    # what the recipient has read is not emailed
    say(invitation, customer, "read this")
    Conversation.objects.filter(invitation=invitation).update(
        specialist_read_at=timezone.now() + timedelta(minutes=40)
    )
    assert conversation_send_digests(now=now + timedelta(minutes=40)) == 0
