"""Every allowed and refused move of an application through the funnel."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import OutboundEmail
from profiles.models import Profile
from tests.factories import ApplicantFactory, ModeratorFactory, level
from topfreelancer.state import DomainError
from vetting import services
from vetting.models import (
    Application,
    ApplicationStatus,
    AuditEntry,
    Outcome,
    StageKind,
    StageResult,
)
from vetting.tasks import expire_stale

from .factories import apply, make_funnel, score, to_interview, to_skill_test, to_work_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def funnel():
    return make_funnel(slug="backend")


@pytest.fixture
def moderator():
    return ModeratorFactory()


def emails_to(user):
    return OutboundEmail.objects.filter(to=user.email)


def test_create_starts_at_screening_with_an_audit_entry(funnel):
    application = apply(funnel)
    assert application.status == ApplicationStatus.OPEN
    assert application.current_stage == funnel.screening
    assert application.experiences.count() == 1
    actions = AuditEntry.objects.filter(application=application).values_list("action", flat=True)
    assert list(actions) == ["create"]
    assert not StageResult.objects.exists()


def test_screening_rule_fails_too_little_experience_at_once(funnel):
    application = apply(funnel, years=1)
    assert application.status == ApplicationStatus.REJECTED
    result = application.results.get()
    assert result.outcome == Outcome.FAILED and result.stage == funnel.screening
    assert "at least 2 years" in result.reason
    assert emails_to(application.applicant).count() == 1


def test_one_open_application_per_specialization(funnel):
    application = apply(funnel)
    with pytest.raises(DomainError, match="already have an application"):
        apply(funnel, application.applicant)
    # the database says the same, whatever the code path
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            applicant=application.applicant,
            specialization=funnel.specialization,
            current_stage=funnel.screening,
            headline="x",
            summary="x",
            years_experience=3,
        )


def test_open_applications_to_two_specializations_are_fine(funnel):
    other = make_funnel(slug="design")
    first = apply(funnel)
    second = apply(other, first.applicant)
    assert first.is_open and second.is_open


def test_cooldown_after_a_failure(funnel, moderator):
    application = apply(funnel)
    services.application_reject(application=application, actor=moderator, reason_template=funnel.reason)
    with pytest.raises(DomainError, match="again on"):
        apply(funnel, application.applicant)
    Application.objects.filter(pk=application.pk).update(
        closed_at=timezone.now() - timedelta(days=funnel.specialization.reapply_cooldown_days + 1)
    )
    assert apply(funnel, application.applicant).is_open


def test_no_cooldown_after_withdrawal(funnel):
    application = apply(funnel)
    services.application_withdraw(application=application, applicant=application.applicant)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.results.get().outcome == Outcome.WITHDRAWN
    assert apply(funnel, application.applicant).is_open


def test_advance_screening_moves_to_the_skill_test(funnel, moderator):
    application = to_skill_test(funnel, moderator)
    application.refresh_from_db()
    assert application.current_stage == funnel.skill_test
    result = application.results.get()
    assert (result.stage, result.outcome, result.decided_by) == (funnel.screening, Outcome.PASSED, moderator)
    entry = application.audit.get(action="advance")
    assert (entry.from_stage, entry.to_stage, entry.actor) == (funnel.screening, funnel.skill_test, moderator)


def test_skill_test_cannot_be_advanced_by_a_moderator(funnel, moderator):
    application = to_skill_test(funnel, moderator)
    with pytest.raises(DomainError, match="Skill test"):
        services.application_advance(application=application, actor=moderator)


def test_final_stage_cannot_be_advanced_only_accepted(funnel, moderator):
    application = to_interview(funnel, moderator)
    services.application_schedule_interview(
        application=application, actor=moderator, at=timezone.now() + timedelta(days=2)
    )
    score(application, moderator, 4)
    with pytest.raises(DomainError, match="final stage"):
        services.application_advance(application=application, actor=moderator)


def test_accept_only_at_the_final_stage(funnel, moderator):
    application = apply(funnel)
    with pytest.raises(DomainError, match="final stage"):
        services.application_accept(application=application, actor=moderator, level=level("middle"))


def test_work_sample_needs_a_submission_and_a_passing_review(funnel, moderator):
    application = to_work_sample(funnel, moderator)
    assert application.current_stage == funnel.work_sample
    with pytest.raises(DomainError, match="not submitted"):
        services.application_advance(application=application, actor=moderator)
    services.work_submit(application=application, applicant=application.applicant, text="Done")
    with pytest.raises(DomainError, match="already submitted"):
        services.work_submit(application=application, applicant=application.applicant, text="Again")
    with pytest.raises(DomainError, match="at least one review"):
        services.application_advance(application=application, actor=moderator)
    score(application, moderator, 2)  # 40% < 60%
    with pytest.raises(DomainError, match="below the pass mark"):
        services.application_advance(application=application, actor=moderator)
    score(application, ModeratorFactory(), 5)  # 100%: 60 points apart, past the threshold
    with pytest.raises(DomainError, match="third review or a lead"):
        services.application_advance(application=application, actor=moderator)
    score(application, ModeratorFactory(), 4)  # the third review: the median, 80%, decides
    services.application_advance(application=application, actor=moderator)
    application.refresh_from_db()
    assert application.current_stage == funnel.interview
    result = application.results.get(stage=funnel.work_sample)
    assert result.score == 80
    assert (
        application.audit.get(action="advance", from_stage=funnel.work_sample).detail["disagreement"]
        == "third_review"
    )


def test_review_scores_are_validated(funnel, moderator):
    application = to_work_sample(funnel, moderator)
    services.work_submit(application=application, applicant=application.applicant, text="Done")
    with pytest.raises(DomainError, match="from 1 to 5"):
        services.review_submit(application=application, reviewer=moderator, scores={})
    criteria = list(funnel.work_sample.criteria.all())
    with pytest.raises(DomainError, match="from 1 to 5"):
        services.review_submit(
            application=application, reviewer=moderator, scores={c.pk: 6 for c in criteria}
        )


def test_accept_assigns_the_level_and_grants_the_profile(funnel, moderator):
    application = to_interview(funnel, moderator)
    with pytest.raises(DomainError, match="Schedule the interview"):
        services.application_accept(application=application, actor=moderator, level=level("senior"))
    with pytest.raises(DomainError, match="future"):
        services.application_schedule_interview(
            application=application, actor=moderator, at=timezone.now() - timedelta(hours=1)
        )
    services.application_schedule_interview(
        application=application, actor=moderator, at=timezone.now() + timedelta(days=1)
    )
    score(application, moderator, 5)
    services.application_accept(application=application, actor=moderator, level=level("senior"))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.level == level("senior")
    assert application.closed_at is not None
    profile = Profile.objects.get(user=application.applicant)
    assert profile.level == level("senior") and profile.specialization == funnel.specialization
    assert profile.years_experience == 5 and profile.headline == "Backend developer"
    verified = [s.skill.name for s in profile.skills.filter(verified=True)]
    assert verified == [f"Skill of {funnel.specialization.slug}"]
    assert [r.stage.kind for r in application.results.order_by("stage__position")] == [
        StageKind.SCREENING,
        StageKind.SKILL_TEST,
        StageKind.WORK_SAMPLE,
        StageKind.INTERVIEW,
    ]


def test_every_action_is_refused_on_a_closed_application(funnel, moderator):
    application = apply(funnel)
    services.application_reject(application=application, actor=moderator, reason="Not a fit.")
    for call in (
        lambda: services.application_advance(application=application, actor=moderator),
        lambda: services.application_reject(application=application, actor=moderator, reason="again"),
        lambda: services.application_withdraw(application=application, applicant=application.applicant),
        lambda: services.attempt_start(application=application, applicant=application.applicant),
        lambda: services.application_accept(application=application, actor=moderator, level=level("junior")),
    ):
        with pytest.raises(DomainError, match="already closed"):
            call()
    assert application.results.count() == 1


def test_reject_needs_a_reason_and_speaks_the_applicants_language(funnel, moderator):
    applicant = ApplicantFactory(language="ru")
    application = apply(funnel, applicant)
    with pytest.raises(DomainError, match="reason"):
        services.application_reject(application=application, actor=moderator)
    services.application_reject(application=application, actor=moderator, reason_template=funnel.reason)
    result = application.results.get()
    assert result.reason == funnel.reason.text_ru
    assert result.reason_template == funnel.reason
    email = emails_to(applicant).get()
    assert funnel.reason.text_ru in email.body


def test_only_the_owner_can_withdraw(funnel):
    application = apply(funnel)
    with pytest.raises(DomainError, match="not your application"):
        services.application_withdraw(application=application, applicant=ApplicantFactory())


def test_one_email_per_stage_result(funnel, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = to_interview(funnel, moderator)
        services.application_schedule_interview(
            application=application, actor=moderator, at=timezone.now() + timedelta(days=1)
        )
        score(application, moderator, 5)
        services.application_accept(application=application, actor=moderator, level=level("middle"))
    subjects = list(emails_to(application.applicant).order_by("pk").values_list("subject", flat=True))
    # three stage passes, one interview slot, one acceptance: each exactly once
    assert len(subjects) == 5
    assert sum("passed the stage" in s for s in subjects) == 3
    assert sum("interview is scheduled" in s for s in subjects) == 1
    assert sum("Welcome aboard" in s for s in subjects) == 1
    assert all(e.sent_at is not None for e in emails_to(application.applicant))


def test_stale_applications_expire_only_when_waiting_on_the_applicant(funnel, moderator):
    at_screening = apply(funnel)
    at_test = to_skill_test(funnel, moderator)
    long_ago = timezone.now() - timedelta(days=funnel.skill_test.expire_after_days + 1)
    Application.objects.update(stage_entered_at=long_ago)
    assert expire_stale() == 1
    at_test.refresh_from_db()
    at_screening.refresh_from_db()
    assert at_test.status == ApplicationStatus.EXPIRED
    assert at_test.results.get(stage=funnel.skill_test).outcome == Outcome.EXPIRED
    assert at_screening.is_open  # a slow moderator never expires an applicant
    assert expire_stale() == 0  # idempotent
