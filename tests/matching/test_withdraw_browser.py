"""In a browser: the customer withdraws an unanswered invitation from the need page; the specialist
can no longer answer it."""

import pytest

from matching.models import Invitation
from matching.services import invitation_send
from tests.factories import PASSWORD, ProfileFactory
from tests.needs.factories import NeedFactory, ensure_levels

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_customer_withdraws_an_invitation_and_the_specialist_sees_it_closed(page, new_page, login_in_browser):
    ensure_levels()
    need = NeedFactory(title="Carry our releases")
    profile = ProfileFactory(specialization=need.specialization, user__full_name="Sasha Senior")
    invitation = invitation_send(customer=need.customer, need=need, profile=profile, message="Join us?")

    login_in_browser(page, need.customer.email, PASSWORD)
    page.goto(page.url_for(f"/needs/{need.pk}/"))
    page.get_by_test_id("withdraw-invitation").click()
    page.get_by_text("The invitation is withdrawn.").wait_for()
    assert page.get_by_test_id("withdraw-invitation").count() == 0
    assert page.locator(".invitation-mini").get_by_text("Withdrawn").count() == 1
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.WITHDRAWN

    specialist = new_page(width=390)
    login_in_browser(specialist, profile.user.email, PASSWORD)
    specialist.goto(specialist.url_for("/invitations/"))
    assert "Carry our releases" in specialist.content()
    assert specialist.get_by_role("button", name="Accept").count() == 0
