"""Every stateful model's table of moves, walked: each allowed move works through its service, and
each other move is refused with the one domain error (topfreelancer.state.DomainError).

The tables live next to their models; this file only names, per table, the service that makes
each target state and how to put a row in a source state.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from matching.models import (
    ENGAGEMENT_TRANSITIONS,
    INVITATION_TRANSITIONS,
    MATCH_TRANSITIONS,
    Engagement,
    Invitation,
    Match,
)
from matching.services import (
    engagement_end,
    engagement_pause,
    engagement_resume,
    invitation_accept,
    invitation_decline,
    invitation_withdraw,
    invitations_expire,
    match_dismiss,
    match_restore,
)
from needs.models import NEED_TRANSITIONS, Need
from needs.services import need_close, need_open, need_pause
from profiles.models import PUBLICATION_TRANSITIONS, Experience, Profile
from profiles.services import profile_hide, profile_publish
from tests.factories import ModeratorFactory, ProfileFactory, level
from tests.matching.factories import InvitationFactory, engagement_for
from tests.needs.factories import NeedFactory
from tests.vetting.factories import apply, make_funnel, score, to_interview
from topfreelancer.state import DomainError
from vetting import services as vetting
from vetting.models import APPLICATION_TRANSITIONS, Application, ApplicationStatus

pytestmark = pytest.mark.django_db


def moves(table):
    """Every (source, target) pair of different states, and whether the table allows it."""
    states = set(table) | {target for targets in table.values() for target in targets}
    return [(s, t, t in table.get(s, ())) for s in states for t in states if s != t]


def walk(table, *, make, state_of, services):
    """For each pair: a fresh row in the source state, then the target's service (if any)."""
    for source, target, allowed in moves(table):
        service = services.get(target)
        if service is None:
            assert not allowed, f"{source} -> {target} is allowed but no service makes it"
            continue
        row = make(source)
        if allowed:
            service(row)
            assert state_of(row) == target, (source, target)
        else:
            with pytest.raises(DomainError):
                service(row)
            assert state_of(row) == source, (source, target)


def fresh(row):
    return type(row).objects.get(pk=row.pk)


def test_needs():
    def make(state):
        need = NeedFactory()
        Need.objects.filter(pk=need.pk).update(state=state)
        return fresh(need)

    walk(
        NEED_TRANSITIONS,
        make=make,
        state_of=lambda need: fresh(need).state,
        services={
            Need.State.OPEN: lambda need: need_open(need=need, actor=need.customer),
            Need.State.PAUSED: lambda need: need_pause(need=need, actor=need.customer),
            Need.State.CLOSED: lambda need: need_close(need=need, actor=need.customer),
        },
    )


def test_invitations():
    def make(state):
        invitation = InvitationFactory()
        responded = None if state == Invitation.State.SENT else timezone.now()
        Invitation.objects.filter(pk=invitation.pk).update(state=state, responded_at=responded)
        return fresh(invitation)

    def expire(_invitation):
        # The hourly sweep skips an answered invitation (idempotent) instead of raising.
        if not invitations_expire(now=timezone.now() + timedelta(days=30)):
            raise DomainError("not waiting")

    walk(
        INVITATION_TRANSITIONS,
        make=make,
        state_of=lambda invitation: fresh(invitation).state,
        services={
            Invitation.State.ACCEPTED: lambda i: invitation_accept(invitation=i, specialist=i.specialist),
            Invitation.State.DECLINED: lambda i: invitation_decline(invitation=i, specialist=i.specialist),
            Invitation.State.WITHDRAWN: lambda i: invitation_withdraw(invitation=i, customer=i.need.customer),
            Invitation.State.EXPIRED: expire,
        },
    )


def test_engagements():
    def make(state):
        engagement = engagement_for()
        ended = timezone.now() if state == Engagement.State.ENDED else None
        Engagement.objects.filter(pk=engagement.pk).update(state=state, ended_at=ended)
        return fresh(engagement)

    walk(
        ENGAGEMENT_TRANSITIONS,
        make=make,
        state_of=lambda engagement: fresh(engagement).state,
        services={
            Engagement.State.ACTIVE: lambda e: engagement_resume(engagement=e, actor=e.specialist),
            Engagement.State.PAUSED: lambda e: engagement_pause(engagement=e, actor=e.specialist),
            Engagement.State.ENDED: lambda e: engagement_end(engagement=e, actor=e.specialist),
        },
    )


def test_match_dismissal():
    need = NeedFactory()

    def make(dismissed):
        profile = ProfileFactory(specialization=need.specialization)
        return Match.objects.create(
            need=need,
            profile=profile,
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
            dismissed_at=timezone.now() if dismissed else None,
        )

    walk(
        MATCH_TRANSITIONS,
        make=make,
        state_of=lambda match: fresh(match).dismissed_at is not None,
        services={
            True: lambda m: match_dismiss(match=m, customer=need.customer),
            False: lambda m: match_restore(match=m, customer=need.customer),
        },
    )


def test_profile_publication():
    def make(published):
        profile = ProfileFactory(is_published=published)
        Experience.objects.create(
            profile=profile,
            organization="Acme",
            role="Developer",
            started_on=timezone.localdate(),
            task="APIs",
        )
        return profile

    walk(
        PUBLICATION_TRANSITIONS,
        make=make,
        state_of=lambda profile: Profile.objects.get(pk=profile.pk).is_published,
        services={
            True: lambda p: profile_publish(profile_id=p.pk),
            False: lambda p: profile_hide(profile_id=p.pk),
        },
    )


def test_applications():
    funnel = make_funnel()
    moderator = ModeratorFactory()

    def accept(application):
        vetting.application_schedule_interview(
            application=application, actor=moderator, at=timezone.now() + timedelta(days=1)
        )
        score(application, moderator, 5)
        vetting.application_accept(application=application, actor=moderator, level=level("senior"))

    def reject(application):
        vetting.application_reject(application=application, actor=moderator, reason="Not yet.")

    def withdraw(application):
        vetting.application_withdraw(application=application, applicant=application.applicant)

    def expire(application):
        # Refused by a closed application like the others; idempotent for the task that sweeps
        # the stale ones, so it says so by returning nothing instead of raising.
        if vetting.application_expire(application=application, reason="Waited too long.") is None:
            raise DomainError("closed")

    made = {
        ApplicationStatus.ACCEPTED: accept,
        ApplicationStatus.REJECTED: reject,
        ApplicationStatus.WITHDRAWN: withdraw,
        ApplicationStatus.EXPIRED: expire,
    }

    def make(status):
        application = to_interview(funnel, moderator) if status == ApplicationStatus.OPEN else apply(funnel)
        if status != ApplicationStatus.OPEN:
            (accept_closed if status == ApplicationStatus.ACCEPTED else made[status])(application)
        return fresh(application)

    def accept_closed(application):
        Application.objects.filter(pk=application.pk).update(
            status=ApplicationStatus.ACCEPTED, closed_at=timezone.now(), level=level("senior")
        )

    walk(
        APPLICATION_TRANSITIONS,
        make=make,
        state_of=lambda application: fresh(application).status,
        services=made,
    )
