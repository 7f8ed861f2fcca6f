"""A specialist fills in and publishes the profile; a visitor finds it by filter and by a word."""

import re

import pytest
from playwright.sync_api import expect

from profiles.models import Experience
from tests.factories import PASSWORD, ProfileFactory, SkillFactory, SpecializationFactory, level

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_specialist_edits_and_publishes_then_a_visitor_finds_and_opens_it(page, new_page, login_in_browser):
    spec = SpecializationFactory(name_en="Technical writing")
    ProfileFactory(specialization=spec, headline="Another writer")  # a listed neighbour
    skill = SkillFactory(name="Docs-as-code")
    profile = ProfileFactory(
        specialization=spec,
        level=level("lead"),
        is_published=False,
        headline="",
        summary="I write docs.",
        user__full_name="Dana Writer",
    )

    login_in_browser(page, profile.user.email, PASSWORD)
    page.goto(page.url_for("/dashboard/"))
    assert "My profile" in page.locator("h1").inner_text()
    page.get_by_role("link", name="Edit the profile").click()
    page.fill("input[name=headline]", "API documentation lead")

    # add an experience entry without a reload (htmx), then fill it in
    page.get_by_role("button", name="Add an experience entry").click()
    page.wait_for_selector("input[name=experiences-0-organization]")
    assert page.locator("#id_experiences-TOTAL_FORMS").input_value() == "1"
    page.fill("input[name=experiences-0-organization]", "Orbital Bank")
    page.fill("input[name=experiences-0-role]", "Documentation lead")
    page.fill("input[name=experiences-0-started_on]", "2021-03-01")
    page.fill("textarea[name=experiences-0-task]", "Document the public payments API")
    page.fill(
        "textarea[name=experiences-0-contribution]", "Built the zebrafish style guide and reviewed every page"
    )
    page.select_option("select[name=skills-0-skill]", label="Docs-as-code")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert "Profile saved" in page.content()
    assert Experience.objects.filter(profile=profile, organization="Orbital Bank").exists()
    assert profile.skills.filter(skill=skill).exists()

    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    assert "listed in the catalogue" in page.content()

    visitor = new_page(width=390)
    visitor.goto(visitor.url_for("/"))
    visitor.goto(visitor.url_for("/specialists/"))
    assert not visitor.locator("select[name=min_level]").is_visible()  # folded on a phone
    visitor.get_by_text("Filters and sorting").click()
    visitor.select_option("select[name=min_level]", label="Lead or higher")
    expect(visitor.locator("#results")).not_to_contain_text("Another writer")
    expect(visitor).to_have_url(re.compile(r"min_level="))  # htmx pushed the filter into the URL
    assert "API documentation lead" in visitor.locator("#results").inner_text()

    visitor.goto(visitor.url_for("/specialists/"))
    visitor.fill("input[name=q]", "zebrafish")
    expect(visitor.locator("#results")).not_to_contain_text("Another writer")
    results = visitor.locator("#results")
    assert "API documentation lead" in results.inner_text()
    card = results.locator(".profile-card", has_text="API documentation lead")
    assert card.locator("svg.avatar text").text_content() == "DW"  # the initials avatar
    card.get_by_role("link", name="Dana W.").click()  # the naming rule: first name and initial
    visitor.wait_for_load_state()
    assert visitor.locator("h1").inner_text() == "API documentation lead"
    assert "Orbital Bank" in visitor.content()
    assert profile.user.email not in visitor.content() and "Dana Writer" not in visitor.content()

    # The visitor's card and page now come from the cache of renderings; the next edit shows at once.
    page.goto(page.url_for("/my-profile/edit/"))
    page.fill("input[name=headline]", "Docs platform lead")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert "Profile saved" in page.content()
    visitor.reload()
    assert visitor.locator("h1").inner_text() == "Docs platform lead"
    visitor.goto(visitor.url_for("/specialists/"))
    expect(visitor.locator("#results")).to_contain_text("Docs platform lead")
    expect(visitor.locator("#results")).not_to_contain_text("API documentation lead")
