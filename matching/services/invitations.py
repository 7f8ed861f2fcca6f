"""Invitations: a customer invites a specialist to an open need; the specialist answers.

Each function locks its row inside a transaction, checks the move against `TRANSITIONS`, and
sends its email through accounts.emails (recorded, then sent by a worker on commit).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.emails import email_to_user
from needs.models import Need
from topfreelancer import clock
from topfreelancer.ratelimit import rate_limit_hit

from ..models import Invitation, Match
from .engagements import engagement_open

State = Invitation.State
TRANSITIONS = {
    State.SENT: {State.ACCEPTED, State.DECLINED},
    State.ACCEPTED: set(),
    State.DECLINED: set(),
}
INVITATIONS_PER_HOUR = 20


def _check(invitation: Invitation, target: str) -> None:
    if target not in TRANSITIONS[invitation.state]:
        raise ValidationError(
            _("This invitation is already %(state)s.") % {"state": invitation.get_state_display().lower()}
        )


def invitation_send(*, customer, need: Need, profile, message: str) -> Invitation:
    """Invite the owner of `profile` to the customer's open need. One invitation per need and person.

    Raises ValidationError (shown as a form error) for a need that is not open, a second
    invitation, or more than INVITATIONS_PER_HOUR invitations by this customer in an hour.
    Emails the specialist on commit.
    """
    with transaction.atomic():
        need = Need.objects.select_for_update().get(pk=need.pk, customer=customer)
        if need.state != Need.State.OPEN:
            raise ValidationError(_("Only an open need can take invitations."))
        if profile.user_id == customer.pk:
            raise ValidationError(_("You cannot invite yourself."))
        if Invitation.objects.filter(need=need, specialist_id=profile.user_id).exists():
            raise ValidationError(_("This specialist is already invited to this need."))
        if rate_limit_hit(f"invitation:{customer.pk}", limit=INVITATIONS_PER_HOUR, period=3600):
            raise ValidationError(
                _(
                    "You have sent %(limit)d invitations in the last hour. "
                    "Please wait a little before sending more."
                )
                % {"limit": INVITATIONS_PER_HOUR}
            )
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    need=need, specialist_id=profile.user_id, message=message
                )
        except IntegrityError as exc:  # a concurrent double submit
            raise ValidationError(_("This specialist is already invited to this need.")) from exc
        email_to_user(
            user=invitation.specialist,
            template="matching/email/invitation_sent",
            context={"invitation": invitation, "need": need, "customer": customer},
        )
    return invitation


def _answer(*, invitation: Invitation, specialist, target: str) -> Invitation:
    with transaction.atomic():
        invitation.refresh_from_db(
            from_queryset=Invitation.objects.select_for_update().filter(specialist=specialist)
        )
        if invitation.state == target:
            return invitation
        _check(invitation, target)
        invitation.state = target
        invitation.responded_at = clock.now()
        invitation.save(update_fields=["state", "responded_at"])
        if target == State.ACCEPTED:
            engagement_open(invitation=invitation)
        need = invitation.need
        email_to_user(
            user=need.customer,
            template=f"matching/email/invitation_{target}",
            context={"invitation": invitation, "need": need, "specialist": specialist},
        )
    return invitation


def invitation_accept(*, invitation: Invitation, specialist) -> Invitation:
    """The invited specialist accepts: both sides now see each other's email and an engagement opens
    (matching.services.engagements). Emails the customer."""
    return _answer(invitation=invitation, specialist=specialist, target=State.ACCEPTED)


def invitation_decline(*, invitation: Invitation, specialist) -> Invitation:
    """The invited specialist declines. Emails the customer."""
    return _answer(invitation=invitation, specialist=specialist, target=State.DECLINED)


def match_dismiss(*, match: Match) -> Match:
    """The customer hides a match from the shortlist; kept across matching runs."""
    if match.dismissed_at is None:
        match.dismissed_at = clock.now()
        Match.objects.filter(pk=match.pk).update(dismissed_at=match.dismissed_at)
    return match


def match_restore(*, match: Match) -> Match:
    if match.dismissed_at is not None:
        match.dismissed_at = None
        Match.objects.filter(pk=match.pk).update(dismissed_at=None)
    return match
