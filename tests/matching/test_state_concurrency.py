"""Real threads against PostgreSQL on the paths that now lock their row: a dismiss raced by a restore
of the same match, and an invitation accepted and declined at once, each leave one winner and the
audit rows of exactly the moves made."""

import pytest
from django.utils import timezone

from matching.models import Engagement, Invitation, InvitationEvent, Match, MatchEvent
from matching.services import invitation_accept, invitation_decline, match_dismiss, match_restore
from tests.conftest import require_postgres
from tests.factories import ProfileFactory
from tests.matching.factories import InvitationFactory
from tests.matching.test_concurrency import in_threads
from tests.needs.factories import NeedFactory, ensure_levels
from topfreelancer.state import DomainError

pytestmark = pytest.mark.services


def test_concurrent_dismisses_make_one_audited_move(transactional_db):
    require_postgres()
    ensure_levels()
    need = NeedFactory()
    match = Match.objects.create(
        need=need,
        profile=ProfileFactory(specialization=need.specialization),
        rank=1,
        score=0.5,
        level_fit=1,
        skill_fit=1,
        availability_fit=1,
        rate_fit=1,
        language_fit=1,
        timezone_fit=1,
        track_record_fit=1,
        computed_at=timezone.now(),
    )
    results = in_threads(
        lambda: match_dismiss(match=Match.objects.get(pk=match.pk), customer=need.customer), 4
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert list(MatchEvent.objects.filter(match=match).values_list("kind", flat=True)) == ["dismiss"]

    results = in_threads(
        lambda: match_restore(match=Match.objects.get(pk=match.pk), customer=need.customer), 4
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    match.refresh_from_db()
    assert match.dismissed_at is None
    assert list(MatchEvent.objects.filter(match=match).values_list("kind", flat=True)) == [
        "dismiss",
        "restore",
    ]


def test_accept_raced_by_decline_has_one_winner(transactional_db):
    require_postgres()
    ensure_levels()
    invitation = InvitationFactory()
    specialist = invitation.specialist
    answers = iter([invitation_accept, invitation_decline, invitation_accept, invitation_decline])

    def answer():
        service = next(answers)
        return service(invitation=Invitation.objects.get(pk=invitation.pk), specialist=specialist)

    results = in_threads(answer, 4)
    invitation.refresh_from_db()
    winner = invitation.state
    assert winner in {Invitation.State.ACCEPTED, Invitation.State.DECLINED}
    # The losers of the other answer are refused; the same answer twice is idempotent.
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(refused) == 2 and len(results) == 4, results
    assert list(InvitationEvent.objects.filter(invitation=invitation).values_list("to_state", flat=True)) == [
        winner
    ]
    assert Engagement.objects.filter(invitation=invitation).count() == (winner == Invitation.State.ACCEPTED)
