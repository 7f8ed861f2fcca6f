"""Invitations: a customer invites a specialist to an open need; the specialist answers.

Each function locks its row inside a transaction (topfreelancer.state.lock), checks the move against
its table (`INVITATION_TRANSITIONS`, `MATCH_TRANSITIONS` in matching/models.py), writes an audit row
(`InvitationEvent`, `MatchEvent`) and sends its email through accounts.emails (recorded, then sent
by a worker on commit).
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.emails import email_to_user
from needs.models import Need
from topfreelancer import clock
from topfreelancer.ratelimit import rate_limit_hit
from topfreelancer.state import DomainError, check_move, lock

from ..models import INVITATION_TRANSITIONS, MATCH_TRANSITIONS, Invitation, InvitationEvent, Match, MatchEvent
from .engagements import engagement_open

State = Invitation.State
INVITATIONS_PER_HOUR = 20
# A specialist who has not answered in this long is not coming: the invitation expires.
INVITATION_EXPIRE_AFTER = timedelta(days=14)


def invitation_send(*, customer, need: Need, profile, message: str) -> Invitation:
    """Invite the owner of `profile` to the customer's open need. One invitation per need and person.

    Raises DomainError (shown as a form error) for a need that is not open, a specialist not vetted
    in the need's specialization, a second invitation, or more than INVITATIONS_PER_HOUR invitations
    by this customer in an hour.
    Emails the specialist on commit.
    """
    with transaction.atomic():
        need = lock(need, within=Need.objects.filter(customer=customer))
        if need.state != Need.State.OPEN:
            raise DomainError(_("Only an open need can take invitations."))
        if profile.user_id == customer.pk:
            raise DomainError(_("You cannot invite yourself."))
        if not profile.qualifications.filter(specialization_id=need.specialization_id).exists():
            raise DomainError(_("This specialist is not vetted in this need's specialization."))
        if Invitation.objects.filter(need=need, specialist_id=profile.user_id).exists():
            raise DomainError(_("This specialist is already invited to this need."))
        if rate_limit_hit(f"invitation:{customer.pk}", limit=INVITATIONS_PER_HOUR, period=3600):
            raise DomainError(
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
            raise DomainError(_("This specialist is already invited to this need.")) from exc
        InvitationEvent.objects.create(invitation=invitation, actor=customer, to_state=State.SENT)
        email_to_user(
            user=invitation.specialist,
            template="matching/email/invitation_sent",
            context={"invitation": invitation, "need": need, "customer": customer},
        )
    return invitation


def _move(*, invitation: Invitation, actor, target: str, within, now=None) -> bool:
    """Lock, check against INVITATION_TRANSITIONS, save and audit. False if it is there already."""
    lock(invitation, within=within)
    if invitation.state == target:
        return False
    check_move(
        INVITATION_TRANSITIONS,
        invitation.state,
        target,
        message=_("This invitation is already %(state)s.")
        % {"state": invitation.get_state_display().lower()},
    )
    previous = invitation.state
    invitation.state = target
    invitation.responded_at = now or clock.now()
    invitation.save(update_fields=["state", "responded_at"])
    InvitationEvent.objects.create(invitation=invitation, actor=actor, from_state=previous, to_state=target)
    return True


def _answer(*, invitation: Invitation, specialist, target: str) -> Invitation:
    with transaction.atomic():
        within = Invitation.objects.filter(specialist=specialist)
        if not _move(invitation=invitation, actor=specialist, target=target, within=within):
            return invitation
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


def invitation_withdraw(*, invitation: Invitation, customer) -> Invitation:
    """The customer takes back an invitation not answered yet. Emails the specialist."""
    with transaction.atomic():
        within = Invitation.objects.for_customer(customer)
        if _move(invitation=invitation, actor=customer, target=State.WITHDRAWN, within=within):
            email_to_user(
                user=invitation.specialist,
                template="matching/email/invitation_withdrawn",
                context={"invitation": invitation, "need": invitation.need, "customer": customer},
            )
    return invitation


def invitations_expire(*, now=None) -> int:
    """Expire the invitations left unanswered for INVITATION_EXPIRE_AFTER (a beat task, hourly), each
    in its own transaction on its locked row. Idempotent: returns how many expired."""
    now = now or clock.now()
    due = Invitation.objects.filter(state=State.SENT, created_at__lte=now - INVITATION_EXPIRE_AFTER)
    expired = 0
    for invitation in due.order_by("pk"):
        with transaction.atomic():
            within = Invitation.objects.filter(state=State.SENT)
            try:
                expired += _move(
                    invitation=invitation, actor=None, target=State.EXPIRED, within=within, now=now
                )
            except Invitation.DoesNotExist:  # answered meanwhile
                continue
    return expired


def _set_dismissed(*, match: Match, customer, dismissed: bool) -> Match:
    with transaction.atomic():
        lock(match, within=Match.objects.for_customer(customer))
        if (match.dismissed_at is not None) == dismissed:
            return match  # already there: idempotent
        check_move(MATCH_TRANSITIONS, match.dismissed_at is not None, dismissed)
        match.dismissed_at = clock.now() if dismissed else None
        match.save(update_fields=["dismissed_at"])
        MatchEvent.objects.create(
            match=match,
            actor=customer,
            kind=MatchEvent.Kind.DISMISS if dismissed else MatchEvent.Kind.RESTORE,
        )
    return match


def match_dismiss(*, match: Match, customer) -> Match:
    """The need's customer hides a match from the shortlist; kept across matching runs."""
    return _set_dismissed(match=match, customer=customer, dismissed=True)


def match_restore(*, match: Match, customer) -> Match:
    """The need's customer puts a dismissed match back on the shortlist."""
    return _set_dismissed(match=match, customer=customer, dismissed=False)
