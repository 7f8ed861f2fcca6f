"""Selection validity: the statistics against values computed by hand, and the admin page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from matching.services import engagement_end
from matching.services.outcomes import feedback_submit
from matching.validity import average_ranks, item_analysis, spearman, stage_validity
from tests.factories import ApplicantFactory, ModeratorFactory, ProfileFactory, level
from tests.matching.factories import InvitationFactory, engagement_for
from tests.vetting.factories import make_funnel
from vetting.models import Application, ApplicationStatus, Outcome, StageKind, StageResult, TestAttempt

pytestmark = pytest.mark.django_db


def test_average_ranks_share_ties():
    assert average_ranks([10, 20, 20, 30]) == [1, 2.5, 2.5, 4]
    assert average_ranks([3, 1, 2]) == [3, 1, 2]


def test_spearman_and_its_fisher_interval_by_hand():
    # d = rank differences -1, 1, -1, 1, 0; rho = 1 - 6 * 4 / (5 * (25 - 1)) = 0.8
    c = spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])
    assert c.rho == pytest.approx(0.8) and c.n == 5
    # z = atanh(0.8) = 1.098612; half = 1.959964 / sqrt(5 - 3) = 1.385904
    # low = tanh(1.098612 - 1.385904) = tanh(-0.287292) = -0.279640; high = tanh(2.484516) = 0.986196
    assert c.low == pytest.approx(-0.279640, abs=1e-6) and c.high == pytest.approx(0.986196, abs=1e-6)
    assert spearman([1, 2, 3], [1, 1, 1]).rho is None  # a constant outcome measures nothing
    assert spearman([1, 2, 3], [3, 1, 2]).low is None  # n = 3: no interval


def accepted(funnel, *, skill_score, level_code):
    """An accepted application with a skill-test score, the way the vetting leaves it."""
    applicant = ApplicantFactory()
    now = timezone.now()
    application = Application.objects.create(
        applicant=applicant,
        specialization=funnel.specialization,
        status=ApplicationStatus.ACCEPTED,
        level=level(level_code),
        headline="h",
        summary="s",
        years_experience=5,
        closed_at=now,
    )
    stage = funnel.specialization.stages.get(kind=StageKind.SKILL_TEST)
    StageResult.objects.create(
        application=application,
        stage=stage,
        outcome=Outcome.PASSED,
        entered_at=now - timedelta(days=1),
        decided_at=now,
        score=skill_score,
    )
    return ProfileFactory(user=applicant, specialization=funnel.specialization, level=level(level_code))


def test_stage_validity_by_hand():
    funnel = make_funnel(slug="copy")
    rows = [  # skill score, quality, level fit, assigned level
        (55, 2, "below", "middle"),
        (65, 3, "at", "middle"),
        (75, 3, "at", "senior"),
        (85, 5, "above", "senior"),
        (95, 4, "at", "senior"),
    ]
    for score, quality, fit, level_code in rows:
        profile = accepted(funnel, skill_score=score, level_code=level_code)
        engagement = engagement_for(
            InvitationFactory(need__specialization=funnel.specialization, specialist=profile.user)
        )
        engagement_end(engagement=engagement, actor=engagement.need.customer)
        answers = {"level_fit": fit, "quality": quality, "communication": 4, "would_hire_again": True}
        feedback_submit(engagement=engagement, author=engagement.need.customer, fields=answers)
    report = stage_validity()
    skill = next(s for s in report["stages"] if s["kind"] == "skill_test")
    assert skill["n"] == 5
    # quality ranks 1, 2.5, 2.5, 5, 4 against 1..5: sxy = 8.5, sxx = 10, syy = 9.5; rho = 8.5 / sqrt(95)
    assert skill["quality"].rho == pytest.approx(0.872082, abs=1e-6)
    # fit -1, 0, 0, 1, 0 -> ranks 1, 3, 3, 5, 3: sxy = 6, syy = 8; rho = 6 / sqrt(80)
    assert skill["fit"].rho == pytest.approx(0.670820, abs=1e-6)
    bands = [(b["n"], b["quality"], b["fit_share"]) for b in skill["bands"]]
    assert bands == [(1, 2, 0), (1, 3, 1), (1, 3, 1), (1, 5, 1), (1, 4, 1)]
    interview = next(s for s in report["stages"] if s["kind"] == "interview")
    assert interview["n"] == 0 and interview["quality"].rho is None
    assert report["levels"] == {"middle": [1, 2], "senior": [0, 3]}


def attempts(funnel, marks_per_attempt, questions):
    stage = funnel.specialization.stages.get(kind=StageKind.SKILL_TEST)
    now = timezone.now()
    for marks in marks_per_attempt:
        application = Application.objects.create(
            applicant=ApplicantFactory(),
            specialization=funnel.specialization,
            headline="h",
            summary="s",
            years_experience=3,
        )
        answers = {}
        for question, right in zip(questions, marks, strict=True):
            choice = (
                question.choices.get(is_correct=bool(right))
                if right
                else question.choices.filter(is_correct=False).first()
            )
            answers[str(question.pk)] = choice.pk
        TestAttempt.objects.create(
            application=application,
            stage=stage,
            question_ids=[q.pk for q in questions],
            answers=answers,
            started_at=now - timedelta(minutes=10),
            deadline=now,
            submitted_at=now - timedelta(minutes=1),
        )


def test_item_analysis_by_hand():
    funnel = make_funnel(slug="items", questions=3)
    questions = list(funnel.specialization.questions.order_by("pk"))
    attempts(funnel, [(1, 1, 1), (1, 1, 0), (1, 0, 0), (0, 0, 0)], questions)
    items = {row["question"].pk: row for row in item_analysis(specialization_id=funnel.specialization.pk)}
    q1, q2, q3 = (items[q.pk] for q in questions)
    assert [q1["n"], q2["n"], q3["n"]] == [4, 4, 4]
    assert [q1["difficulty"], q2["difficulty"], q3["difficulty"]] == [0.75, 0.5, 0.25]
    # q2: item 1,1,0,0 against rest 1, .5, .5, 0: sxy = .5, sxx = 1, syy = .5 -> r = .5 / sqrt(.5)
    assert q2["discrimination"] == pytest.approx(0.707107, abs=1e-6)
    # q1: item 1,1,1,0 against rest 1, .5, 0, 0: sxy = .375, sxx = .75, syy = .6875
    assert q1["discrimination"] == pytest.approx(0.375 / (0.75 * 0.6875) ** 0.5, abs=1e-9)
    assert q3["discrimination"] == pytest.approx(0.522233, abs=1e-6)
    assert not any(row["flag"] for row in items.values())  # fewer than 20 answers: never flagged


def test_item_flags_easy_and_flat_questions():
    funnel = make_funnel(slug="flags", questions=4)
    easy, good, also_good, flat = funnel.specialization.questions.order_by("pk")
    # strong applicants get `good` and `also_good` right, weak ones wrong; `flat` is right in every
    # other attempt whoever answers
    marks = [(1, strong, strong, n % 2) for n, strong in enumerate([1] * 12 + [0] * 12)]
    attempts(funnel, marks, [easy, good, also_good, flat])
    items = {row["question"].pk: row for row in item_analysis(specialization_id=funnel.specialization.pk)}
    assert items[easy.pk]["flag"] == "easy" and items[easy.pk]["difficulty"] == 1
    assert items[good.pk]["flag"] == "" and items[good.pk]["discrimination"] > 0.15
    assert items[flat.pk]["flag"] == "flat"


def test_the_admin_page_for_moderators_only(client):
    funnel = make_funnel(slug="page")
    attempts(funnel, [(1, 1, 0, 0, 1, 0)] * 3, list(funnel.specialization.questions.order_by("pk")))
    url = reverse("admin:matching_engagement_validity")
    client.force_login(ApplicantFactory())
    assert client.get(url).status_code == 302  # to the admin login
    client.force_login(ModeratorFactory())
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200 and "Selection validity" in page and "Skill-test items" in page
    assert "Question 0?" in page
