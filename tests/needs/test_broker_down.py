"""With the broker down, posting a need still answers fast and records the need as pending."""

import time

import pytest
from django.urls import reverse

from matching.models import NeedRanking
from needs.models import Need
from tests.factories import CustomerFactory, SpecializationFactory, level, ranking_state

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("dead_broker")
def test_posting_a_need_with_the_broker_down(client, django_capture_on_commit_callbacks, caplog):
    client.force_login(CustomerFactory())
    spec = SpecializationFactory()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("needs:create"),
            {
                "title": "Still saved",
                "specialization": spec.pk,
                "level": level("middle").pk,
                "hours_per_week": 10,
                "duration": "3-6m",
                "currency": "RUB",
            },
        )
    assert time.monotonic() - started < 3.0
    assert response.status_code == 302
    need = Need.objects.get(title="Still saved")
    assert need.state == Need.State.OPEN and ranking_state(need) == NeedRanking.State.PENDING
    assert "Broker unreachable" in caplog.text
    page = client.get(response.url).content.decode()
    assert "Ranking specialists" in page and 'hx-trigger="every 2s"' in page
