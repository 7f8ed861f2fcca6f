"""In a browser: a customer and a specialist talk on the invitation, the specialist accepts, and they
go on talking in the engagement; each sees the other's messages arrive without reloading."""

from pathlib import Path

import pytest

from tests.factories import PASSWORD
from tests.matching.factories import InvitationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POLL = 12_000  # the thread polls every 5 s


@pytest.mark.usefixtures("tmp_media")
def test_questions_before_acceptance_then_the_engagement(page, new_page, login_in_browser):
    invitation = InvitationFactory(
        need__title="Edit our blog",
        specialist__full_name="Erin Editor",
        need__customer__full_name="Cora Customer",
    )
    customer, specialist = invitation.need.customer, invitation.specialist

    login_in_browser(page, specialist.email, PASSWORD)
    page.goto(page.url_for("/invitations/"))
    page.get_by_role("link", name="Ask a question").click()
    page.fill("textarea[name=body]", "How many **posts** a week?")
    page.get_by_role("button", name="Send").click()
    page.locator(".message-item strong", has_text="posts").wait_for()

    other = new_page()
    login_in_browser(other, customer.email, PASSWORD)
    assert other.locator(".nav-unread").inner_text() == "1"
    other.goto(other.url_for(f"/needs/{invitation.need.pk}/"))
    other.get_by_role("link", name="Questions").click()
    other.get_by_text("How many posts a week?").wait_for()
    other.fill("textarea[name=body]", "Three, about 1500 words each.")
    other.get_by_role("button", name="Send").click()

    # the specialist's open page shows the answer without a reload
    page.get_by_text("Three, about 1500 words each.").wait_for(timeout=POLL)
    page.get_by_role("button", name="Accept").click()
    page.goto(page.url_for("/engagements/"))
    page.get_by_role("link", name="Edit our blog").first.click()
    assert "Active" in page.locator("h1").inner_text()
    page.get_by_text("How many posts a week?").wait_for()  # the same thread

    other.goto(other.url_for("/engagements/"))
    other.get_by_role("link", name=specialist.get_full_name()).first.click()
    other.fill("textarea[name=body]", "Welcome! The first brief is attached.")
    other.set_input_files(
        "input[name=attachment]",
        files=[{"name": "brief.txt", "mimeType": "text/plain", "buffer": b"Write about levels."}],
    )
    other.get_by_role("button", name="Send").click()
    other.get_by_role("link", name="brief.txt").wait_for()
    page.get_by_text("Welcome! The first brief is attached.").wait_for(timeout=POLL)
    with page.expect_download() as download:
        page.get_by_role("link", name="brief.txt").click()
    assert Path(download.value.path()).read_bytes() == b"Write about levels."
