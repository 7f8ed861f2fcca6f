"""Reads for the shortlist and invitations pages: the query count is decided here."""

from django.db.models import QuerySet

from .models import Engagement, Invitation, Match


def shortlist(*, need, include_dismissed: bool = False) -> list[Match]:
    """The need's ranked matches with their profiles, each carrying `invitation` (or None)."""
    matches = Match.objects.filter(need=need).select_related(
        "profile__user", "profile__level", "profile__specialization"
    )
    if not include_dismissed:
        matches = matches.visible()
    invitations = {inv.specialist_id: inv for inv in Invitation.objects.filter(need=need)}
    result = list(matches.ranked())
    for match in result:
        match.invitation = invitations.get(match.profile.user_id)
    return result


def need_invitations(*, need) -> QuerySet:
    return (
        Invitation.objects.filter(need=need)
        .select_related("specialist__profile__level", "engagement")
        .order_by("-created_at")
    )


def invitations_for_specialist(*, user) -> QuerySet:
    return (
        Invitation.objects.for_specialist(user)
        .select_related("need__customer", "need__level", "need__specialization", "engagement")
        .order_by("state", "-created_at")
    )


def engagements_for(*, user) -> QuerySet:
    """The user's engagements with what the list shows; a customer's are ordered by need."""
    engagements = Engagement.objects.for_user(user).select_related(
        "need__customer", "need__level", "need__specialization", "specialist__profile__level"
    )
    if user.is_customer:
        return engagements.order_by("need__title", "need_id", "state", "-started_at")
    return engagements.order_by("state", "-started_at")


def engagement_page(*, engagement: Engagement, user) -> dict:
    """The engagement page's own parts: check-ins and both sides' feedback."""
    is_customer = engagement.need.customer_id == user.pk
    feedback = {item.side: item for item in engagement.feedback.all()}
    mine = feedback.get("customer" if is_customer else "specialist")
    theirs = feedback.get("specialist" if is_customer else "customer")
    return {
        "engagement": engagement,
        "is_customer": is_customer,
        "checkins": list(engagement.checkins.all()[:12]),
        "my_feedback": mine,
        # the other side's feedback is shown once both have spoken (neither answers the other's)
        "their_feedback": theirs if mine is not None else None,
    }
