"""bench.loader: n vetted, published profiles with skills, languages and experience; tops up by size."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from bench.loader import load_profiles
from profiles.models import Experience, Profile, ProfileLanguage, ProfileSkill

pytestmark = pytest.mark.django_db


def test_loads_listed_profiles_with_children_and_tops_up_by_size():
    assert load_profiles(30) == 30
    listed = Profile.objects.listed()
    assert listed.count() == 30
    for profile in listed:
        assert ProfileSkill.objects.filter(profile=profile).count() >= 2
        assert ProfileLanguage.objects.filter(profile=profile).exists()
        assert Experience.objects.filter(profile=profile).count() >= 2
        assert profile.headline and profile.level_id and profile.accepted_at
    assert ProfileSkill.objects.filter(verified=True).exists()
    assert Profile.objects.values("specialization").distinct().count() >= 3

    assert load_profiles(30) == 0  # already there
    assert load_profiles(45) == 15  # only the missing ones
    assert Profile.objects.listed().count() == 45


def test_loaded_profiles_are_found_by_the_catalogue_search(client):
    load_profiles(40)
    if connection.vendor == "postgresql":
        assert not Profile.objects.filter(search_vector__isnull=True).exists()
    ok = client.get(reverse("profiles:catalogue"), {"q": "PostgreSQL"})
    assert ok.status_code == 200
    assert b"/specialists/" in ok.content
    none = client.get(reverse("profiles:catalogue"), {"q": "zyxwvutsrq"})
    assert none.status_code == 200
    found = {int(pk) for pk in re.findall(rb'href="/specialists/(\d+)/"', ok.content)}
    assert found and found <= set(Profile.objects.listed().values_list("pk", flat=True))
    assert not re.findall(rb'href="/specialists/(\d+)/"', none.content)
