"""demo.market: the customers' needs in every state, ranked at once, the top of each shortlist
invited and answering; idempotent."""

from datetime import UTC, datetime

import pytest

from demo import people
from demo.content.needs import NEEDS
from demo.market import invite, post_needs
from matching.models import Engagement, Invitation, Match, NeedRanking
from needs.models import Need, NeedEvent
from tests.factories import ProfileFactory, SpecializationFactory, level

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def test_demo_needs_are_posted_ranked_and_invited_and_loading_twice_changes_nothing():
    for slug in {row[2] for row in NEEDS}:
        spec = SpecializationFactory(slug=slug)
        for code in ("junior", "middle", "senior", "lead"):
            ProfileFactory(specialization=spec, level=level(code))
    people.sign_up()
    needs = post_needs(now=NOW)
    assert len(needs) == len(NEEDS)
    assert set(Need.objects.values_list("state", flat=True)) == {"open", "draft", "paused", "closed"}
    assert max(Need.objects.values_list("created_at", flat=True)) < NOW  # posted in the past weeks
    assert NeedEvent.objects.filter(to_state="paused").exists()  # by the services' moves
    assert not Need.objects.open().exclude(ranking__state=NeedRanking.State.DONE).exists()
    assert Match.objects.exists()
    invite(needs, now=NOW)
    assert set(Invitation.objects.values_list("state", flat=True)) == {"sent", "accepted", "declined"}
    assert Engagement.objects.count() == Invitation.objects.filter(state="accepted").count()
    counts = (Need.objects.count(), Match.objects.count(), Invitation.objects.count())
    invite(post_needs(now=NOW), now=NOW)
    assert (Need.objects.count(), Match.objects.count(), Invitation.objects.count()) == counts
