"""axe-core over every page of every role, in English and in Russian: no serious or critical violation.

axe-core is the npm package pinned in package.json (`make test` runs `npm ci`); Playwright injects it
into Debian's Chromium, in a context that bypasses the CSP (the policy forbids injected scripts, as it
should). The pages are the permission matrix's 200 rows plus allauth's and the admin's (see
test_no_inline_code.py), each role logged in through its own session cookie.
"""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import missing

from .test_no_inline_code import pages_for
from .world import ROLES, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
  const result = await axe.run(document, {runOnly: tags});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" "))}));
}"""


def session_cookie(client, user, base_url):
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.usefixtures("tmp_media")
def test_no_serious_accessibility_violation_on_any_page(language, _playwright_browser, live_server, client):
    if not AXE.exists():
        missing(f"needs axe-core at {AXE}: run `npm ci` (make test does)")
    world = build_world()
    problems = {}
    checked = 0
    for role in ROLES:
        context = _playwright_browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        if role != "anonymous":
            cookies.append(session_cookie(client, world.users[role], live_server.url))
        context.add_cookies(cookies)
        page = context.new_page()
        for url in pages_for(world, role):
            try:
                page.goto(live_server.url + url)
            except PlaywrightError as exc:  # a file download (the work sample) is no page
                if "Download is starting" in str(exc):
                    continue
                raise
            if not page.evaluate("document.doctype !== null"):
                continue  # JSON (healthz) or an htmx fragment: checked within the page that holds it
            page.add_script_tag(path=str(AXE))
            checked += 1
            if violations := page.evaluate(RUN_AXE):
                problems[f"{role} {url}"] = violations
        context.close()
    assert checked > 80, f"only {checked} pages checked"
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)


@pytest.mark.usefixtures("tmp_media")
def test_every_aria_describedby_points_at_an_element_of_the_page(client):
    """A field's help text and errors are read with it: Django names them, templates carry the ids."""
    world = build_world()
    forms = {
        "specialist": [("get", reverse("profiles:edit"), {})],
        "customer_a": [("post", reverse("needs:create"), {"title": "", "hours_per_week": "x"})],
        "applicant_new": [
            ("get", reverse("vetting:apply", args=[world.specialization.slug]), {}),
            (
                "post",
                reverse("vetting:apply", args=[world.specialization.slug]),
                {"experiences-TOTAL_FORMS": "1"},
            ),
        ],
    }
    checked = 0
    for role, requests in forms.items():
        client.force_login(world.users[role])
        for method, url, data in requests:
            html = getattr(client, method)(url, data).content.decode()
            ids = set(re.findall(r'\bid="([^"]+)"', html))
            for described in re.findall(r'aria-describedby="([^"]+)"', html):
                checked += 1
                assert set(described.split()) <= ids, f"{role} {method} {url}: {described} is not on the page"
    assert checked >= 5
