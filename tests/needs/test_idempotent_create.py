"""A double-clicked or replayed need form creates one need (issue 9: 30 concurrent identical POSTs
to /needs/new/ created 30). The form carries a one-time token; the need stores it, unique per
customer; a second submit of the same form redirects to the first one's need."""

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from needs.models import Need, NeedEvent
from needs.services import need_create
from tests.conftest import require_postgres
from tests.factories import CustomerFactory, SpecializationFactory, level
from tests.needs.test_views import form_data
from tests.threads import in_threads


def token_of(page) -> str:
    return re.search(r'name="form_token" value="([0-9a-f-]{36})"', page.content.decode()).group(1)


@pytest.mark.django_db
def test_a_replayed_form_creates_one_need_and_answers_with_it(client):
    customer = CustomerFactory()
    client.force_login(customer)
    data = form_data(SpecializationFactory(), form_token=token_of(client.get(reverse("needs:create"))))

    first = client.post(reverse("needs:create"), data)
    second = client.post(reverse("needs:create"), data)

    need = Need.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("needs:detail", args=[need.pk])
    assert NeedEvent.objects.filter(need=need, from_state="").count() == 1


@pytest.mark.django_db
def test_each_rendered_form_has_its_own_token(client):
    client.force_login(CustomerFactory())
    spec = SpecializationFactory()
    tokens = {token_of(client.get(reverse("needs:create"))) for _ in range(2)}
    assert len(tokens) == 2
    for token in tokens:
        assert client.post(reverse("needs:create"), form_data(spec, form_token=token)).status_code == 302
    assert Need.objects.count() == 2


@pytest.mark.django_db
def test_a_form_with_errors_keeps_its_token_for_the_corrected_submit(client):
    client.force_login(CustomerFactory())
    spec = SpecializationFactory()
    token = token_of(client.get(reverse("needs:create")))
    page = client.post(reverse("needs:create"), form_data(spec, form_token=token, title=""))
    assert page.status_code == 200 and token_of(page) == token
    client.post(reverse("needs:create"), form_data(spec, form_token=token))
    client.post(reverse("needs:create"), form_data(spec, form_token=token))
    assert Need.objects.count() == 1


@pytest.mark.django_db
def test_a_token_is_per_customer_and_a_forged_one_is_a_form_error(client):
    spec, token = SpecializationFactory(), str(uuid.uuid4())
    for _ in range(2):
        client.force_login(CustomerFactory())
        assert client.post(reverse("needs:create"), form_data(spec, form_token=token)).status_code == 302
    assert Need.objects.count() == 2
    response = client.post(reverse("needs:create"), form_data(spec, form_token="not-a-token"))
    assert response.status_code == 200 and "form_token" in response.context["form"].errors
    assert Need.objects.count() == 2


@pytest.mark.django_db
def test_the_edit_form_has_no_token(client):
    customer = CustomerFactory()
    client.force_login(customer)
    need = need_create(
        customer=customer,
        fields={"title": "Editor", "specialization": SpecializationFactory(), "level": level("senior")},
    )
    assert 'name="form_token"' not in client.get(reverse("needs:edit", args=[need.pk])).content.decode()


@pytest.mark.services
@pytest.mark.usefixtures("transactional_db")
def test_thirty_concurrent_identical_posts_create_one_need():
    """Real threads and connections against PostgreSQL, each with its own client."""
    require_postgres()
    customer = CustomerFactory()
    data = form_data(SpecializationFactory(), form_token=str(uuid.uuid4()))

    def submit():
        client = Client()
        client.force_login(customer)
        response = client.post(reverse("needs:create"), data)
        return response.status_code, response.get("Location")

    results = in_threads(submit, 30)

    need = Need.objects.get()
    assert results == [(302, reverse("needs:detail", args=[need.pk]))] * 30
    assert NeedEvent.objects.filter(need=need, from_state="").count() == 1
