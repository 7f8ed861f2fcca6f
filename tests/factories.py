"""Factories shared by every app's tests. App-specific factories live in tests/<app>/factories.py."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone
from typing_extensions import override

from accounts.models import MODERATORS_GROUP, User
from matching.candidates import candidates_load
from matching.models import NeedRanking
from profiles.models import Profile, ProfileSkill, Qualification
from vetting.models import Level, Skill, Specialization

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Faker("name")
    role = User.Role.CUSTOMER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Email verified by default, as allauth requires before login."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        if create:
            self.save()


class CustomerFactory(UserFactory):
    role = User.Role.CUSTOMER


class ApplicantFactory(UserFactory):
    role = User.Role.APPLICANT


class ModeratorFactory(UserFactory):
    role = ""
    is_staff = True

    @factory.post_generation
    def moderators_group(self, create, _extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=MODERATORS_GROUP))


class SuperuserFactory(UserFactory):
    role = ""
    is_staff = True
    is_superuser = True


def level(code: str) -> Level:
    """Levels are reference data created by a migration: junior, middle, senior, lead."""
    return Level.objects.get(code=code)


class SpecializationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialization
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"specialization-{n}")
    name_en = factory.Sequence(lambda n: f"Specialization {n}")
    name_ru = factory.Sequence(lambda n: f"Специализация {n}")
    reapply_cooldown_days = 90


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class ProfileFactory(factory.django.DjangoModelFactory):
    """A vetted, published profile (listed in the catalogue)."""

    class Meta:
        model = Profile

    user = factory.SubFactory(ApplicantFactory)
    specialization = factory.SubFactory(SpecializationFactory)
    level = factory.LazyFunction(lambda: level("senior"))
    accepted_at = factory.LazyFunction(timezone.now)
    headline = factory.Faker("sentence", nb_words=6)
    summary = factory.Faker("paragraph")
    years_experience = 6
    hours_per_week = 30
    rate_min = 2000
    rate_max = 3000
    currency = "RUB"
    utc_offset = 3
    is_published = True

    @factory.post_generation
    def qualification(self, create, _extracted, **_kwargs):
        """The qualification its specialization and level stand for (as profile_grant writes)."""
        if create and self.level_id:
            Qualification.objects.create(
                profile=self,
                specialization=self.specialization,
                level=self.level,
                granted_at=self.accepted_at or timezone.now(),
            )

    @classmethod
    @override
    def _after_postgeneration(cls, instance, create, results=None):
        # Written without the services: bring the matching's read model along (as applied: the
        # test ranks what it needs).
        if create:
            candidates_load(profile_ids=[instance.pk])


class ProfileSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileSkill

    profile = factory.SubFactory(ProfileFactory)
    skill = factory.SubFactory(SkillFactory)
    verified = False

    @classmethod
    @override
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            candidates_load(profile_ids=[instance.profile_id])


def ranking_state(need) -> str:
    """matching's state of the need ("idle" when it has no ranking row yet)."""
    return NeedRanking.objects.filter(need_id=need.pk).values_list("state", flat=True).first() or "idle"


def set_ranking(need, **fields) -> NeedRanking:
    """Put the need's ranking row in a given state directly (the services are the usual way)."""
    ranking, _ = NeedRanking.objects.update_or_create(need_id=need.pk, defaults=fields)
    return ranking
