"""Real threads against PostgreSQL: concurrent runs and double submits keep the invariants."""

import random

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import F

from matching import scoring
from matching.models import Candidate, Invitation, Match, NeedRanking
from matching.services import invitation_send, matching_run
from profiles.models import Profile
from profiles.services import profile_update
from tests.conftest import require_postgres
from tests.factories import ProfileFactory, SpecializationFactory, level, ranking_state, set_ranking
from tests.matching.test_incremental import assert_exact
from tests.needs.factories import NeedFactory, ensure_levels
from tests.threads import in_threads, run_together

pytestmark = pytest.mark.services


@pytest.mark.usefixtures("transactional_db")
def test_concurrent_runs_of_one_need_leave_one_consistent_shortlist():
    require_postgres()
    ensure_levels()
    spec = SpecializationFactory()
    profiles = [ProfileFactory(specialization=spec) for _ in range(6)]
    need = NeedFactory(specialization=spec)
    set_ranking(need, state=NeedRanking.State.PENDING)
    results = in_threads(lambda: matching_run(need_id=need.pk), 4)
    assert results == [True] * 4
    assert sorted(Match.objects.filter(need=need).values_list("profile_id", flat=True)) == sorted(
        p.pk for p in profiles
    )
    assert sorted(Match.objects.filter(need=need).values_list("rank", flat=True)) == list(range(1, 7))
    assert ranking_state(need) == NeedRanking.State.DONE


@pytest.mark.usefixtures("transactional_db")
def test_a_double_submitted_invitation_is_created_once():
    require_postgres()
    ensure_levels()
    cache.clear()
    need = NeedFactory()
    profile = ProfileFactory(specialization=need.specialization)
    results = in_threads(
        lambda: invitation_send(customer=need.customer, need=need, profile=profile, message="Hi"), 3
    )
    assert sum(isinstance(r, Invitation) for r in results) == 1
    assert all(isinstance(r, Invitation | ValidationError) for r in results)
    assert Invitation.objects.filter(need=need).count() == 1


@pytest.mark.usefixtures("transactional_db")
def test_concurrent_profile_changes_and_runs_leave_every_list_exact(monkeypatch):
    """Edits of the same profiles in three threads (each update applied on its commit) while a fourth
    ranks the needs in full: every shortlist, runner-up and floor ends as a full ranking computes."""
    require_postgres()
    ensure_levels()
    monkeypatch.setattr(scoring, "TOP_N", 3)
    monkeypatch.setattr(scoring, "RESERVE", 2)
    spec = SpecializationFactory()
    codes = ["junior", "middle", "senior", "lead"]
    profiles = [
        ProfileFactory(specialization=spec, level=level(code), hours_per_week=20) for code in codes * 3
    ]
    needs = [NeedFactory(specialization=spec, level=level(code)) for code in codes]
    for need in needs:
        matching_run(need_id=need.pk)

    def edits(seed):
        def work():
            rng = random.Random(seed)
            for _ in range(8):
                profile = Profile.objects.get(pk=rng.choice(profiles[:5]).pk)  # the same few, often at once
                fields = {
                    "hours_per_week": rng.choice([0, 5, 10, 20, 40]),
                    "utc_offset": rng.choice([-3, 0, 3]),
                }
                profile_update(profile=profile, fields=fields)

        return work

    def runs():
        for need in needs * 2:
            matching_run(need_id=need.pk)

    results = run_together([edits(1), edits(2), edits(3), runs])
    assert not [r for r in results if isinstance(r, Exception)], [str(r) for r in results]
    assert not Candidate.objects.exclude(applied_version=F("version")).exists()
    assert_exact(needs)
