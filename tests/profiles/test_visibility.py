"""Who sees which profile: only listed ones in the catalogue and on their pages; the owner their own."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, ApplicantFactory, CustomerFactory, ProfileFactory, level
from tests.profiles.test_edit import edit_payload

pytestmark = pytest.mark.django_db


def listed_ids(client) -> set[int]:
    response = client.get(reverse("profiles:catalogue"))
    assert response.status_code == 200
    return {p.pk for p in response.context["page"].profiles}


@pytest.fixture
def hidden_profiles():
    return {
        "unaccepted": ProfileFactory(accepted_at=None, level=None, is_published=False),
        "rejected": ProfileFactory(accepted_at=None, level=None, is_published=True),  # forged flag
        "unpublished": ProfileFactory(is_published=False),
        "deactivated": ProfileFactory(user=ApplicantFactory(is_active=False)),
    }


@pytest.mark.usefixtures("hidden_profiles")
def test_only_listed_profiles_in_catalogue(client):
    listed = ProfileFactory()
    assert listed_ids(client) == {listed.pk}


@pytest.mark.parametrize("kind", ["unaccepted", "rejected", "unpublished", "deactivated"])
def test_hidden_profile_page_is_404_for_others(client, hidden_profiles, kind):
    url = reverse("profiles:detail", args=[hidden_profiles[kind].pk])
    assert client.get(url).status_code == 404
    client.force_login(ApplicantFactory())
    assert client.get(url).status_code == 404


def test_owner_sees_own_unpublished_page_with_a_notice(client):
    profile = ProfileFactory(is_published=False, headline="My hidden headline")
    client.force_login(profile.user)
    response = client.get(reverse("profiles:detail", args=[profile.pk]))
    assert response.status_code == 200
    assert b"not listed in the catalogue" in response.content


def test_listed_page_is_public_and_hides_contacts(client):
    profile = ProfileFactory(headline="Payments backend")
    response = client.get(reverse("profiles:detail", args=[profile.pk]))
    assert response.status_code == 200
    assert b"Payments backend" in response.content
    assert profile.user.email.encode() not in response.content


def test_my_profile_pages_refuse_with_the_reason_without_an_accepted_profile(client):
    client.force_login(ApplicantFactory())
    response = client.get(reverse("profiles:mine"))
    assert response.status_code == 403
    assert b"once the vetting accepts your application" in response.content
    assert client.get(reverse("profiles:edit")).status_code == 403
    unaccepted = ProfileFactory(accepted_at=None, level=None, is_published=False)
    client.force_login(unaccepted.user)
    assert client.get(reverse("profiles:edit")).status_code == 403
    client.force_login(CustomerFactory())
    response = client.get(reverse("profiles:mine"))
    assert response.status_code == 403
    assert b"This page is for specialists." in response.content


def test_anonymous_is_sent_to_login_for_my_profile(client):
    response = client.get(reverse("profiles:mine"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_forged_level_and_publication_in_the_edit_form_are_ignored(client):
    profile = ProfileFactory(level=level("junior"), is_published=False)
    client.login(email=profile.user.email, password=PASSWORD)
    data = edit_payload(profile, headline="Forged")
    data.update(level=str(level("lead").pk), is_published="on", accepted_at="2020-01-01", verified="on")
    response = client.post(reverse("profiles:edit"), data)
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.headline == "Forged"
    assert profile.level.code == "junior"
    assert profile.is_published is False
