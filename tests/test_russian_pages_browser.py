"""Text that scripts put on Russian pages is Russian too: the admin's two-list permission picker
and action counter (Django's JavaScript catalogue), the skill test's timer and its announcement, the
site's scripts' labels. The page is read after its scripts ran, by the crawl's rules (tests/crawl.py)."""

import pytest
from django.conf import settings
from django.urls import reverse

from .crawl import EnglishFinder, catalogue_pairs, parse, reference_pairs, untranslated_names
from .trust.test_accessibility import session_cookie
from .trust.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("tmp_media")
def test_what_scripts_write_on_russian_pages_is_russian(
    _playwright_browser, live_server, client, browser_errors
):
    world = build_world()
    group = world.users["moderator"].groups.first()
    pages = {
        "superuser": [
            reverse("admin:auth_group_change", args=[group.pk]),  # SelectFilter2's two lists
            reverse("admin:accounts_user_changelist"),  # the actions' "0 of N selected"
        ],
        "moderator": [reverse("admin:vetting_application_change", args=[world.app_work_sample.pk])],
        "applicant_skill_test": [reverse("vetting:attempt", args=[world.attempt.pk])],  # the timer
        "customer_a": [reverse("needs:create"), reverse("needs:detail", args=[world.need_a.pk])],
        "specialist": [reverse("profiles:edit")],
    }
    finder = EnglishFinder(catalogue_pairs() + reference_pairs() + untranslated_names())
    found, checked = {}, 0
    for role, urls in pages.items():
        context = _playwright_browser.new_context(locale="ru-RU")
        context.set_default_timeout(10_000)
        browser_errors.watch(context)
        context.add_cookies(
            [
                {"name": settings.LANGUAGE_COOKIE_NAME, "value": "ru", "url": live_server.url},
                session_cookie(client, world.users[role], live_server.url),
            ]
        )
        page = context.new_page()
        for url in urls:
            response = page.goto(live_server.url + url)
            assert response is not None and response.status == 200, url
            page.wait_for_load_state("networkidle")
            checked += 1
            if english := finder.find(parse(page.content())):
                found[f"{role} {url}"] = english
        context.close()
    assert checked == 7
    assert not found, found
