"""demo.profiles: each accepted demo specialist fills in the edit page in their own language and
publishes; strangers' profiles are never touched; a second run changes nothing."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from demo.profiles import write_profiles
from demo.reference import configure
from profiles.models import Experience, Profile, ProfileLanguage, ProfileSkill
from profiles.services import profile_grant
from tests.factories import ApplicantFactory, level
from topfreelancer import clock

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


@pytest.fixture
def specializations():
    return configure()


def _accepted(email, spec, code="senior", language="en"):
    user = ApplicantFactory(email=email, language=language)
    with clock.at(datetime(2026, 5, 1, tzinfo=UTC)):
        return profile_grant(user=user, specialization=spec, level=level(code), headline=f"{spec} specialist")


def test_demo_specialists_write_and_publish_their_profiles_in_their_language(client, specializations):
    backend = _accepted("applicant0001@demo.topfreelancer.example", specializations["backend-development"])
    writer = _accepted(
        "applicant0002@demo.topfreelancer.example", specializations["copywriting"], "middle", language="ru"
    )
    stranger = _accepted("someone@example.org", specializations["backend-development"])

    assert write_profiles(now=NOW) == 2

    for profile in (backend, writer):
        profile.refresh_from_db()
        assert profile.is_published
        assert (
            profile.summary and profile.hours_per_week and profile.rate_min and profile.utc_offset is not None
        )
        assert profile.last_active_at.date() >= datetime(2026, 5, 2).date()  # days after the acceptance
        entries = Experience.objects.filter(profile=profile)
        assert entries.count() >= 2
        assert all(e.role and e.contribution and e.task for e in entries)
        assert ProfileSkill.objects.filter(profile=profile, verified=False).count() == 3
        assert ProfileLanguage.objects.filter(profile=profile).count() >= 2
    assert not re.search("[а-я]", backend.headline.lower())
    assert re.search("[а-я]", writer.headline.lower())
    assert set(Profile.objects.listed().values_list("pk", flat=True)) == {backend.pk, writer.pk}

    stranger.refresh_from_db()
    assert not stranger.is_published and not Experience.objects.filter(profile=stranger).exists()

    def counts():
        return Experience.objects.count(), ProfileSkill.objects.count(), ProfileLanguage.objects.count()

    before = counts()
    assert write_profiles(now=NOW) == 0
    assert counts() == before

    page = client.get(reverse("profiles:detail", args=[backend.pk]))
    assert page.status_code == 200
    assert Experience.objects.filter(profile=backend).first().organization in page.content.decode()
