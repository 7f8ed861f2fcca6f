"""A person accepted in several specializations holds each with its own level: the grant, the
catalogue (filter, level order, card) and the profile's primary copy."""

import pytest
from django.urls import reverse

from matching.models import Candidate
from profiles import services
from profiles.models import Profile, Qualification
from profiles.search import reindex
from tests.factories import ProfileFactory, SpecializationFactory, level

pytestmark = pytest.mark.django_db


def held(profile) -> dict:
    return {q.specialization.slug: q.level.code for q in Qualification.objects.filter(profile=profile)}


@pytest.fixture
def world():
    backend = SpecializationFactory(slug="backend", name_en="Backend development")
    design = SpecializationFactory(slug="design", name_en="UI/UX design")
    lead = ProfileFactory(specialization=backend, level=level("lead"), headline="Backend lead")
    services.profile_grant(user=lead.user, specialization=design, level=level("junior"))
    middle = ProfileFactory(specialization=design, level=level("middle"), headline="Product designer")
    reindex()  # the factory writes without the services
    return {"backend": backend, "design": design, "lead": lead, "middle": middle}


def test_a_second_acceptance_adds_a_qualification_and_keeps_the_first():
    backend, design = SpecializationFactory(slug="backend"), SpecializationFactory(slug="design")
    profile = ProfileFactory(specialization=backend, level=level("lead"))
    services.profile_grant(user=profile.user, specialization=design, level=level("junior"))
    assert held(profile) == {"backend": "lead", "design": "junior"}
    profile.refresh_from_db()
    # the primary copy stays the highest: a backend Lead does not become a design Junior
    assert (profile.specialization, profile.level.code, profile.level_rank) == (backend, "lead", 4)


def test_a_higher_level_in_another_specialization_becomes_the_primary():
    backend, design = SpecializationFactory(slug="backend"), SpecializationFactory(slug="design")
    profile = ProfileFactory(specialization=backend, level=level("junior"))
    services.profile_grant(user=profile.user, specialization=design, level=level("senior"))
    profile.refresh_from_db()
    assert (profile.specialization, profile.level.code) == (design, "senior")
    assert held(profile) == {"backend": "junior", "design": "senior"}


def test_a_new_vetting_in_the_same_specialization_updates_only_that_one():
    backend, design = SpecializationFactory(slug="backend"), SpecializationFactory(slug="design")
    profile = ProfileFactory(specialization=backend, level=level("middle"))
    services.profile_grant(user=profile.user, specialization=design, level=level("junior"))
    services.profile_grant(user=profile.user, specialization=design, level=level("lead"))
    assert held(profile) == {"backend": "middle", "design": "lead"}
    profile.refresh_from_db()
    assert profile.specialization == design


def test_a_second_delivery_of_the_same_grant_changes_nothing(django_capture_on_commit_callbacks):
    design = SpecializationFactory(slug="design")
    profile = ProfileFactory(level=level("middle"))
    services.profile_grant(user=profile.user, specialization=design, level=level("senior"))
    before = list(Qualification.objects.filter(profile=profile).values())
    versions = list(Candidate.objects.filter(profile=profile).values_list("specialization_id", "version"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.profile_grant(user=profile.user, specialization=design, level=level("senior"))
    assert list(Qualification.objects.filter(profile=profile).values()) == before
    assert (
        list(Candidate.objects.filter(profile=profile).values_list("specialization_id", "version"))
        == versions
    )
    assert callbacks == []  # nothing to rematch


def test_the_unfiltered_catalogue_lists_each_person_once_with_every_qualification(client, world):
    response = client.get(reverse("profiles:catalogue"))
    pks = [p.pk for p in response.context["page"].profiles]
    assert sorted(pks) == sorted([world["lead"].pk, world["middle"].pk])
    assert pks[0] == world["lead"].pk  # by the highest level held
    body = response.content.decode()
    assert "Also:" in body and "UI/UX design (Junior)" in body


def test_filtered_by_a_specialization_the_catalogue_uses_that_level(client, world):
    design = world["design"].pk
    page = client.get(reverse("profiles:catalogue"), {"specialization": design, "sort": "level"})
    profiles = page.context["page"].profiles
    # the level order within design: the Middle designer before the backend Lead who is a design Junior
    assert [p.pk for p in profiles] == [world["middle"].pk, world["lead"].pk]
    assert [q.level.code for q in profiles[1].shown_qualifications] == ["junior", "lead"]
    url = reverse("profiles:detail", args=[world["lead"].pk])
    card = page.content.decode().split(f'href="{url}"')[1].split("</article>")[0]
    assert card.index("Junior") < card.index("UI/UX design") < card.index("Backend development (Lead)")

    at_least_middle = {"specialization": design, "min_level": level("middle").pk}
    assert [
        p.pk for p in client.get(reverse("profiles:catalogue"), at_least_middle).context["page"].profiles
    ] == [world["middle"].pk]
    backend_senior = {"specialization": world["backend"].pk, "min_level": level("senior").pk}
    assert [
        p.pk for p in client.get(reverse("profiles:catalogue"), backend_senior).context["page"].profiles
    ] == [world["lead"].pk]


def test_without_a_specialization_the_level_is_the_highest_held(client, world):
    found = (
        client.get(reverse("profiles:catalogue"), {"min_level": level("lead").pk}).context["page"].profiles
    )
    assert [p.pk for p in found] == [world["lead"].pk]


@pytest.mark.parametrize("sort", ["relevance", "level", "availability", "rate", "active"])
def test_every_sort_within_a_specialization_lists_each_person_once(client, world, sort):
    params = {"specialization": world["design"].pk, "sort": sort}
    if sort == "relevance":
        params["q"] = "design"  # both hold UI/UX design
    pks = [p.pk for p in client.get(reverse("profiles:catalogue"), params).context["page"].profiles]
    assert sorted(pks) == sorted([world["lead"].pk, world["middle"].pk])


def test_a_search_finds_a_person_by_any_specialization_held(client, world):
    found = client.get(reverse("profiles:catalogue"), {"q": "UI/UX"}).context["page"].profiles
    assert {p.pk for p in found} == {world["lead"].pk, world["middle"].pk}


def test_the_profile_page_shows_every_qualification(client, world):
    body = client.get(reverse("profiles:detail", args=[world["lead"].pk])).content.decode()
    section = body.split('id="qualifications"')[1]
    assert section.count('data-testid="qualification"') == 2
    assert section.index("Backend development") < section.index("UI/UX design")  # the primary first


def test_the_catalogue_queries_do_not_grow_with_qualifications(client, world, django_assert_max_num_queries):
    for _ in range(5):
        other = ProfileFactory(specialization=world["backend"], level=level("senior"))
        services.profile_grant(user=other.user, specialization=world["design"], level=level("middle"))
    with django_assert_max_num_queries(9):
        client.get(reverse("profiles:catalogue"), {"specialization": world["design"].pk})
    assert Profile.objects.listed().count() == 7


def test_the_qualifications_keep_the_profiles_sort_columns(client, world):
    lead = world["lead"]
    services.profile_update(profile=lead, fields={"hours_per_week": 5, "rate_min": 100, "rate_max": 200})
    lead.refresh_from_db()
    copies = set(
        Qualification.objects.filter(profile=lead).values_list("hours_per_week", "rate_min_base_cents")
    )
    assert copies == {(5, lead.rate_min_base_cents)}
    params = {"specialization": world["design"].pk, "sort": "availability"}
    found = client.get(reverse("profiles:catalogue"), params).context["page"].profiles
    assert [p.pk for p in found] == [world["middle"].pk, lead.pk]  # 30 h/week before 5
