import importlib

import factory

from needs.models import Need
from tests.factories import CustomerFactory, SpecializationFactory, level
from vetting.models import Level


class NeedFactory(factory.django.DjangoModelFactory):
    """An open need (created directly: no matching run is requested; call the services for that)."""

    class Meta:
        model = Need
        skip_postgeneration_save = True

    customer = factory.SubFactory(CustomerFactory)
    title = factory.Sequence(lambda n: f"Ongoing need {n}")
    specialization = factory.SubFactory(SpecializationFactory)
    level = factory.LazyFunction(lambda: level("senior"))
    description = "We need someone who owns it."
    hours_per_week = 20
    budget_min = 1500
    budget_max = 3000
    currency = "RUB"
    state = Need.State.OPEN

    @factory.post_generation
    def must_have(self, create, extracted, **kwargs):
        if create and extracted:
            self.must_have_skills.set(extracted)

    @factory.post_generation
    def nice_to_have(self, create, extracted, **kwargs):
        if create and extracted:
            self.nice_to_have_skills.set(extracted)


def ensure_levels() -> None:
    """Transactional tests flush the tables, data migrations included: put the levels back."""

    rows = importlib.import_module("vetting.migrations.0003_levels").LEVELS
    for rank, code, name_en, name_ru, description_en, description_ru in rows:
        Level.objects.update_or_create(
            code=code,
            defaults={
                "rank": rank,
                "name_en": name_en,
                "name_ru": name_ru,
                "description_en": description_en,
                "description_ru": description_ru,
            },
        )
