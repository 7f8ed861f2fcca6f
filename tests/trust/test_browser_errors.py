"""The browser fixtures fail a test on any console error or CSP violation (see tests/conftest.py)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_inline_style_is_reported_as_a_csp_violation(page, browser_errors):
    page.goto(page.url_for("/"))
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.wait_for_function("true")  # one round trip: the console events of the call have arrived
    assert any("CSP violation: style-src-attr" in error for error in browser_errors.errors)
    browser_errors.errors.clear()  # seen: this test passes


def test_a_clean_page_reports_nothing(page, browser_errors):
    page.goto(page.url_for("/"))
    page.goto(page.url_for("/admin/login/"))  # the admin's pages carry the site's icon: no /favicon.ico 404
    assert browser_errors.errors == []
