"""The landing page shows its proof: the live funnel, three real specialists, three steps."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ProfileFactory, SpecializationFactory, level
from tests.vetting.test_statistics import known_funnel

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_funnel_figure_is_the_selection_pages(client):
    known_funnel()
    body = client.get(reverse("home")).content.decode()
    assert "Of 13 applications in the last 12 months, 1 accepted." in body
    assert "Acceptance rate: 9.1% of decided applications." in body  # the figure /selection/ shows
    assert reverse("vetting:selection") in body


def test_three_real_specialists_one_per_specialization_first(client):
    backend, design, editing = (SpecializationFactory() for _ in range(3))
    leads = [ProfileFactory(specialization=backend, level=level("lead")) for _ in range(3)]
    others = [ProfileFactory(specialization=spec, level=level("middle")) for spec in (design, editing)]
    hidden = ProfileFactory(specialization=design, level=level("lead"), is_published=False)
    response = client.get(reverse("home"))
    featured = response.context["featured"]
    assert [p.pk for p in featured] == [leads[-1].pk, others[-1].pk, others[0].pk]
    assert hidden not in featured
    body = response.content.decode()
    assert body.count('class="card profile-card"') == 3
    assert reverse("profiles:detail", args=[leads[-1].pk]) in body


def test_a_bigger_catalogue_costs_no_more_queries(client):
    for _ in range(3):
        ProfileFactory()
    client.get(reverse("home"))  # warms the funnel's cache and the cards'
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    for _ in range(15):
        ProfileFactory()
    client.get(reverse("home"))  # the new featured cards are rendered once (profiles.rendered)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    assert len(many) == len(few)
    assert not [q for q in many.captured_queries if "COUNT(" in q["sql"]]  # the funnel came from the cache


def test_three_steps_and_no_proof_on_an_empty_site(client):
    body = client.get(reverse("home")).content.decode()
    assert body.count('class="how-number"') == 3
    assert 'data-testid="funnel-figure"' not in body and "profile-card" not in body


def test_the_landing_page_speaks_russian(client):
    known_funnel()
    client.cookies["django_language"] = "ru"
    body = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Как это работает" in body
