"""Reads for the shortlist and invitations pages: the query count is decided here."""

from django.db.models import Prefetch, Q, QuerySet

from needs.models import Need
from profiles.models import Qualification

from .models import Engagement, Interest, Invitation, Match, NeedRanking


def need_ranking(*, need: Need) -> NeedRanking:
    """The need's ranking (an unsaved idle one if it was never asked for). One query."""
    return NeedRanking.objects.filter(need=need).first() or NeedRanking(need=need)


# The profile's long texts: a shortlist's card shows none of them (50 wide rows read for nothing).
CARD_UNSHOWN = ("summary", "summary_html", "search_vector", "search_text")


def shortlist(*, need, include_dismissed: bool = False) -> list[Match]:
    """The need's ranked matches with their profiles, each carrying `invitation` (or None) and
    `interested` (the specialist marked interest in the need)."""
    matches = (
        Match.objects.filter(need=need)
        .select_related("profile__user", "profile__level", "profile__specialization")
        .defer(*(f"profile__{name}" for name in CARD_UNSHOWN))
        .prefetch_related(
            Prefetch("profile__qualifications", queryset=Qualification.objects.select_related("level"))
        )
    )
    if not include_dismissed:
        matches = matches.visible()
    invitations = {inv.specialist_id: inv for inv in Invitation.objects.filter(need=need)}
    interested = set(Interest.objects.filter(need=need).values_list("specialist_id", flat=True))
    result = list(matches.ranked())
    for match in result:
        match.invitation = invitations.get(match.profile.user_id)
        match.interested = match.profile.user_id in interested
    return result


def profile_invite_options(*, customer, profile) -> tuple[list[Need], list[Invitation]]:
    """For a customer on a profile: their open needs in a specialization the specialist is vetted in
    and not invited to yet (oldest first), and the invitations they already sent the specialist.
    Two queries."""
    sent = list(
        Invitation.objects.for_customer(customer)
        .filter(specialist_id=profile.user_id)
        .select_related("need")
        .order_by("-created_at")
    )
    invited = {invitation.need_id for invitation in sent}
    held = profile.qualifications.values("specialization_id")
    needs = Need.objects.of(customer).open().filter(specialization_id__in=held).order_by("created_at")
    offered = [need for need in needs if need.pk not in invited]
    return offered, sent


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


def needs_for_specialist(*, profile, limit: int = 50) -> tuple[list[Match], list]:
    """Open needs of the specializations the specialist is qualified in: those the matching ranked
    for this profile (its stored Match rows, scored with the level of the need's specialization,
    best first), then the other open ones, newest first. Each need carries
    `interested` and `invitation_state` (of this specialist's invitation to it, or None)."""
    ranked = list(
        Match.objects.filter(profile=profile, need__state="open")
        .select_related("need__level", "need__specialization", "need__customer")
        .order_by("-score", "pk")[:limit]
    )
    ranked_ids = {match.need_id for match in ranked}
    interested = set(Interest.objects.filter(specialist_id=profile.user_id).values_list("need_id", flat=True))
    invited = dict(Invitation.objects.filter(specialist_id=profile.user_id).values_list("need_id", "state"))
    for match in ranked:
        match.need.interested = match.need_id in interested
        match.need.invitation_state = invited.get(match.need_id)
    others = list(
        Need.objects.open()
        .filter(specialization__qualifications__profile=profile)
        .exclude(pk__in=ranked_ids)
        .exclude(customer_id=profile.user_id)
        .select_related("level", "specialization")
        .order_by("-created_at")[:limit]
    )
    for need in others:
        need.interested = need.pk in interested
        need.invitation_state = invited.get(need.pk)
    return ranked, others


def names_revealed_by_invitations(*, viewer, user_ids) -> set[int]:
    """The naming rule's relation (accounts/names.py): the other side of an accepted invitation
    between the viewer and each of these people. One query; registered in MatchingConfig.ready()."""
    if not user_ids:
        return set()
    accepted = Invitation.objects.filter(state=Invitation.State.ACCEPTED).filter(
        Q(need__customer=viewer, specialist_id__in=user_ids)
        | Q(specialist=viewer, need__customer_id__in=user_ids)
    )
    pairs = accepted.values_list("specialist_id", "need__customer_id")
    return {specialist if customer == viewer.pk else customer for specialist, customer in pairs} & set(
        user_ids
    )
