"""The public profile shows what the vetting verified (stages, bands, rubric), never private notes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from profiles import services as profile_services
from profiles.models import Profile
from tests.factories import ModeratorFactory, level
from tests.profiles.factories import ExperienceFactory
from tests.vetting.factories import make_funnel, score, to_interview
from vetting import services

pytestmark = pytest.mark.django_db


def test_accepted_specialist_page_shows_the_vetting_evidence(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    funnel = make_funnel(slug="backend")
    moderator = ModeratorFactory()
    application = to_interview(funnel, moderator)
    services.application_schedule_interview(
        application=application, actor=moderator, at=timezone.now() + timedelta(days=1)
    )
    score(application, moderator, 5)
    services.application_accept(application=application, actor=moderator, level=level("senior"))

    profile = Profile.objects.get(user=application.applicant)  # created by profile_grant
    assert profile.level.code == "senior" and not profile.is_published
    profile_services.profile_update(
        profile=profile, fields={"headline": "Backend lead", "summary": "APIs and payments."}
    )
    ExperienceFactory(profile=profile)
    profile_services.profile_publish(profile_id=profile.pk)

    body = client.get(reverse("profiles:detail", args=[profile.pk])).content.decode()
    assert "What the vetting verified" in body
    assert "Top band: 80–100%" in body
    assert "Level assigned: Senior" in body
    assert "SECRET" not in body
    assert application.applicant.email not in body
