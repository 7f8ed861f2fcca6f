"""Matching learns a little: the track-record component, its neutrality, its small weight, and the
feedback path reaching the read model and the shortlists."""

import itertools

import pytest
from django.utils import translation

from matching import scoring
from matching.engine import rank, write_matches
from matching.models import Candidate, Match
from matching.services import engagement_end
from matching.services.outcomes import feedback_submit
from profiles.services import track_record_update
from tests.factories import ProfileFactory, SpecializationFactory, level
from tests.matching.factories import InvitationFactory, engagement_for
from tests.needs.factories import NeedFactory

pytestmark = pytest.mark.django_db


def record(*, below=0, at=0, above=0, quality=None) -> dict:
    count = below + at + above
    return {
        "completed": count,
        "feedback_count": count,
        "fit_below": below,
        "fit_at": at,
        "fit_above": above,
        "quality_avg": quality,
    }


def test_the_number_blends_the_level_fit_share_with_quality():
    assert scoring.track_record(feedback_count=3, fit_at=2, fit_above=1, quality_avg=5.0) == 1.0
    assert scoring.track_record(feedback_count=3, fit_at=0, fit_above=0, quality_avg=1.0) == 0.0
    # by hand: 2 of 3 at or above -> 2/3; quality 11/3 on 1..5 -> (11/3 - 1) / 4 = 2/3
    assert scoring.track_record(feedback_count=3, fit_at=1, fit_above=1, quality_avg=11 / 3) == pytest.approx(
        2 / 3
    )
    # no quality mark given: that half is the middle
    assert scoring.track_record(feedback_count=4, fit_at=4, fit_above=0, quality_avg=None) == 0.75


def test_no_track_record_lifts_a_worse_level_fit_over_a_better_one():
    fits = sorted({scoring.level_fit(steps) for steps in range(-6, 7)})
    for worse, better in itertools.pairwise(fits):  # neighbours: the smallest gaps of the curve
        for rest in (0.0, 0.5, 1.0):
            others = dict.fromkeys(scoring.COMPONENTS, rest)
            best_record = scoring.total({**others, "level": worse, "track_record": 1.0})
            worst_record = scoring.total({**others, "level": better, "track_record": 0.0})
            assert worst_record > best_record, (worse, better, rest)


@pytest.fixture
def spec():
    return SpecializationFactory()


def test_a_perfect_record_two_levels_under_stays_below_a_poor_one_closer(spec):
    # The tightest step of the level curve on the real scale: Middle (-2) against Junior (-3) for Lead.
    need = NeedFactory(specialization=spec, level=level("lead"))
    closer = ProfileFactory(specialization=spec, level=level("middle"))
    farther = ProfileFactory(specialization=spec, level=level("junior"))
    track_record_update(profile_id=closer.pk, **record(below=3, quality=1.0))
    track_record_update(profile_id=farther.pk, **record(above=3, quality=5.0))
    rows = rank(need)
    assert [row["profile_id"] for row in rows] == [closer.pk, farther.pk]
    assert [row["track_record_fit"] for row in rows] == [0.0, 1.0]


def test_no_record_is_the_middle_between_a_good_and_a_poor_one(spec):
    need = NeedFactory(specialization=spec, level=level("senior"))
    good, none, few, poor = (ProfileFactory(specialization=spec, level=level("senior")) for _ in range(4))
    track_record_update(profile_id=good.pk, **record(at=3, quality=5.0))
    track_record_update(profile_id=poor.pk, **record(below=3, quality=1.0))
    track_record_update(profile_id=few.pk, **record(at=2, quality=5.0))  # not shown: too few to count
    rows = {row["profile_id"]: row for row in rank(need)}
    assert Candidate.objects.get(profile=few).track_record is None
    assert rows[none.pk]["track_record_fit"] == rows[few.pk]["track_record_fit"] == scoring.UNKNOWN
    assert rows[few.pk]["score"] == rows[none.pk]["score"]
    assert rows[good.pk]["score"] > rows[none.pk]["score"] > rows[poor.pk]["score"]
    assert rows[good.pk]["score"] - rows[none.pk]["score"] == pytest.approx(
        scoring.WEIGHTS["track_record"] * (1.0 - scoring.UNKNOWN)
    )


def test_the_explanation_tells_the_record_in_both_languages(spec):
    need = NeedFactory(specialization=spec, level=level("senior"))
    shown, newcomer = (ProfileFactory(specialization=spec, level=level("senior")) for _ in range(2))
    track_record_update(profile_id=shown.pk, **record(at=2, below=1, quality=4.0))
    write_matches(need=need)
    # 2 of 3 at level, quality (4 - 1) / 4: 0.5 * 2/3 + 0.5 * 0.75 = 0.708...
    with translation.override("en"):
        assert Match.objects.get(profile=shown).explanation.endswith("; customers' feedback 71%")
        newcomer_text = Match.objects.get(profile=newcomer).explanation
        assert newcomer_text.endswith("; not enough customers' feedback yet")
    with translation.override("ru"):
        assert Match.objects.get(profile=shown).explanation.endswith("; отзывы заказчиков 71%")
        assert Match.objects.get(profile=newcomer).explanation.endswith("; пока мало отзывов заказчиков")


def test_customers_feedback_reaches_the_shortlists(spec, django_capture_on_commit_callbacks):
    need = NeedFactory(specialization=spec, level=level("senior"))
    rival = ProfileFactory(specialization=spec, level=level("senior"), is_published=True)
    profile = ProfileFactory(specialization=spec, level=level("senior"), is_published=True)
    write_matches(need=need)
    before = Match.objects.get(need=need, profile=profile)
    assert (before.track_record_fit, before.rank) == (scoring.UNKNOWN, 2)  # a tie, the older profile first
    answers = [("at", 4), ("below", 2), ("above", 5)]
    for fit, quality in answers:
        with django_capture_on_commit_callbacks(execute=True):
            engagement = engagement_for(
                invitation=InvitationFactory(need__specialization=spec, specialist=profile.user)
            )
            engagement_end(engagement=engagement, actor=engagement.need.customer)
        with django_capture_on_commit_callbacks(execute=True):
            feedback_submit(
                engagement=engagement,
                author=engagement.need.customer,
                fields={"level_fit": fit, "quality": quality, "communication": 4, "would_hire_again": True},
            )
    # by hand: 2 of 3 at or above, quality 11/3 -> 2/3
    assert Candidate.objects.get(profile=profile).track_record == pytest.approx(2 / 3)
    mine = Match.objects.get(need=need, profile=profile)
    assert mine.track_record_fit == pytest.approx(2 / 3)
    assert mine.rank == 1 and Match.objects.get(need=need, profile=rival).rank == 2
    with translation.override("en"):
        assert mine.explanation.endswith("customers' feedback 67%")
