"""Real threads against PostgreSQL: concurrent runs and double submits keep the invariants."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from matching.models import Invitation, Match, NeedRanking
from matching.services import invitation_send, matching_run
from tests.conftest import require_postgres
from tests.factories import ProfileFactory, SpecializationFactory, ranking_state, set_ranking
from tests.needs.factories import NeedFactory, ensure_levels
from tests.threads import in_threads

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
