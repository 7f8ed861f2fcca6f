"""Ids from users: a value that cannot be a row's id is a form error, on SQLite and PostgreSQL.

Issue 9: a 25-digit `must_have_skills` id on /needs/new/ was a 500 (OverflowError on SQLite), and
the fuzz test found it only sometimes. Every field that takes ids goes through `topfreelancer.ids`.
"""

import importlib

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from needs.models import Need
from tests.factories import (
    CustomerFactory,
    ProfileFactory,
    SkillFactory,
    SpecializationFactory,
    SuperuserFactory,
)
from tests.needs.test_views import form_data
from tests.profiles.test_edit import edit_payload
from topfreelancer.ids import MAX_ID, IdChoiceField, IdMultipleChoiceField, parse_id

pytestmark = pytest.mark.django_db

# Values no row can have: out of range, negative, not a number.
NOT_IDS = ["9" * 25, str(2**63), str(2**64 + 1), "-1", "0", "abc", "1.5", "0x1f", ""]
# Numbers in forms int() reads, which the helper refuses too (Django's own field strips them).
LOOSE = [" 1", "１", "1e3"]  # "１" is a full-width digit
PROJECT_MODULES = [
    f"{app}.{module}"
    for app in ("accounts", "vetting", "profiles", "needs", "matching")
    for module in ("forms", "admin")
]


def test_parse_id():
    assert parse_id("1") == 1 and parse_id(7) == 7 and parse_id(str(MAX_ID)) == MAX_ID
    for value in [*NOT_IDS, *LOOSE, None, True, -3, MAX_ID + 1, ["1"]]:
        assert parse_id(value) is None, value


def test_a_25_digit_must_have_skill_on_the_need_form_is_a_form_error(client):
    """The exact input of issue 9, deterministic: a form error, no need, no 500."""
    client.force_login(CustomerFactory())
    skill = SkillFactory()
    data = form_data(SpecializationFactory(), must_have_skills=[str(skill.pk), "1234567890123456789012345"])

    response = client.post(reverse("needs:create"), data)

    assert response.status_code == 200
    assert "must_have_skills" in response.context["form"].errors
    assert not Need.objects.exists()


@pytest.mark.parametrize("field", ["must_have_skills", "nice_to_have_skills", "specialization", "level"])
@pytest.mark.parametrize("bad", ["9" * 25, "-5", "x"])
def test_every_id_field_of_the_need_form_refuses_a_non_id(client, field, bad):
    client.force_login(CustomerFactory())
    data = form_data(SpecializationFactory(), **{field: [bad] if "skills" in field else bad})
    response = client.post(reverse("needs:create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Need.objects.exists()


def test_too_many_skill_ids_are_a_form_error(client):
    client.force_login(CustomerFactory())
    data = form_data(SpecializationFactory(), must_have_skills=[str(n) for n in range(1, 150)])
    response = client.post(reverse("needs:create"), data)
    assert response.status_code == 200
    assert "Select at most 100." in response.context["form"].errors["must_have_skills"]


def test_a_non_id_skill_on_the_profile_edit_page_is_a_form_error(client):
    profile = ProfileFactory()
    client.force_login(profile.user)
    data = edit_payload(profile)
    data.update({"skills-TOTAL_FORMS": "1", "skills-0-skill": "9" * 25})
    response = client.post(reverse("profiles:edit"), data)
    assert response.status_code == 200
    assert "skill" in response.context["skills"].forms[0].errors


def _project_forms():
    """Every form class the project defines, with the admin's generated model forms."""
    classes = set()
    for name in PROJECT_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == name:
                classes.add(value)
    return classes


def _id_fields(form_class):
    return {
        name: field
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.ModelChoiceField)
    }


def test_every_project_form_with_id_fields_uses_the_id_helper():
    seen = 0
    for form_class in _project_forms():
        for name, field in _id_fields(form_class).items():
            assert isinstance(field, (IdChoiceField, IdMultipleChoiceField)), (form_class, name)
            seen += 1
    assert seen >= 6  # need: specialization, level, two skill lists; profile skill; moderation action


def test_every_form_refuses_non_ids_with_a_validation_error():
    """The project's forms and every admin change form and inline: each id field
    answers every non-id with a ValidationError (never OverflowError, DataError or a 500)."""
    request = RequestFactory().get("/admin/")
    request.user = SuperuserFactory()
    form_classes = _project_forms()
    for model_admin in admin.site._registry.values():
        form_classes.add(model_admin.get_form(request))
        for inline in model_admin.get_inline_instances(request):
            form_classes.add(inline.get_formset(request).form)
    checked = 0
    for form_class in form_classes:
        for field in form_class.base_fields.values():
            if not isinstance(field, (forms.ModelChoiceField, forms.MultipleChoiceField)):
                continue
            multiple = isinstance(field, (forms.ModelMultipleChoiceField, forms.MultipleChoiceField))
            for bad in NOT_IDS:
                if bad == "" and not multiple:
                    continue
                with pytest.raises(ValidationError):
                    field.clean([bad] if multiple else bad)
            checked += 1
    assert checked >= 10


def test_the_catalogue_filters_refuse_non_ids(client):
    for name in ("skills", "specialization", "min_level"):
        for bad in ("9" * 25, "-1", "x"):
            response = client.get(reverse("profiles:catalogue"), {name: bad})
            assert response.status_code == 200
            assert name in response.context["filter"].form.errors
