"""Applications: create at screening, advance, accept with a level, reject, withdraw, expire."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from statistics import median

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.emails import email_to_user
from topfreelancer import clock, formats, state

from ..models import (
    Application,
    ApplicationStatus,
    Outcome,
    Question,
    ReasonTemplate,
    ScreeningExperience,
    Specialization,
    StageKind,
    StageResult,
)
from ..selectors.applicant import reapply_available_at
from ..selectors.moderation import DISAGREEMENT_POINTS
from ..signals import announce_acceptance
from .claims import check_claim
from .common import DomainError, audit, check, finish_stage, lock, next_stage


@transaction.atomic
def application_create(
    *,
    applicant,
    specialization: Specialization,
    headline: str,
    summary: str,
    years_experience: int,
    answers: dict[str, str] | None = None,
    experiences: Iterable[dict] = (),
) -> Application:
    """Start an application at the first stage (screening) and apply its automatic rules.

    Refused during the cooldown after a failure, and while another application for the same
    specialization is open (also a database constraint). An applicant below the screening
    stage's minimum years fails at once, with a reason and an email.
    """
    if not specialization.is_active:
        raise DomainError(_("This specialization is not accepting applications."))
    # Lock the applicant's row so two simultaneous submissions are serialized.
    state.lock(applicant)
    available = reapply_available_at(applicant=applicant, specialization=specialization)
    if available:
        raise DomainError(
            _("You can apply to %(specialization)s again on %(date)s.")
            % {"specialization": specialization, "date": formats.date(available)}
        )
    if Application.objects.open().filter(applicant=applicant, specialization=specialization).exists():
        raise DomainError(_("You already have an application in progress for this specialization."))
    first = specialization.stages.order_by("position").first()
    if first is None:
        raise DomainError(_("This specialization has no stages yet."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                applicant=applicant,
                specialization=specialization,
                current_stage=first,
                headline=headline,
                summary=summary,
                years_experience=years_experience,
                answers=answers or {},
            )
    except IntegrityError as exc:
        raise DomainError(_("You already have an application in progress for this specialization.")) from exc
    ScreeningExperience.objects.bulk_create(
        ScreeningExperience(application=application, **entry) for entry in experiences
    )
    audit(application, actor=applicant, action="create", before=("", None))
    if first.kind == StageKind.SCREENING and years_experience < first.min_years:
        finish_stage(
            application,
            outcome=Outcome.FAILED,
            reason_code="too_few_years",
            reason_params={"years": first.min_years, "given": years_experience},
            action="screening_rule",
        )
    return application


def panel_verdict(application: Application, stage, actor) -> tuple[float, dict]:
    """The scorecards' verdict on a work sample or interview, and how a disagreement was settled.

    Needs `stage.reviews_needed` scorecards from different moderators. Totals further apart than
    DISAGREEMENT_POINTS wait for a third review (then the median decides) or a lead's decision
    (someone with `vetting.resolve_disagreement`); the returned detail records which.
    """
    percents = sorted(
        float(p) for p in application.reviews.filter(stage=stage).values_list("percent", flat=True)
    )
    if not percents:
        raise DomainError(_("Score the rubric first: at least one review is needed."))
    if len(percents) < stage.reviews_needed:
        raise DomainError(
            _("This stage needs scorecards from %(needed)d different moderators; it has %(have)d.")
            % {"needed": stage.reviews_needed, "have": len(percents)}
        )
    average = sum(percents) / len(percents)
    spread = percents[-1] - percents[0]
    if spread <= DISAGREEMENT_POINTS:
        return average, {}
    if len(percents) >= 3:
        return median(percents), {"disagreement": "third_review", "spread": spread}
    if actor is not None and actor.has_perm("vetting.resolve_disagreement"):
        return average, {"disagreement": "lead", "spread": spread}
    raise DomainError(
        _("Reviewers disagree by %(spread).0f points: this waits for a third review or a lead's decision.")
        % {"spread": spread}
    )


def _check_reviewed(application: Application, stage, actor) -> tuple[float | None, dict]:
    """Work samples and interviews need their scorecards, at or above the pass mark on average."""
    if stage.kind == StageKind.WORK_SAMPLE and not application.submissions.filter(stage=stage).exists():
        raise DomainError(_("The applicant has not submitted the work sample yet."))
    if stage.kind == StageKind.INTERVIEW and application.interview_at is None:
        raise DomainError(_("Schedule the interview first."))
    if stage.kind == StageKind.SKILL_TEST:
        attempt = application.attempts.filter(stage=stage, score__isnull=False).first()
        if attempt is None or attempt.score < stage.pass_mark:
            raise DomainError(_("The applicant has not passed the test."))
        return float(attempt.score), {}
    if stage.kind not in (StageKind.WORK_SAMPLE, StageKind.INTERVIEW):
        return None, {}
    score, settled = panel_verdict(application, stage, actor)
    if score < stage.pass_mark and settled.get("disagreement") != "lead":
        raise DomainError(
            _("The average score %(avg).0f%% is below the pass mark of %(mark)d%%: reject instead.")
            % {"avg": score, "mark": stage.pass_mark}
        )
    return score, settled


@transaction.atomic
def application_advance(
    *, application: Application, actor, reason: str = "", interview_at: datetime | None = None
) -> Application:
    """A moderator passes the current stage; the application moves to the next one.

    The last stage cannot be advanced: it ends with `application_accept`, which assigns a level.
    Advancing into an interview may fix its slot at once (`interview_at`), told in the same email.
    """
    application = lock(application)
    stage = check(application, "advance")
    check_claim(application, actor)
    following = next_stage(stage)
    if following is None:
        raise DomainError(_("This is the final stage: accept the applicant with a level instead."))
    if interview_at is not None and (following.kind != StageKind.INTERVIEW or interview_at <= clock.now()):
        raise DomainError(_("The interview slot must be in the future, at an interview stage."))
    average, settled = _check_reviewed(application, stage, actor)
    if interview_at is not None:
        application.interview_at = interview_at
        application.save(update_fields=["interview_at"])
    finish_stage(
        application,
        outcome=Outcome.PASSED,
        actor=actor,
        reason=reason,
        score=round(average, 1) if average is not None else None,
        action="advance",
        detail={**settled, **({"interview_at": interview_at.isoformat()} if interview_at else {})},
    )
    return application


@transaction.atomic
def application_accept(*, application: Application, actor, level, reason: str = "") -> Application:
    """The final decision: pass the last stage, assign the level and announce the acceptance
    (profiles, subscribed to vetting.signals.application_accepted, grants the profile in the same
    transaction)."""
    if level is None:
        raise DomainError(_("Choose the level to assign."))
    application = lock(application)
    stage = check(application, "accept")
    check_claim(application, actor)
    if application.specialization.stages.filter(position__gt=stage.position).exists():
        raise DomainError(_("Only the final stage ends with a decision on the level."))
    average, settled = _check_reviewed(application, stage, actor)
    finish_stage(
        application,
        outcome=Outcome.PASSED,
        actor=actor,
        reason=reason,
        score=round(average, 1) if average is not None else None,
        level=level,
        action="accept",
        detail=settled,
    )
    announce_acceptance(application, verified_skills=verified_skills(application))
    return application


def verified_skills(application: Application) -> list:
    """Skills whose every drawn test question the applicant answered correctly."""
    skills: dict[int, bool] = {}
    by_id = {}
    for attempt in application.attempts.filter(submitted_at__isnull=False):
        questions = Question.objects.filter(pk__in=attempt.question_ids, skill__isnull=False).select_related(
            "skill"
        )
        for question in questions.prefetch_related("choices"):
            correct = {c.pk for c in question.choices.all() if c.is_correct}
            given = attempt.answers.get(str(question.pk))
            ok = given is not None and int(given) in correct
            skills[question.skill_id] = skills.get(question.skill_id, True) and ok
            by_id[question.skill_id] = question.skill
    return [by_id[pk] for pk, ok in skills.items() if ok]


@transaction.atomic
def application_reject(
    *, application: Application, actor, reason_template: ReasonTemplate | None = None, reason: str = ""
) -> Application:
    """Fail the current stage with a kind reason (from a template, in the applicant's language)."""
    application = lock(application)
    stage = check(application, "reject")
    check_claim(application, actor)
    settled = {}
    if (
        stage.kind in (StageKind.WORK_SAMPLE, StageKind.INTERVIEW)
        and application.reviews.filter(stage=stage).exists()
    ):
        _score, settled = panel_verdict(application, stage, actor)
    if reason_template is not None and not reason:
        language = application.applicant.language or "en"
        reason = getattr(reason_template, f"text_{language}", "") or reason_template.text_en
    if not reason:
        raise DomainError(_("Choose a reason template or write a reason."))
    finish_stage(
        application,
        outcome=Outcome.FAILED,
        actor=actor,
        reason=reason,
        reason_template=reason_template,
        action="reject",
        detail=settled,
    )
    return application


@transaction.atomic
def application_withdraw(*, application: Application, applicant) -> Application:
    """The applicant leaves the funnel; no cooldown follows a withdrawal."""
    application = lock(application)
    if application.applicant_id != applicant.pk:
        raise DomainError(_("This is not your application."))
    check(application, "withdraw")
    finish_stage(
        application,
        outcome=Outcome.WITHDRAWN,
        actor=applicant,
        reason_code="withdrawn",
        action="withdraw",
    )
    return application


def waiting_on_applicant(application: Application) -> bool:
    """Only the applicant's own silence expires an application, never a slow moderator."""
    stage = application.current_stage
    if stage.kind == StageKind.SKILL_TEST:
        return not application.attempts.filter(stage=stage).exists()
    if stage.kind == StageKind.WORK_SAMPLE:
        return not application.submissions.filter(stage=stage).exists()
    return False


@transaction.atomic
def application_expire(*, application: Application, reason: str = "") -> StageResult | None:
    """Close an application left idle past its stage's limit. Idempotent: returns None if not due."""
    application = lock(application)
    if application.status != ApplicationStatus.OPEN or application.current_stage is None:
        return None
    stage = application.current_stage
    if not reason:
        due = application.stage_entered_at + timedelta(days=stage.expire_after_days)
        if due > clock.now() or not waiting_on_applicant(application):
            return None
    code = "" if reason else "idle"
    return finish_stage(
        application, outcome=Outcome.EXPIRED, reason=reason, reason_code=code, action="expire"
    )


@transaction.atomic
def application_schedule_interview(*, application: Application, actor, at: datetime) -> Application:
    """Set (or move) the interview slot and tell the applicant."""
    application = lock(application)
    check(application, "schedule_interview")
    check_claim(application, actor)
    if at <= clock.now():
        raise DomainError(_("The interview slot must be in the future."))
    if application.interview_at == at:
        return application
    before = (application.status, application.current_stage)
    application.interview_at = at
    application.save(update_fields=["interview_at"])
    audit(application, actor=actor, action="schedule_interview", before=before, detail={"at": at.isoformat()})
    email_to_user(
        user=application.applicant,
        template="vetting/email/interview_scheduled",
        context={"application": application},
    )
    return application
