"""The demo loader: needs in every state, ranked at once, invitations in each state, idempotent."""

import io

import pytest

from matching.models import Invitation, Match
from needs import demo
from needs.models import Need
from tests.factories import ProfileFactory, SpecializationFactory, level

pytestmark = pytest.mark.django_db


def test_demo_needs_are_ranked_invited_and_loading_twice_changes_nothing():
    for slug in {row[2] for row in demo.NEEDS}:
        spec = SpecializationFactory(slug=slug)
        for code in ("junior", "middle", "senior", "lead"):
            ProfileFactory(specialization=spec, level=level(code))
    demo.load(stdout=io.StringIO())
    assert set(Need.objects.values_list("state", flat=True)) == {"open", "draft", "paused", "closed"}
    assert not Need.objects.open().exclude(matching_state=Need.MatchingState.DONE).exists()
    assert Match.objects.exists()
    assert set(Invitation.objects.values_list("state", flat=True)) == {"sent", "accepted", "declined"}
    counts = (Need.objects.count(), Match.objects.count(), Invitation.objects.count())
    demo.load(stdout=io.StringIO())
    assert (Need.objects.count(), Match.objects.count(), Invitation.objects.count()) == counts


def test_demo_without_listed_profiles_says_so():
    out = io.StringIO()
    demo.load(stdout=out)
    assert "shortlists fill once profiles are published" in out.getvalue()
