"""The public funnel statistics: exact numbers for a known set of results, constant query count."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ApplicantFactory, level
from vetting.models import Application, ApplicationStatus, Outcome, StageResult
from vetting.selectors import compute_funnel_stats, funnel_stats

from .factories import make_funnel

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def record(funnel, outcomes: list[str], *, created=None):
    """An application with the given outcomes stage by stage (written directly: known data)."""
    now = timezone.now()
    created = created or now - timedelta(days=30)
    stages = funnel.stages
    status = ApplicationStatus.OPEN
    if outcomes and outcomes[-1] != Outcome.PASSED:
        status = {"failed": "rejected", "expired": "expired", "withdrawn": "withdrawn"}[outcomes[-1]]
    elif len(outcomes) == len(stages):
        status = ApplicationStatus.ACCEPTED
    current = stages[min(len(outcomes), len(stages) - 1)] if status == "open" else stages[len(outcomes) - 1]
    application = Application.objects.create(
        applicant=ApplicantFactory(),
        specialization=funnel.specialization,
        status=status,
        current_stage=current,
        created_at=created,
        stage_entered_at=created,
        closed_at=None if status == "open" else now,
        level=level("middle") if status == "accepted" else None,
        headline="x",
        summary="x",
        years_experience=3,
    )
    for stage, outcome in zip(stages, outcomes, strict=False):
        StageResult.objects.create(
            application=application,
            stage=stage,
            outcome=outcome,
            entered_at=created,
            decided_at=created + timedelta(days=2),
        )
    return application


def known_funnel():
    funnel = make_funnel(slug="backend")
    P, F = Outcome.PASSED, Outcome.FAILED
    for _ in range(6):
        record(funnel, [F])  # 6 fail screening
    record(funnel, [Outcome.WITHDRAWN])
    record(funnel, [])  # waiting at screening
    record(funnel, [P, F])
    record(funnel, [P, Outcome.EXPIRED])
    record(funnel, [P, P, F])
    record(funnel, [P, P, P, P])  # accepted
    record(funnel, [P, P, P])  # waiting at the interview
    record(funnel, [F], created=timezone.now() - timedelta(days=400))  # outside the window
    return funnel


def test_numbers_match_a_known_set_of_results():
    known_funnel()
    stats = compute_funnel_stats()
    overall = stats["overall"]
    assert overall["applied"] == 13
    assert overall["accepted"] == 1
    assert overall["decided"] == 11 and overall["in_progress"] == 2
    assert overall["acceptance_rate"] == round(100 / 11, 1)
    rows = {row["kind"]: row for row in overall["stages"]}
    assert (rows["screening"]["entered"], rows["screening"]["passed"], rows["screening"]["waiting"]) == (
        13,
        5,
        1,
    )
    assert rows["screening"]["pass_rate"] == round(100 * 5 / 12, 1)
    assert (rows["skill_test"]["entered"], rows["skill_test"]["passed"]) == (5, 3)
    assert rows["skill_test"]["pass_rate"] == 60.0
    assert (rows["work_sample"]["entered"], rows["work_sample"]["passed"]) == (3, 2)
    assert (rows["interview"]["entered"], rows["interview"]["passed"], rows["interview"]["waiting"]) == (
        2,
        1,
        1,
    )
    assert rows["interview"]["pass_rate"] == 100.0
    (backend,) = stats["specializations"]
    assert backend["applied"] == 13 and [r["entered"] for r in backend["stages"]] == [13, 5, 3, 2]
    assert backend["stages"][0]["avg_days"] == 2.0  # time in stage, for the moderators' dashboard


def test_query_count_does_not_grow_with_applications():
    funnel = known_funnel()
    with CaptureQueriesContext(connection) as few:
        compute_funnel_stats()
    for _ in range(20):
        record(funnel, [Outcome.PASSED, Outcome.FAILED])
    other = make_funnel(slug="design")
    for _ in range(10):
        record(other, [Outcome.FAILED])
    with CaptureQueriesContext(connection) as many:
        compute_funnel_stats()
    assert len(many) == len(few) <= 5


def test_the_page_is_cached_and_public(client):
    known_funnel()
    response = client.get(reverse("vetting:selection"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body and ">13</text>" in body and "5 of 13 · 41.7%" in body
    assert "9.1%" in body  # acceptance rate of decided applications
    assert "7.7%" not in body  # accepted of applied: not a second acceptance rate
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("vetting:selection")).status_code == 200
    assert not [q for q in queries if "vetting_" in q["sql"]]  # numbers came from the cache
    assert funnel_stats()["overall"]["applied"] == 13


def test_the_page_speaks_russian(client):
    known_funnel()
    client.cookies["django_language"] = "ru"
    body = client.get(reverse("vetting:selection"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Рассмотрение анкеты" in body  # the stage kind's name, in Russian
    assert "Отбор анкет" not in body  # one name per stage: the kind's, in every chart


def test_one_name_and_one_acceptance_rate_in_every_chart(client):
    known_funnel()
    body = client.get(reverse("vetting:selection")).content.decode()
    screening_labels = re.findall(r'class="vt-chart-label">(Screening[^<]*)<', body)
    assert screening_labels == ["Screening", "Screening"]  # the overall chart and the specialization's
    assert body.count("1 · 9.1%") == 2 and body.count("9.1%") == 3  # the card, then both charts
    assert 'width="100%"' in body and "viewBox" not in body  # the chart fills its card


def test_a_stage_a_specialization_does_not_have_is_explained(client):
    known_funnel()
    copy = make_funnel(slug="copywriting", name_en="Copywriting", name_ru="Копирайтинг")
    copy.stages[1].delete()
    stages = [copy.stages[0], *copy.stages[2:]]
    without_test = SimpleNamespace(specialization=copy.specialization, stages=stages)
    P, F = Outcome.PASSED, Outcome.FAILED
    record(without_test, [P, F])
    record(without_test, [P])  # waiting at the work sample
    record(without_test, [F])
    rows = {row["kind"]: row for row in compute_funnel_stats()["overall"]["stages"]}
    assert rows["screening"]["passed"] == 7 and rows["skill_test"]["entered"] == 5
    assert rows["skill_test"]["skipped"] == 2
    assert rows["skill_test"]["skipped_by"] == [{"name_en": "Copywriting", "name_ru": "Копирайтинг"}]
    assert rows["work_sample"]["skipped"] == 0 and rows["work_sample"]["entered"] == 5
    body = client.get(reverse("vetting:selection")).content.decode()
    explained = "2 applicants went past “Skill test” without taking it: there is no such stage in Copywriting"
    assert explained in body
    client.cookies["django_language"] = "ru"
    assert "Копирайтинг" in client.get(reverse("vetting:selection")).content.decode()
