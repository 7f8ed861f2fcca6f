"""Real threads against PostgreSQL on the paths that now lock their row: concurrent dismisses and
restores of one match, and an invitation accepted by the specialist while the customer withdraws it,
each leave one winner and the audit rows of exactly the moves made."""

import pytest
from django.utils import timezone

from matching.models import Engagement, Invitation, InvitationEvent, Match, MatchEvent
from matching.services import invitation_accept, invitation_withdraw, match_dismiss, match_restore
from tests.conftest import require_postgres
from tests.factories import ProfileFactory
from tests.matching.factories import InvitationFactory
from tests.matching.test_concurrency import in_threads
from tests.needs.factories import NeedFactory, ensure_levels
from topfreelancer.state import DomainError

pytestmark = pytest.mark.services


@pytest.mark.usefixtures("transactional_db")
def test_concurrent_dismisses_make_one_audited_move():
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


@pytest.mark.usefixtures("transactional_db")
def test_accept_raced_by_withdraw_has_one_winner():
    require_postgres()
    ensure_levels()
    invitation = InvitationFactory()
    specialist, customer = invitation.specialist, invitation.need.customer
    moves = iter(
        [
            lambda row: invitation_accept(invitation=row, specialist=specialist),
            lambda row: invitation_withdraw(invitation=row, customer=customer),
        ]
        * 2
    )

    def move():
        return next(moves)(Invitation.objects.get(pk=invitation.pk))

    results = in_threads(move, 4)
    invitation.refresh_from_db()
    winner = invitation.state
    assert winner in {Invitation.State.ACCEPTED, Invitation.State.WITHDRAWN}
    # The other side's two moves are refused; the winner's second one is idempotent.
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(refused) == 2 and len(results) == 4, results
    events = InvitationEvent.objects.filter(invitation=invitation).values_list("to_state", flat=True)
    assert list(events) == [winner]
    assert Engagement.objects.filter(invitation=invitation).count() == (winner == Invitation.State.ACCEPTED)
