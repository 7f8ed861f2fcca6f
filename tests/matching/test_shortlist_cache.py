"""A shortlist's cards are cached under everything they are drawn from (matching.panels): the next
view of the need page draws none of them again, and any change to what a card shows draws it anew.
The cached cards carry no CSRF token: each response puts in its own."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from matching.models import Match
from matching.panels import CSRF_MARK
from matching.services import invitation_send, matching_run
from profiles.services import profile_update
from tests.factories import ProfileFactory
from tests.needs.factories import NeedFactory

pytestmark = pytest.mark.django_db

CARD = "components/profile_card.html"


@pytest.fixture
def need():
    need = NeedFactory()
    ProfileFactory.create_batch(3, specialization=need.specialization, level=need.level)
    matching_run(need_id=need.pk)
    return need


def need_page(client, need, **params):
    response = client.get(reverse("needs:detail", args=[need.pk]), params)
    assert response.status_code == 200
    drawn = sum(1 for template in response.templates if template.name == CARD)
    return response.content.decode(), drawn


def test_the_second_view_draws_no_card(client, need):
    client.force_login(need.customer)
    first, drawn = need_page(client, need)
    assert drawn == 3
    again, drawn = need_page(client, need)
    assert drawn == 0
    strip = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+"')
    assert strip.sub("", again) == strip.sub("", first)


def test_a_change_to_what_a_card_shows_draws_that_card_again(client, need):
    client.force_login(need.customer)
    need_page(client, need)
    match = Match.objects.filter(need=need).order_by("rank").first()
    profile_update(profile=match.profile, fields={"headline": "Payments platform lead"})
    page, drawn = need_page(client, need)
    assert drawn == 1 and "Payments platform lead" in page
    invitation_send(need=need, profile=match.profile, customer=need.customer, message="Hello")
    page, drawn = need_page(client, need)
    assert drawn == 1 and "Invite</a>" in page and page.count("Invite</a>") == 2


def test_each_language_and_the_dismissed_view_have_their_own_cards(client, need):
    client.force_login(need.customer)
    need_page(client, need)
    _, drawn = need_page(client, need, dismissed="1")
    assert drawn == 3
    with translation.override("ru"):
        client.cookies["django_language"] = "ru"
        page, drawn = need_page(client, need)
    assert drawn == 3 and "Пригласить" in page


def test_every_response_has_a_valid_token_of_its_own():
    need = NeedFactory()
    ProfileFactory(specialization=need.specialization, level=need.level)
    matching_run(need_id=need.pk)
    client = Client(enforce_csrf_checks=True)
    client.force_login(need.customer)
    tokens = []
    for _ in range(2):
        page, _ = need_page(client, need)
        assert CSRF_MARK not in page
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1))
    assert tokens[0] != tokens[1]  # masked per response, though the second card came from the cache
    match = Match.objects.get(need=need)
    response = client.post(
        reverse("matching:match_toggle", args=[match.pk, "dismiss"]), {"csrfmiddlewaretoken": tokens[1]}
    )
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.dismissed_at is not None
