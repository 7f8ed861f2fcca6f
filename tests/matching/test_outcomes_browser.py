"""In a browser: the customer ends an engagement, both sides leave feedback, and the specialist's
profile then shows the track record (two earlier engagements already have the customers' feedback)."""

import pytest

from matching.services import engagement_end
from matching.services.outcomes import feedback_submit
from tests.factories import PASSWORD, ProfileFactory
from tests.matching.factories import InvitationFactory, engagement_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EARLIER = [
    {"level_fit": "at", "quality": 4, "communication": 4, "would_hire_again": True, "comment": ""},
    {"level_fit": "below", "quality": 3, "communication": 4, "would_hire_again": False, "comment": ""},
]


def test_the_customer_ends_both_give_feedback_and_the_profile_shows_it(page, new_page, login_in_browser):
    profile = ProfileFactory(is_published=True)
    specialist = profile.user

    def engage(title):
        invitation = InvitationFactory(
            need__title=title, need__specialization=profile.specialization, specialist=specialist
        )
        return engagement_for(invitation)

    for n, answers in enumerate(EARLIER):
        earlier = engage(f"Earlier need {n}")
        engagement_end(engagement=earlier, actor=earlier.need.customer)
        feedback_submit(engagement=earlier, author=earlier.need.customer, fields=answers)
    engagement = engage("Carry our releases")
    customer = engagement.need.customer

    login_in_browser(page, customer.email, PASSWORD)
    page.goto(page.url_for(f"/engagements/{engagement.pk}/"))
    page.get_by_role("button", name="End the engagement").click()
    assert "Ended" in page.locator("h1").inner_text()
    page.get_by_role("link", name="Leave feedback").click()
    page.get_by_label("Above the need's level").check()
    page.get_by_label("5 · excellent: better than asked").check()
    page.get_by_label("4 · clear and timely").check()
    page.get_by_label("Yes").check()
    page.fill("textarea[name=comment]", "Shipped every release on time.")
    page.get_by_role("button", name="Send the feedback").click()
    page.get_by_role("heading", name="Your feedback").wait_for()
    assert "Above the need's level" in page.locator(".feedback").inner_text()

    other = new_page(width=390)
    login_in_browser(other, specialist.email, PASSWORD)
    other.goto(other.url_for(f"/engagements/{engagement.pk}/"))
    other.get_by_role("link", name="Leave feedback").click()
    other.get_by_label("5 · crystal clear: goals, limits and what done means").check()
    other.get_by_label("4 · quick").check()
    other.get_by_role("button", name="Send the feedback").click()
    other.get_by_role("heading", name="Their feedback").wait_for()  # both have spoken: each sees the other's
    assert "Shipped every release on time." in other.locator(".feedback").inner_text()

    page.goto(page.url_for(f"/specialists/{profile.pk}/"))
    record = page.locator(".track-record")
    record.wait_for()
    text = record.inner_text()
    # by hand: 2 of 3 at or above the level; quality (4+3+5)/3 = 4.0; 2 of 3 would hire again
    assert "67%" in text and "4.0 / 5" in text and "Completed engagements\n3" in text
