"""Real threads against PostgreSQL: a double-clicked end gives one transition, one audit row, one
email; two simultaneous feedback submissions of one side give one row."""

import pytest

from accounts.models import OutboundEmail
from matching.models import EngagementEvent, Feedback
from matching.services import engagement_end
from matching.services.outcomes import feedback_submit
from tests.conftest import require_postgres
from tests.matching.factories import engagement_for
from tests.needs.factories import ensure_levels
from tests.threads import in_threads

pytestmark = pytest.mark.services


@pytest.mark.usefixtures("transactional_db")
def test_concurrent_ends_make_one_transition():
    require_postgres()
    ensure_levels()
    engagement = engagement_for()
    customer = engagement.need.customer
    OutboundEmail.objects.all().delete()
    results = in_threads(
        lambda: engagement_end(engagement=type(engagement).objects.get(pk=engagement.pk), actor=customer), 4
    )
    assert all(result.state == "ended" for result in results), results
    assert EngagementEvent.objects.filter(engagement=engagement, to_state="ended").count() == 1
    assert OutboundEmail.objects.filter(to=engagement.specialist.email).count() == 1


@pytest.mark.usefixtures("transactional_db")
def test_concurrent_feedback_of_one_side_is_one_row():
    require_postgres()
    ensure_levels()
    engagement = engagement_for()
    engagement_end(engagement=engagement, actor=engagement.specialist)
    fields = {"level_fit": "at", "quality": 4, "communication": 4, "would_hire_again": True}
    results = in_threads(
        lambda: feedback_submit(
            engagement=type(engagement).objects.get(pk=engagement.pk),
            author=engagement.need.customer,
            fields=fields,
        ),
        4,
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Feedback.objects.filter(engagement=engagement).count() == 1
