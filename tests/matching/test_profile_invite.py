"""Profiles lead somewhere: a customer invites from any profile, a shortlist's profile links back to
it, a visitor is shown how to post a need; a specialist or applicant sees none of it."""

import re

import pytest
from django.urls import reverse

from accounts.models import OutboundEmail
from matching.models import Invitation
from matching.selectors import profile_invite_options
from matching.services import invitation_send, matching_run
from needs.models import Need
from tests.factories import ApplicantFactory, CustomerFactory, ProfileFactory
from tests.matching.factories import InvitationFactory
from tests.needs.factories import NeedFactory
from topfreelancer.state import DomainError

pytestmark = pytest.mark.django_db


def _profile_page(client, profile, **query):
    return client.get(reverse("profiles:detail", args=[profile.pk]), query)


def _invite(client, profile, **data):
    return client.post(reverse("matching:invite_from_profile", args=[profile.pk]), data)


def test_a_customer_sees_a_select_of_their_open_needs_not_yet_invited_to(client):
    profile = ProfileFactory()
    customer = CustomerFactory()
    open_need = NeedFactory(
        specialization=profile.specialization, customer=customer, title="Carry our releases"
    )
    invited = NeedFactory(specialization=profile.specialization, customer=customer, title="Edit our blog")
    NeedFactory(
        specialization=profile.specialization,
        customer=customer,
        title="A paused one",
        state=Need.State.PAUSED,
    )
    NeedFactory(specialization=profile.specialization, title="Someone else's need")
    InvitationFactory(need=invited, specialist=profile.user)
    client.force_login(customer)
    page = _profile_page(client, profile).content.decode()

    assert f'action="{reverse("matching:invite_from_profile", args=[profile.pk])}"' in page
    assert f'<option value="{open_need.pk}"' in page
    assert f'<option value="{invited.pk}"' not in page  # already invited: listed apart
    assert "Already invited to:" in page and "Edit our blog" in page
    assert "A paused one" not in page and "Someone else&#x27;s need" not in page
    assert "Looking for a specialist like this?" not in page


def test_inviting_from_a_profile_creates_the_invitation_and_returns_to_the_profile(
    client, django_capture_on_commit_callbacks
):
    profile = ProfileFactory(user__full_name="Sam Specialist")
    need = NeedFactory(specialization=profile.specialization, title="Carry our releases")
    client.force_login(need.customer)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, profile, need=need.pk, message="")  # the message is optional
    assert response.status_code == 302
    assert response.url == reverse("profiles:detail", args=[profile.pk])
    invitation = Invitation.objects.get(need=need, specialist=profile.user)
    assert invitation.message == ""

    page = client.get(response.url).content.decode()
    assert "Sam S. is invited to “Carry our releases”" in page
    assert "Already invited to:" in page
    assert "You have no open need to invite them to." not in page  # invited to each: said so
    assert "They are invited to each of your open needs." in page

    # the need's page lists it, and so does the specialist's list
    assert "Sam S." in client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    client.force_login(profile.user)
    assert "Carry our releases" in client.get(reverse("matching:invitations")).content.decode()


@pytest.mark.parametrize(
    "case, message",
    [
        ("duplicate", "This specialist is already invited to this need."),
        ("paused", "Only an open need can take invitations."),
        ("foreign", "Select a valid choice."),
        ("garbage", "Select a valid choice."),
    ],
)
def test_a_refused_invitation_is_a_form_error_on_the_need(client, case, message):
    profile = ProfileFactory()
    customer = CustomerFactory()
    need = NeedFactory(specialization=profile.specialization, customer=customer)
    other = NeedFactory(
        specialization=profile.specialization, customer=customer
    )  # keeps the select non-empty
    value = need.pk
    if case == "duplicate":
        InvitationFactory(need=need, specialist=profile.user)
    elif case == "paused":
        Need.objects.filter(pk=need.pk).update(state=Need.State.PAUSED)
    elif case == "foreign":
        value = NeedFactory(specialization=profile.specialization).pk
    else:
        value = "9" * 40
    client.force_login(customer)
    response = _invite(client, profile, need=value, message="Hello")
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors["need"])
    assert f'<option value="{other.pk}"' in response.content.decode()
    assert Invitation.objects.filter(specialist=profile.user).count() == (1 if case == "duplicate" else 0)


def test_a_customer_without_open_needs_is_offered_to_post_one(client):
    profile = ProfileFactory()
    client.force_login(CustomerFactory())
    page = _profile_page(client, profile).content.decode()
    assert "You have no open need to invite them to." in page
    assert reverse("needs:create") in page


def test_only_customers_invite_and_only_listed_profiles(client):
    profile = ProfileFactory()
    need = NeedFactory(specialization=profile.specialization)
    client.force_login(ApplicantFactory())
    assert _invite(client, profile, need=need.pk).status_code == 403
    hidden = ProfileFactory(is_published=False)
    client.force_login(need.customer)
    assert _invite(client, hidden, need=need.pk).status_code == 404
    assert not Invitation.objects.exists()


def test_opened_from_a_shortlist_the_back_link_returns_to_it(client):
    profile = ProfileFactory()
    need = NeedFactory(specialization=profile.specialization, title="Carry our releases")
    client.force_login(need.customer)
    shortlist_url = reverse("needs:detail", args=[need.pk])

    page = _profile_page(client, profile, need=need.pk).content.decode()
    assert f'href="{shortlist_url}#shortlist" data-testid="back-link">← Shortlist: Carry our releases' in page
    assert f'<option value="{need.pk}" selected>' in page  # the invite form starts on that need


@pytest.mark.parametrize("value", ["https://evil.example/", "//evil.example", "-1", "0", "9" * 30, "x"])
def test_the_back_link_takes_only_a_need_of_the_viewer(client, value):
    profile = ProfileFactory()
    client.force_login(CustomerFactory())
    someone_elses = NeedFactory(specialization=profile.specialization)
    for need in (value, str(someone_elses.pk)):
        response = _profile_page(client, profile, need=need)
        assert response.status_code == 200
        page = response.content.decode()
        assert (
            'data-testid="back-link"' not in page
            and 'href="//evil' not in page
            and 'href="https://evil' not in page
        )
        assert f'href="{reverse("profiles:catalogue")}">← All specialists' in page


def test_a_visitor_is_shown_how_to_post_a_need(client):
    profile = ProfileFactory()
    page = _profile_page(client, profile).content.decode()
    assert "Looking for a specialist like this?" in page
    assert f"{reverse('account_signup')}?role=customer&amp;next=%2Fneeds%2Fnew%2F" in page
    assert "invite_from_profile" not in page and "Send the invitation" not in page


@pytest.mark.parametrize("owner", [False, True])
def test_a_specialist_or_applicant_sees_neither(client, owner):
    profile = ProfileFactory()
    client.force_login(profile.user if owner else ApplicantFactory())
    page = _profile_page(client, profile).content.decode()
    assert "Looking for a specialist like this?" not in page
    assert "Send the invitation" not in page and "to a need" not in page


def test_a_shortlist_links_its_profiles_with_the_need(client):
    need = NeedFactory()
    profile = ProfileFactory(specialization=need.specialization, level=need.level)
    matching_run(need_id=need.pk)
    client.force_login(need.customer)
    page = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    assert f'href="{reverse("profiles:detail", args=[profile.pk])}?need={need.pk}"' in page


def test_a_visitor_signing_up_from_a_profile_lands_on_the_new_need_form(client):
    profile = ProfileFactory()
    page = _profile_page(client, profile).content.decode()
    signup_url = (
        re.search(r'href="(/accounts/signup/\?role=customer[^"]*)"', page).group(1).replace("&amp;", "&")
    )
    form = client.get(signup_url).content.decode()
    assert 'name="next" value="/needs/new/"' in form
    response = client.post(
        signup_url,
        {
            "full_name": "Vera Visitor",
            "email": "vera@example.com",
            "role": "customer",
            "password1": "a-long-pass-phrase-7",
            "password2": "a-long-pass-phrase-7",
            "next": "/needs/new/",
        },
    )
    assert response.status_code == 302
    body = OutboundEmail.objects.get(to="vera@example.com").body
    confirm = re.search(r"/accounts/confirm-email/\S+/", body).group(0)
    response = client.post(confirm)
    assert response.status_code == 302 and response.url == reverse("needs:create")
    assert client.get(response.url).status_code == 200  # logged in as the new customer


def test_a_need_of_a_specialization_the_specialist_does_not_hold_is_neither_offered_nor_sent():
    profile = ProfileFactory()
    customer = CustomerFactory()
    elsewhere = NeedFactory(customer=customer)  # another specialization
    offered, _sent = profile_invite_options(customer=customer, profile=profile)
    assert elsewhere not in offered
    with pytest.raises(DomainError, match="not vetted in this need's specialization"):
        invitation_send(customer=customer, need=elsewhere, profile=profile, message="")
    assert not Invitation.objects.exists()
