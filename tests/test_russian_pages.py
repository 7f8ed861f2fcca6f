"""A crawl of the Russian demo as each role finds no English interface text and no 5xx.

Every role (a visitor, applicants at each stage, rejected applicants whose own language is English,
a specialist, a customer, a moderator and the superuser) follows the site's links breadth-first from
its start pages, the admin's included (index, the queue, decision pages, the statistics, the
changelist and a change form of every registered model). What counts as English interface text is
defined in tests/crawl.py: the project catalogues' English msgids, field names Django made from
the code, and the English names and texts of reference rows, all where their Russian differs.
"""

import io

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import ApplicantFactory
from vetting import services as vetting
from vetting.models import Application, StageKind

from .crawl import EnglishFinder, Page, catalogue_pairs, crawl, parse, reference_pairs, untranslated_names

pytestmark = pytest.mark.django_db

PAGES_PER_ROLE = 400


def _applicant(**lookup) -> User:
    application = Application.objects.filter(**lookup).order_by("pk").first()
    assert application is not None, f"the demo has no application {lookup}"
    return application.applicant


def _roles() -> dict[str, User | None]:
    """The demo's users, one per role and stage; the rejected ones read English (their language)
    when their reason was written, and Russian now."""
    skill_test = Application.objects.get(applicant__email="applicant@example.com", status="open")
    assert skill_test.current_stage.kind == StageKind.SKILL_TEST
    vetting.attempt_start(application=skill_test, applicant=skill_test.applicant)  # a test under way
    return {
        "visitor": None,
        "applicant_new": ApplicantFactory(email="new.applicant@example.com", full_name="Nina Newcomer"),
        "applicant_screening": _applicant(status="open", current_stage__kind=StageKind.SCREENING),
        "applicant_skill_test": skill_test.applicant,
        "applicant_work_sample": _applicant(status="open", current_stage__kind=StageKind.WORK_SAMPLE),
        "applicant_interview": _applicant(status="open", current_stage__kind=StageKind.INTERVIEW),
        "rejected_at_screening": _applicant(
            status="rejected", current_stage__kind=StageKind.SCREENING, applicant__language="en"
        ),
        "rejected_at_skill_test": _applicant(
            status="rejected", current_stage__kind=StageKind.SKILL_TEST, applicant__language="en"
        ),
        "specialist": User.objects.get(email="specialist@example.com"),
        "customer": User.objects.get(email="customer@example.com"),
        "moderator": User.objects.get(email="moderator@example.com"),
        "superuser": User.objects.get(email="admin@example.com"),
    }


def _admin_starts() -> list[str]:
    """The admin's index, queue pages and every registered model's changelist."""
    changelists = [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    extra = [reverse("admin:vetting_application_stats"), reverse("admin:matching_engagement_validity")]
    return [reverse("admin:index"), *extra, *changelists]


@pytest.fixture
def demo(tmp_media):  # noqa: ARG001 - the demo writes its work samples' files there
    call_command("demo_data", applicants=300, stdout=io.StringIO())  # every role and stage, a shorter year


@pytest.mark.usefixtures("demo")
def test_no_english_and_no_server_error_on_any_russian_page_of_any_role():
    finder = EnglishFinder(catalogue_pairs() + reference_pairs() + untranslated_names())
    errors, english, visited = {}, {}, {}
    for role, user in _roles().items():
        client = Client(raise_request_exception=True)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
        starts = ["/", reverse("dashboard")]
        if user is not None:
            client.force_login(user)
            if user.is_staff:
                starts += _admin_starts()
        result = crawl(client, starts, finder, limit=PAGES_PER_ROLE)
        visited[role] = result.visited
        errors.update({f"{role} {url}": problem for url, problem in result.errors.items()})
        english.update({f"{role} {url}": found for url, found in result.english.items()})
    assert not errors, errors
    assert not english, "\n".join(f"{page}: {found}" for page, found in english.items())
    # The crawl reached what it is for.
    assert all(len(pages) >= 10 for pages in visited.values()), {r: len(p) for r, p in visited.items()}
    admin_pages = set(visited["superuser"])
    for model in admin.site._registry:
        prefix = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        changed = [url for url in admin_pages if url.startswith(prefix) and "/change/" in url]
        assert changed or not model._default_manager.exists(), f"no change form of {prefix} visited"
    moderator = visited["moderator"]
    assert any(url.startswith("/admin/vetting/application/") and "/change/" in url for url in moderator)
    assert any(url.startswith("/apply/test/") for url in visited["applicant_skill_test"])


def test_the_finder_sees_english_interface_text_and_leaves_other_text_alone():
    finder = EnglishFinder(
        [
            ("Apply as a specialist", "Стать специалистом"),
            ("Search", "Найти"),
            ("%(hours)s hours a week", "%(hours)s ч в неделю"),
            ("Your score was %(score)s%%, and this stage needs %(mark)d%%.", "Ваш результат — ..."),
            ("Python", "Python"),  # the same in both: a name, never a finding
            ("None", "Нет"),  # the admin's word for nothing...
            ("None", "None"),  # ...and a test answer's Python None
            ("Backend development", "Бэкенд-разработка"),
        ]
    )
    page = parse(
        """<html lang="ru"><title>Поиск</title><body>
        <a href="/apply/">Apply as a specialist</a>
        <img alt="Search" src="/x.svg">
        <p>Python, 20 hours a week for at least six months</p>
        <label>None</label>
        <p>Your score was 40%, and this stage needs 80%.</p>
        <p lang="en">Backend development</p>
        <textarea>Backend development</textarea>
        <div class="form-row field-name_en">Backend development</div>
        <script>const s = "Search";</script></body></html>"""
    )
    assert finder.find(page) == [
        "Apply as a specialist",
        "Search",
        "Your score was %(score)s%%, and this stage needs %(mark)d%%.",
    ]
    assert page.links == ["/apply/"]
    english_page = Page(language="en")
    english_page.feed('<html lang="en"><body><p>Backend development</p></body></html>')
    assert finder.find(english_page) == ["Backend development"]
