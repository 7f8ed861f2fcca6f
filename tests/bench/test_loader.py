"""bench.loader: n vetted, published profiles with skills, languages and experience; tops up by size."""

import re
from collections import Counter

import pytest
from django.db import connection
from django.db.models import F, Sum
from django.urls import reverse

from accounts.models import User
from bench.loader import load_profiles
from matching.models import Candidate
from profiles.models import (
    SORT_COPIES,
    Experience,
    Profile,
    ProfileLanguage,
    ProfileSkill,
    Qualification,
)
from profiles.money import base_cents
from topfreelancer.markup import render_markdown

pytestmark = pytest.mark.django_db

# What the bulk_create loader (77d208a) made of seed 1's first 300 people. The COPY loader draws the
# same values in the same order, so the bench's population is the one earlier figures were measured
# on; a change to the draws or to demo.content changes these numbers (and the population).
CENSUS_300 = {
    "specializations": {
        "backend-development": 77,
        "copywriting": 24,
        "editing": 21,
        "frontend-development": 53,
        "illustration": 15,
        "mobile-development": 46,
        "translation": 22,
        "ui-ux-design": 42,
    },
    "levels": {"junior": 56, "lead": 39, "middle": 118, "senior": 87},
    "qualifications": 317,
    "skills": 2319,
    "verified": 409,
    "languages": 749,
    "experiences": 887,
    "usd": 44,
    "no_rate": 30,
    "sums": {"years": 2032, "hours": 5840, "cents": 951821},
}


def census() -> dict:
    profiles = Profile.objects.all()
    return {
        "specializations": dict(Counter(profiles.values_list("specialization__slug", flat=True))),
        "levels": dict(Counter(profiles.values_list("level__code", flat=True))),
        "qualifications": Qualification.objects.count(),
        "skills": ProfileSkill.objects.count(),
        "verified": ProfileSkill.objects.filter(verified=True).count(),
        "languages": ProfileLanguage.objects.count(),
        "experiences": Experience.objects.count(),
        "usd": profiles.filter(currency="USD").count(),
        "no_rate": profiles.filter(rate_min=None).count(),
        "sums": profiles.aggregate(
            years=Sum("years_experience"), hours=Sum("hours_per_week"), cents=Sum("rate_min_base_cents")
        ),
    }


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


def test_the_same_seed_gives_the_same_population_as_the_earlier_loader():
    assert load_profiles(300) == 300
    assert census() == CENSUS_300


def test_loaded_rows_hold_what_save_and_the_services_would_derive():
    load_profiles(60)
    for profile in Profile.objects.select_related("level"):
        assert profile.level_rank == profile.level.rank
        assert profile.rate_min_base_cents == base_cents(profile.rate_min, profile.currency)
        assert profile.summary_html == render_markdown(profile.summary)
    for entry in Experience.objects.all():
        for source in ("task", "process", "contribution", "outcome"):
            assert getattr(entry, f"{source}_html") == render_markdown(getattr(entry, source))
    qualifications = Qualification.objects.select_related("profile", "level")
    assert {q.profile_id for q in qualifications} == set(Profile.objects.values_list("pk", flat=True))
    for qualification in qualifications:
        assert qualification.level_rank == qualification.level.rank
        for name in SORT_COPIES:
            assert getattr(qualification, name) == getattr(qualification.profile, name)
    # The matching's read model: one applied row per qualification, most of them scorable.
    assert Candidate.objects.count() == qualifications.count()
    assert not Candidate.objects.filter(applied_version__lt=F("version")).exists()
    assert Candidate.objects.scorable().count() > qualifications.count() // 2
    # The ids came from the tables' sequences: rows made the ordinary way afterwards do not collide.
    user = User.objects.create_user("after-the-load@example.com", "not-a-password")
    profile = Profile.objects.create(user=user, specialization_id=qualifications[0].specialization_id)
    assert user.pk > max(Profile.objects.exclude(pk=profile.pk).values_list("user_id", flat=True))
    assert profile.pk > max(Profile.objects.exclude(pk=profile.pk).values_list("pk", flat=True))
