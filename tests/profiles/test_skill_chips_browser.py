"""The catalogue's skills as searchable chips: typed, picked by keyboard, removed, limited to the
chosen specialization; the results follow (htmx). Without JS the same checkboxes are the form."""

import pytest
from playwright.sync_api import expect

from tests.factories import ProfileFactory, ProfileSkillFactory, SkillFactory, SpecializationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue():
    backend = SpecializationFactory(name_en="Backend development")
    design = SpecializationFactory(name_en="UI/UX design")
    python, postgres, figma = (SkillFactory(name=n) for n in ("Python", "PostgreSQL", "Figma"))
    ann = ProfileFactory(specialization=backend, headline="Ann builds APIs")
    bob = ProfileFactory(specialization=backend, headline="Bob runs databases")
    dee = ProfileFactory(specialization=design, headline="Dee draws interfaces")
    for profile, skills in ((ann, [python, postgres]), (bob, [postgres]), (dee, [figma])):
        for skill in skills:
            ProfileSkillFactory(profile=profile, skill=skill)
    return backend


def test_skills_are_picked_as_chips_by_keyboard_within_the_specialization(page, catalogue):
    page.goto(page.url_for("/specialists/"))
    results = page.locator("#results")
    combo = page.get_by_role("combobox", name="Skills (all of)")
    listbox = page.locator("#id_skills-listbox")  # the chips' own (the selects have options too)
    expect(page.locator("#id_skills")).to_be_hidden()  # the checkboxes are behind the chips

    page.select_option("select[name=specialization]", str(catalogue.pk))
    expect(results).not_to_contain_text("Dee draws interfaces")
    combo.fill("fig")  # a design skill: not offered for backend
    expect(listbox.get_by_role("option")).to_have_count(0)
    expect(listbox).to_contain_text("No matching skill")

    combo.fill("p")
    expect(listbox.get_by_role("option")).to_have_text(["PostgreSQL", "Python"])
    expect(listbox.get_by_role("option", selected=True)).to_have_text("PostgreSQL")  # typing: the first
    combo.press("ArrowDown")
    python = listbox.get_by_role("option", selected=True)
    expect(python).to_have_text("Python")
    expect(combo).to_have_attribute("aria-activedescendant", python.get_attribute("id"))
    combo.press("Enter")
    chips = page.locator(".chips-chosen")
    expect(chips).to_have_text("Python×")
    expect(results).to_contain_text("Ann builds APIs")
    expect(results).not_to_contain_text("Bob runs databases")
    assert "skills=" in page.url  # the filter is in the address (htmx pushes it)

    page.get_by_role("button", name="Remove Python").click()
    expect(results).to_contain_text("Bob runs databases")
    combo.fill("post")
    combo.press("Enter")  # the first match is active once one types
    expect(chips).to_have_text("PostgreSQL×")
    combo.press("Backspace")  # on an empty box: the last chip goes
    expect(chips).to_have_text("")


def test_without_javascript_the_checkboxes_filter(_playwright_browser, live_server, catalogue):
    context = _playwright_browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + f"/specialists/?specialization={catalogue.pk}")
        expect(page.get_by_label("Figma")).to_be_hidden()  # another specialization's skill
        page.get_by_label("Python").check()
        page.get_by_role("button", name="Show").click()
        page.wait_for_load_state()
        expect(page.locator("#results")).to_contain_text("Ann builds APIs")
        expect(page.locator("#results")).not_to_contain_text("Bob runs databases")
    finally:
        context.close()


def test_choosing_a_specialization_drops_the_skills_of_others(page, catalogue):
    page.goto(page.url_for("/specialists/"))
    combo = page.get_by_role("combobox", name="Skills (all of)")
    combo.fill("figma")
    combo.press("Enter")
    expect(page.locator(".chips-chosen")).to_have_text("Figma×")
    expect(page.locator("#results")).to_contain_text("Dee draws interfaces")
    page.select_option("select[name=specialization]", str(catalogue.pk))
    expect(page.locator(".chips-chosen")).to_have_text("")
    expect(page.locator("#results")).to_contain_text("Ann builds APIs")
    expect(page.locator("#results")).to_contain_text("Bob runs databases")
    assert "skills=" not in page.url
