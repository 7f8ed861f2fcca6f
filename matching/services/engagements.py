"""Engagements: an accepted invitation opens one; either party pauses, resumes or ends it.

Each move locks the engagement, checks it against `ENGAGEMENT_TRANSITIONS` (matching/models.py),
writes an `EngagementEvent` and emails the other party through the outbox (recorded now, sent by a
worker after commit).
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.emails import email_to_user
from topfreelancer import clock
from topfreelancer.state import DomainError, check_move, lock

from ..models import ENGAGEMENT_TRANSITIONS, Engagement, EngagementEvent, Invitation
from .outcomes import track_record_refresh

State = Engagement.State


def engagement_open(*, invitation: Invitation, now=None) -> Engagement:
    """Open the engagement of an accepted invitation; returns the existing one if it is open already.

    Called inside `invitation_accept`'s transaction, so both happen or neither does.
    """
    if invitation.state != Invitation.State.ACCEPTED:
        raise DomainError(_("Only an accepted invitation opens an engagement."))
    existing = Engagement.objects.filter(invitation=invitation).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            engagement = Engagement.objects.create(
                invitation=invitation,
                need_id=invitation.need_id,
                specialist_id=invitation.specialist_id,
                started_at=now or clock.now(),
            )
    except IntegrityError:  # opened concurrently: the other one wins
        return Engagement.objects.get(invitation=invitation)
    EngagementEvent.objects.create(
        engagement=engagement, actor_id=invitation.specialist_id, to_state=State.ACTIVE
    )
    return engagement


def other_party(engagement: Engagement, user):
    customer = engagement.need.customer
    return engagement.specialist if user.pk == customer.pk else customer


def _move(*, engagement: Engagement, actor, target: str, now=None) -> Engagement:
    with transaction.atomic():
        lock(engagement, within=Engagement.objects.for_user(actor))
        if engagement.state == target:
            return engagement
        check_move(
            ENGAGEMENT_TRANSITIONS,
            engagement.state,
            target,
            message=_("A %(state)s engagement cannot be %(target)s.")
            % {"state": engagement.get_state_display().lower(), "target": State(target).label.lower()},
        )
        previous = engagement.state
        engagement.state = target
        engagement.ended_at = (now or clock.now()) if target == State.ENDED else None
        engagement.save(update_fields=["state", "ended_at"])
        EngagementEvent.objects.create(
            engagement=engagement, actor=actor, from_state=previous, to_state=target
        )
        email_to_user(
            user=other_party(engagement, actor),
            template=f"matching/email/engagement_{target}",
            context={"engagement": engagement, "need": engagement.need, "actor": actor},
        )
    return engagement


def engagement_pause(*, engagement: Engagement, actor) -> Engagement:
    """Either party pauses an active engagement. Emails the other party."""
    return _move(engagement=engagement, actor=actor, target=State.PAUSED)


def engagement_resume(*, engagement: Engagement, actor) -> Engagement:
    """Either party resumes a paused engagement. Emails the other party."""
    return _move(engagement=engagement, actor=actor, target=State.ACTIVE)


def engagement_end(*, engagement: Engagement, actor, now=None) -> Engagement:
    """Either party ends the engagement for good: both are asked for feedback (the other by email),
    and the specialist's count of completed engagements is refreshed."""
    with transaction.atomic():
        _move(engagement=engagement, actor=actor, target=State.ENDED, now=now)
        track_record_refresh(specialist_id=engagement.specialist_id)
    return engagement
