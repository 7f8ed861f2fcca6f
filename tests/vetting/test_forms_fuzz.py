"""Random input into the applicant's forms gets a page or a form error, never a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ApplicantFactory, ModeratorFactory

from .factories import make_funnel, to_skill_test

pytestmark = pytest.mark.django_db

text = st.text(max_size=60)
FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def funnel():
    return make_funnel(slug="fuzz")


@FUZZ
@given(headline=text, years=text, summary=text, total=text, org=text, exp_years=text)
def test_screening_form_never_500s(client, funnel, headline, years, summary, total, org, exp_years):
    client.force_login(ApplicantFactory())
    data = {
        "headline": headline,
        "years_experience": years,
        "summary": summary,
        "exp-TOTAL_FORMS": total,
        "exp-INITIAL_FORMS": "0",
        "exp-0-organization": org,
        "exp-0-years": exp_years,
    }
    response = client.post(reverse("vetting:apply", args=[funnel.specialization.slug]), data)
    assert response.status_code in (200, 302)


@FUZZ
@given(answers=st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=6))
def test_test_form_never_500s(client, funnel, answers):
    application = to_skill_test(funnel, ModeratorFactory())
    client.force_login(application.applicant)
    client.post(reverse("vetting:attempt_start", args=[application.pk]))
    attempt = application.attempts.get()
    response = client.post(reverse("vetting:attempt", args=[attempt.pk]), answers)
    assert response.status_code in (200, 302)
