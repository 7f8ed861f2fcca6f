"""Outcomes of engagements: weekly check-ins, feedback from both sides, flags, and the track record.

The track record is computed here from matching's tables and stored on the profile's side through
`profiles.services.track_record_update`, so the profile page never reads matching.
"""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.emails import email_to_user
from profiles.models import Profile
from profiles.services import track_record_update
from topfreelancer import clock
from topfreelancer.state import DomainError, lock

from ..models import CheckIn, Engagement, EngagementEvent, Feedback, LevelFit

CUSTOMER_FIELDS = ("level_fit", "quality", "communication", "would_hire_again", "comment")
SPECIALIST_FIELDS = ("need_clarity", "responsiveness", "comment")


def week_of(moment: datetime):
    day = timezone.localdate(moment)
    return day - timedelta(days=day.weekday())


def checkins_open(*, now=None) -> int:
    """Ask the customer of every active engagement, once per week, whether the level is right.

    Skips engagements younger than a week. Idempotent (one check-in per engagement and week);
    emails the customer on commit. Returns the number of check-ins opened.
    """
    now = now or clock.now()
    week = week_of(now)
    due = (
        Engagement.objects.filter(state=Engagement.State.ACTIVE, started_at__lte=now - timedelta(days=7))
        .exclude(checkins__week=week)
        .select_related("need__customer", "specialist")
    )
    opened = 0
    for engagement in due:
        try:
            with transaction.atomic():
                CheckIn.objects.create(engagement=engagement, week=week, created_at=now)
                email_to_user(
                    user=engagement.need.customer,
                    template="matching/email/checkin",
                    context={"engagement": engagement, "need": engagement.need},
                )
        except IntegrityError:  # opened by a concurrent run
            continue
        opened += 1
    return opened


def checkin_answer(*, checkin: CheckIn, customer, answer: str) -> CheckIn:
    """The customer's one-click answer (below / at / above); a later click corrects it."""
    if answer not in LevelFit.values:
        raise DomainError(_("Choose below, at or above the need's level."))
    with transaction.atomic():
        lock(checkin, within=CheckIn.objects.filter(engagement__need__customer=customer))
        if checkin.answer == answer:
            return checkin
        checkin.answer = answer
        checkin.answered_at = clock.now()
        checkin.save(update_fields=["answer", "answered_at"])
    return checkin


def feedback_side(engagement: Engagement, user) -> str | None:
    if user.pk == engagement.need.customer_id:
        return Feedback.Side.CUSTOMER
    if user.pk == engagement.specialist_id:
        return Feedback.Side.SPECIALIST
    return None


def feedback_submit(*, engagement: Engagement, author, fields: dict, now=None) -> Feedback:
    """Give or change one side's feedback on an ended engagement; final FEEDBACK_FINAL_AFTER_DAYS after
    it was first given. Locks the engagement (so two submissions of one side give one row) and
    refreshes the specialist's track record.
    """
    now = now or clock.now()
    side = feedback_side(engagement, author)
    if side is None:
        raise DomainError(_("Only the two parties give feedback."))
    allowed = CUSTOMER_FIELDS if side == Feedback.Side.CUSTOMER else SPECIALIST_FIELDS
    with transaction.atomic():
        lock(engagement)
        if engagement.state != Engagement.State.ENDED:
            raise DomainError(_("Feedback opens when the engagement ends."))
        feedback = Feedback.objects.filter(engagement=engagement, side=side).first()
        if feedback is None:
            feedback = Feedback(engagement=engagement, side=side, author=author, created_at=now)
        elif feedback.is_final(now):
            raise DomainError(_("This feedback is final: it was given more than 14 days ago."))
        for name in allowed:
            setattr(feedback, name, fields.get(name, "" if name == "comment" else None))
        feedback.updated_at = now
        feedback.full_clean()
        feedback.save()
        track_record_refresh(specialist_id=engagement.specialist_id)
    return feedback


def feedback_flag(*, feedback: Feedback, actor, reason: str) -> Feedback:
    """Either party sends a feedback to moderators (an unfair or abusive one). Audited; once is enough."""
    reason = reason.strip()[:500]
    if not reason:
        raise DomainError(_("Say what is wrong with this feedback."))
    with transaction.atomic():
        lock(
            feedback,
            within=Feedback.objects.filter(
                Q(engagement__need__customer=actor) | Q(engagement__specialist=actor)
            ),
        )
        if feedback.flagged_at is not None:
            return feedback
        feedback.flagged_at = clock.now()
        feedback.flag_reason = reason
        feedback.save(update_fields=["flagged_at", "flag_reason"])
        EngagementEvent.objects.create(
            engagement_id=feedback.engagement_id, actor=actor, kind=EngagementEvent.Kind.FEEDBACK_FLAG
        )
    return feedback


def track_record_refresh(*, specialist_id: int) -> None:
    """Recompute the specialist's completed engagements and customers' feedback in one query each."""
    profile_id = Profile.objects.filter(user_id=specialist_id).values_list("pk", flat=True).first()
    if profile_id is None:
        return
    completed = Engagement.objects.filter(specialist_id=specialist_id, state=Engagement.State.ENDED).count()
    aggregate = Feedback.objects.filter(
        engagement__specialist_id=specialist_id, side=Feedback.Side.CUSTOMER
    ).aggregate(
        feedback_count=Count("pk"),
        quality_avg=Avg("quality"),
        communication_avg=Avg("communication"),
        hire_again=Count("pk", filter=Q(would_hire_again=True)),
        fit_below=Count("pk", filter=Q(level_fit=LevelFit.BELOW)),
        fit_at=Count("pk", filter=Q(level_fit=LevelFit.AT)),
        fit_above=Count("pk", filter=Q(level_fit=LevelFit.ABOVE)),
    )
    track_record_update(profile_id=profile_id, completed=completed, **aggregate)
