"""A page that is not for the user's account says why and where to go instead, the same way everywhere."""

import pytest

from tests.factories import PASSWORD, CustomerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_customer_is_told_why_and_shown_the_way_on(page, login_in_browser, browser_errors):
    browser_errors.allow(403)  # the refusal pages themselves answer 403
    customer = CustomerFactory()
    login_in_browser(page, customer.email, PASSWORD)

    page.goto(page.url_for("/"))
    page.get_by_role("link", name="Apply as a specialist").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Not for your account"
    assert "You are signed in as a customer" in page.locator(".error-page").inner_text()

    page.goto(page.url_for("/my-profile/"))
    assert page.locator("h1").inner_text() == "Not for your account"
    assert "This page is for specialists." in page.content()

    page.get_by_role("link", name="Go to your home page").click()
    page.wait_for_load_state()
    assert page.url.endswith("/needs/")

    page.go_back()
    page.get_by_role("button", name="Log out to use another account").click()
    page.wait_for_load_state()
    page.goto(page.url_for("/accounts/signup/?role=applicant"))
    assert page.locator("input[name=role][value=applicant]").is_checked()
