"""A visitor sees a specialist with two specializations as such: in the catalogue under each, with
that specialization's level, and on the profile page with every qualification and its evidence."""

import pytest
from playwright.sync_api import expect

from profiles import services
from tests.factories import ProfileFactory, SpecializationFactory, level

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_a_specialist_under_both_specializations_and_sees_both_levels(page):
    backend = SpecializationFactory(name_en="Backend development")
    design = SpecializationFactory(name_en="UI/UX design")
    profile = ProfileFactory(specialization=backend, level=level("lead"), headline="Payments backend")
    services.profile_grant(user=profile.user, specialization=design, level=level("junior"))

    page.goto(page.url_for("/specialists/"))
    card = page.locator("article.profile-card", has_text="Payments backend")
    expect(card.locator(".badge-ok").first).to_have_text("Lead")
    expect(card.locator(".profile-card-also")).to_contain_text("UI/UX design (Junior)")

    # each choice applies at once (htmx) and goes into the URL, so the filtered page can be shared
    page.select_option("select[name=specialization]", label="UI/UX design")
    page.wait_for_url("**specialization=*")
    card = page.locator("article.profile-card", has_text="Payments backend")
    expect(card.locator(".badge-ok").first).to_have_text("Junior")
    expect(card.locator(".profile-card-head")).to_contain_text("UI/UX design")
    page.select_option("select[name=min_level]", label="Middle or higher")
    page.wait_for_url("**min_level=*")
    expect(page.locator("#results")).to_contain_text("Nobody matches these filters yet")

    page.goto(page.url_for(f"/specialists/{profile.pk}/"))
    qualifications = page.locator("[data-testid=qualification]")
    expect(qualifications).to_have_count(2)
    expect(qualifications.nth(0)).to_contain_text("Lead")
    expect(qualifications.nth(0)).to_contain_text("Backend development")
    expect(qualifications.nth(1)).to_contain_text("Junior")
    expect(qualifications.nth(1)).to_contain_text("UI/UX design")
    expect(page.locator(".profile-card-head")).to_contain_text("UI/UX design")
