"""The demo's moderator has a realistic queue: late items, one disagreement, a few taken by another."""

import io

import pytest

from accounts import demo as accounts_demo
from accounts.models import User
from vetting import demo
from vetting.models import Claim, RubricAnchor
from vetting.selectors import moderator_queue

pytestmark = pytest.mark.django_db


def test_the_demo_queue_tells_its_story_and_a_second_load_changes_nothing():
    accounts_demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    maria = User.objects.get(email="moderator@example.com")
    queue = moderator_queue(user=maria)
    rows = [row for section in queue["sections"] for row in section["items"]]
    assert sum(row["late"] for row in rows) >= 3
    assert sum(row["disagreement"] for row in rows) == 1
    taken = [row for row in rows if row["holder"] is not None]
    assert len(taken) == 3 and {row["holder"].full_name for row in taken} == {"Pavel Reviewer"}
    assert RubricAnchor.objects.filter(criterion__name_en="Quality of the result", score=5).exists()
    counts = (Claim.objects.count(), RubricAnchor.objects.count())
    demo.load(stdout=io.StringIO())
    assert (Claim.objects.count(), RubricAnchor.objects.count()) == counts
