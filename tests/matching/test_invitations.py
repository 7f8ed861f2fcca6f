"""Invitations: once per need and person, rate-limited, answered by the invited, contacts on acceptance."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse

from accounts.models import OutboundEmail
from matching.models import Invitation
from matching.services import invitation_accept, invitation_decline, invitation_send
from matching.services.invitations import INVITATIONS_PER_HOUR
from needs.models import Need
from tests.factories import ApplicantFactory, CustomerFactory, ProfileFactory
from tests.matching.factories import InvitationFactory
from tests.needs.factories import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_invite_accept_shares_contacts_and_emails_both_sides(client, django_capture_on_commit_callbacks):
    need = NeedFactory(title="Blog editor")
    profile = ProfileFactory(specialization=need.specialization)
    client.force_login(need.customer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("matching:invite", args=[need.pk, profile.pk]), {"message": "Join *us*"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(need=need, specialist=profile.user)
    assert OutboundEmail.objects.filter(to=profile.user.email, subject__contains="Blog editor").exists()

    # before acceptance the customer does not see the specialist's email
    assert profile.user.email not in client.get(reverse("needs:detail", args=[need.pk])).content.decode()

    client.force_login(profile.user)
    page = client.get(reverse("matching:invitations")).content.decode()
    assert "Blog editor" in page and "<em>us</em>" in page and need.customer.email not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matching:invitation_answer", args=[invitation.pk, "accept"]))
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.ACCEPTED and invitation.responded_at
    assert need.customer.email in client.get(reverse("matching:invitations")).content.decode()
    assert OutboundEmail.objects.filter(to=need.customer.email, subject__contains="accepted").exists()

    client.force_login(need.customer)
    assert profile.user.email in client.get(reverse("needs:detail", args=[need.pk])).content.decode()


def test_decline_and_no_second_answer():
    invitation = InvitationFactory()
    invitation_decline(invitation=invitation, specialist=invitation.specialist)
    assert invitation.state == Invitation.State.DECLINED
    with pytest.raises(ValidationError):
        invitation_accept(invitation=invitation, specialist=invitation.specialist)
    assert Invitation.objects.get(pk=invitation.pk).state == Invitation.State.DECLINED
    assert OutboundEmail.objects.filter(
        to=invitation.need.customer.email, subject__contains="declined"
    ).exists()


def test_a_specialist_is_invited_to_the_same_need_once(client):
    need = NeedFactory()
    profile = ProfileFactory(specialization=need.specialization)
    invitation_send(customer=need.customer, need=need, profile=profile, message="Hi")
    client.force_login(need.customer)
    response = client.post(reverse("matching:invite", args=[need.pk, profile.pk]), {"message": "Again"})
    assert response.status_code == 200
    assert "already invited" in response.content.decode()
    assert Invitation.objects.filter(need=need).count() == 1


def test_only_open_needs_take_invitations():
    need = NeedFactory(state=Need.State.PAUSED)
    profile = ProfileFactory(specialization=need.specialization)
    with pytest.raises(ValidationError):
        invitation_send(customer=need.customer, need=need, profile=profile, message="Hi")


def test_invitations_are_rate_limited_per_customer(client):
    customer = CustomerFactory()
    needs = [NeedFactory(customer=customer) for _ in range(2)]
    for i in range(INVITATIONS_PER_HOUR):
        need = needs[i % 2]
        invitation_send(
            customer=customer,
            need=need,
            profile=ProfileFactory(specialization=need.specialization),
            message="Hi",
        )
    extra = ProfileFactory(specialization=needs[0].specialization)
    client.force_login(customer)
    response = client.post(reverse("matching:invite", args=[needs[0].pk, extra.pk]), {"message": "One more"})
    assert response.status_code == 200
    assert "Please wait a little" in response.content.decode()
    assert Invitation.objects.filter(need__customer=customer).count() == INVITATIONS_PER_HOUR
    # another customer is not limited by the first one's invitations
    other = NeedFactory(specialization=needs[0].specialization)
    invitation_send(customer=other.customer, need=other, profile=extra, message="Hi")


def test_empty_message_is_a_form_error(client):
    need = NeedFactory()
    profile = ProfileFactory(specialization=need.specialization)
    client.force_login(need.customer)
    response = client.post(reverse("matching:invite", args=[need.pk, profile.pk]), {"message": ""})
    assert response.status_code == 200 and "message" in response.context["form"].errors


def test_specialist_sees_and_answers_only_own_invitations(client):
    mine = InvitationFactory(need__title="For me")
    theirs = InvitationFactory(need__title="For someone else")
    client.force_login(mine.specialist)
    page = client.get(reverse("matching:invitations")).content.decode()
    assert "For me" in page and "For someone else" not in page
    assert client.post(reverse("matching:invitation_answer", args=[theirs.pk, "accept"])).status_code == 404
    assert Invitation.objects.get(pk=theirs.pk).state == Invitation.State.SENT


def test_customer_sees_only_own_invitations_on_the_need_page(client):
    invitation = InvitationFactory()
    other = CustomerFactory()
    client.force_login(other)
    assert client.get(reverse("needs:detail", args=[invitation.need.pk])).status_code == 404
    # and cannot answer for the specialist: answering is a specialist's page
    assert (
        client.post(reverse("matching:invitation_answer", args=[invitation.pk, "accept"])).status_code == 403
    )
    # nor can another specialist
    client.force_login(ApplicantFactory())
    assert (
        client.post(reverse("matching:invitation_answer", args=[invitation.pk, "accept"])).status_code == 404
    )


def test_unlisted_profile_cannot_be_invited(client):
    need = NeedFactory()
    hidden = ProfileFactory(specialization=need.specialization, is_published=False)
    client.force_login(need.customer)
    assert client.get(reverse("matching:invite", args=[need.pk, hidden.pk])).status_code == 404


def test_applicant_without_invitations_sees_an_empty_page(client):
    client.force_login(ApplicantFactory())
    assert "No invitations yet" in client.get(reverse("matching:invitations")).content.decode()


def test_invitations_summary_tag_for_dashboards():
    invitation = InvitationFactory(need__title="Waiting for you")
    InvitationFactory(specialist=invitation.specialist, state="declined", responded_at="2026-01-01T00:00Z")
    html = Template("{% load matching %}{% invitations_summary user %}").render(
        Context({"user": invitation.specialist})
    )
    assert "Waiting for you" in html and "1 invitation waits for your answer." in html
    assert "No invitation waits" in Template("{% load matching %}{% invitations_summary user %}").render(
        Context({"user": ApplicantFactory()})
    )
