"""A catalogue request's listing (which profiles, in which order, the count) is cached under its
query string (profiles.views.catalogue): the next visitor of the filter reads the page's rows by
primary key, and no change to a profile is ever hidden by it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from profiles.models import Profile
from profiles.search import reindex
from profiles.services import profile_hide, profile_update
from tests.factories import ProfileFactory, SpecializationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec():
    spec = SpecializationFactory()
    ProfileFactory.create_batch(3, specialization=spec, headline="Payments platform", hours_per_week=20)
    reindex(Profile.objects.values_list("pk", flat=True))
    return spec


def listed(client, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("profiles:catalogue"), params)
    assert response.status_code == 200
    return [p.pk for p in response.context["page"].profiles], captured.captured_queries


def profile_queries(queries):
    return [q["sql"] for q in queries if 'FROM "profiles_profile"' in q["sql"]]


def test_the_second_visitor_of_a_filter_reads_the_rows_by_primary_key(client, spec):
    params = {"q": "payments", "specialization": spec.pk, "min_hours": 10}
    first, queries = listed(client, **params)
    assert len(first) == 3
    assert any('"hours_per_week" >=' in sql for sql in profile_queries(queries))  # the filter ran
    again, queries = listed(client, **params)
    assert again == first
    (by_pk,) = profile_queries(queries)  # one read of the page's rows: no filter, search or count
    assert '"hours_per_week" >=' not in by_pk and '"profiles_profile"."id" IN (' in by_pk


def test_a_hidden_profile_leaves_a_cached_listing_at_once(client, spec):
    first, _ = listed(client, specialization=spec.pk)
    profile_hide(profile_id=first[0])
    assert listed(client, specialization=spec.pk)[0] == first[1:]


def test_a_banned_owner_leaves_a_cached_listing_at_once(client, spec):
    first, _ = listed(client, specialization=spec.pk)
    User.objects.filter(profile__pk=first[-1]).update(is_active=False)  # no signal: by pk, listed again
    assert listed(client, specialization=spec.pk)[0] == first[:-1]


def test_an_edit_lists_again_in_the_new_order(client, spec):
    first, _ = listed(client, specialization=spec.pk, sort="availability", min_hours=15)
    assert len(first) == 3
    profile_update(profile=Profile.objects.get(pk=first[0]), fields={"hours_per_week": 10})
    assert listed(client, specialization=spec.pk, sort="availability", min_hours=15)[0] == first[1:]


@pytest.mark.usefixtures("spec")
def test_a_request_with_errors_is_not_stored(client):
    for _ in range(2):
        response = client.get(reverse("profiles:catalogue"), {"min_hours": "many"})
        assert response.status_code == 200 and "errorlist" in response.content.decode()
    _, queries = listed(client, min_hours="many")  # listed again: an ordered walk, not only a read by pk
    assert any('"profiles_profile"."id" IN (' not in sql for sql in profile_queries(queries))
