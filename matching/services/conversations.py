"""Conversations: the thread of an invitation, before and after acceptance.

Only the two parties write and read. A moderator reads only an engagement that either party flagged
for help, and every such reading is audited. New messages are emailed in digests: at most one email
per conversation and recipient per quarter hour (`conversation_send_digests`, run by beat).
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.emails import email_to_user
from topfreelancer import clock
from topfreelancer.ratelimit import rate_limit_hit
from topfreelancer.state import DomainError, lock
from vetting.uploads import validate_upload

from ..models import Conversation, Engagement, EngagementEvent, Invitation, Message

DIGEST_EVERY = timedelta(minutes=15)
MESSAGES_PER_HOUR = 120


def is_party(invitation: Invitation, user) -> bool:
    return user.pk in {invitation.specialist_id, invitation.need.customer_id}


def conversation_for(*, invitation: Invitation) -> Conversation:
    """The invitation's conversation, created on first use (idempotent, safe against a double click)."""
    conversation = Conversation.objects.filter(invitation=invitation).first()
    if conversation is not None:
        return conversation
    try:
        with transaction.atomic():
            return Conversation.objects.create(invitation=invitation)
    except IntegrityError:
        return Conversation.objects.get(invitation=invitation)


def is_open(invitation: Invitation) -> bool:
    """Questions while the invitation waits, talk while the engagement lasts; then the thread is read-only."""
    if invitation.state == Invitation.State.SENT:
        return True
    if invitation.state == Invitation.State.ACCEPTED:
        engagement = Engagement.objects.filter(invitation=invitation).only("state").first()
        return engagement is not None and engagement.state != Engagement.State.ENDED
    return False


def message_post(*, conversation: Conversation, author, body: str, attachment=None) -> Message:
    """Add a message by one of the two parties. The HTML is rendered here, once.

    Raises DomainError for a closed thread, an empty or oversized message, a file that fails
    the upload checks, or more than MESSAGES_PER_HOUR messages by the author in an hour.
    """
    invitation = conversation.invitation
    if not is_party(invitation, author):
        raise DomainError(_("Only the customer and the invited specialist write here."))
    if not is_open(invitation):
        raise DomainError(_("This conversation is closed."))
    if attachment is not None:
        validate_upload(attachment)
    if rate_limit_hit(f"message:{author.pk}", limit=MESSAGES_PER_HOUR, period=3600):
        raise DomainError(_("You have sent many messages in the last hour. Please wait a little."))
    now = clock.now()
    message = Message(
        conversation=conversation,
        author=author,
        body=body.strip(),
        created_at=now,
    )
    if attachment is not None:
        message.attachment = attachment
        message.original_name = attachment.name[-200:]
    message.full_clean(exclude=["attachment"])
    with transaction.atomic():
        message.save()
        side = "customer" if author.pk == invitation.need.customer_id else "specialist"
        # Writing is reading: the author's own side is up to date.
        Conversation.objects.filter(pk=conversation.pk).update(
            last_message_at=now, **{f"{side}_read_at": now}
        )
    return message


def conversation_mark_read(*, conversation: Conversation, user, now=None) -> None:
    """The party `user` has seen everything up to now (a moderator's reading changes nothing)."""
    invitation = conversation.invitation
    now = now or clock.now()
    if user.pk == invitation.need.customer_id:
        Conversation.objects.filter(pk=conversation.pk).update(customer_read_at=now)
    elif user.pk == invitation.specialist_id:
        Conversation.objects.filter(pk=conversation.pk).update(specialist_read_at=now)


def unread_count(*, user) -> int:
    """Messages from the other party the user has not seen yet, over all their conversations."""
    return (
        Message.objects.filter(
            Q(
                conversation__invitation__need__customer=user,
                created_at__gt=F("conversation__customer_read_at"),
            )
            | Q(
                conversation__invitation__specialist=user,
                created_at__gt=F("conversation__specialist_read_at"),
            )
        )
        .exclude(author=user)
        .count()
    )


def engagement_request_help(*, engagement: Engagement, actor) -> Engagement:
    """Either party asks moderators for help: from now on a moderator may read the conversation.

    Locks the engagement, writes an audit row (once: a second request changes nothing).
    """
    with transaction.atomic():
        lock(engagement, within=Engagement.objects.for_user(actor))
        if engagement.help_requested_at is not None:
            return engagement
        engagement.help_requested_at = clock.now()
        engagement.save(update_fields=["help_requested_at"])
        EngagementEvent.objects.create(engagement=engagement, actor=actor, kind=EngagementEvent.Kind.HELP)
    return engagement


def conversation_moderator_read(*, engagement: Engagement, moderator) -> None:
    """Audit one moderator's reading of a flagged engagement's conversation."""
    if not moderator.is_moderator or engagement.help_requested_at is None:
        raise DomainError(_("Moderators read a conversation only after a party asks for help."))
    EngagementEvent.objects.create(
        engagement=engagement, actor=moderator, kind=EngagementEvent.Kind.MODERATOR_READ
    )


def _digest_side(conversation: Conversation, *, side: str, recipient, sender, now) -> bool:
    read_at = getattr(conversation, f"{side}_read_at")
    notified_at = getattr(conversation, f"{side}_notified_at")
    if notified_at is not None and notified_at > now - DIGEST_EVERY:
        return False
    since = max(read_at, notified_at) if notified_at else read_at
    new = conversation.messages.filter(created_at__gt=since, created_at__lte=now, author=sender).count()
    if not new:
        return False
    email_to_user(
        user=recipient,
        template="matching/email/new_messages",
        context={
            "count": new,
            "need": conversation.invitation.need,
            "sender": sender,
            "invitation": conversation.invitation,
        },
    )
    setattr(conversation, f"{side}_notified_at", now)
    conversation.save(update_fields=[f"{side}_notified_at"])
    return True


def conversation_send_digests(*, now=None) -> int:
    """Email each party the messages they have not read, at most once per quarter hour per conversation.

    Idempotent: a second run within the quarter hour sends nothing. Returns the number of emails.
    """
    now = now or clock.now()
    sent = 0
    recent = Conversation.objects.filter(last_message_at__gt=now - timedelta(days=2)).values_list(
        "pk", flat=True
    )
    for pk in recent:
        with transaction.atomic():
            conversation = lock(
                Conversation(pk=pk),
                within=Conversation.objects.select_related(
                    "invitation__need__customer", "invitation__specialist"
                ),
            )
            customer = conversation.invitation.need.customer
            specialist = conversation.invitation.specialist
            sent += _digest_side(
                conversation, side="customer", recipient=customer, sender=specialist, now=now
            )
            sent += _digest_side(
                conversation, side="specialist", recipient=specialist, sender=customer, now=now
            )
    return sent
