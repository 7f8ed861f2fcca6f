"""A double-clicked or replayed save of the profile edit page adds its new rows once: the page
carries a one-time token, and the profile remembers the last one it applied."""

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from profiles.models import Education, Experience
from tests.conftest import require_postgres
from tests.factories import ProfileFactory, level
from tests.profiles.test_edit import edit_payload, experience_row
from tests.threads import in_threads


def token_of(page) -> str:
    return re.search(r'name="form_token" value="([0-9a-f-]{36})"', page.content.decode()).group(1)


def adding_rows(profile, token: str) -> dict:
    data = edit_payload(profile, form_token=token)
    data.update(experience_row(0))
    data.update({"experiences-TOTAL_FORMS": "1", "education-TOTAL_FORMS": "1"})
    data.update({"education-0-institution": "MSU", "education-0-degree": "MSc", "education-0-year": "2015"})
    return data


@pytest.mark.django_db
def test_a_replayed_save_adds_its_new_rows_once(client):
    profile = ProfileFactory(level=level("senior"))
    client.force_login(profile.user)
    data = adding_rows(profile, token_of(client.get(reverse("profiles:edit"))))

    answers = [client.post(reverse("profiles:edit"), data) for _ in range(3)]

    assert [a.status_code for a in answers] == [302] * 3
    assert Experience.objects.filter(profile=profile).count() == 1
    assert Education.objects.filter(profile=profile).count() == 1


@pytest.mark.django_db
def test_the_next_page_has_a_new_token_and_saves_again(client):
    profile = ProfileFactory(level=level("senior"))
    client.force_login(profile.user)
    first = token_of(client.get(reverse("profiles:edit")))
    client.post(reverse("profiles:edit"), adding_rows(profile, first))
    second = token_of(client.get(reverse("profiles:edit")))
    assert second != first
    data = edit_payload(profile, form_token=second)
    data.update(experience_row(0, organization="Initech"))
    data["experiences-TOTAL_FORMS"] = "1"
    assert client.post(reverse("profiles:edit"), data).status_code == 302
    assert Experience.objects.filter(profile=profile).count() == 2


@pytest.mark.services
@pytest.mark.usefixtures("transactional_db")
def test_concurrent_saves_of_one_page_add_the_rows_once():
    require_postgres()
    profile = ProfileFactory(level=level("senior"))
    data = adding_rows(profile, str(uuid.uuid4()))

    def save():
        client = Client()
        client.force_login(profile.user)
        return client.post(reverse("profiles:edit"), data).status_code

    assert in_threads(save, 10) == [302] * 10
    assert Experience.objects.filter(profile=profile).count() == 1
    assert Education.objects.filter(profile=profile).count() == 1
