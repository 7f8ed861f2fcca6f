"""The search's relevance set: queries as customers write them, with the profiles each must find,
in groups (word forms in Russian and English, the two languages meeting, typos, prefixes,
synonyms), run on whichever database the suite runs on: SQLite's Python stemming promises the
same as PostgreSQL's configurations. Each group's recall is printed (-s) and must be 100%.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from profiles import words
from profiles.models import Profile, Synonym
from profiles.search import reindex
from tests.factories import (
    ProfileFactory,
    ProfileSkillFactory,
    SkillFactory,
    SpecializationFactory,
    SuperuserFactory,
    level,
)
from tests.profiles.factories import ExperienceFactory

pytestmark = pytest.mark.django_db

# name -> (specialization slug, headline, summary, skills (name, Russian name), experience role)
PEOPLE = {
    "ru_translator": ("translation", "Переводчик технической документации",
                      "Перевожу тексты с английского и немецкого.",
                      [("Legal translation", "Юридический перевод")], "Ведущий переводчик"),
    "en_translator": ("translation", "Technical translator", "I translate manuals and contracts.",
                      [("Terminology", "Терминология")], "Translator"),
    "ru_editor": ("editing", "Редактор деловых текстов", "Правлю статьи и рассылки.",
                  [("Proofreading", "Корректура")], "Шеф-редактор"),
    "ru_illustrator": ("illustration", "Иллюстратор детских книг", "Рисую обложки и персонажей.",
                       [("Procreate", "")], "Иллюстратор"),
    "en_illustrator": ("illustration", "Children's book artist", "Covers and characters.",
                       [("Vector illustration", "Векторная иллюстрация")], "Artist"),
    "js_dev": ("frontend-development", "Web developer", "Single-page applications for shops.",
               [("JavaScript", ""), ("React", "")], "Developer"),
    "k8s_dev": ("backend-development", "Платформенный инженер", "Держу кластеры в порядке.",
                [("Kubernetes", "")], "Инженер"),
    "py_dev": ("backend-development", "Разработчик платёжных сервисов", "Пишу сервисы для банков.",
               [("Python", "")], "Разработчик"),
    "payments_en": ("backend-development", "Payment systems engineer", "Built payments for banks.",
                    [("PostgreSQL", "")], "Engineer"),
    "designer": ("ui-ux-design", "Product designer", "Research, flows and prototypes.",
                 [("Figma", "")], "Designer"),
    "copywriter": ("copywriting", "Автор рекламных текстов", "Пишу для брендов.",
                   [("Copywriting", "Копирайтинг")], "Копирайтер"),
}  # fmt: skip

SPECIALIZATIONS = {
    "translation": ("Translation", "Перевод"),
    "editing": ("Editing", "Редактура"),
    "illustration": ("Illustration", "Иллюстрация"),
    "frontend-development": ("Frontend development", "Фронтенд-разработка"),
    "backend-development": ("Backend development", "Бэкенд-разработка"),
    "ui-ux-design": ("UI/UX design", "UI/UX-дизайн"),
    "copywriting": ("Copywriting", "Копирайтинг"),
}

# group -> [(query, the profiles it must find)]
RELEVANCE_SET = {
    "word forms (ru)": [
        ("ищу переводчика", ["ru_translator"]),
        ("переводчиков", ["ru_translator"]),
        ("редактора", ["ru_editor"]),
        ("иллюстраторы", ["ru_illustrator"]),
        ("текстов", ["ru_translator", "ru_editor", "copywriter"]),
        ("платёжного сервиса", ["py_dev"]),
        ("кластеров", ["k8s_dev"]),
    ],
    "word forms (en)": [
        ("payment", ["payments_en"]),
        ("translators", ["en_translator"]),
        ("translating contract", ["en_translator"]),
        ("applications", ["js_dev"]),
        ("prototype", ["designer"]),
    ],
    "cross-language": [
        ("перевод", ["ru_translator", "en_translator"]),
        ("illustration", ["ru_illustrator", "en_illustrator"]),
        ("иллюстрация", ["ru_illustrator", "en_illustrator"]),
        ("дизайн", ["designer"]),
        ("editing", ["ru_editor"]),
        ("копирайтинг", ["copywriter"]),
        ("terminology", ["en_translator"]),
        ("терминология", ["en_translator"]),
    ],
    "typos": [
        ("kubernets", ["k8s_dev"]),
        ("javascrpt", ["js_dev"]),
        ("pyhton", ["py_dev"]),
        ("figmma", ["designer"]),
        ("иллюстрацыя", ["ru_illustrator", "en_illustrator"]),
    ],
    "prefixes": [
        ("illustrat", ["ru_illustrator", "en_illustrator"]),
        ("переводч", ["ru_translator"]),
        ("kuber", ["k8s_dev"]),
        ("платёжн", ["py_dev"]),
    ],
    "synonyms": [
        ("js", ["js_dev"]),
        ("k8s", ["k8s_dev"]),
        ("питон", ["py_dev"]),
        ("фронтенд", ["js_dev"]),
        ("ux", ["designer"]),
        ("копирайтер", ["copywriter"]),
    ],
}


@pytest.fixture
def people():
    specs = {
        slug: SpecializationFactory(slug=slug, name_en=en, name_ru=ru)
        for slug, (en, ru) in SPECIALIZATIONS.items()
    }
    made = {}
    for name, (spec, headline, summary, skills, role) in PEOPLE.items():
        profile = ProfileFactory(specialization=specs[spec], headline=headline, summary=summary)
        for skill_name, skill_ru in skills:
            skill = SkillFactory(name=skill_name, slug=skill_name.lower().replace(" ", "-"), name_ru=skill_ru)
            ProfileSkillFactory(profile=profile, skill=skill)
        ExperienceFactory(profile=profile, organization="Acme", role=role, team="", contribution="—")
        made[name] = profile.pk
    reindex()
    return made


def found(client, **params) -> list[int]:
    response = client.get(reverse("profiles:catalogue"), params)
    assert response.status_code == 200
    return [p.pk for p in response.context["page"].profiles]


@pytest.mark.parametrize("group", RELEVANCE_SET)
def test_relevance_set_recall(client, people, group):
    wanted = hit = 0
    misses = []
    for query, expected in RELEVANCE_SET[group]:
        got = set(found(client, q=query))
        for name in expected:
            wanted += 1
            if people[name] in got:
                hit += 1
            else:
                misses.append(f"{query!r} missed {name}")
    print(f"recall {group}: {hit}/{wanted} = {hit / wanted:.0%}")
    assert not misses, misses


@pytest.mark.usefixtures("people")
def test_short_words_are_not_prefixes(client):
    """Two letters are not read as the start of a word: "ра" would match most of the catalogue."""
    assert found(client, q="ра") == []


def test_best_match_is_the_default_order_when_searching(client):
    spec = SpecializationFactory()
    in_summary = ProfileFactory(specialization=spec, headline="Editor", summary="Kotlin on the side.",
                                level=level("lead"))  # fmt: skip
    in_headline_junior = ProfileFactory(specialization=spec, headline="Kotlin developer", summary="Apps.",
                                        level=level("junior"))  # fmt: skip
    in_headline_senior = ProfileFactory(specialization=spec, headline="Kotlin engineer", summary="Apps.",
                                        level=level("senior"))  # fmt: skip
    reindex()
    expected = [in_headline_senior.pk, in_headline_junior.pk, in_summary.pk]
    assert found(client, q="kotlin") == expected
    assert found(client, q="kotlin", sort="relevance") == expected
    # the other orders stay
    assert found(client, q="kotlin", sort="level") == [
        in_summary.pk,
        in_headline_senior.pk,
        in_headline_junior.pk,
    ]


def test_recency_breaks_a_tie_of_rank_and_level(client):
    spec = SpecializationFactory()
    older, newer = ProfileFactory.create_batch(
        2, specialization=spec, headline="Kotlin developer", summary="Apps."
    )

    Profile.objects.filter(pk=older.pk).update(last_active_at=timezone.now() - timedelta(days=30))
    reindex()
    assert found(client, q="kotlin") == [newer.pk, older.pk]


def test_the_thesaurus_is_edited_in_admin_and_applies_at_once(client, people):
    assert found(client, q="верстальщик") == []
    Synonym.objects.create(terms="верстальщик, web developer")
    assert found(client, q="верстальщика") == [people["js_dev"]]


def test_the_thesaurus_admin_is_translated_and_checks_a_group(client):
    client.force_login(SuperuserFactory())
    listing = client.get(reverse("admin:profiles_synonym_changelist"), HTTP_ACCEPT_LANGUAGE="ru")
    assert "Синонимы поиска" in listing.content.decode()
    assert Synonym.objects.filter(terms__contains="k8s").exists()  # seeded by the migration
    add = reverse("admin:profiles_synonym_add")
    response = client.post(add, {"terms": "lonely"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Give at least two terms" in response.content.decode()
    assert not Synonym.objects.filter(terms="lonely").exists()


def test_a_long_query_is_cut_to_what_is_cheap_to_read(client, people):
    assert len(words.read_query(" ".join(f"word{i}" for i in range(50)))) == words.MAX_UNITS
    response = client.get(reverse("profiles:catalogue"), {"q": "переводчикк " * 1000})
    assert response.status_code == 200
    found = {p.pk for p in response.context["page"].profiles}  # a typo of переводчик = translator
    assert found == {people["ru_translator"], people["en_translator"]}


def test_best_match_window_holds_only_profiles_with_the_filtered_skills(client, monkeypatch):
    # The ranked window (the first RANK_WINDOW matches in the level order) is chosen after the
    # skill and language filters: higher-level matches without the skill never take its places.
    monkeypatch.setattr("profiles.selectors.RANK_WINDOW", 2)
    spec, kotlin = SpecializationFactory(), SkillFactory(name="Kotlin")
    for _ in range(3):
        ProfileFactory(specialization=spec, headline="Kotlin engineer", level=level("lead"))
    with_skill = [
        ProfileFactory(specialization=spec, headline=headline, summary="Kotlin apps.", level=level("junior"))
        for headline in ("Kotlin developer", "Mobile developer")
    ]
    for profile in with_skill:
        ProfileSkillFactory(profile=profile, skill=kotlin)
    reindex()
    assert sorted(found(client, q="kotlin", skills=[kotlin.pk])) == [p.pk for p in with_skill]
