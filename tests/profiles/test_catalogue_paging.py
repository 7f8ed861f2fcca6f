"""Catalogue paging: a page past the last one is a 404, never an empty page with a Previous link."""

import pytest
from django.urls import reverse

from tests.factories import ProfileFactory, SpecializationFactory

pytestmark = pytest.mark.django_db


def test_a_page_past_the_last_is_a_404(client):
    ProfileFactory.create_batch(13)
    url = reverse("profiles:catalogue")
    assert client.get(url, {"page": 1}).status_code == 200
    response = client.get(url, {"page": 999})
    assert response.status_code == 404
    body = response.content.decode()
    assert "13 specialists" not in body and "Nobody matches" not in body and "Previous" not in body
    htmx = client.get(url, {"page": 2}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert htmx.status_code == 404


def test_the_last_page_answers_and_the_one_after_does_not(client):
    spec = SpecializationFactory()
    ProfileFactory.create_batch(21, specialization=spec)
    url = reverse("profiles:catalogue")
    last = client.get(url, {"specialization": spec.pk, "page": 2})
    assert last.status_code == 200 and len(last.context["page"].profiles) == 1
    assert client.get(url, {"specialization": spec.pk, "page": 3}).status_code == 404


def test_no_match_on_the_first_page_is_a_page_that_says_so(client):
    ProfileFactory.create_batch(2)
    response = client.get(reverse("profiles:catalogue"), {"q": "nothing-matches-this-zzz"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nobody matches these filters yet" in body and "Previous" not in body
