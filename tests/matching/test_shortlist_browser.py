"""The whole journey in a browser: level helper, need, live shortlist, invitation, acceptance, contacts."""

import pytest

from matching.models import NeedRanking
from matching.services import matching_run
from needs.models import Need
from tests.factories import (
    PASSWORD,
    CustomerFactory,
    ProfileFactory,
    SpecializationFactory,
    level,
    ranking_state,
)
from tests.needs.factories import ensure_levels

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_customer_posts_a_need_watches_the_shortlist_invites_and_sees_the_contact(
    page, new_page, login_in_browser, monkeypatch
):
    ensure_levels()
    spec = SpecializationFactory(name_en="Mobile development", slug="mobile")
    top = ProfileFactory(
        specialization=spec,
        level=level("senior"),
        user__full_name="Sasha Senior",
        headline="Ships every week",
    )
    ProfileFactory(specialization=spec, level=level("junior"), user__full_name="Jo Junior")
    customer = CustomerFactory(full_name="Vera Customer")

    # The queue is slow today: the run is published but not executed until we say so.
    monkeypatch.setattr("matching.services.runs._enqueue", lambda _need_ids: None)

    login_in_browser(page, customer.email, PASSWORD)
    assert page.locator("h1").inner_text() == "My needs"
    page.get_by_role("link", name="Post a need").first.click()
    page.fill("input[name=title]", "Carry our mobile releases")
    page.select_option("select[name=specialization]", str(spec.pk))
    page.fill("textarea[name=description]", "We ship **weekly**.")

    page.get_by_text("Not sure? Answer four questions").click()
    page.get_by_label("New problems without a ready solution").check()
    page.get_by_label("Owns the result from start to finish").check()
    page.get_by_label("A feature or a section").check()
    page.get_by_label("Costly for the business").check()
    suggestion = page.locator("#level-suggestion")
    suggestion.get_by_text("Suggested level: Senior").wait_for()
    suggestion.get_by_role("button", name="Use Senior").click()
    assert page.locator(f"input[name=level][value='{level('senior').pk}']").is_checked()

    page.fill("input[name=hours_per_week]", "20")
    page.get_by_role("button", name="Publish and rank specialists").click()
    page.wait_for_load_state()
    need = Need.objects.get(customer=customer)
    assert ranking_state(need) == NeedRanking.State.PENDING
    page.get_by_text("Ranking specialists").wait_for()

    matching_run(need_id=need.pk)  # the worker gets to it; the page polls and shows the shortlist
    first = page.locator(".match-row").first
    first.get_by_text("Sasha S.").wait_for(timeout=10_000)  # the naming rule: not yet accepted
    assert "Senior for a Senior need" in first.inner_text()
    assert page.locator(".match-row").count() == 2
    assert page.get_by_text("Ranking specialists").count() == 0

    first.get_by_role("link", name="Invite").click()
    page.fill("textarea[name=message]", "We would love to work with you.")
    page.get_by_role("button", name="Send the invitation").click()
    page.wait_for_load_state()
    assert "Sasha S. is invited" in page.content()
    assert top.user.email not in page.content()

    specialist = new_page(width=390)
    login_in_browser(specialist, top.user.email, PASSWORD)
    specialist.goto(specialist.url_for("/invitations/"))
    assert "Carry our mobile releases" in specialist.content()
    specialist.get_by_role("button", name="Accept").click()
    specialist.wait_for_load_state()
    assert customer.email in specialist.locator(".contact-box").inner_text()

    page.reload()
    assert page.locator(".match-row").first.get_by_text("Accepted").count() == 1
    assert page.locator(".match-row").first.get_by_role("link", name="Sasha Senior").count() == 1
    assert page.locator(f"a[href='mailto:{top.user.email}']").count() >= 1
