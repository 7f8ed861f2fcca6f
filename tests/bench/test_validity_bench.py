"""The validity benchmark runs end to end on a small n and gives its machine-readable figures."""

import pytest

from bench import validity
from matching.models import Feedback

pytestmark = pytest.mark.django_db


def test_small_run_finds_the_planted_relation_and_the_easy_question():
    row = validity.run(n=400, repeats=1)
    assert row["n"] == 400 and row["rows"] > 400 and row["ratio"] > 0
    assert row["skill_quality_rho"] > 0.3  # ability drives both the score and the outcome
    assert row["flagged"] >= 1  # question 0: everyone gets it right
    validity.run(n=400, repeats=1)  # loads nothing more
    assert Feedback.objects.count() == 400
    assert [name for name, _value, _unit in validity.figures(row)] == [
        "validity_report_ms",
        "validity_x_baseline",
    ]
