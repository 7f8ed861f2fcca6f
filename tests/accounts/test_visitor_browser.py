"""A visitor's first impression: the landing page's proof leads to a real specialist and to the
selection in numbers, whose charts fill their cards."""

import pytest
from django.core.cache import cache

from tests.factories import ApplicantFactory, ProfileFactory, SpecializationFactory, level
from tests.vetting.test_statistics import known_funnel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_goes_from_the_proof_to_a_specialist_and_to_the_numbers(page, new_page):
    cache.clear()
    known_funnel()
    spec = SpecializationFactory(name_en="Editing")
    ProfileFactory(
        specialization=spec,
        level=level("lead"),
        headline="Editor of long reads",
        user=ApplicantFactory(full_name="Nina Editor"),
    )
    page.goto(page.url_for("/"))
    assert (
        "Of 13 applications in the last 12 months, 1 accepted."
        in page.get_by_test_id("funnel-figure").inner_text()
    )
    page.locator(".featured").get_by_role("link", name="Nina E.").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("person-name").inner_text() == "Nina E."
    assert "Editor of long reads" in page.locator("h1").inner_text()

    for width in (1280, 390):
        visitor = new_page(width=width)
        visitor.goto(visitor.url_for("/"))
        visitor.get_by_role("link", name="Every stage, in numbers").click()
        visitor.wait_for_load_state()
        assert visitor.get_by_test_id("acceptance-rate").inner_text() == "9.1%"
        for card in ("#overall", "#spec-backend"):
            chart = visitor.locator(f"{card} svg.vt-chart").bounding_box()
            box = visitor.locator(card).bounding_box()
            assert chart["width"] >= box["width"] - 2 * 24  # full width, inside the card's padding
