"""The shared profile card in a browser, in the catalogue and in a need's shortlist, on a phone and
a desktop, in both languages: nothing overflows the screen, the shortlist's card carries the score
and its seven meters, money and offsets read by locale, and keyboard focus is visible."""

import pytest

from matching.services import matching_run
from tests.factories import PASSWORD, ProfileFactory, SpecializationFactory, level
from tests.needs.factories import NeedFactory, ensure_levels

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"
FOCUS_RING = "getComputedStyle(document.activeElement).outlineStyle"


@pytest.mark.parametrize(("width", "language"), [(390, "ru"), (1280, "en")])
def test_the_card_in_the_catalogue_and_the_shortlist(new_page, login_in_browser, width, language):
    ensure_levels()
    spec = SpecializationFactory(name_en="Editing", slug="editing")
    profile = ProfileFactory(
        specialization=spec,
        level=level("senior"),
        user__full_name="Hugo Nowak",
        rate_min=5500,
        rate_max=7000,
        currency="RUB",
        utc_offset=-5,
    )
    need = NeedFactory(specialization=spec, budget_min=5000, budget_max=8000, currency="RUB")
    matching_run(need_id=need.pk)

    page = new_page(width)
    login_in_browser(page, need.customer.email, PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url_for("/")}])

    page.goto(page.url_for("/specialists/"))
    card = page.locator(".profile-card").first
    card.wait_for()
    money = "5\u202f500–7\u202f000\u00a0₽/ч" if language == "ru" else "≈ $"
    assert money in card.inner_text() and "UTC−5" in card.inner_text()
    assert page.evaluate(NO_OVERFLOW)

    page.goto(page.url_for(f"/needs/{need.pk}/"))
    row = page.locator(".match-row").first
    row.wait_for()
    assert row.locator("meter").count() == 7
    assert row.locator(".match-score strong").inner_text().isdigit()
    assert row.get_by_role("link", name="Hugo N.").count() == 1  # the naming rule, before an invitation
    assert page.evaluate(NO_OVERFLOW)
    row.locator(".match-actions a.button").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_RING) not in ("none", "")
    assert profile.pk  # the card links the profile
    assert row.locator(f"a[href*='/specialists/{profile.pk}/?need={need.pk}']").count() == 1
