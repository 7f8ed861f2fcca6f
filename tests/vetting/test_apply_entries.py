"""The apply form's "Add an entry": one more experience entry, up to five, with and without JavaScript."""

import re

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, ApplicantFactory
from vetting.models import Application

from .factories import make_funnel
from .test_forms_and_uploads import screening_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def url():
    return reverse("vetting:apply", args=[make_funnel(slug="backend").specialization.slug])


def entries(html: str) -> int:
    return len(re.findall(r'name="exp-\d+-organization"', html))


def test_without_javascript_the_page_comes_back_as_typed_with_one_more_entry(client, url):
    client.force_login(ApplicantFactory())
    html = client.get(url).content.decode()
    assert entries(html) == 2 and 'name="add_entry"' in html

    response = client.post(url, screening_data(**{"exp-TOTAL_FORMS": "2", "add_entry": "1"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert entries(html) == 3
    assert 'value="Python developer"' in html and 'value="Acme"' in html and "Built the billing API." in html
    assert "errorlist" not in html  # nothing is validated until it is sent
    assert not Application.objects.exists()


def test_the_fifth_entry_is_the_last_even_with_a_forged_count(client, url):
    client.force_login(ApplicantFactory())
    for typed, shown in [("5", 5), ("100000", 5), ("x", 2), ("-3", 2)]:
        html = client.post(
            url, screening_data(**{"exp-TOTAL_FORMS": typed, "add_entry": "1"})
        ).content.decode()
        assert entries(html) == shown, typed
    html = client.post(url, screening_data(**{"exp-TOTAL_FORMS": "4", "add_entry": "1"})).content.decode()
    assert entries(html) == 5
    assert 'name="add_entry"' not in html and "5 entries: the most one application takes." in html


def test_htmx_gets_only_the_entries(client, url):
    client.force_login(ApplicantFactory())
    response = client.post(
        url, screening_data(**{"exp-TOTAL_FORMS": "1", "add_entry": "1"}), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="experience-entries">')
    assert entries(html) == 2 and 'name="headline"' not in html
    assert 'name="exp-TOTAL_FORMS" value="2"' in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_applicant_adds_entries_up_to_five_and_applies_with_three(page, login_in_browser, url):
    applicant = ApplicantFactory()
    login_in_browser(page, applicant.email, PASSWORD)
    page.goto(page.url_for(url))
    page.fill("input[name=headline]", "Python developer")
    add = page.get_by_role("button", name="Add an entry")
    for n in (3, 4, 5):
        add.click()
        page.wait_for_selector(f"input[name=exp-{n - 1}-organization]")
    assert not add.is_visible()
    assert page.locator("input[name=headline]").input_value() == "Python developer"  # untouched by htmx
    page.fill("input[name=years_experience]", "5")
    page.fill("textarea[name=summary]", "APIs and databases.")
    for field in page.locator("textarea[name^=q_]").all():
        field.fill("Because I like it.")
    for i, org in enumerate(["Acme", "Globex", "Initech"]):
        page.fill(f"input[name=exp-{i}-organization]", org)
        page.fill(f"input[name=exp-{i}-role]", "Developer")
        page.fill(f"input[name=exp-{i}-years]", "2")
        page.fill(f"textarea[name=exp-{i}-description]", "Built things.")
    page.get_by_role("button", name="Send my application").click()
    page.wait_for_load_state()
    application = Application.objects.get(applicant=applicant)
    assert sorted(application.experiences.values_list("organization", flat=True)) == [
        "Acme",
        "Globex",
        "Initech",
    ]
