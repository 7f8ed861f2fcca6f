"""Moderators' reads: the queue, scorecards side by side, the decision page's evidence."""

from datetime import datetime

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    DecimalField,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import (
    Application,
    Question,
    Review,
    Specialization,
    Stage,
    StageKind,
    TestAttempt,
    WorkSubmission,
)

DISAGREEMENT_POINTS = 25  # reviewers' totals further apart than this (in %) are flagged
QUEUE_KINDS = [StageKind.SCREENING, StageKind.SKILL_TEST, StageKind.WORK_SAMPLE, StageKind.INTERVIEW]


def scorecards(*, application, stage) -> dict:
    """Each reviewer's rubric scores side by side, their average and a disagreement flag."""
    criteria = list(stage.criteria.all())
    reviews = list(application.reviews.filter(stage=stage).select_related("reviewer").order_by("created_at"))
    rows = [
        {"criterion": c, "scores": [review.scores.get(str(c.pk)) for review in reviews]} for c in criteria
    ]
    percents = [float(r.percent) for r in reviews]
    spread = max(percents) - min(percents) if len(percents) > 1 else 0
    return {
        "stage": stage,
        "reviews": reviews,
        "rows": rows,
        "average": round(sum(percents) / len(percents), 1) if percents else None,
        "spread": round(spread, 1),
        "disagreement": spread > DISAGREEMENT_POINTS,
    }


def awaiting_moderator(*, user=None) -> QuerySet:
    """Open applications whose next move is a moderator's, with what the queue shows of each.

    Screening and interviews always wait for a moderator; a work sample once it is handed in;
    a skill test only when it ends the funnel and was passed (the level needs a person). Each row
    carries `waiting_since` (for a work sample: when it was handed in), the count and spread of
    its scorecards at the current stage, and whether `user` scored it already. One query.
    """
    here = {"application": OuterRef("pk"), "stage": OuterRef("current_stage")}
    reviews = Review.objects.filter(**here).order_by().values("application")
    later = Stage.objects.filter(
        specialization=OuterRef("specialization"), position__gt=OuterRef("current_stage__position")
    )
    return (
        Application.objects.open()
        .annotate(
            handed_in_at=Subquery(
                WorkSubmission.objects.filter(**here).values("submitted_at")[:1], output_field=DateTimeField()
            ),
            test_passed=Exists(
                TestAttempt.objects.filter(**here, score__gte=OuterRef("current_stage__pass_mark"))
            ),
            final=~Exists(later),
            reviews_count=Coalesce(
                Subquery(reviews.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()),
                Value(0),
            ),
            reviews_spread=Subquery(
                reviews.annotate(s=Max("percent") - Min("percent")).values("s")[:1],
                output_field=DecimalField(max_digits=5, decimal_places=1),
            ),
            reviewed_by_me=Exists(Review.objects.filter(**here, reviewer_id=getattr(user, "pk", None))),
            waiting_since=Case(
                When(current_stage__kind=StageKind.WORK_SAMPLE, then=F("handed_in_at")),
                default=F("stage_entered_at"),
                output_field=DateTimeField(),
            ),
        )
        .filter(
            Q(current_stage__kind__in=[StageKind.SCREENING, StageKind.INTERVIEW])
            | Q(current_stage__kind=StageKind.WORK_SAMPLE, handed_in_at__isnull=False)
            | Q(current_stage__kind=StageKind.SKILL_TEST, test_passed=True, final=True)
        )
        .select_related("applicant", "specialization", "current_stage", "claim__moderator")
        .order_by("waiting_since", "pk")
    )


def _offered(item: Application, user) -> bool:
    """A scorecard is asked of each moderator once: who scored an item waiting for more
    scorecards is not offered it again; a disagreement goes to a third reviewer or a lead."""
    if not item.reviewed_by_me:
        return True
    if item.reviews_count < item.current_stage.reviews_needed:
        return False
    if _disagrees(item):
        return user.has_perm("vetting.resolve_disagreement")
    return True


def _disagrees(item: Application) -> bool:
    return item.reviews_count == 2 and float(item.reviews_spread or 0) > DISAGREEMENT_POINTS


def _row(item: Application, user, now: datetime) -> dict:
    claim = getattr(item, "claim", None)
    holder = claim.moderator if claim is not None and claim.active(now) else None
    age_days = (now - item.waiting_since).total_seconds() / 86400
    target = item.current_stage.target_days
    return {
        "application": item,
        "age_days": round(age_days, 1),
        "target_days": target,
        "late": age_days > target,
        "holder": holder,
        "mine": holder is not None and holder.pk == user.pk,
        "disagreement": _disagrees(item),
        "reviews": item.reviews_count,
        "reviews_needed": item.current_stage.reviews_needed,
        "reviewed_by_me": item.reviewed_by_me,
    }


def moderator_queue(*, user, now: datetime | None = None, per_stage: int = 25) -> dict:
    """The moderator's home: per stage kind, the items waiting, oldest first, with their age
    against the stage's target, who holds each, and counts per stage and specialization.

    Two queries: the waiting items (iterated once; at most a few hundred are ever open) and the
    specializations' names.
    """
    now = now or timezone.now()
    sections = {
        kind: {
            "kind": kind,
            "label": StageKind(kind).label,
            "is_work_sample": kind == StageKind.WORK_SAMPLE,
            "items": [],
            "count": 0,
            "late": 0,
        }
        for kind in QUEUE_KINDS
    }
    per_spec: dict[int, dict[str, int]] = {}
    for item in awaiting_moderator(user=user):
        if not _offered(item, user):
            continue
        row = _row(item, user, now)
        section = sections[item.current_stage.kind]
        section["count"] += 1
        section["late"] += row["late"]
        if len(section["items"]) < per_stage:
            section["items"].append(row)
        counts = per_spec.setdefault(item.specialization_id, dict.fromkeys(QUEUE_KINDS, 0))
        counts[item.current_stage.kind] += 1
    names = Specialization.objects.filter(pk__in=per_spec).order_by("position", "slug")
    return {
        "sections": [s for s in sections.values() if s["count"]],
        "kinds": [sections[k]["label"] for k in QUEUE_KINDS],
        "by_specialization": [
            {
                "specialization": spec,
                "counts": list(per_spec[spec.pk].values()),
                "total": sum(per_spec[spec.pk].values()),
            }
            for spec in names
        ],
        "total": sum(s["count"] for s in sections.values()),
    }


def next_in_queue(*, user, after: int | None = None) -> Application | None:
    """The oldest item offered to `user` that nobody else holds (their own claim first)."""
    now = timezone.now()
    fallback = None
    for item in awaiting_moderator(user=user).exclude(pk=after)[:200]:
        if not _offered(item, user):
            continue
        claim = getattr(item, "claim", None)
        if claim is not None and claim.active(now):
            if claim.moderator_id == user.pk:
                return item
            continue
        fallback = fallback or item
    return fallback


def attempt_breakdown(*, application, stage) -> dict | None:
    """The skill-test attempt at `stage` question by question: the answer given and the right one."""
    attempt = TestAttempt.objects.filter(application=application, stage=stage).first()
    if attempt is None:
        return None
    questions = {
        q.pk: q for q in Question.objects.filter(pk__in=attempt.question_ids).prefetch_related("choices")
    }
    rows = []
    for number, qid in enumerate(attempt.question_ids, start=1):
        question = questions.get(qid)
        if question is None:
            continue
        choices = list(question.choices.all())
        given = attempt.answers.get(str(qid))
        chosen = next((c for c in choices if c.pk == given), None)
        right = next((c for c in choices if c.is_correct), None)
        rows.append(
            {
                "number": number,
                "question": question,
                "chosen": chosen,
                "right": right,
                "correct": chosen is not None and chosen == right,
            }
        )
    return {"attempt": attempt, "rows": rows, "correct": sum(r["correct"] for r in rows)}
