"""The timed skill test: a random draw per attempt, the deadline kept on the server, auto-grading."""

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from topfreelancer import clock, state

from ..models import ApplicationStatus, Choice, Outcome, Question, TestAttempt
from .common import DomainError, audit, check, finish_stage, lock, next_stage

# Network latency between the page's last second and the server: no more than this is forgiven.
GRACE = timedelta(seconds=5)


@transaction.atomic
def attempt_start(*, application, applicant) -> TestAttempt:
    """Draw the questions and fix the deadline. Idempotent: a running attempt is returned as is."""
    application = lock(application)
    if application.applicant_id != applicant.pk:
        raise DomainError(_("This is not your application."))
    stage = check(application, "attempt_start")
    existing = TestAttempt.objects.filter(application=application, stage=stage).first()
    if existing is not None:
        return existing
    bank = list(
        Question.objects.filter(specialization_id=application.specialization_id, is_active=True).values_list(
            "pk", flat=True
        )
    )
    if not bank:
        raise DomainError(_("The question bank of this specialization is empty."))
    drawn = random.sample(bank, min(stage.question_count, len(bank)))
    now = clock.now()
    return TestAttempt.objects.create(
        application=application,
        stage=stage,
        question_ids=drawn,
        started_at=now,
        deadline=now + timedelta(minutes=stage.time_limit_minutes),
    )


def grade(attempt: TestAttempt, answers: dict[str, int]) -> float:
    """Share of drawn questions answered with their correct choice, in percent."""
    correct = set(
        Choice.objects.filter(question_id__in=attempt.question_ids, is_correct=True).values_list(
            "question_id", "pk"
        )
    )
    right = sum(1 for qid in attempt.question_ids if (qid, answers.get(str(qid))) in correct)
    return round(100 * right / len(attempt.question_ids), 1) if attempt.question_ids else 0.0


def attempt_submit(
    *, attempt: TestAttempt, applicant, answers: dict[str, int], now: datetime | None = None
) -> TestAttempt:
    """Grade the attempt once and pass or fail the skill-test stage.

    Refused if already submitted (two concurrent submits give one transition). A submission
    after the deadline (plus a few seconds' grace) is refused: the stage ends as expired, which
    is committed before the refusal is raised.
    """
    with transaction.atomic():
        attempt, late = _attempt_submit(attempt=attempt, applicant=applicant, answers=answers, now=now)
    if late:
        raise DomainError(_("Time is up: answers sent after the time limit are not accepted."))
    return attempt


def _attempt_submit(*, attempt, applicant, answers, now) -> tuple[TestAttempt, bool]:
    now = now or clock.now()
    application = lock(attempt.application)
    attempt = state.lock(attempt)
    if application.applicant_id != applicant.pk:
        raise DomainError(_("This is not your application."))
    if attempt.submitted_at is not None:
        raise DomainError(_("This test was already submitted."))
    stage = check(application, "attempt_submit")
    if attempt.stage_id != stage.pk:
        raise DomainError(_("This test attempt belongs to another stage."))
    attempt.submitted_at = now
    if now > attempt.deadline + GRACE:
        attempt.save(update_fields=["submitted_at"])
        finish_stage(
            application,
            outcome=Outcome.EXPIRED,
            reason_code="test_late",
            action="attempt_late",
        )
        return attempt, True
    clean_answers = {str(k): int(v) for k, v in answers.items() if str(k).isdigit() and str(v).isdigit()}
    attempt.answers = clean_answers
    attempt.score = grade(attempt, clean_answers)
    attempt.save(update_fields=["submitted_at", "answers", "score"])
    passed = attempt.score >= stage.pass_mark
    if passed and next_stage(stage) is None:
        # A funnel that ends with a test: the level still needs a person, so the stage stays
        # open for a moderator's application_accept (which checks this passed attempt).
        audit(
            application,
            actor=applicant,
            action="attempt_submit",
            before=(application.status, stage),
            detail={"score": str(attempt.score), "awaiting": "decision"},
        )
        return attempt, False
    finish_stage(
        application,
        outcome=Outcome.PASSED if passed else Outcome.FAILED,
        score=attempt.score,
        reason_code="" if passed else "test_score",
        reason_params={} if passed else {"score": str(attempt.score), "mark": stage.pass_mark},
        action="attempt_submit",
    )
    return attempt, False


def expired_attempt_ids(*, now: datetime | None = None) -> list[int]:
    cutoff = (now or clock.now()) - GRACE
    return list(
        TestAttempt.objects.filter(
            submitted_at__isnull=True, deadline__lt=cutoff, application__status=ApplicationStatus.OPEN
        ).values_list("pk", flat=True)
    )


@transaction.atomic
def attempt_expire(*, attempt_id: int) -> bool:
    """Close a skill test whose time ran out without a submission. Idempotent."""
    attempt = TestAttempt.objects.select_related("application").get(pk=attempt_id)
    application = lock(attempt.application)
    attempt = state.lock(attempt)
    if attempt.submitted_at is not None or application.current_stage_id != attempt.stage_id:
        return False
    if application.status != ApplicationStatus.OPEN or attempt.deadline + GRACE > clock.now():
        return False
    attempt.submitted_at = clock.now()
    attempt.save(update_fields=["submitted_at"])
    finish_stage(
        application,
        outcome=Outcome.EXPIRED,
        reason_code="test_timed_out",
        action="attempt_expire",
    )
    return True
