"""The matching's read model follows every profile change, in the change's own transaction."""

import pytest

from matching.candidates import candidates_sync
from matching.models import Candidate
from profiles import services
from tests.factories import ProfileFactory, SkillFactory, SpecializationFactory, level
from tests.profiles.factories import ExperienceFactory, ProfileLanguageFactory

pytestmark = pytest.mark.django_db


def row(profile, spec=None):
    return Candidate.objects.get(profile=profile, specialization=spec or profile.specialization)


def test_a_listed_profile_has_exactly_the_score_inputs():
    profile = ProfileFactory(hours_per_week=25, rate_min=1500, rate_max=2500, utc_offset=-4)
    declared, verified = SkillFactory(), SkillFactory()
    profile.skills.create(skill=declared)
    profile.skills.create(skill=verified, verified=True)
    ProfileLanguageFactory(profile=profile, language="de", proficiency=1)  # basic: not spoken enough
    ProfileLanguageFactory(profile=profile, language="en", proficiency=3)
    candidate = row(profile)
    assert candidate.listed and candidate.level_id == profile.level_id
    assert (candidate.hours_per_week, candidate.rate_min, candidate.rate_max, candidate.utc_offset) == (
        25,
        1500,
        2500,
        -4,
    )
    assert candidate.skills == sorted([declared.pk, verified.pk])
    assert candidate.verified_skills == [verified.pk]
    assert candidate.languages == ["en"]
    assert candidate.track_record is None


def test_the_services_keep_it_in_their_transaction_and_bump_the_version_only_on_a_change():
    profile = ProfileFactory()
    version = row(profile).version
    services.profile_update(profile=profile, fields={"headline": "Not a score input"})
    assert row(profile).version == version
    services.profile_update(profile=profile, fields={"hours_per_week": 12})
    assert (row(profile).hours_per_week, row(profile).version) == (12, version + 1)
    assert candidates_sync(profile_ids=[profile.pk]) == []  # idempotent


def test_hiding_unlists_the_row_and_publishing_lists_it_again():
    profile = ProfileFactory()
    ExperienceFactory(profile=profile)
    services.profile_hide(profile_id=profile.pk)
    assert not row(profile).listed
    services.profile_publish(profile_id=profile.pk)
    assert row(profile).listed


def test_a_deactivated_account_is_unlisted():
    profile = ProfileFactory()
    profile.user.is_active = False
    profile.user.save()
    assert not row(profile).listed


def test_a_second_specialization_adds_a_row_with_its_level_and_the_first_keeps_its_own():
    profile = ProfileFactory(level=level("middle"))
    old = profile.specialization
    new, skill = SpecializationFactory(), SkillFactory()
    services.profile_grant(
        user=profile.user, specialization=new, level=level("lead"), verified_skills=[skill]
    )
    first = row(profile, old)
    assert first.listed and first.level_id == level("middle").pk
    fresh = row(profile, new)
    assert fresh.listed and fresh.level_id == level("lead").pk and fresh.verified_skills == [skill.pk]
    assert first.verified_skills == [skill.pk]  # the profile's skills are shared by its rows


def test_a_specialization_no_longer_held_unlists_its_row_only():
    profile = ProfileFactory(level=level("middle"))
    old = profile.specialization
    new = SpecializationFactory()
    services.profile_grant(user=profile.user, specialization=new, level=level("senior"))
    profile.qualifications.filter(specialization=old).delete()
    candidates_sync(profile_ids=[profile.pk])
    assert not row(profile, old).listed
    assert row(profile, new).listed


def test_an_unpublished_profile_has_no_row():
    profile = ProfileFactory(is_published=False)
    assert not Candidate.objects.filter(profile=profile).exists()
