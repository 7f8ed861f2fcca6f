"""Everything a moderator needs to decide on one application, read in a fixed number of queries."""

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ..models import (
    Application,
    AuditEntry,
    Level,
    ReasonTemplate,
    RubricCriterion,
    Stage,
    StageKind,
    StageResult,
)
from .moderation import attempt_breakdown, scorecards

REVIEWED_KINDS = (StageKind.WORK_SAMPLE, StageKind.INTERVIEW)


def decision_page(*, application_id: int) -> dict:
    """The application with its answers, experience, test breakdown, work sample, every
    scorecard, the audit history, the current stage's anchored rubric and the reason templates
    (their text in the applicant's language, as it will be sent)."""
    application = get_object_or_404(
        Application.objects.select_related(
            "applicant", "specialization", "current_stage", "level", "claim__moderator"
        ).prefetch_related(
            "experiences",
            Prefetch("specialization__stages", queryset=Stage.objects.order_by("position")),
            "specialization__screening_questions",
            Prefetch(
                "results",
                queryset=StageResult.objects.select_related("decided_by", "stage", "reason_template"),
            ),
            "submissions",
        ),
        pk=application_id,
    )
    stages = list(application.specialization.stages.all())
    stage = application.current_stage
    questions = {str(q.pk): q.text for q in application.specialization.screening_questions.all()}
    language = application.applicant.language or "en"
    following = next((s for s in stages if stage and s.position > stage.position), None)
    claim = getattr(application, "claim", None)
    return {
        "application": application,
        "stage": stage,
        "stages": stages,
        "stage_number": stages.index(stage) + 1 if stage in stages else None,
        "next_stage": following,
        "is_final": stage is not None and following is None,
        "claim": claim if claim is not None and claim.active() else None,
        "answers": [(questions.get(key, key), value) for key, value in application.answers.items()],
        "results": sorted(application.results.all(), key=lambda r: r.stage.position),
        "tests": [
            breakdown
            for s in stages
            if s.kind == StageKind.SKILL_TEST
            and (breakdown := attempt_breakdown(application=application, stage=s)) is not None
        ],
        "submissions": list(application.submissions.all()),
        "cards": [
            card
            for s in stages
            if s.kind in REVIEWED_KINDS and (card := scorecards(application=application, stage=s))["reviews"]
        ],
        "criteria": list(
            RubricCriterion.objects.filter(stage=stage).prefetch_related("anchors")
            if stage is not None and stage.kind in REVIEWED_KINDS
            else []
        ),
        "audit": list(
            AuditEntry.objects.filter(application=application)
            .select_related("actor", "from_stage", "to_stage")
            .order_by("-created_at", "-pk")[:50]
        ),
        "language": language,
        "reasons": [
            {"template": t, "text": getattr(t, f"text_{language}", "") or t.text_en}
            for t in ReasonTemplate.objects.filter(
                Q(specialization__isnull=True) | Q(specialization=application.specialization_id)
            )
        ],
        "levels": list(Level.objects.all()),
        "now": timezone.now(),
    }
