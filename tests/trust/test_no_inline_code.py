"""Every page, for every role, has nothing the Content Security Policy would block.

CSP (script-src 'self', style-src 'self') silently drops inline <script>, on*= handlers and
style= attributes in the browser; this test finds them in the HTML instead, page by page.
"""

import pytest
from django.db import transaction
from django.urls import reverse

from .inline import inline_code
from .test_permission_matrix import EXPECTED
from .world import ROLES, build_world

pytestmark = pytest.mark.django_db

# Pages outside the matrix: allauth's forms and the admin.
EXTRA = {
    "anonymous": [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/signup/?role=applicant",
        "/accounts/password/reset/",
        "/accounts/confirm-email/",
        "/admin/login/",
    ],
    "customer_a": ["/accounts/email/", "/accounts/password/change/"],
    "moderator": [
        "/admin/",
        "/admin/vetting/application/",
        "/admin/vetting/application/?status__exact=open",
        "/admin/vetting/application/stats/",
        "/admin/matching/engagement/",
        "/admin/matching/engagement/validity/",
    ],
}


def pages_for(world, role):
    for name, probe in EXPECTED.items():
        if probe.method == "get" and probe.expectation(role) in (200, 400):
            yield reverse(name.split("#")[0], kwargs=probe.kwargs(world))
    yield from EXTRA.get(role, [])
    if role == "moderator":  # the decision page at the reviewed stages
        for application in (world.app_work_sample, world.app_interview):
            yield reverse("admin:vetting_application_change", args=[application.pk])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.usefixtures("tmp_media")
def test_no_inline_script_or_style_on_any_page(role, client):
    world = build_world()
    if role != "anonymous":
        client.force_login(world.users[role])
    problems = {}
    checked = 0
    for url in pages_for(world, role):
        response = client.get(url, follow=True)
        assert response.status_code < 500, url
        if "html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        found = inline_code(response.content.decode())
        if found:
            problems[url] = sorted(set(found))
    # htmx fragments and form pages with errors
    if role == "customer_a":
        url = reverse("needs:detail", args=[world.need_a.pk])
        fragment = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="shortlist")
        if found := inline_code(fragment.content.decode()):
            problems[url + " (htmx)"] = found
        with transaction.atomic():
            for url, data in [
                (reverse("needs:create"), {"title": "", "hours_per_week": "x"}),
                (reverse("needs:level_suggest"), {"nonsense": "1"}),
            ]:
                found = inline_code(client.post(url, data).content.decode())
                if found:
                    problems[url + " (POST)"] = found
            transaction.set_rollback(True)
    assert checked >= 2, f"{role}: only {checked} pages rendered"
    assert not problems, problems


def test_the_finder_finds_what_csp_blocks():
    html = (
        '<script>alert(1)</script><script src="/static/x.js"></script><p style="color:red">'
        '<img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a><div hx-on:click="x()"></div>'
    )
    found = inline_code(html)
    assert len(found) == 5, found
    assert inline_code('<script type="application/json">{"a": 1}</script>') == []
    assert inline_code('<script src="/static/js/site.js" defer></script><p class="muted">ok</p>') == []
