import datetime

import factory
from typing_extensions import override

from matching.candidates import candidates_load
from profiles.models import Experience, ProfileLanguage
from tests.factories import ProfileFactory


class ExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experience

    profile = factory.SubFactory(ProfileFactory)
    organization = factory.Sequence(lambda n: f"Company {n}")
    started_on = datetime.date(2020, 1, 1)
    ended_on = datetime.date(2022, 6, 1)
    task = "Move the billing to a new payment provider."
    process = "Weekly iterations, code review, feature flags."
    team = "Platform"
    team_size = 5
    role = "Backend lead"
    contribution = "Designed the migration and wrote the reconciliation jobs."
    outcome = "Nothing was lost."


class ProfileLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileLanguage

    profile = factory.SubFactory(ProfileFactory)
    language = "en"
    proficiency = 3

    @classmethod
    @override
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            candidates_load(profile_ids=[instance.profile_id])
