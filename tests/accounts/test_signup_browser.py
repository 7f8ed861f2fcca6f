import re

import pytest

from accounts.models import OutboundEmail, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_customer_signs_up_confirms_is_logged_in_and_switches_to_russian(page):
    page.goto(page.url_for("/"))
    page.get_by_role("link", name="Post a need").first.click()

    page.fill("input[name=full_name]", "Vera Customer")
    page.fill("input[name=email]", "vera@example.com")
    page.check("input[name=role][value=customer]")
    page.fill("input[name=password1]", "a-long-pass-phrase-7")
    page.fill("input[name=password2]", "a-long-pass-phrase-7")
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    assert "verify" in page.content().lower() or "confirm" in page.content().lower()

    user = User.objects.get(email="vera@example.com")
    assert user.role == User.Role.CUSTOMER
    email = OutboundEmail.objects.get(to="vera@example.com")
    assert email.sent_at is not None
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", email.body).group(0)
    page.goto(link)
    page.click("form button[type=submit]")  # confirm the address: that logs her in
    page.wait_for_load_state()

    nav = page.locator("nav .nav-links")
    assert nav.get_attribute("data-role") == "customer"
    assert "Log out" in nav.inner_text()
    assert page.locator("h1").inner_text() == "My needs"  # a customer lands on their needs

    page.get_by_role("button", name="Русский").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Выйти" in page.locator("nav").inner_text()
