"""The database says the same rules as the forms: a write that skips validation still cannot break them."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from matching.models import Invitation, Match, NeedRanking
from needs.models import Need
from tests.factories import ProfileFactory, set_ranking
from tests.matching.factories import InvitationFactory
from tests.needs.factories import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "changes",
    [
        {"budget_min": 5000, "budget_max": 100},
        {"utc_offset_min": 5, "utc_offset_max": 1},
        {"utc_offset_min": -20, "utc_offset_max": 1},
        {"utc_offset_min": 1, "utc_offset_max": None},
        {"hours_per_week": 0},
        {"hours_per_week": 200},
        {"state": "exploded"},
    ],
)
def test_need_constraints(changes):
    need = NeedFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Need.objects.filter(pk=need.pk).update(**changes)


def test_a_ranking_state_outside_the_list_is_refused():
    need = NeedFactory()
    set_ranking(need, state="idle")
    with pytest.raises(IntegrityError), transaction.atomic():
        NeedRanking.objects.filter(need=need).update(state="maybe")


def test_match_is_unique_per_need_and_profile_and_scores_stay_in_unit_interval():
    need = NeedFactory()
    profile = ProfileFactory(specialization=need.specialization)
    fields = dict(
        rank=1,
        score=0.5,
        level_fit=1,
        skill_fit=1,
        availability_fit=1,
        rate_fit=1,
        language_fit=1,
        timezone_fit=1,
        track_record_fit=0.5,
    )

    Match.objects.create(need=need, profile=profile, computed_at=timezone.now(), **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(need=need, profile=profile, computed_at=timezone.now(), **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.filter(need=need).update(level_fit=1.5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.filter(need=need).update(track_record_fit=-0.1)


def test_invitation_unique_and_answered_ones_carry_a_time():
    invitation = InvitationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(need=invitation.need, specialist=invitation.specialist, message="again")
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(state="accepted")
