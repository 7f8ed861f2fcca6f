"""The skill test's clock: mm:ss, stuck on screen while the applicant scrolls, heard now and then."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PASSWORD, ModeratorFactory
from vetting import services
from vetting.models import TestAttempt

from .factories import make_funnel, to_skill_test

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_timer_reads_mm_ss_stays_in_view_and_announces_sparingly(new_page, login_in_browser, width):
    application = to_skill_test(make_funnel(slug="backend"), ModeratorFactory())
    attempt = services.attempt_start(application=application, applicant=application.applicant)
    # 14:34 left on the application page; then a minute and a bit, so the 1:00 announcement comes soon.
    TestAttempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + timedelta(seconds=874.5))
    page = new_page(width=width)
    login_in_browser(page, application.applicant.email, PASSWORD)
    page.goto(page.url_for(reverse("vetting:application_detail", args=[application.pk])))
    assert re.search(r"Your test is running: 14:3\d left\.", page.content())

    TestAttempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + timedelta(seconds=62))
    page.goto(page.url_for(reverse("vetting:attempt", args=[attempt.pk])))
    timer = page.get_by_test_id("timer")
    expect(timer).to_have_text(re.compile(r"^1:0\d$"))
    announcer = page.locator("[data-timer-announce]")
    assert announcer.get_attribute("aria-live") == "polite"
    assert announcer.inner_text() == ""  # not every second: nothing until the next milestone
    expect(announcer).to_have_text(re.compile(r"^Time left: (1:00|0:5\d)$"), timeout=5_000)

    # Scrolled at once (a wheel scrolls asynchronously, and wait_for_function evaluates a string,
    # which the page's CSP forbids).
    page.evaluate("window.scrollBy(0, 2000)")
    assert page.evaluate("window.scrollY") > 0
    box = page.locator(".vt-timer-bar").bounding_box()
    assert 0 <= box["y"] < 5, box  # stuck to the top of the viewport, over the header
