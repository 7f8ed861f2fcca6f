"""Engagements: opened by an accepted invitation, moved by either party along TRANSITIONS, audited."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import OutboundEmail
from matching.models import Engagement, EngagementEvent
from matching.services import (
    engagement_end,
    engagement_open,
    engagement_pause,
    engagement_resume,
    invitation_accept,
)
from tests.factories import CustomerFactory
from tests.matching.factories import InvitationFactory, engagement_for

pytestmark = pytest.mark.django_db


def test_accepting_an_invitation_opens_one_engagement():
    invitation = InvitationFactory()
    invitation_accept(invitation=invitation, specialist=invitation.specialist)
    engagement = Engagement.objects.get(invitation=invitation)
    assert engagement.state == Engagement.State.ACTIVE
    assert engagement.need == invitation.need and engagement.specialist == invitation.specialist
    # idempotent: a second call (or a repeated accept) keeps the one engagement
    assert engagement_open(invitation=invitation) == engagement
    invitation_accept(invitation=invitation, specialist=invitation.specialist)
    assert Engagement.objects.filter(invitation=invitation).count() == 1
    assert list(engagement.events.values_list("from_state", "to_state")) == [("", "active")]


def test_a_sent_invitation_opens_nothing():
    with pytest.raises(ValidationError):
        engagement_open(invitation=InvitationFactory())


def test_moves_follow_the_table_audit_and_email_the_other_party(django_capture_on_commit_callbacks):
    engagement = engagement_for()
    customer, specialist = engagement.need.customer, engagement.specialist
    with django_capture_on_commit_callbacks(execute=True):
        engagement_pause(engagement=engagement, actor=customer)
    assert engagement.state == "paused"
    assert OutboundEmail.objects.filter(to=specialist.email, subject__contains="paused").exists()
    engagement_resume(engagement=engagement, actor=specialist)
    assert engagement.state == "active" and engagement.ended_at is None
    assert OutboundEmail.objects.filter(to=customer.email, subject__contains="resumed").exists()
    engagement_end(engagement=engagement, actor=customer)
    assert engagement.state == "ended" and engagement.ended_at is not None
    with pytest.raises(ValidationError):
        engagement_resume(engagement=engagement, actor=customer)
    with pytest.raises(ValidationError):
        engagement_pause(engagement=engagement, actor=specialist)
    events = EngagementEvent.objects.filter(engagement=engagement)
    assert [(e.from_state, e.to_state, e.actor) for e in events] == [
        ("", "active", specialist),
        ("active", "paused", customer),
        ("paused", "active", specialist),
        ("active", "ended", customer),
    ]


def test_a_stranger_cannot_move_it():
    engagement = engagement_for()
    with pytest.raises(Engagement.DoesNotExist):
        engagement_end(engagement=engagement, actor=CustomerFactory())
    engagement.refresh_from_db()
    assert engagement.state == "active"


def test_the_database_refuses_an_end_without_a_time():
    engagement = engagement_for()
    with pytest.raises(IntegrityError), transaction.atomic():
        Engagement.objects.filter(pk=engagement.pk).update(state="ended")


def test_lists_per_party_and_404_for_others(client):
    engagement = engagement_for()
    other = engagement_for()
    client.force_login(engagement.need.customer)
    page = client.get(reverse("matching:engagements")).content.decode()
    assert engagement.need.title in page and engagement.specialist.get_full_name() in page
    assert other.specialist.get_full_name() not in page
    assert client.get(reverse("matching:engagement", args=[engagement.pk])).status_code == 200
    assert client.get(reverse("matching:engagement", args=[other.pk])).status_code == 404
    assert client.post(reverse("matching:engagement_move", args=[other.pk, "end"])).status_code == 404

    client.force_login(engagement.specialist)
    page = client.get(reverse("matching:engagements")).content.decode()
    assert engagement.need.title in page and other.need.title not in page
    response = client.post(reverse("matching:engagement_move", args=[engagement.pk, "end"]), follow=True)
    assert "now ended" in response.content.decode()
    engagement.refresh_from_db()
    assert engagement.state == "ended"
    # an illegal move is a message, not a 500
    response = client.post(reverse("matching:engagement_move", args=[engagement.pk, "pause"]), follow=True)
    assert response.status_code == 200 and "cannot be paused" in response.content.decode()
    assert (
        client.post(reverse("matching:engagement_move", args=[engagement.pk, "explode"])).status_code == 404
    )


def test_the_need_page_links_the_engagement(client):
    engagement = engagement_for()
    client.force_login(engagement.need.customer)
    page = client.get(reverse("needs:detail", args=[engagement.need.pk])).content.decode()
    assert reverse("matching:engagement", args=[engagement.pk]) in page
