"""The moderator's workspace in Chromium: one applicant from screening to acceptance, counting
the moderator's clicks, and a second moderator on the same work sample with the disagreement flow."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import PASSWORD, ModeratorFactory, SuperuserFactory
from vetting import services
from vetting.models import Application, ApplicationStatus, AuditEntry

from .factories import apply, make_funnel, right_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_CLICKS = 12  # the bar; about 30 before the workspace


class Clicks:
    """Every click, choice and keypress that decides something is one click."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, selector):
        self.count += 1
        with self.page.expect_navigation():
            self.page.locator(selector).first.click()

    def choose(self, selector, **option):
        self.count += 1
        self.page.select_option(selector, **option)

    def score(self, value: int):
        for group in self.page.locator("#review-form fieldset.vt-criterion").all():
            self.count += 1
            group.locator(f"input[value='{value}']").check()


def open_queue_item(clicks: Clicks, application):
    clicks.page.goto(clicks.page.url_for("/admin/"))  # the moderator's home: not a click
    clicks.click(f"form[action$='/{application.pk}/claim/'] button")
    assert clicks.page.url.endswith(f"/admin/vetting/application/{application.pk}/change/")


@pytest.mark.usefixtures("transactional_db")
def test_a_moderator_takes_an_applicant_to_acceptance_in_few_clicks(new_page, login_in_browser):
    funnel = make_funnel(slug="backend", questions=5, question_count=3)
    funnel.work_sample.reviews_needed = 2
    funnel.work_sample.save()
    maria = ModeratorFactory(email="maria@example.com", full_name="Maria Moderator")
    pavel = ModeratorFactory(email="pavel@example.com", full_name="Pavel Reviewer")
    lead = SuperuserFactory(email="lead@example.com", full_name="Lena Lead")
    application = apply(funnel)

    mod = new_page()
    login_in_browser(mod, maria.email, PASSWORD)
    clicks = Clicks(mod)

    # --- screening, keyboard only on the decision page: Tab to "Advance", Enter
    open_queue_item(clicks, application)
    advance = mod.locator("button[value=advance]")
    for _ in range(80):
        mod.keyboard.press("Tab")
        if advance.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("the Advance button cannot be reached with the keyboard")
    clicks.count += 1
    with mod.expect_navigation():
        mod.keyboard.press("Enter")
    assert "Advanced to the next stage" in mod.content()
    application.refresh_from_db()
    assert application.current_stage == funnel.skill_test

    # --- the applicant takes the test and hands in the work sample (their side has its own test)
    attempt = services.attempt_start(application=application, applicant=application.applicant)
    services.attempt_submit(attempt=attempt, applicant=application.applicant, answers=right_answers(attempt))
    services.work_submit(application=application, applicant=application.applicant, text="My **solution**.")

    # --- Maria scores the work sample; it needs a second moderator, so it goes back to the pool
    open_queue_item(clicks, application)
    assert "3 of 3 right" in mod.content()  # the test, question by question, on the same page
    clicks.score(4)
    clicks.click("#review-form button[value=review]")
    assert "Your scorecard was saved" in mod.content()
    mod.goto(mod.url_for("/admin/"))
    assert f"/{application.pk}/claim/" not in mod.content()  # never offered twice to one moderator

    # --- Pavel scores the same work sample far lower: the disagreement is in the open
    second = new_page()
    login_in_browser(second, pavel.email, PASSWORD)
    second.goto(second.url_for("/admin/"))
    assert "1/2 scorecards" in second.locator("#vt-queue").inner_text()
    pavel_clicks = Clicks(second)
    pavel_clicks.click(f"form[action$='/{application.pk}/claim/'] button")
    pavel_clicks.score(2)
    pavel_clicks.click("#review-form button[value=review]")
    assert "waits for another moderator's scorecard or a lead's decision" in second.content()
    assert f"/{application.pk}/claim/" not in second.locator("#vt-queue").inner_html()

    # --- the lead sees it flagged in the queue, decides, and fixes the interview slot
    leader = new_page()
    login_in_browser(leader, lead.email, PASSWORD)
    leader.goto(leader.url_for("/admin/"))
    item = leader.locator(".vt-queue-item.vt-disagree")
    assert "reviewers disagree" in item.inner_text()
    lead_clicks = Clicks(leader)
    lead_clicks.click(f"form[action$='/{application.pk}/claim/'] button")
    assert "Reviewers disagree: 40.0 points apart" in leader.content()
    slot = (timezone.localtime() + timedelta(days=3)).replace(hour=10, minute=30)
    lead_clicks.count += 1
    leader.fill("input[name=interview_at]", slot.strftime("%Y-%m-%dT%H:%M"))
    lead_clicks.click("button[value=advance]")
    entry = AuditEntry.objects.get(application=application, action="advance", from_stage=funnel.work_sample)
    assert entry.detail["disagreement"] == "lead"

    # --- Maria runs the interview: scorecard, level, decision in one post
    open_queue_item(clicks, application)
    assert "disagreement settled by a lead" in mod.content()
    clicks.score(5)
    clicks.choose("select[name=level]", label="Senior")
    clicks.click("button[value=accept]")
    assert "Accepted at level Senior" in mod.content()

    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.level.code == "senior"
    assert Application.objects.get(pk=application.pk).reviews.count() == 3
    print(f"moderator clicks per applicant: {clicks.count}")
    print(f"second moderator and lead clicks on the disagreement: {pavel_clicks.count + lead_clicks.count}")
    assert clicks.count <= MAX_CLICKS
