"""With a search ("Best match") the count is the ranking window, read once for both: no count
query, and never a count that lags the list (profiles.selectors.catalogue_listing). Runs on SQLite and,
with DATABASE_URL, on PostgreSQL, where the window is the planner-proof walk of `_first`."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles import selectors
from profiles.models import Profile
from profiles.search import reindex
from tests.factories import ProfileFactory, ProfileSkillFactory, SkillFactory, SpecializationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def payments():
    spec = SpecializationFactory()
    figma = SkillFactory(name="Figma")
    profiles = ProfileFactory.create_batch(25, specialization=spec, headline="Payments platform")
    for profile in profiles[:23]:
        ProfileSkillFactory(profile=profile, skill=figma)
    ProfileFactory.create_batch(3, specialization=spec, headline="Editorial work")
    reindex(Profile.objects.values_list("pk", flat=True))
    return {"spec": spec, "figma": figma}


def get(client, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("profiles:catalogue"), params)
    assert response.status_code == 200
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    return response.context["page"], response.content.decode(), counts


def test_a_searched_page_counts_its_window_exactly(client, payments):
    page, body, counts = get(client, q="payments", specialization=payments["spec"].pk)
    assert page.count == 25 and not page.capped and page.has_next
    assert "25 specialists" in body and counts == []
    page, _, counts = get(client, q="payments", skills=payments["figma"].pk, page=2)
    assert page.count == 23 and len(page.profiles) == 3 and counts == []


def test_past_the_window_the_count_says_more_than(client, payments, monkeypatch):
    monkeypatch.setattr(selectors, "RANK_WINDOW", 21)
    monkeypatch.setattr(selectors, "COUNT_CAP", 21)
    page, body, counts = get(client, q="payments", skills=payments["figma"].pk)
    assert page.capped and "More than 21 specialists" in body and counts == []
    assert len(page.profiles) == 20 and page.has_next
    second, _, _ = get(client, q="payments", skills=payments["figma"].pk, page=2)
    assert len(second.profiles) == 1 and not second.has_next  # the window ranks 21, as it says


def test_a_new_match_is_counted_at_once(client, payments):
    assert get(client, q="payments")[0].count == 25
    ProfileFactory(specialization=payments["spec"], headline="Payments gateway")
    reindex(Profile.objects.values_list("pk", flat=True))
    assert get(client, q="payments")[0].count == 26  # no cached count to lag behind
