"""Two moderators take the same unclaimed application at once, in two sessions on PostgreSQL."""

from functools import partial

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import require_postgres
from tests.factories import ModeratorFactory
from tests.threads import run_together
from vetting.models import AuditEntry, Claim

from .factories import apply, make_funnel

pytestmark = pytest.mark.services


@pytest.mark.usefixtures("transactional_db")
def test_one_moderator_gets_the_claim_and_the_other_is_told_who_has_it():
    require_postgres()
    application = apply(make_funnel(slug="backend"))
    moderators = [ModeratorFactory(full_name="Anna Lead"), ModeratorFactory(full_name="Boris Second")]
    sessions = []
    for moderator in moderators:
        session = Client()
        session.force_login(moderator)
        sessions.append(session)
    pages: dict[int, str] = {}

    def take(index: int) -> None:
        response = sessions[index].post(
            reverse("admin:vetting_application_claim", args=[application.pk]), follow=True
        )
        pages[index] = response.content.decode()

    assert run_together([partial(take, 0), partial(take, 1)], timeout=30) == [None, None]

    claim = Claim.objects.get(application=application)
    winner = moderators.index(claim.moderator)
    loser = 1 - winner
    assert "You hold this application" in pages[winner]
    assert f"{moderators[winner]} is reviewing this application" in pages[loser]
    assert AuditEntry.objects.filter(application=application, action="claim").count() == 1
