"""What the vetting verified about an accepted specialist, safe to show on the public profile."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from ..models import Application, ApplicationStatus, Outcome, Review, Stage, StageKind, StageResult


@dataclass(frozen=True)
class StageEvidence:
    kind: str
    stage_name: str
    passed_at: datetime
    summary: str


def score_band(percent) -> str:
    """A public-safe band instead of the exact score."""
    value = float(percent or 0)
    if value >= 80:
        return _("Top band: 80–100%")
    if value >= 60:
        return _("Upper band: 60–79%")
    return _("Pass band: below 60%")


def vetting_evidence(*, user) -> list[StageEvidence]:
    """The stages the user's latest accepted application passed (see application_evidence)."""
    latest = (
        Application.objects.filter(applicant=user, status=ApplicationStatus.ACCEPTED)
        .order_by("-closed_at")
        .values_list("pk", flat=True)
        .first()
    )
    return [] if latest is None else application_evidence(application_ids=[latest]).get(latest, [])


def application_evidence(*, application_ids) -> dict[int, list[StageEvidence]]:
    """For each of these accepted applications (the evidence of a qualification), the stages it
    passed, in order, with public-safe summaries.

    Never includes moderators' private notes or individual reviewers. Four queries for any number.
    """
    applications = {
        application.pk: application
        for application in Application.objects.filter(
            pk__in=list(application_ids), status=ApplicationStatus.ACCEPTED
        ).select_related("level")
    }
    if not applications:
        return {}
    results = list(
        StageResult.objects.filter(application_id__in=list(applications), outcome=Outcome.PASSED)
        .select_related("stage")
        .order_by("application_id", "stage__position")
    )
    criteria = dict(
        Stage.objects.filter(pk__in={result.stage_id for result in results})
        .annotate(n=Count("criteria"))
        .values_list("pk", "n")
    )
    reviews = {
        (row["application_id"], row["stage_id"]): row
        for row in Review.objects.filter(application_id__in=list(applications))
        .values("application_id", "stage_id")
        .annotate(avg=Avg("percent"))
    }
    evidence: dict[int, list[StageEvidence]] = {pk: [] for pk in applications}
    for result in results:
        stage, application = result.stage, applications[result.application_id]
        if stage.kind == StageKind.SKILL_TEST:
            summary = score_band(result.score)
        elif stage.kind == StageKind.WORK_SAMPLE:
            review = reviews.get((application.pk, stage.pk))
            count = criteria.get(stage.pk, 0)
            if review:
                summary = _("Rubric average %(avg)d%% on %(count)d criteria") % {
                    "avg": round(review["avg"]),
                    "count": count,
                }
            else:
                summary = _("Reviewed against a rubric of %(count)d criteria") % {"count": count}
        elif stage.kind == StageKind.INTERVIEW:
            summary = _("Level assigned: %(level)s") % {"level": application.level}
        else:
            summary = _("Experience and application reviewed by a moderator")
        evidence[application.pk].append(
            StageEvidence(
                kind=stage.kind,
                stage_name=str(StageKind(stage.kind).label),  # the public name, as on /selection/ and cards
                passed_at=result.decided_at,
                summary=summary,
            )
        )
    return evidence


def verified_stages(*, user_ids) -> dict[int, list[str]]:
    """For catalogue cards: the stage kinds each person's accepted application passed, by name
    (the kind's, as on /selection/), in funnel order. One query for a whole page of cards."""
    rows = (
        StageResult.objects.filter(
            application__applicant_id__in=list(user_ids),
            application__status=ApplicationStatus.ACCEPTED,
            outcome=Outcome.PASSED,
        )
        .values_list("application__applicant_id", "stage__kind")
        .order_by()
        .distinct()
    )
    order = list(StageKind.values)
    kinds: dict[int, set[str]] = {}
    for user_id, kind in rows:
        kinds.setdefault(user_id, set()).add(kind)
    return {
        user_id: [str(StageKind(kind).label) for kind in sorted(found, key=order.index)]
        for user_id, found in kinds.items()
    }
