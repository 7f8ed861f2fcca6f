"""Two moderators take the same unclaimed application at once, in two sessions on PostgreSQL."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.conftest import require_postgres
from tests.factories import ModeratorFactory
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
    barrier = threading.Barrier(2)
    pages: dict[int, str] = {}

    def take(index: int) -> None:
        try:
            barrier.wait()
            response = sessions[index].post(
                reverse("admin:vetting_application_claim", args=[application.pk]), follow=True
            )
            pages[index] = response.content.decode()
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    claim = Claim.objects.get(application=application)
    winner = moderators.index(claim.moderator)
    loser = 1 - winner
    assert "You hold this application" in pages[winner]
    assert f"{moderators[winner]} is reviewing this application" in pages[loser]
    assert AuditEntry.objects.filter(application=application, action="claim").count() == 1
