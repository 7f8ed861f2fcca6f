"""The vetting's acceptance makes profiles grant the profile with the screening's experience entries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from profiles.models import Experience
from profiles.services import profile_publish
from tests.factories import ModeratorFactory, level
from tests.vetting.factories import make_funnel, score, to_interview
from vetting import services
from vetting.signals import announce_acceptance

pytestmark = pytest.mark.django_db


def accept(application, moderator):
    services.application_schedule_interview(
        application=application, actor=moderator, at=timezone.now() + timedelta(days=1)
    )
    score(application, moderator, 5)
    return services.application_accept(application=application, actor=moderator, level=level("senior"))


def test_the_screening_entries_become_the_profiles_and_it_can_be_published():
    moderator = ModeratorFactory()
    application = to_interview(make_funnel(slug="backend"), moderator)
    accept(application, moderator)
    application.refresh_from_db()
    profile = application.applicant.profile
    entry = profile.experiences.get()
    assert (entry.organization, entry.role, entry.task) == ("Acme", "Developer", "APIs")
    assert entry.started_on.year == application.closed_at.year - 3 and entry.ended_on is None
    assert profile_publish(profile_id=profile.pk).is_published


def test_granting_again_copies_nothing_twice_and_keeps_the_specialists_edits():
    moderator = ModeratorFactory()
    application = to_interview(make_funnel(slug="backend"), moderator)
    accept(application, moderator)
    Experience.objects.filter(profile__user=application.applicant).update(organization="Acme Corp")
    application.refresh_from_db()
    announce_acceptance(application)
    assert list(application.applicant.profile.experiences.values_list("organization", flat=True)) == [
        "Acme Corp"
    ]
