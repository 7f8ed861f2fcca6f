"""The catalogue: filters alone and combined, search on both databases, sorting, htmx, query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles import selectors, services
from profiles.search import reindex
from tests.factories import ProfileFactory, ProfileSkillFactory, SkillFactory, SpecializationFactory, level
from tests.profiles.factories import ExperienceFactory, ProfileLanguageFactory
from vetting.models import Level

pytestmark = pytest.mark.django_db


def found(client, **params) -> list:
    response = client.get(reverse("profiles:catalogue"), params)
    assert response.status_code == 200
    return [p.pk for p in response.context["page"].profiles]


@pytest.fixture
def world():
    backend = SpecializationFactory(slug="backend", name_en="Backend development")
    editing = SpecializationFactory(slug="editing", name_en="Editing")
    django, kotlin = SkillFactory(name="Django"), SkillFactory(name="Kotlin")
    w = {
        "backend": backend,
        "editing": editing,
        "django": django,
        "kotlin": kotlin,
        "ann": ProfileFactory(
            specialization=backend,
            level=level("senior"),
            hours_per_week=30,
            rate_min=3000,
            rate_max=4000,
            utc_offset=3,
            headline="Payments backend",
            summary="Ten years of services.",  # fixed: Faker's words ("magazine"...) would match searches
        ),
        "bob": ProfileFactory(
            specialization=backend,
            level=level("junior"),
            hours_per_week=10,
            rate_min=1000,
            rate_max=1500,
            utc_offset=-5,
            headline="Junior API developer",
            summary="Two years of services.",
        ),
        "cat": ProfileFactory(
            specialization=editing,
            level=level("lead"),
            hours_per_week=20,
            rate_min=None,
            rate_max=None,
            utc_offset=1,
            headline="Editor of long reads",
            summary="Words for print.",
        ),
    }
    ProfileSkillFactory(profile=w["ann"], skill=django, verified=True)
    ProfileSkillFactory(profile=w["ann"], skill=kotlin)
    ProfileSkillFactory(profile=w["bob"], skill=django)
    ProfileLanguageFactory(profile=w["ann"], language="en")
    ProfileLanguageFactory(profile=w["ann"], language="de")
    ProfileLanguageFactory(profile=w["bob"], language="en")
    ProfileLanguageFactory(profile=w["cat"], language="ru")
    ExperienceFactory(
        profile=w["cat"], organization="Weekly Magazine", contribution="Edited the crossword column"
    )
    reindex()
    return w


def ids(w, *names):
    return sorted(w[n].pk for n in names)


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, ["ann", "bob", "cat"]),
        ({"specialization": "backend"}, ["ann", "bob"]),
        ({"min_level": "senior"}, ["ann", "cat"]),
        ({"min_level": "lead"}, ["cat"]),
        ({"specialization": "backend", "min_level": "senior"}, ["ann"]),
        ({"skills": ["django"]}, ["ann", "bob"]),
        ({"skills": ["django", "kotlin"]}, ["ann"]),
        ({"languages": ["en"]}, ["ann", "bob"]),
        ({"languages": ["en", "de"]}, ["ann"]),
        ({"min_hours": 20}, ["ann", "cat"]),
        ({"rate_max": 25}, ["bob"]),  # in USD on an English page: 1,000 RUB is 12.50, 3,000 is 37.50
        ({"utc_min": 0, "utc_max": 3}, ["ann", "cat"]),
        (
            {"specialization": "backend", "min_level": "middle", "skills": ["django"], "languages": ["en"]},
            ["ann"],
        ),
        ({"specialization": "editing", "min_hours": 40}, []),
        ({"min_level": "senior", "utc_min": 2, "min_hours": 25, "rate_max": 40}, ["ann"]),
    ],
)
def test_filters_alone_and_combined(client, world, params, expected):
    resolved = {}
    for key, value in params.items():
        if key == "specialization":
            resolved[key] = world[value].pk
        elif key == "min_level":
            resolved[key] = level(value).pk
        elif key == "skills":
            resolved[key] = [world[v].pk for v in value]
        else:
            resolved[key] = value
    assert sorted(found(client, **resolved)) == ids(world, *expected)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("payments", ["ann"]),  # headline
        ("kotlin", ["ann"]),  # skill
        ("crossword", ["cat"]),  # experience contribution
        ("magazine", ["cat"]),  # experience organization
        ("django", ["ann", "bob"]),  # skills of two
        ("api developer", ["bob"]),  # every word
        ("nonexistentword", []),
    ],
)
def test_search_finds_headline_skills_and_experience(client, world, query, expected):
    assert sorted(found(client, q=query)) == ids(world, *expected)


def test_search_follows_edits_through_the_services(client, world):
    services.profile_update(profile=world["bob"], fields={"headline": "Observability engineer"})
    assert found(client, q="observability") == [world["bob"].pk]


def test_search_combined_with_filters(client, world):
    assert found(client, q="django", min_level=level("senior").pk) == [world["ann"].pk]


@pytest.mark.parametrize(
    "sort, first",
    [("level", "cat"), ("availability", "ann"), ("rate", "bob")],
)
def test_sorting(client, world, sort, first):
    assert found(client, sort=sort)[0] == world[first].pk


@pytest.mark.usefixtures("world")
def test_bad_filter_values_are_ignored_not_a_500(client):
    response = client.get(
        reverse("profiles:catalogue"),
        {"min_level": "abc", "skills": ["999999"], "min_hours": "lots", "sort": "nope", "page": "x"},
    )
    assert response.status_code == 200


@pytest.mark.usefixtures("world")
def test_htmx_gets_only_the_results_partial(client):
    response = client.get(
        reverse("profiles:catalogue"),
        {"q": "payments"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="results",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="results"')
    assert "Payments backend" in body and "<html" not in body


def test_pagination_has_next_and_keeps_filters(client):
    spec = SpecializationFactory()
    ProfileFactory.create_batch(23, specialization=spec)
    response = client.get(reverse("profiles:catalogue"), {"specialization": spec.pk})
    page = response.context["page"]
    assert len(page.profiles) == 20 and page.has_next and page.count == 23
    assert f"specialization={spec.pk}&amp;page=2" in response.content.decode()
    second = client.get(reverse("profiles:catalogue"), {"specialization": spec.pk, "page": 2}).context["page"]
    assert len(second.profiles) == 3 and not second.has_next


def _with_skills(count: int, skills_each: int, skills):
    for profile in ProfileFactory.create_batch(count):
        for skill in skills[:skills_each]:
            ProfileSkillFactory(profile=profile, skill=skill)
    reindex()


@pytest.mark.parametrize("params", [{"sort": "level"}, {"sort": "rate", "q": "skill", "min_level": "junior"}])
def test_query_count_is_constant_in_page_size_and_skills(client, params):
    skills = [SkillFactory(name=f"Skill a{i}") for i in range(8)]
    params = {**params, "skills": [skills[0].pk]}
    if "min_level" in params:
        params["min_level"] = level(params["min_level"]).pk
    url = reverse("profiles:catalogue")
    _with_skills(2, 1, skills)
    client.get(url, params)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as small:
        assert len(client.get(url, params).context["page"].profiles) == 2
    _with_skills(30, 8, skills)
    client.get(url, params)  # the factories added specializations: the choices are read again once
    with CaptureQueriesContext(connection) as large:
        response = client.get(url, params)
    assert len(response.context["page"].profiles) == 20
    assert len(large.captured_queries) == len(small.captured_queries) <= 7


@pytest.mark.parametrize("key", ["skills", "specialization", "level", "min_level"])
@pytest.mark.usefixtures("world")
def test_ids_beyond_64_bits_are_ignored_not_a_500(client, key):
    response = client.get(reverse("profiles:catalogue"), {key: "9" * 40})
    assert response.status_code == 200
    assert len(response.context["page"].profiles) == 3


def test_profile_page_with_a_huge_id_is_404(client):
    assert client.get(f"/specialists/{'9' * 40}/").status_code == 404


def count_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]


def test_count_is_capped_and_no_query(client, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    ProfileFactory.create_batch(21)  # more than a page
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("profiles:catalogue"))
    assert response.context["page"].capped and count_queries(captured) == []  # the walk is the count
    assert "More than 5 specialists" in response.content.decode()


def test_a_walk_that_ends_is_its_own_exact_count(client, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    ProfileFactory.create_batch(7)
    response = client.get(reverse("profiles:catalogue"))
    assert response.context["page"].count == 7 and not response.context["page"].capped
    assert "7 specialists" in response.content.decode()
    ProfileFactory.create_batch(20)
    second = client.get(reverse("profiles:catalogue"), {"page": 2}).context["page"]
    assert second.count == 27 and not second.capped  # the walk read 41 keys and found the end


def test_a_filters_count_never_lags(client):
    spec = SpecializationFactory()
    ProfileFactory.create_batch(21, specialization=spec)
    url = reverse("profiles:catalogue")
    assert client.get(url, {"specialization": spec.pk}).context["page"].count == 21
    ProfileFactory(specialization=spec)
    later = client.get(url, {"specialization": spec.pk, "sort": "rate", "page": 2}).context["page"]
    assert later.count == 22 and len(later.profiles) == 2
    assert client.get(url, {"specialization": spec.pk}).context["page"].count == 22  # listing renewed


def test_a_new_skill_shows_in_the_filter_at_once(client):
    url = reverse("profiles:catalogue")
    client.get(url)  # the choices are cached
    skill = SkillFactory(name="Rust")
    page = client.get(url).content.decode()
    assert f'name="skills" value="{skill.pk}" id="id_skills_0"> Rust</label>' in page
    skill.delete()
    assert "Rust" not in client.get(url).content.decode()


@pytest.mark.usefixtures("world")
def test_the_filter_options_follow_the_language(client):
    senior = Level.objects.get(code="senior")
    page = client.get(reverse("profiles:catalogue"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert f'<option value="{senior.pk}">{senior.name_ru} и выше</option>' in page
    page = client.get(reverse("profiles:catalogue"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<option value="{senior.pk}">{senior.name_en} or higher</option>' in page
