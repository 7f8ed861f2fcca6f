"""Forged formset counts: a TOTAL_FORMS of 100,000 is a form error, and the page that says so
builds and renders none of the forged forms (Django builds up to `absolute_max`, by default
max_num + 1,000: the profile edit page rendered ~1,040 forms, 19 s and 3 MB, issue 9)."""

import re

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from profiles.forms import EducationFormSet, ExperienceFormSet, LanguageFormSet, SkillFormSet
from profiles.models import Experience
from tests.factories import ApplicantFactory, ProfileFactory, SuperuserFactory, level
from tests.profiles.test_edit import edit_payload, experience_row
from tests.vetting.factories import make_funnel
from tests.vetting.test_forms_and_uploads import screening_data
from topfreelancer.formsets import BoundedFormSetMixin
from vetting.forms import ExperienceFormSet as ScreeningExperienceFormSet
from vetting.models import Application, Question

pytestmark = pytest.mark.django_db

FORGED = "100000"
PROJECT_FORMSETS = [
    ExperienceFormSet,
    SkillFormSet,
    LanguageFormSet,
    EducationFormSet,
    ScreeningExperienceFormSet,
]


def rendered_forms(body: str, prefix: str) -> int:
    """How many forms of `prefix` the page holds (distinct indexes in field names)."""
    return len(set(re.findall(rf'name="{prefix}-(\d+)-', body)))


@pytest.mark.parametrize("formset", PROJECT_FORMSETS, ids=lambda f: f.__name__)
def test_every_formset_has_a_small_hard_limit(formset):
    assert issubclass(formset, BoundedFormSetMixin)
    assert formset.validate_max
    assert formset.max_num <= formset.absolute_max <= 50


def test_every_admin_inline_has_a_small_hard_limit():
    request = RequestFactory().get("/admin/")
    request.user = SuperuserFactory()
    inlines = 0
    for model_admin in admin.site._registry.values():
        for inline in model_admin.get_inline_instances(request):
            formset = inline.get_formset(request)
            assert issubclass(formset, BoundedFormSetMixin), type(inline).__name__
            assert formset.absolute_max <= 200, type(inline).__name__
            if inline.has_add_permission(request, None):
                assert formset.max_num <= formset.absolute_max, type(inline).__name__
            inlines += 1
    assert inlines >= 5  # the walk saw the project's inlines


@pytest.mark.parametrize(
    ("prefix", "limit"), [("experiences", 30), ("skills", 40), ("languages", 10), ("education", 10)]
)
def test_forged_count_on_the_profile_edit_page_is_a_form_error(client, prefix, limit):
    profile = ProfileFactory(level=level("senior"))
    client.force_login(profile.user)
    data = edit_payload(profile)
    data.update(experience_row(0))
    data.update({"experiences-TOTAL_FORMS": "1", f"{prefix}-TOTAL_FORMS": FORGED})

    response = client.post(reverse("profiles:edit"), data)

    assert response.status_code == 200
    formset = response.context[prefix]
    assert f"Please submit at most {limit} forms." in formset.non_form_errors()
    assert formset.forms == []
    assert rendered_forms(response.content.decode(), prefix) == 0
    assert rendered_forms(response.content.decode(), "experiences") == (prefix != "experiences")
    assert len(response.content) < 100_000
    assert not Experience.objects.filter(profile=profile).exists()  # nothing saved


def test_forged_count_on_the_apply_form_is_a_form_error(client):
    funnel = make_funnel(slug="backend")
    client.force_login(ApplicantFactory())

    response = client.post(
        reverse("vetting:apply", args=[funnel.specialization.slug]),
        screening_data(**{"exp-TOTAL_FORMS": FORGED}),
    )

    assert response.status_code == 200
    formset = response.context["formset"]
    assert "Please submit at most 5 forms." in formset.non_form_errors()
    assert rendered_forms(response.content.decode(), "exp") == 0
    assert not Application.objects.exists()


def test_forged_count_on_an_admin_inline_is_a_form_error(client):
    funnel = make_funnel(slug="backend")
    question = Question.objects.filter(specialization=funnel.specialization).first()
    client.force_login(SuperuserFactory())
    url = reverse("admin:vetting_question_change", args=[question.pk])
    page = client.get(url)
    data = {
        key: value
        for form in [page.context["adminform"].form, *page.context["inline_admin_formsets"][0].formset.forms]
        for key, value in _form_data(form).items()
    }
    data.update(_form_data(page.context["inline_admin_formsets"][0].formset.management_form))
    data["choices-TOTAL_FORMS"] = FORGED

    response = client.post(url, data)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert "Please submit at most 10 forms." in formset.non_form_errors()
    assert formset.forms == []
    assert rendered_forms(response.content.decode(), "choices") == 0


def _form_data(form) -> dict:
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[form.add_prefix(name)] = (
            "on" if value is True else (value if isinstance(value, list) else str(value))
        )
    return data
