"""User text: every field has a cap (form, model and database) and one-line fields stay on one line."""

import pytest
from django.apps import apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.forms import modelform_factory
from django.urls import reverse

from accounts.forms import SignupForm
from matching.forms import InviteForm
from matching.services import invitation_send
from needs.models import Need
from tests.factories import CustomerFactory, ProfileFactory, SpecializationFactory
from tests.needs.factories import NeedFactory
from tests.needs.test_views import form_data
from tests.profiles.factories import ExperienceFactory
from topfreelancer.markup import RenderedHTMLField
from topfreelancer.text import MESSAGE_MAX, WORK_SAMPLE_MAX, CappedTextField, SingleLineCharField
from vetting.forms import ReviewForm, WorkSubmissionForm
from vetting.models import Stage

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["accounts", "vetting", "profiles", "needs", "matching"]
# Text the site writes itself, never a user: no cap needed.
SYSTEM_TEXT = {
    "accounts.OutboundEmail.body",
    "accounts.OutboundEmail.last_error",
    "profiles.Profile.search_text",  # the stemmed index of capped fields, written by profiles.search
}


def text_fields(kind):
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, kind):
                    yield pytest.param(model, field, id=f"{model._meta.label}.{field.name}")


def test_every_text_field_is_capped_or_written_by_the_site():
    uncapped = {
        f"{model._meta.label}.{field.name}"
        for label in PROJECT_APPS
        for model in apps.get_app_config(label).get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField) and not isinstance(field, CappedTextField | RenderedHTMLField)
    }
    assert uncapped == SYSTEM_TEXT


@pytest.mark.parametrize(("model", "field"), list(text_fields(CappedTextField)))
def test_a_text_over_its_cap_is_a_form_error_and_refused_by_model_and_database(model, field):
    form = modelform_factory(model, fields=[field.name])(data={field.name: "a" * (field.max_length + 1)})
    assert not form.is_valid() and form.errors[field.name][0].startswith("Ensure this value has at most")
    assert modelform_factory(model, fields=[field.name])(data={field.name: "a" * field.max_length}).is_valid()
    with pytest.raises(ValidationError):
        field.clean("a" * (field.max_length + 1), None)
    constraint = f"{model._meta.db_table}_{field.name}_cap"
    assert constraint in {c.name for c in model._meta.constraints}


def test_the_database_refuses_a_text_over_its_cap_written_around_the_forms():
    need = NeedFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Need.objects.filter(pk=need.pk).update(description="a" * 5001)
    profile = ProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ExperienceFactory(profile=profile, task="a" * (MESSAGE_MAX + 1))


@pytest.mark.parametrize(
    ("form", "field", "cap", "kwargs"),
    [
        (InviteForm, "message", MESSAGE_MAX, {}),
        (WorkSubmissionForm, "text", WORK_SAMPLE_MAX, {}),
        (SignupForm, "full_name", 150, {}),
    ],
)
def test_plain_forms_cap_their_text(form, field, cap, kwargs):
    assert field in form(data={field: "a" * (cap + 1)}, **kwargs).errors
    assert field not in form(data={field: "a" * cap}, **kwargs).errors


def test_the_review_note_is_capped(funnel_stage):
    form = ReviewForm(data={"private_note": "a" * (MESSAGE_MAX + 1)}, stage=funnel_stage)
    assert "private_note" in form.errors


@pytest.fixture
def funnel_stage():
    spec = SpecializationFactory()
    return Stage.objects.create(specialization=spec, position=1, kind="interview", name_en="I", name_ru="И")


def test_a_too_long_description_posted_to_the_need_form_is_a_form_error(client):
    customer = CustomerFactory()
    client.force_login(customer)
    spec = SpecializationFactory()
    response = client.post(reverse("needs:create"), form_data(spec, description="a" * 5001))
    assert response.status_code == 200 and "description" in response.context["form"].errors
    assert not Need.objects.filter(customer=customer).exists()


# Single-line fields


@pytest.mark.parametrize(("model", "field"), list(text_fields(SingleLineCharField)))
@pytest.mark.parametrize("bad", ["a\nb", "a\rb", "a\tb", "a\x00b", "a\u2028b"])
def test_a_line_break_in_a_one_line_field_is_refused_by_model_and_form(model, field, bad):
    with pytest.raises(ValidationError):
        field.clean(bad, None)
    form = modelform_factory(model, fields=[field.name])(data={field.name: bad})
    assert not form.is_valid() and field.name in form.errors


def test_a_crafted_post_with_a_newline_title_is_a_form_error(client):
    customer = CustomerFactory()
    client.force_login(customer)
    spec = SpecializationFactory()
    response = client.post(reverse("needs:create"), form_data(spec, title="Editor\r\nBcc: all@example.com"))
    assert response.status_code == 200
    assert "one line" in str(response.context["form"].errors["title"])
    assert not Need.objects.filter(customer=customer).exists()


def test_the_admin_refuses_a_newline_name(admin_client):
    response = admin_client.post(
        reverse("admin:vetting_specialization_add"),
        {
            "slug": "editing",
            "name_en": "Editing\nand more",
            "name_ru": "Редактура",
            "reapply_cooldown_days": 90,
        },
    )
    assert response.status_code == 200
    assert "name_en" in response.context["adminform"].form.errors


def test_the_signup_form_refuses_a_newline_name():
    assert "full_name" in SignupForm(data={"full_name": "Ann\nBcc: x"}).errors


def test_an_old_newline_title_no_longer_breaks_the_invitation_email(django_capture_on_commit_callbacks):
    need = NeedFactory()
    Need.objects.filter(pk=need.pk).update(title="Blog\r\neditor")  # stored before the rule
    need.refresh_from_db()
    profile = ProfileFactory(specialization=need.specialization)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(customer=need.customer, need=need, profile=profile, message="Join us")
    assert len(mail.outbox) == 1 and "Blog  editor" in mail.outbox[0].subject
