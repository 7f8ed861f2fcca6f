"""Skill names in the reader's language: every seeded skill has a Russian name, and every page that
shows skills (catalogue cards and filter, profile page, need form and need page) shows it on
Russian pages, the English one on English pages and when there is no Russian name."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from bench.loader import _reference
from demo.reference import configure
from tests.factories import CustomerFactory, ProfileFactory, ProfileSkillFactory, SkillFactory
from vetting.models import Skill

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    translation.activate("en")  # a Russian request leaves its language active in this thread


def test_every_seeded_skill_has_a_russian_name():
    configure()  # the demo's specializations and the skills their tests check
    _reference()  # the bench loader's: those, every specialization's other skills, the long tail
    assert Skill.objects.count() > 40
    assert list(Skill.objects.filter(name_ru="").values_list("name", flat=True)) == []


@pytest.fixture
def profile():
    profile = ProfileFactory()
    ProfileSkillFactory(profile=profile, skill=SkillFactory(name="Proofreading", name_ru="Корректура"))
    ProfileSkillFactory(profile=profile, skill=SkillFactory(name="Kotlin", name_ru=""))
    return profile


def _page(client, url, language) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "language, shown, hidden", [("ru", "Корректура", "Proofreading"), ("en", "Proofreading", "Корректура")]
)
def test_catalogue_and_profile_page_show_skills_in_the_readers_language(
    client, profile, language, shown, hidden
):
    catalogue = _page(client, reverse("profiles:catalogue"), language)
    skill = Skill.objects.get(name="Proofreading")
    assert re.search(f'name="skills" value="{skill.pk}" id="id_skills_[0-9]+"> {shown}</label>', catalogue)
    assert f'<li class="skill-chip">{shown}</li>' in catalogue  # the card
    detail = _page(client, reverse("profiles:detail", args=[profile.pk]), language)
    for page in (catalogue, detail):
        assert shown in page and hidden not in page
        assert "Kotlin" in page  # no Russian name: the English one


@pytest.mark.usefixtures("profile")
def test_need_form_offers_skills_in_the_readers_language(client):
    client.force_login(CustomerFactory())
    page = _page(client, reverse("needs:create"), "ru")
    assert "Корректура" in page and "Proofreading" not in page and "Kotlin" in page
