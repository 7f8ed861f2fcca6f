"""One naming rule everywhere ("Sam S." until an invitation is accepted), initials avatars, and the
row of what the vetting verified on the catalogue card."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from accounts.models import OutboundEmail
from accounts.names import initials, person_name
from matching.services import invitation_accept, invitation_send, matching_run
from profiles.services import profile_grant
from tests.factories import ApplicantFactory, CustomerFactory, ProfileFactory, level
from tests.needs.factories import NeedFactory
from tests.vetting.factories import make_funnel
from tests.vetting.test_statistics import record
from vetting.models import Outcome

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sam():
    return ProfileFactory(user=ApplicantFactory(full_name="Sam Van Specialist", email="sam@example.com"))


def test_the_rule():
    user = ApplicantFactory.build(pk=12, full_name="  Sam  Van Specialist ", email="sam@example.com")
    assert person_name(user) == "Sam S." and person_name(user, revealed=True) == "Sam Van Specialist"
    assert initials(user) == "SS"
    assert person_name(ApplicantFactory.build(full_name="Cher")) == "Cher"
    nameless = ApplicantFactory.build(pk=7, full_name="", email="secret@example.com")
    with translation.override("en"):
        assert person_name(nameless) == "Member 7" and initials(nameless) == "#"  # never the email


def test_catalogue_and_profile_show_first_name_and_initial_with_an_avatar(client, sam):
    for url in (reverse("profiles:catalogue"), reverse("profiles:detail", args=[sam.pk]), reverse("home")):
        body = client.get(url).content.decode()
        assert "Sam S." in body and "Van Specialist" not in body and sam.user.email not in body
        avatar = re.search(r'<svg class="avatar avatar-(\d)"[^>]*>.*?</svg>', body, re.S)
        assert avatar and int(avatar.group(1)) == sam.user.pk % 8 and ">SS</text>" in avatar.group(0)
        assert "style=" not in avatar.group(0)  # CSP: colour by class


def test_the_owner_sees_their_own_full_name(client, sam):
    client.force_login(sam.user)
    body = client.get(reverse("profiles:detail", args=[sam.pk])).content.decode()
    assert "Sam Van Specialist" in body


def test_shortlist_invitation_and_emails_follow_the_rule(client, sam, django_capture_on_commit_callbacks):
    customer = CustomerFactory(full_name="Carol Customer")
    need = NeedFactory(customer=customer, specialization=sam.specialization, title="Blog editor")
    matching_run(need_id=need.pk)
    client.force_login(customer)
    detail = reverse("needs:detail", args=[need.pk])
    page = client.get(detail).content.decode()
    assert "Sam S." in page and "Sam Van Specialist" not in page and 'class="avatar avatar-' in page
    invite = client.get(reverse("matching:invite", args=[need.pk, sam.pk])).content.decode()
    assert "Invite Sam S." in invite
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_send(need=need, profile=sam, customer=customer, message="Join us")
    sent = OutboundEmail.objects.get(to=sam.user.email)
    assert "Carol C. invites you" in sent.body and "Carol Customer" not in sent.body
    client.force_login(sam.user)
    assert "From Carol C." in client.get(reverse("matching:invitations")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        invitation_accept(invitation=invitation, specialist=sam.user)
    accepted = OutboundEmail.objects.get(to=customer.email)
    assert "Sam Van Specialist accepted your invitation" in accepted.body
    assert "From Carol Customer" in client.get(reverse("matching:invitations")).content.decode()
    client.force_login(customer)
    page = client.get(detail).content.decode()
    assert page.count("Sam Van Specialist") == 2  # the shortlist row and the invitations box
    assert "Sam Van Specialist" in client.get(reverse("profiles:detail", args=[sam.pk])).content.decode()
    catalogue = client.get(reverse("profiles:catalogue")).content.decode()
    assert "Sam Van Specialist" in catalogue
    client.logout()
    assert "Sam Van Specialist" not in client.get(reverse("profiles:catalogue")).content.decode()


def test_the_card_shows_what_the_vetting_verified(client, sam):
    funnel = make_funnel(slug="verified")
    application = record(funnel, [Outcome.PASSED] * 4)
    application.applicant = sam.user
    application.save(update_fields=["applicant"])
    # the qualification it granted, with the application as its evidence
    profile_grant(
        user=sam.user, specialization=funnel.specialization, level=level("senior"), application=application
    )
    ProfileFactory()  # accepted before stage results were recorded: no row
    body = client.get(reverse("profiles:catalogue")).content.decode()
    row = re.search(r'<p class="verified-row small">(.*?)</p>', body, re.S)
    stages = re.findall(r"✓</span> ([^<]+)<", row.group(1)) if row else []
    assert stages == ["Screening", "Skill test", "Work sample", "Interview"]
    assert body.count('class="verified-row') == 1
    funnel.stages[0].name_en = "Screening of the application"  # an operator's name for the stage
    funnel.stages[0].save()
    detail = client.get(reverse("profiles:detail", args=[sam.pk])).content.decode()
    assert "<strong>Screening</strong>" in detail and "Screening of the application" not in detail
