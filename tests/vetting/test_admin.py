"""Moderation in Django admin: the queue, actions that call the services, the rubric form, the stats page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ApplicantFactory, ModeratorFactory, level
from vetting import services
from vetting.models import Application, ApplicationStatus, Outcome, Question, Review
from vetting.selectors import scorecards, vetting_evidence

from .factories import apply, make_funnel, score, to_interview, to_work_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def funnel():
    return make_funnel(slug="backend")


@pytest.fixture
def moderator():
    return ModeratorFactory()


def act(client, action, applications, **extra):
    return client.post(
        reverse("admin:vetting_application_changelist"),
        {"action": action, "_selected_action": [a.pk for a in applications], "index": 0, **extra},
        follow=True,
    )


def test_queue_lists_oldest_first_with_time_in_stage(client, funnel, moderator):
    newer = apply(funnel)
    older = apply(funnel)
    Application.objects.filter(pk=older.pk).update(stage_entered_at=timezone.now() - timedelta(days=3))
    client.force_login(moderator)
    response = client.get(
        reverse("admin:vetting_application_changelist") + "?status__exact=open&kind=screening"
    )
    body = response.content.decode()
    assert body.index(str(older.applicant)) < body.index(str(newer.applicant))
    assert "3\xa0days" in body


def test_advance_and_reject_actions_call_the_services(client, funnel, moderator):
    passing, failing, at_test = apply(funnel), apply(funnel), apply(funnel)
    client.force_login(moderator)
    act(client, "advance", [passing, at_test])
    at_test.refresh_from_db()
    response = act(client, "advance", [at_test])  # now at the skill test: refused, with a message
    assert "cannot be done at the Skill test stage" in response.content.decode()
    response = act(client, "reject", [failing])
    assert "Choose a reason" in response.content.decode()
    act(client, "reject", [failing], reason_template=funnel.reason.pk)
    passing.refresh_from_db()
    failing.refresh_from_db()
    assert passing.current_stage == funnel.skill_test
    assert passing.results.get().decided_by == moderator
    assert failing.status == ApplicationStatus.REJECTED
    assert failing.results.get().reason == funnel.reason.text_en


def test_schedule_score_and_accept_in_admin(client, funnel, moderator):
    application = to_interview(funnel, ModeratorFactory())
    client.force_login(moderator)
    when = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    act(client, "schedule_interview", [application], interview_at=when)
    application.refresh_from_db()
    assert application.interview_at is not None
    criteria = list(funnel.interview.criteria.all())
    url = reverse("admin:vetting_application_change", args=[application.pk])
    response = client.post(
        url, {f"c_{c.pk}": 4 for c in criteria} | {"private_note": "Strong.", "move": "review"}
    )
    assert response.status_code == 302
    assert (
        Review.objects.get(application=application, stage=funnel.interview, reviewer=moderator).percent == 80
    )
    response = act(client, "accept", [application])
    assert "Choose the level" in response.content.decode()
    act(client, "accept", [application], level=level("lead").pk)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED and application.level == level("lead")


def test_change_page_shows_scores_side_by_side_and_flags_disagreement(client, funnel, moderator):
    application = to_work_sample(funnel, moderator)

    services.work_submit(application=application, applicant=application.applicant, text="Done")
    other = ModeratorFactory()
    score(application, moderator, 5)
    score(application, other, 2)
    card = scorecards(application=application, stage=funnel.work_sample)
    assert card["disagreement"] and card["spread"] == 60.0 and card["average"] == 70.0
    client.force_login(moderator)
    body = client.get(reverse("admin:vetting_application_change", args=[application.pk])).content.decode()
    assert "Reviewers disagree" in body
    assert str(other) in body and str(moderator) in body


def test_stats_page_for_moderators(client, funnel, moderator):
    apply(funnel)
    client.force_login(moderator)
    response = client.get(reverse("admin:vetting_application_stats"))
    assert response.status_code == 200
    assert "average days in stage" in response.content.decode()


def test_moderators_cannot_add_or_delete_applications(client, funnel, moderator):
    application = apply(funnel)
    client.force_login(moderator)
    assert client.get(reverse("admin:vetting_application_add")).status_code == 403
    assert client.get(reverse("admin:vetting_application_delete", args=[application.pk])).status_code == 403
    # the change page shows everything read-only: a POST changes nothing
    client.post(reverse("admin:vetting_application_change", args=[application.pk]), {"status": "accepted"})
    application.refresh_from_db()
    assert application.is_open


def test_vetting_evidence_is_public_safe(funnel, moderator):
    application = to_interview(funnel, moderator)
    services.application_schedule_interview(
        application=application, actor=moderator, at=timezone.now() + timedelta(days=1)
    )
    score(application, moderator, 5)
    services.application_accept(application=application, actor=moderator, level=level("senior"))
    evidence = vetting_evidence(user=application.applicant)
    assert [e.kind for e in evidence] == ["screening", "skill_test", "work_sample", "interview"]
    assert evidence[1].summary == "Top band: 80–100%"
    assert evidence[2].summary == "Rubric average 80% on 2 criteria"
    assert evidence[3].summary == "Level assigned: Senior"
    assert not any("SECRET" in e.summary for e in evidence)
    assert vetting_evidence(user=ModeratorFactory()) == []
    assert application.results.filter(outcome=Outcome.PASSED).count() == 4


def test_change_page_shows_screening_answers_escaped(client, funnel, moderator):
    question = funnel.specialization.screening_questions.get()
    application = services.application_create(
        applicant=ApplicantFactory(),
        specialization=funnel.specialization,
        headline="x",
        summary="x",
        years_experience=5,
        answers={str(question.pk): "<script>alert(1)</script> Long projects"},
    )
    client.force_login(moderator)
    body = client.get(reverse("admin:vetting_application_change", args=[application.pk])).content.decode()
    assert "<strong>Why this work?</strong>" in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Long projects" in body


def test_a_question_needs_exactly_one_correct_choice(admin_client, funnel):
    url = reverse("admin:vetting_question_add")
    data = {
        "specialization": funnel.specialization.pk,
        "text_en": "Q?",
        "text_ru": "В?",
        "is_active": "on",
        "choices-TOTAL_FORMS": "2",
        "choices-INITIAL_FORMS": "0",
        "choices-0-text_en": "A",
        "choices-0-text_ru": "А",
        "choices-1-text_en": "B",
        "choices-1-text_ru": "Б",
    }
    before = Question.objects.count()
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "exactly one answer choice" in response.content.decode()
    response = admin_client.post(url, {**data, "choices-1-is_correct": "on"})
    assert response.status_code == 302
    assert Question.objects.count() == before + 1
