"""Reads for the shortlist and invitations pages: the query count is decided here."""

from django.db.models import Q, QuerySet

from .models import Invitation, Match


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
        .select_related("specialist__profile__level")
        .order_by("-created_at")
    )


def invitations_for_specialist(*, user) -> QuerySet:
    return (
        Invitation.objects.for_specialist(user)
        .select_related("need__customer", "need__level", "need__specialization")
        .order_by("state", "-created_at")
    )


def names_revealed(*, viewer, user_ids) -> set[int]:
    """Which of these people the viewer sees by full name: themselves, and the other side of an
    accepted invitation (the naming rule, accounts/names.py). One query, none for a visitor."""
    user_ids = set(user_ids)
    if not viewer.is_authenticated or not user_ids:
        return set()
    accepted = Invitation.objects.filter(state=Invitation.State.ACCEPTED).filter(
        Q(need__customer=viewer, specialist_id__in=user_ids)
        | Q(specialist=viewer, need__customer_id__in=user_ids)
    )
    pairs = accepted.values_list("specialist_id", "need__customer_id")
    others = {specialist if customer == viewer.pk else customer for specialist, customer in pairs}
    return (others | {viewer.pk}) & user_ids
