"""The whole applicant journey in Chromium, with the moderator's steps done in Django admin."""

import re

import pytest

from accounts.models import OutboundEmail, User
from tests.factories import PASSWORD, ModeratorFactory
from vetting.models import Application, ApplicationStatus

from .factories import make_funnel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def run_action(mod, application, action, **fields):
    mod.goto(mod.url_for("/admin/vetting/application/?status__exact=open"))
    mod.check(f"input[name=_selected_action][value='{application.pk}']")
    mod.select_option("select[name=action]", action)
    for name, value in fields.items():
        if name in ("reason_template", "level"):
            mod.select_option(f"select[name={name}]", label=value)
        else:
            mod.fill(f"input[name={name}]", value)
    mod.click("button[name=index]")
    mod.wait_for_load_state()
    return mod.locator("ul.messagelist").inner_text()


def score_rubric(mod, application, value: int):
    mod.goto(mod.url_for(f"/admin/vetting/application/{application.pk}/change/"))
    for radio_group in mod.locator("#review-form fieldset.vt-criterion").all():
        radio_group.locator(f"input[value='{value}']").check()
    mod.fill("textarea[name=private_note]", "Private: strong on the details.")
    mod.click("#review-form button[value=review]")
    mod.wait_for_load_state()
    assert "Your scorecard was saved" in mod.content()


@pytest.mark.usefixtures("transactional_db", "tmp_media")
def test_applicant_goes_from_sign_up_to_acceptance(page, new_page, login_in_browser):
    funnel = make_funnel(slug="backend", questions=5, question_count=3)
    spec = funnel.specialization
    moderator = ModeratorFactory(email="mod@example.com")

    # --- sign up as an applicant, confirm the email (which logs in)
    page.goto(page.url_for("/accounts/signup/?role=applicant"))
    page.fill("input[name=full_name]", "Ivan Applicant")
    page.fill("input[name=email]", "ivan@example.com")
    page.fill("input[name=password1]", "a-long-pass-phrase-7")
    page.fill("input[name=password2]", "a-long-pass-phrase-7")
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    email = OutboundEmail.objects.get(to="ivan@example.com")
    page.goto(re.search(r"https?://\S+/accounts/confirm-email/\S+/", email.body).group(0))
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("nav .nav-links").get_attribute("data-role") == "applicant"
    assert User.objects.get(email="ivan@example.com").is_applicant

    # --- choose a specialization and fill the screening form
    page.get_by_role("link", name="My application").first.click()
    page.locator(f"a[href='/apply/to/{spec.slug}/']").click()
    page.fill("input[name=headline]", "Backend developer, Python")
    page.fill("input[name=years_experience]", "6")
    page.fill("textarea[name=summary]", "I build **payment** systems.")
    page.locator("textarea[name^=q_]").fill("Because I like long projects.")
    page.fill("input[name=exp-0-organization]", "Acme Bank")
    page.fill("input[name=exp-0-role]", "Lead developer")
    page.fill("input[name=exp-0-years]", "4")
    page.fill("textarea[name=exp-0-description]", "Payments API; a team of six; I owned billing.")
    page.get_by_role("button", name="Send my application").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("stage-counter").inner_text() == "Stage 1 of 4"
    assert "What comes next: Skill test." in page.content()
    application = Application.objects.get(applicant__email="ivan@example.com")

    # --- the moderator passes the screening in admin
    mod = new_page()
    login_in_browser(mod, moderator.email, PASSWORD)
    assert "1 application advanced" in run_action(mod, application, "advance")

    # --- the timed skill test
    page.reload()
    assert page.get_by_test_id("stage-counter").inner_text() == "Stage 2 of 4"
    page.get_by_role("button", name="Start the test").click()
    page.wait_for_load_state()
    timer = page.get_by_test_id("timer")
    assert re.fullmatch(r"\d+:\d\d", timer.inner_text())
    assert 500 < int(timer.get_attribute("data-seconds-left")) <= 600
    questions = page.locator("fieldset.vt-question")
    assert questions.count() == 3
    for index in range(3):
        questions.nth(index).get_by_label("Right", exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_load_state()
    assert "graded" in page.content()
    assert page.get_by_test_id("stage-counter").inner_text() == "Stage 3 of 4"

    # --- the work sample, with a file
    page.fill("textarea[name=text]", "My solution, with the reasoning.")
    page.set_input_files(
        "input[name=file]", files=[{"name": "solution.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Submit the work sample").click()
    page.wait_for_load_state()
    assert "Your work sample was submitted" in page.content()
    assert page.get_by_role("link", name="solution.pdf").is_visible()

    # --- the moderator scores the rubric, advances, schedules the interview
    score_rubric(mod, application, 4)
    assert "1 application advanced" in run_action(mod, application, "advance")
    assert "1 interview scheduled" in run_action(
        mod, application, "schedule_interview", interview_at="2031-05-14 10:30"
    )

    page.reload()
    assert page.get_by_test_id("stage-counter").inner_text() == "Stage 4 of 4"
    assert "Your interview:" in page.content() and "2031" in page.content()

    # --- the interview scorecard and the decision with a level
    score_rubric(mod, application, 5)
    assert "1 applicant accepted" in run_action(mod, application, "accept", level="Senior")

    page.reload()
    assert "You are in" in page.content()
    assert "Senior" in page.locator(".vt-outcome").inner_text()
    assert "Private: strong" not in page.content()
    page.get_by_role("link", name="My application").first.click()
    assert "Accepted · Senior" in page.locator("table").inner_text()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.applicant.profile.level.code == "senior"

    # --- the experience typed at screening is the profile's: nothing to type again
    page.goto(page.url_for("/my-profile/edit/"))
    assert page.locator("input[name=experiences-0-organization]").input_value() == "Acme Bank"
    assert page.locator("input[name=experiences-0-role]").input_value() == "Lead developer"
    assert "I owned billing." in page.locator("textarea[name=experiences-0-task]").input_value()
    assert "Add at least one experience entry" not in page.content()
