"""Time in stage and calibration, checked against figures computed by hand."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ModeratorFactory
from vetting.models import Application, Review, StageResult, WorkSubmission
from vetting.selectors.calibration import calibration, cohen_kappa
from vetting.selectors.timing import decided_per_week, p90, time_in_stage

from .factories import apply, make_funnel

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def funnel():
    return make_funnel(slug="backend")


def result(application, stage, *, entered_days_ago, took_days, outcome="passed", by=None):
    entered = NOW - timedelta(days=entered_days_ago)
    # The application is history now: out of today's backlog.
    Application.objects.filter(pk=application.pk).update(status="rejected", closed_at=NOW)
    return StageResult.objects.create(
        application=application,
        stage=stage,
        outcome=outcome,
        entered_at=entered,
        decided_at=entered + timedelta(days=took_days),
        decided_by=by,
    )


def test_p90_is_the_nearest_rank():
    assert p90([1, 2, 3, 4, 10]) == 10  # ceil(0.9 * 5) = 5th value
    assert p90(list(range(1, 21))) == 18  # ceil(0.9 * 20) = 18th value
    assert p90([7]) == 7


def test_time_in_stage_median_p90_waiting_and_backlog(funnel):
    # Screening decided after 1, 2, 3, 4 and 10 days: median 3, p90 10; waiting is the same.
    for took in (1, 2, 3, 4, 10):
        result(apply(funnel), funnel.screening, entered_days_ago=30, took_days=took)
    # Work samples: 8 and 12 days in the stage, handed in 6 and 2 days before the decision.
    for took, waited in ((8, 6), (12, 2)):
        application = apply(funnel)
        decided = result(application, funnel.work_sample, entered_days_ago=40, took_days=took)
        WorkSubmission.objects.create(
            application=application,
            stage=funnel.work_sample,
            text="x",
            submitted_at=decided.decided_at - timedelta(days=waited),
        )
    # Outside the 12 months: ignored.
    result(apply(funnel), funnel.screening, entered_days_ago=500, took_days=50)
    # Today's backlog at screening: two waiting, the oldest for 5 days.
    apply(funnel)
    waiting = apply(funnel)
    Application.objects.filter(pk=waiting.pk).update(stage_entered_at=NOW - timedelta(days=5))
    [spec] = time_in_stage(now=NOW)["specializations"]
    rows = {row["stage"].kind: row for row in spec["stages"]}
    assert rows["screening"]["to_decision"] == {"n": 5, "median": 3.0, "p90": 10.0}
    assert rows["screening"]["waiting"] == {"n": 5, "median": 3.0, "p90": 10.0}
    assert rows["work_sample"]["to_decision"] == {"n": 2, "median": 10.0, "p90": 12.0}
    assert rows["work_sample"]["waiting"] == {"n": 2, "median": 4.0, "p90": 6.0}
    backlog = rows["screening"]["backlog"]
    assert backlog["count"] == 2 and backlog["oldest_days"] == 5.0
    assert time_in_stage(now=NOW)["oldest"][0]["application"] == waiting


def test_decided_per_week_per_moderator(funnel):
    anna, boris = ModeratorFactory(full_name="Anna"), ModeratorFactory(full_name="Boris")
    for days_ago, who in ((0, anna), (0, anna), (0, boris), (7, anna)):
        result(apply(funnel), funnel.screening, entered_days_ago=days_ago, took_days=0, by=who)
    table = decided_per_week(weeks=4, now=NOW)
    counts = {row["name"]: row["counts"] for row in table["moderators"]}
    assert counts == {"Anna": [0, 0, 1, 2], "Boris": [0, 0, 0, 1]}


def test_cohen_kappa_by_hand():
    # A: P P F F; B: P F F F. Observed 3/4; chance 0.5*0.25 + 0.5*0.75 = 0.5; kappa (0.75-0.5)/0.5.
    assert cohen_kappa([(True, True), (True, False), (False, False), (False, False)]) == 0.5
    assert cohen_kappa([(True, True), (False, False)]) == 1.0
    assert cohen_kappa([(True, True), (True, True)]) is None  # chance agreement is 1: undefined
    assert cohen_kappa([]) is None


def test_calibration_against_peers_and_the_final_decision(client, funnel):
    anna, boris = ModeratorFactory(full_name="Anna"), ModeratorFactory(full_name="Boris")
    # pass mark 60. Anna: 80 80 40 40 (P P F F); Boris: 80 40 40 20 (P F F F); final: P P F F.
    for anna_percent, boris_percent, outcome in (
        (80, 80, "passed"),
        (80, 40, "passed"),
        (40, 40, "failed"),
        (40, 20, "failed"),
    ):
        application = apply(funnel)
        for who, percent in ((anna, anna_percent), (boris, boris_percent)):
            Review.objects.create(
                application=application, stage=funnel.work_sample, reviewer=who, percent=Decimal(percent)
            )
        result(application, funnel.work_sample, entered_days_ago=10, took_days=1, outcome=outcome)
    rows = {row["moderator"]: row for row in calibration(now=NOW + timedelta(minutes=1))}
    assert rows["Anna"] | {} == {
        "moderator": "Anna",
        "scored": 4,
        "pass_rate": 50,
        "peer_kappa": 0.5,
        "peer_n": 4,
        "lean": 15.0,  # (0 + 40 + 0 + 20) / 4
        "decision_kappa": 1.0,
        "decision_n": 4,
    }
    assert rows["Boris"]["peer_kappa"] == 0.5 and rows["Boris"]["lean"] == -15.0
    assert rows["Boris"]["decision_kappa"] == 0.5  # B: P F F F against P P F F
    client.force_login(anna)
    body = client.get(reverse("admin:vetting_application_stats")).content.decode()
    assert "Calibration" in body and "0.5 (4)" in body and "<svg" in body
