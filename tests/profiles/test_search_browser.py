"""A Russian-speaking customer searches the catalogue as they write: an inflected word, a typo and
a word in the other language, while typing (htmx), and gets the best matches first."""

import pytest
from playwright.sync_api import expect

from profiles.search import reindex
from tests.factories import ProfileFactory, ProfileSkillFactory, SkillFactory, SpecializationFactory, level

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_customer_finds_translators_and_engineers_as_they_write(_playwright_browser, live_server):
    translation = SpecializationFactory(slug="translation", name_en="Translation", name_ru="Перевод")
    backend = SpecializationFactory(slug="backend", name_en="Backend", name_ru="Бэкенд")
    ProfileFactory(specialization=translation, headline="Переводчик договоров", summary="Юридические тексты.")
    ProfileFactory(specialization=translation, headline="Technical translator", summary="Manuals.",
                   level=level("middle"))  # fmt: skip
    engineer = ProfileFactory(specialization=backend, headline="Платформенный инженер", summary="Кластеры.")
    ProfileSkillFactory(profile=engineer, skill=SkillFactory(name="Kubernetes", slug="kubernetes"))
    reindex()

    context = _playwright_browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/specialists/")
        results = page.locator("#results")

        page.fill("input[name=q]", "ищу переводчика")  # htmx: results follow the typing
        expect(results).not_to_contain_text("Платформенный инженер")
        expect(results).to_contain_text("Переводчик договоров")
        expect(results).to_contain_text("Technical translator")  # переводчик = translator (thesaurus)
        cards = results.locator(".profile-card-headline").all_inner_texts()
        # both headlines match: the senior first
        assert cards.index("Переводчик договоров") < cards.index("Technical translator")

        page.fill("input[name=q]", "kubernets")  # a typo
        expect(results).to_contain_text("Платформенный инженер")
        expect(results).not_to_contain_text("Переводчик договоров")

        page.fill("input[name=q]", "translation")  # the other language: «Перевод» by its English name
        expect(results).not_to_contain_text("Платформенный инженер")
        expect(results).to_contain_text("Переводчик договоров")
        assert page.locator("select[name=sort] option:checked").inner_text() == "Лучшее совпадение"
    finally:
        context.close()
