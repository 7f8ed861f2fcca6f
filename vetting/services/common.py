"""The transition table and the steps every transition shares."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.emails import email_to_user
from topfreelancer import clock, state
from topfreelancer.state import DomainError

from ..models import (
    APPLICATION_TRANSITIONS,
    Application,
    ApplicationStatus,
    AuditEntry,
    Claim,
    Outcome,
    Stage,
    StageKind,
    StageResult,
)
from ..reasons import reason_words

ALL_KINDS = frozenset(StageKind.values)

# action -> the stage kinds an open application may be at for it. Everything else is refused.
TRANSITIONS: dict[str, frozenset[str]] = {
    "advance": frozenset({StageKind.SCREENING, StageKind.WORK_SAMPLE, StageKind.INTERVIEW}),
    # A skill test can be accepted only when it is the last stage and its attempt passed.
    "accept": ALL_KINDS,
    "reject": ALL_KINDS,
    "withdraw": ALL_KINDS,
    "expire": ALL_KINDS,
    "attempt_start": frozenset({StageKind.SKILL_TEST}),
    "attempt_submit": frozenset({StageKind.SKILL_TEST}),
    "work_submit": frozenset({StageKind.WORK_SAMPLE}),
    "review_submit": frozenset({StageKind.WORK_SAMPLE, StageKind.INTERVIEW}),
    "schedule_interview": frozenset({StageKind.INTERVIEW}),
    "claim": ALL_KINDS,
}

# The application's status once its current stage ends with this outcome and no stage follows.
CLOSING_STATUS = {
    Outcome.FAILED: ApplicationStatus.REJECTED,
    Outcome.WITHDRAWN: ApplicationStatus.WITHDRAWN,
    Outcome.EXPIRED: ApplicationStatus.EXPIRED,
}


def lock(application: Application) -> Application:
    """Re-read the application under a row lock; the caller is inside transaction.atomic."""
    return state.lock(
        application, within=Application.objects.select_related("current_stage", "specialization")
    )


def check(application: Application, action: str) -> Stage:
    if application.status != ApplicationStatus.OPEN or application.current_stage is None:
        raise DomainError(_("This application is already closed."))
    stage = application.current_stage
    if stage.kind not in TRANSITIONS[action]:
        raise DomainError(
            _("This cannot be done at the %(stage)s stage.") % {"stage": stage.get_kind_display()}
        )
    return stage


def next_stage(stage: Stage) -> Stage | None:
    return (
        Stage.objects.filter(specialization_id=stage.specialization_id, position__gt=stage.position)
        .order_by("position")
        .first()
    )


def audit(application: Application, *, actor, action: str, before: tuple, detail: dict | None = None) -> None:
    from_status, from_stage = before
    AuditEntry.objects.create(
        application=application,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        from_status=from_status,
        to_status=application.status,
        from_stage=from_stage,
        to_stage=application.current_stage,
        detail=detail or {},
    )


def finish_stage(
    application: Application,
    *,
    outcome: str,
    actor=None,
    reason: str = "",
    reason_code: str = "",
    reason_params: dict | None = None,
    reason_template=None,
    score=None,
    level=None,
    action: str,
    detail: dict | None = None,
) -> StageResult:
    """Write the stage result, move the application on (or close it), audit, email on commit.

    The stage is decided, so whoever held the application lets it go.
    """
    now = clock.now()
    stage = application.current_stage
    before = (application.status, stage)
    if reason_code:  # kept in words too, in the applicant's language, for the audit and old readers
        with translation.override(application.applicant.language or settings.LANGUAGE_CODE):
            reason = reason_words(reason_code, {"stage": stage.name, **(reason_params or {})})
    result = StageResult.objects.create(
        application=application,
        stage=stage,
        outcome=outcome,
        reason=reason,
        reason_code=reason_code,
        reason_params=reason_params or {},
        reason_template=reason_template,
        decided_by=actor if getattr(actor, "pk", None) else None,
        entered_at=min(application.stage_entered_at, now),
        decided_at=now,
        score=score,
    )
    following = next_stage(stage) if outcome == Outcome.PASSED and level is None else None
    if outcome == Outcome.PASSED and following is None and level is None:
        raise DomainError(_("The final stage ends with a decision on the level."))
    if outcome == Outcome.PASSED and following is not None:
        application.current_stage = following
        application.stage_entered_at = now
        fields = ["current_stage", "stage_entered_at"]
    else:
        target = ApplicationStatus.ACCEPTED if outcome == Outcome.PASSED else CLOSING_STATUS[outcome]
        state.check_move(APPLICATION_TRANSITIONS, application.status, target)
        application.status = target
        application.closed_at = now
        application.level = level
        fields = ["status", "closed_at", "level"]
    application.save(update_fields=fields)
    Claim.objects.filter(application=application).delete()
    audit(
        application,
        actor=actor,
        action=action,
        before=before,
        detail={
            "outcome": outcome,
            "reason": reason[:500],
            **({"score": str(score)} if score is not None else {}),
            **(detail or {}),
        },
    )
    if outcome != Outcome.WITHDRAWN:
        email_to_user(
            user=application.applicant,
            template="vetting/email/stage_result",
            context={"application": application, "result": result, "stage": stage, "next_stage": following},
        )
    return result
