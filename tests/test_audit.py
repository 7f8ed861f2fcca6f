"""Every write that matters to a person leaves an audit row with who made it, and admin shows it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import OutboundEmail
from matching.models import Invitation, InvitationEvent, Match, MatchEvent
from matching.services import (
    invitation_accept,
    invitation_decline,
    invitation_send,
    invitation_withdraw,
    invitations_expire,
    match_dismiss,
    match_restore,
)
from needs.models import NeedEvent
from needs.services import need_update
from profiles.models import Experience, ProfileEvent
from profiles.services import profile_grant, profile_hide, profile_publish, profile_update
from tests.factories import CustomerFactory, ProfileFactory, SuperuserFactory, level
from tests.needs.factories import NeedFactory

pytestmark = pytest.mark.django_db


def make_match(need, **kwargs):
    return Match.objects.create(
        need=need,
        profile=ProfileFactory(specialization=need.specialization),
        rank=1,
        score=0.5,
        level_fit=1,
        skill_fit=1,
        availability_fit=1,
        rate_fit=1,
        language_fit=1,
        timezone_fit=1,
        track_record_fit=1,
        computed_at=timezone.now(),
        **kwargs,
    )


def test_profile_edits_publication_and_grants_are_audited():
    profile = ProfileFactory(is_published=False, headline="Backend developer")
    Experience.objects.create(
        profile=profile, organization="Acme", role="Developer", started_on=timezone.localdate(), task="APIs"
    )
    profile_update(profile=profile, fields={"headline": "Backend developer"})  # nothing changes
    assert not ProfileEvent.objects.filter(profile=profile).exists()
    profile_update(profile=profile, fields={"headline": "Platform engineer", "hours_per_week": 30})
    profile_publish(profile_id=profile.pk)
    profile_hide(profile_id=profile.pk)
    profile_grant(user=profile.user, specialization=profile.specialization, level=level("lead"))
    events = list(ProfileEvent.objects.filter(profile=profile).values_list("kind", "actor", "detail"))
    assert events == [
        ("edit", profile.user_id, {"changed": ["headline"]}),
        ("publish", profile.user_id, {}),
        ("hide", profile.user_id, {}),
        ("grant", None, {"specialization": profile.specialization_id, "level": level("lead").pk}),
    ]


def test_need_edits_record_their_actor_and_the_fields_changed():
    need = NeedFactory(title="Carry our releases")
    editor = need.customer
    need_update(need=need, actor=editor, fields={"title": "Carry our releases"})
    assert not NeedEvent.objects.filter(need=need).exists()
    need_update(need=need, actor=editor, fields={"title": "Own our releases", "hours_per_week": 30})
    event = NeedEvent.objects.get(need=need)
    assert (event.kind, event.actor, event.changed) == (
        NeedEvent.Kind.EDIT,
        editor,
        ["hours_per_week", "title"],
    )
    assert event.from_state == event.to_state == need.state


def test_invitations_are_audited_from_sending_to_the_answer():
    need = NeedFactory()
    accepted = invitation_send(
        customer=need.customer,
        need=need,
        profile=ProfileFactory(specialization=need.specialization),
        message="Hi",
    )
    declined = invitation_send(
        customer=need.customer,
        need=need,
        profile=ProfileFactory(specialization=need.specialization),
        message="Hi",
    )
    invitation_accept(invitation=accepted, specialist=accepted.specialist)
    invitation_decline(invitation=declined, specialist=declined.specialist)
    rows = lambda invitation: list(  # noqa: E731
        InvitationEvent.objects.filter(invitation=invitation).values_list("actor", "from_state", "to_state")
    )
    assert rows(accepted) == [(need.customer_id, "", "sent"), (accepted.specialist_id, "sent", "accepted")]
    assert rows(declined) == [(need.customer_id, "", "sent"), (declined.specialist_id, "sent", "declined")]


def test_withdrawn_and_expired_invitations_are_audited():
    need = NeedFactory()
    send = lambda: invitation_send(  # noqa: E731
        customer=need.customer,
        need=need,
        profile=ProfileFactory(specialization=need.specialization),
        message="Hi",
    )
    withdrawn, waiting, answered = send(), send(), send()
    invitation_decline(invitation=answered, specialist=answered.specialist)
    with pytest.raises(Invitation.DoesNotExist):
        invitation_withdraw(invitation=withdrawn, customer=CustomerFactory())
    invitation_withdraw(invitation=withdrawn, customer=need.customer)
    assert (
        OutboundEmail.objects.filter(to=withdrawn.specialist.email, subject__contains="withdrawn").count()
        == 1
    )
    assert invitations_expire(now=timezone.now() + timedelta(days=13)) == 0
    assert invitations_expire(now=timezone.now() + timedelta(days=15)) == 1
    assert invitations_expire(now=timezone.now() + timedelta(days=15)) == 0
    waiting.refresh_from_db()
    answered.refresh_from_db()
    assert (waiting.state, answered.state) == (Invitation.State.EXPIRED, Invitation.State.DECLINED)
    rows = lambda invitation: list(  # noqa: E731
        InvitationEvent.objects.filter(invitation=invitation).values_list("actor", "to_state")
    )
    assert rows(withdrawn) == [(need.customer_id, "sent"), (need.customer_id, "withdrawn")]
    assert rows(waiting) == [(need.customer_id, "sent"), (None, "expired")]


def test_the_customer_withdraws_from_the_need_page(client):
    need = NeedFactory()
    invitation = invitation_send(
        customer=need.customer,
        need=need,
        profile=ProfileFactory(specialization=need.specialization),
        message="Hi",
    )
    client.force_login(need.customer)
    page = client.get(f"/needs/{need.pk}/").content.decode()
    assert f"/invitations/{invitation.pk}/withdraw/" in page
    response = client.post(f"/invitations/{invitation.pk}/withdraw/", follow=True)
    assert "The invitation is withdrawn." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.WITHDRAWN
    assert f"/invitations/{invitation.pk}/withdraw/" not in response.content.decode()
    client.force_login(CustomerFactory())
    assert client.post(f"/invitations/{invitation.pk}/withdraw/").status_code == 404


def test_dismiss_and_restore_are_audited_and_only_for_the_needs_customer():
    need = NeedFactory()
    match = make_match(need)
    with pytest.raises(Match.DoesNotExist):
        match_dismiss(match=match, customer=CustomerFactory())
    match_dismiss(match=match, customer=need.customer)
    match_dismiss(match=match, customer=need.customer)  # idempotent: no second row
    match_restore(match=match, customer=need.customer)
    assert list(MatchEvent.objects.filter(match=match).values_list("kind", "actor")) == [
        ("dismiss", need.customer_id),
        ("restore", need.customer_id),
    ]


def test_the_dismiss_button_writes_the_audit_row(client):
    need = NeedFactory()
    match = make_match(need)
    client.force_login(need.customer)
    response = client.post(f"/matches/{match.pk}/dismiss/")
    assert response.status_code == 302
    assert MatchEvent.objects.filter(match=match, kind="dismiss", actor=need.customer).exists()


def test_admin_shows_the_histories(client):
    need = NeedFactory()
    match = make_match(need, dismissed_at=None)
    match_dismiss(match=match, customer=need.customer)
    invitation = invitation_send(customer=need.customer, need=need, profile=match.profile, message="Hi")
    need_update(need=need, actor=need.customer, fields={"title": "Own our releases"})
    profile_hide(profile_id=match.profile_id)
    client.force_login(SuperuserFactory())
    pages = {
        f"/admin/matching/match/{match.pk}/change/": "match event",
        f"/admin/matching/invitation/{invitation.pk}/change/": "invitation event",
        f"/admin/needs/need/{need.pk}/change/": "need event",
        "/admin/profiles/profileevent/": "hidden",
    }
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode().lower(), url
