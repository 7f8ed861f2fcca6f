"""The catalogue's skills filter: checkboxes a script turns into chips, limited to the skills the
chosen specialization's specialists hold; a skill of another one is left out with a word, never a 500
or an empty page."""

import re

import pytest
from django.urls import reverse

from tests.factories import ProfileFactory, ProfileSkillFactory, SkillFactory, SpecializationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    backend = SpecializationFactory(name_en="Backend development")
    design = SpecializationFactory(name_en="UI/UX design")
    python, figma, git = (SkillFactory(name=name) for name in ("Python", "Figma", "Git"))
    ann = ProfileFactory(specialization=backend)
    bob = ProfileFactory(specialization=backend)
    dee = ProfileFactory(specialization=design)
    hidden = ProfileFactory(specialization=backend, is_published=False)
    for profile, skills in ((ann, [python, git]), (bob, [git]), (dee, [figma, git]), (hidden, [figma])):
        for skill in skills:
            ProfileSkillFactory(profile=profile, skill=skill)
    return {k: v for k, v in locals().items() if k != "skills"}


def _skill_rows(page: str) -> dict[str, tuple[str, bool, bool]]:
    """Skill name -> (the specializations it says, hidden, checked)."""
    rows = re.findall(
        r'<div data-specializations="([^"]*)"( hidden)?><label[^>]*>'
        r'<input type="checkbox" name="skills" value="\d+" id="[^"]+"( checked)?> ([^<]+)</label>',
        page,
    )
    return {name: (specs, bool(hidden), bool(checked)) for specs, hidden, checked, name in rows}


def _get(client, **query):
    return client.get(reverse("profiles:catalogue"), query)


def test_without_a_specialization_every_skill_is_offered_with_whose_it_is(client, world):
    rows = _skill_rows(_get(client).content.decode())
    w = world
    assert rows["Python"] == (str(w["backend"].pk), False, False)
    assert rows["Figma"] == (str(w["design"].pk), False, False)  # the unlisted profile does not count
    assert rows["Git"] == (" ".join(sorted(str(w[s].pk) for s in ("backend", "design"))), False, False)


def test_a_chosen_specialization_offers_only_its_skills(client, world):
    w = world
    response = _get(client, specialization=w["backend"].pk, skills=[w["python"].pk])
    rows = _skill_rows(response.content.decode())
    assert rows["Python"][1:] == (False, True)
    assert rows["Git"][1:] == (False, False)
    assert rows["Figma"][1:] == (True, False)  # another specialization's: hidden (no JS needs it)
    assert [p.pk for p in response.context["page"].profiles] == [w["ann"].pk]


def test_a_skill_of_another_specialization_is_left_out_with_a_word(client, world):
    w = world
    response = _get(client, specialization=w["backend"].pk, skills=[w["figma"].pk, w["git"].pk])
    assert response.status_code == 200
    page = response.content.decode()
    assert "Left out of the filter: Figma. No specialist of the chosen specialization lists them." in page
    assert sorted(p.pk for p in response.context["page"].profiles) == sorted([w["ann"].pk, w["bob"].pk])
    assert _skill_rows(page)["Figma"] == (
        str(w["design"].pk),
        True,
        False,
    )  # unchecked: the next search drops it


def test_the_word_comes_with_the_htmx_results_too(client, world):
    w = world
    response = client.get(
        reverse("profiles:catalogue"),
        {"specialization": w["design"].pk, "skills": [w["python"].pk]},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="results",
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="results"')
    assert "Left out of the filter: Python." in page


@pytest.mark.parametrize("value", ["x", "0", "9" * 30, "-1"])
def test_a_skill_that_is_no_skill_is_a_form_error_not_a_500(client, world, value):
    response = _get(client, specialization=world["backend"].pk, skills=[value])
    assert response.status_code == 200
    assert response.context["filter"].form.errors["skills"]


@pytest.mark.usefixtures("world")
def test_the_chips_words_are_translated(client):
    page = client.get(reverse("profiles:catalogue"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'data-placeholder="Начните вводить навык"' in page
    assert 'data-remove="Убрать %s"' in page
    assert "js/chips.js" in page
