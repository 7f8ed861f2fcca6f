"""Cards and profile pages from the cache of renderings (profiles.rendered): reused while nothing
they show changed, rendered again as soon as something did, never shared across viewer kinds."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from profiles.models import ExchangeRate, Profile
from profiles.services import profile_hide, track_record_update
from tests.factories import ApplicantFactory, ProfileFactory, ProfileSkillFactory, SkillFactory

pytestmark = pytest.mark.django_db

CATALOGUE = reverse("profiles:catalogue")


def body(client, url, **headers) -> str:
    """The page's <main> (the layout around it carries a per-response CSRF token and nonce)."""
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)


def queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


@pytest.fixture
def sam():
    profile = ProfileFactory(
        user=ApplicantFactory(full_name="Sam Van Specialist"),
        headline="Payments backend",
        rate_min=50,
        currency="USD",
    )
    ProfileSkillFactory(profile=profile, skill=SkillFactory(name="Django"))
    return profile


@pytest.mark.usefixtures("sam")
def test_a_card_is_rendered_once_then_served_from_the_cache(client):
    first = body(client, CATALOGUE)
    again = queries(client, CATALOGUE)
    assert not any("profiles_profileskill" in sql for sql in again)  # its skills are not read again
    assert body(client, CATALOGUE) == first


def test_a_profile_change_renders_its_card_again(client, sam):
    assert "Payments backend" in body(client, CATALOGUE)
    sam.headline = "Billing backend"
    sam.save()
    page = body(client, CATALOGUE)
    assert "Billing backend" in page and "Payments backend" not in page


def test_a_renamed_skill_or_owner_shows_at_once(client, sam):
    body(client, CATALOGUE)
    detail = reverse("profiles:detail", args=[sam.pk])
    body(client, detail)
    skill = sam.skills.get().skill
    skill.name = "Django REST"
    skill.save()
    assert "Django REST" in body(client, CATALOGUE) and "Django REST" in body(client, detail)
    sam.user.full_name = "Samuel Other"
    sam.user.save()
    assert "Samuel O." in body(client, CATALOGUE) and "Samuel O." in body(client, detail)


@pytest.mark.usefixtures("sam")
def test_a_new_exchange_rate_converts_cached_cards_again(client):
    def shown():  # groups of digits as a plain space (the Russian format uses a narrow no-break one)
        return body(client, CATALOGUE, accept_language="ru").replace("\u202f", " ").replace("\xa0", " ")

    before = shown()
    assert "4 000" in before or "4000" in before  # 50 USD at RUB 80, the seeded rate
    ExchangeRate.objects.create(currency="RUB", valid_from=timezone.localdate(), units_per_base=Decimal(100))
    after = shown()
    assert ("5 000" in after or "5000" in after) and after != before


@pytest.mark.usefixtures("sam")
def test_a_rate_dated_ahead_changes_the_card_when_it_comes_into_force(client, monkeypatch):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    ExchangeRate.objects.create(currency="RUB", valid_from=tomorrow, units_per_base=Decimal(100))
    today = body(client, CATALOGUE, accept_language="ru")
    today = today.replace("\u202f", " ").replace("\xa0", " ")
    assert "4 000" in today or "4000" in today
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    later = body(client, CATALOGUE, accept_language="ru")
    later = later.replace("\u202f", " ").replace("\xa0", " ")
    assert "5 000" in later or "5000" in later


@pytest.mark.usefixtures("sam")
def test_cards_are_cached_per_language(client):
    english = body(client, CATALOGUE, accept_language="en")
    russian = body(client, CATALOGUE, accept_language="ru")
    assert "Availability" in english and "Availability" not in russian


def test_the_profile_page_is_cached_and_follows_its_changes(client, sam):
    detail = reverse("profiles:detail", args=[sam.pk])
    first = body(client, detail)
    assert len(queries(client, detail)) == 1  # the version row; nothing else is read
    assert body(client, detail) == first
    track_record_update(
        profile_id=sam.pk,
        completed=6,
        feedback_count=6,
        fit_at=6,
        quality_avg=4.5,
        communication_avg=4.0,
        hire_again=5,
    )
    assert "Track record" in body(client, detail) and "Track record" not in first
    sam.summary = "A new summary of the work."
    sam.save()
    assert "A new summary of the work." in body(client, detail)


def test_a_hidden_profile_is_not_served_from_the_cache(client, sam):
    detail = reverse("profiles:detail", args=[sam.pk])
    body(client, detail)
    body(client, CATALOGUE)
    profile_hide(profile_id=sam.pk)
    assert client.get(detail).status_code == 404
    assert "Payments backend" not in body(client, CATALOGUE)
    Profile.objects.filter(pk=sam.pk).update(is_published=True)
    assert client.get(detail).status_code == 200


def test_the_owner_never_gets_a_cached_page_and_others_never_get_the_owners(client, sam):
    detail = reverse("profiles:detail", args=[sam.pk])
    Profile.objects.filter(pk=sam.pk).update(is_published=False)
    client.force_login(sam.user)
    own = body(client, detail)
    assert "Only you see this page" in own and "Sam Van Specialist" in own
    Profile.objects.filter(pk=sam.pk).update(is_published=True)
    assert "Only you see this page" not in body(client, detail)  # listed now: the note goes
    client.logout()
    public = body(client, detail)
    assert "Sam S." in public and "Sam Van Specialist" not in public and "Only you see" not in public
