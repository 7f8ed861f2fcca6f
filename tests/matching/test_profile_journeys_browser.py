"""Profiles lead somewhere, in a browser: from a shortlist to a profile and back; inviting from a
catalogue profile (the need and the specialist see the invitation); a visitor posting a need."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import OutboundEmail
from matching.models import Invitation
from matching.services import matching_run
from tests.factories import PASSWORD, CustomerFactory, ProfileFactory, SpecializationFactory, level
from tests.needs.factories import NeedFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_customer_opens_a_profile_from_the_shortlist_and_comes_back(page, login_in_browser):
    need = NeedFactory(title="Carry our mobile releases", level=level("senior"))
    ProfileFactory(specialization=need.specialization, level=level("senior"), user__full_name="Sasha Senior")
    matching_run(need_id=need.pk)
    login_in_browser(page, need.customer.email, PASSWORD)

    page.goto(page.url_for(f"/needs/{need.pk}/"))
    page.locator(".match-row").get_by_role("link", name="Sasha S.").click()
    expect(page.get_by_test_id("person-name")).to_have_text("Sasha S.")
    back = page.get_by_test_id("back-link")
    expect(back).to_have_text("← Shortlist: Carry our mobile releases")
    # the invite form starts on the need whose shortlist it came from
    expect(page.locator("#invite select[name=need] option:checked")).to_have_text("Carry our mobile releases")
    back.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/needs/{need.pk}/#shortlist")
    expect(page.locator("h1")).to_contain_text("Carry our mobile releases")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_customer_invites_from_a_catalogue_profile(new_page, login_in_browser, width):
    spec = SpecializationFactory(name_en="Editing")
    profile = ProfileFactory(
        specialization=spec, headline="Editor of long reads", user__full_name="Nina Editor"
    )
    customer = CustomerFactory(full_name="Vera Customer")
    NeedFactory(customer=customer, title="A copywriter", specialization=spec)
    need = NeedFactory(customer=customer, title="An editor for our blog", specialization=spec)

    page = new_page(width=width)
    login_in_browser(page, customer.email, PASSWORD)
    page.goto(page.url_for("/specialists/"))
    page.get_by_role("link", name="Nina E.").click()
    panel = page.locator("#invite")
    expect(panel.get_by_role("heading")).to_have_text("Invite Nina E. to a need")
    panel.get_by_label("Need").select_option(label="An editor for our blog")
    panel.get_by_label("Message (optional)").fill("Our blog needs **you**.")
    panel.get_by_role("button", name="Send the invitation").click()
    page.wait_for_load_state()

    expect(page.locator(".message-success")).to_contain_text("Nina E. is invited to “An editor for our blog”")
    expect(page.get_by_test_id("invitations-sent")).to_contain_text("An editor for our blog")
    expect(panel.locator("select[name=need] option")).to_have_count(1)  # the other need is left
    assert Invitation.objects.filter(need=need, specialist=profile.user).exists()

    page.goto(page.url_for(f"/needs/{need.pk}/"))
    expect(page.locator(".invitation-mini")).to_contain_text("Nina E.")

    specialist = new_page(width=width)
    login_in_browser(specialist, profile.user.email, PASSWORD)
    specialist.goto(specialist.url_for("/invitations/"))
    expect(specialist.locator("main")).to_contain_text("An editor for our blog")
    expect(specialist.locator("main")).to_contain_text("Our blog needs you.")


def test_a_visitor_on_a_profile_signs_up_and_lands_on_the_new_need_form(page):
    profile = ProfileFactory(user__full_name="Nina Editor")
    page.goto(page.url_for(f"/specialists/{profile.pk}/"))
    page.get_by_role("link", name="Post a need").last.click()
    page.wait_for_load_state()
    expect(page.locator("input[name=role][value=customer]")).to_be_checked()
    page.fill("input[name=full_name]", "Vera Visitor")
    page.fill("input[name=email]", "vera@example.com")
    page.fill("input[name=password1]", "a-long-pass-phrase-7")
    page.fill("input[name=password2]", "a-long-pass-phrase-7")
    page.click("form button[type=submit]")
    page.wait_for_load_state()

    body = OutboundEmail.objects.get(to="vera@example.com").body
    page.goto(re.search(r"https?://\S+/accounts/confirm-email/\S+/", body).group(0))
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/needs/new/")
    expect(page.locator("input[name=title]")).to_be_visible()
