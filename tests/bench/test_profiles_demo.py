"""profiles.demo: every accepted demo specialist gets a rich published profile; idempotent."""

import io

import pytest
from django.urls import reverse

from profiles import demo
from profiles.models import Experience, Profile, ProfileLanguage, ProfileSkill
from profiles.services import profile_grant
from tests.factories import ApplicantFactory, ProfileFactory, SpecializationFactory, level

pytestmark = pytest.mark.django_db


def _accepted(email, slug, code="senior"):
    user = ApplicantFactory(email=email)
    spec = SpecializationFactory(slug=slug)
    return profile_grant(user=user, specialization=spec, level=level(code), headline=f"{spec} specialist")


def test_demo_specialists_get_rich_published_profiles_and_a_second_load_changes_nothing(client):
    backend = _accepted("applicant0001@demo.topfreelancer.example", "backend-development")
    writer = _accepted("applicant0002@demo.topfreelancer.example", "copywriting", "middle")
    stranger = _accepted("someone@example.org", "backend-development")  # not a demo user
    draft = ProfileFactory(is_published=False, accepted_at=None, level=None)

    out = io.StringIO()
    demo.load(stdout=out)
    assert "2 demo profiles filled in and published" in out.getvalue()

    for profile in (backend, writer):
        profile.refresh_from_db()
        assert profile.is_published
        assert not profile.headline.endswith(" specialist")  # a real headline replaced the generic one
        assert profile.summary and profile.hours_per_week and profile.rate_min
        assert profile.utc_offset is not None
        entries = Experience.objects.filter(profile=profile)
        assert entries.count() >= 3
        assert all(e.role and e.contribution and e.task for e in entries)
        assert ProfileSkill.objects.filter(profile=profile, verified=True).exists()
        assert ProfileSkill.objects.filter(profile=profile, verified=False).exists()
        assert ProfileLanguage.objects.filter(profile=profile).count() >= 2
    assert set(Profile.objects.listed().values_list("pk", flat=True)) >= {backend.pk, writer.pk}

    stranger.refresh_from_db()
    assert not stranger.is_published and not Experience.objects.filter(profile=stranger).exists()
    draft.refresh_from_db()
    assert not draft.is_published

    def counts():
        return Experience.objects.count(), ProfileSkill.objects.count(), ProfileLanguage.objects.count()

    before = counts()
    demo.load(stdout=io.StringIO())
    assert counts() == before

    page = client.get(reverse("profiles:detail", args=[backend.pk]))
    assert page.status_code == 200
    first = Experience.objects.filter(profile=backend).first()
    assert first.organization in page.content.decode()
