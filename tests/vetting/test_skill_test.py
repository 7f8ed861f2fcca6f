"""The timed skill test: random draw, server-side deadline, grading, one transition per attempt."""

from datetime import timedelta
from functools import partial

import pytest
from django.utils import timezone

from accounts.models import OutboundEmail
from tests.conftest import require_postgres
from tests.factories import ModeratorFactory, level
from tests.threads import in_threads, run_together
from topfreelancer.state import DomainError
from vetting import services
from vetting.models import ApplicationStatus, AuditEntry, Choice, Outcome, Stage, StageResult, TestAttempt
from vetting.services.skill_tests import GRACE, grade
from vetting.tasks import expire_stale

from .factories import apply, make_funnel, right_answers, to_skill_test, wrong_answers


def outcome(result) -> str:
    """A thread's result: "ok", "refused" for the refused transition; any other error is raised."""
    if isinstance(result, DomainError):
        return "refused"
    if isinstance(result, Exception):
        raise result
    return result


@pytest.fixture
def funnel(db):  # noqa: ARG001 - a fixture cannot use @pytest.mark.usefixtures
    return make_funnel(slug="backend", questions=8, question_count=4)


@pytest.fixture
def application(funnel):
    return to_skill_test(funnel, ModeratorFactory())


@pytest.mark.django_db
def test_start_draws_a_random_subset_and_fixes_the_deadline(funnel, application):
    attempt = services.attempt_start(application=application, applicant=application.applicant)
    assert len(attempt.question_ids) == 4 == len(set(attempt.question_ids))
    assert set(attempt.question_ids) <= set(funnel.specialization.questions.values_list("pk", flat=True))
    assert attempt.deadline - attempt.started_at == timedelta(minutes=10)
    # starting again returns the running attempt (no redraw to fish for easier questions)
    assert services.attempt_start(application=application, applicant=application.applicant) == attempt


@pytest.mark.django_db
def test_draws_differ_between_attempts(funnel):
    moderator = ModeratorFactory()
    draws = set()
    for _ in range(6):
        application = to_skill_test(funnel, moderator)
        attempt = services.attempt_start(application=application, applicant=application.applicant)
        draws.add(tuple(sorted(attempt.question_ids)))
    assert len(draws) > 1


@pytest.mark.django_db
def test_grading_counts_only_the_correct_choice_of_each_drawn_question(application):
    attempt = services.attempt_start(application=application, applicant=application.applicant)
    right = right_answers(attempt)
    assert grade(attempt, right) == 100.0
    assert grade(attempt, wrong_answers(attempt)) == 0.0
    first, second, *_ = attempt.question_ids
    swapped = {**right, str(first): right[str(second)]}  # another question's correct choice
    assert grade(attempt, swapped) == 75.0
    assert grade(attempt, {}) == 0.0


@pytest.mark.django_db
def test_pass_at_the_pass_mark_moves_on(funnel, application):
    attempt = services.attempt_start(application=application, applicant=application.applicant)
    answers = right_answers(attempt)
    answers.pop(str(attempt.question_ids[0]))  # 3 of 4 = 75% = the pass mark
    services.attempt_submit(attempt=attempt, applicant=application.applicant, answers=answers)
    application.refresh_from_db()
    assert application.current_stage == funnel.work_sample
    result = application.results.get(stage=funnel.skill_test)
    assert (result.outcome, result.score) == (Outcome.PASSED, 75)


@pytest.mark.django_db
def test_below_the_pass_mark_fails_with_the_score_in_the_reason(funnel, application):
    attempt = services.attempt_start(application=application, applicant=application.applicant)
    services.attempt_submit(attempt=attempt, applicant=application.applicant, answers=wrong_answers(attempt))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    result = application.results.get(stage=funnel.skill_test)
    assert result.outcome == Outcome.FAILED and "0.0%" in result.reason and "75%" in result.reason


@pytest.mark.django_db
def test_a_late_submission_is_refused_by_the_server(funnel, application):
    attempt = services.attempt_start(application=application, applicant=application.applicant)
    late = attempt.deadline + GRACE + timedelta(seconds=1)
    with pytest.raises(DomainError, match="Time is up"):
        services.attempt_submit(
            attempt=attempt, applicant=application.applicant, answers=right_answers(attempt), now=late
        )
    application.refresh_from_db()
    attempt.refresh_from_db()
    assert application.status == ApplicationStatus.EXPIRED
    assert attempt.score is None and attempt.answers == {}
    assert application.results.get(stage=funnel.skill_test).outcome == Outcome.EXPIRED


@pytest.mark.django_db
def test_a_submission_within_the_grace_seconds_counts(application):
    attempt = services.attempt_start(application=application, applicant=application.applicant)
    services.attempt_submit(
        attempt=attempt,
        applicant=application.applicant,
        answers=right_answers(attempt),
        now=attempt.deadline + GRACE - timedelta(seconds=1),
    )
    attempt.refresh_from_db()
    assert attempt.score == 100


@pytest.mark.django_db
def test_a_second_submission_is_refused(application):
    attempt = services.attempt_start(application=application, applicant=application.applicant)
    services.attempt_submit(attempt=attempt, applicant=application.applicant, answers=wrong_answers(attempt))
    with pytest.raises(DomainError):
        services.attempt_submit(
            attempt=attempt, applicant=application.applicant, answers=right_answers(attempt)
        )
    assert StageResult.objects.filter(application=application).count() == 2  # screening + one test result


@pytest.mark.django_db
def test_an_abandoned_attempt_expires_on_the_sweep(funnel, application):
    attempt = services.attempt_start(application=application, applicant=application.applicant)
    TestAttempt.objects.filter(pk=attempt.pk).update(
        started_at=timezone.now() - timedelta(hours=2), deadline=timezone.now() - timedelta(hours=1)
    )
    assert expire_stale() == 1
    application.refresh_from_db()
    assert application.results.get(stage=funnel.skill_test).outcome == Outcome.EXPIRED
    assert expire_stale() == 0


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("transactional_db")
def test_two_concurrent_submissions_give_exactly_one_transition(funnel):
    """Real threads on PostgreSQL: both submit the same attempt at once; one wins, one is refused."""
    require_postgres()
    application = to_skill_test(funnel, ModeratorFactory())
    attempt = services.attempt_start(application=application, applicant=application.applicant)
    answers = right_answers(attempt)

    def submit():
        services.attempt_submit(attempt=attempt, applicant=application.applicant, answers=answers)
        return "ok"

    outcomes = in_threads(submit, 2)
    assert sorted(map(outcome, outcomes)) == ["ok", "refused"]
    assert StageResult.objects.filter(application=application, stage=funnel.skill_test).count() == 1
    assert AuditEntry.objects.filter(application=application, action="attempt_submit").count() == 1
    subjects = OutboundEmail.objects.filter(to=application.applicant.email).values_list("subject", flat=True)
    assert sum("Skill test" in s for s in subjects) == 1
    assert Choice.objects.exists()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("transactional_db")
def test_two_concurrent_advances_give_exactly_one_transition(funnel):
    require_postgres()

    application = apply(funnel)
    moderators = [ModeratorFactory(), ModeratorFactory()]

    def advance(moderator):
        services.application_advance(application=application, actor=moderator)
        return "ok"

    outcomes = run_together([partial(advance, moderator) for moderator in moderators])
    assert sorted(map(outcome, outcomes)) == ["ok", "refused"]
    assert StageResult.objects.filter(application=application).count() == 1


@pytest.mark.django_db
def test_a_funnel_ending_with_a_test_waits_for_a_decision_on_the_level(funnel):
    Stage.objects.filter(specialization=funnel.specialization, position__gt=2).delete()
    moderator = ModeratorFactory()
    application = to_skill_test(funnel, moderator)
    with pytest.raises(DomainError, match="not passed the test"):
        services.application_accept(application=application, actor=moderator, level=level("junior"))
    attempt = services.attempt_start(application=application, applicant=application.applicant)
    services.attempt_submit(attempt=attempt, applicant=application.applicant, answers=right_answers(attempt))
    application.refresh_from_db()
    assert application.is_open and application.current_stage == funnel.skill_test
    services.application_accept(application=application, actor=moderator, level=level("junior"))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.results.get(stage=funnel.skill_test).score == 100
