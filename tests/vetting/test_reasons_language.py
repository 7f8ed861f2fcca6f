"""A reason reads in the reader's language when it is shown, whatever language was active when it was
written: the system's reasons (the test score, too few years, a withdrawal) are worded from a code
and figures, a template's text comes from the template, a moderator's own words stay as written;
the email is worded in the recipient's language."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import OutboundEmail
from tests.factories import ApplicantFactory, ModeratorFactory
from vetting import services
from vetting.models import StageResult

from .factories import apply, make_funnel, to_skill_test, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def funnel():
    return make_funnel(slug="backend", questions=6, question_count=4)


def _page(client, application, language: str) -> str:
    client.force_login(application.applicant)
    response = client.get(
        reverse("vetting:application_detail", args=[application.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    return response.content.decode()


def test_a_failed_skill_test_reads_in_the_language_of_the_page(client, funnel):
    application = to_skill_test(funnel, ModeratorFactory(), ApplicantFactory(language="en"))
    attempt = services.attempt_start(application=application, applicant=application.applicant)
    answers = wrong_answers(attempt)
    with translation.override("en"):  # written while English is active (a worker, an English request)
        services.attempt_submit(attempt=attempt, applicant=application.applicant, answers=answers)
    result = StageResult.objects.get(application=application, stage=funnel.skill_test)
    assert result.reason_code == "test_score" and result.reason.startswith("Your score was 0.0%")
    russian = _page(client, application, "ru")
    assert "Ваш результат — 0.0%, а для этого этапа нужно 75%" in russian
    assert "Your score was" not in russian
    assert "Your score was 0.0%, and this stage needs 75%" in _page(client, application, "en")


def test_the_email_is_worded_in_the_recipients_language(funnel):
    applicant = ApplicantFactory(language="ru")
    with translation.override("en"):
        apply(funnel, applicant, years=0)  # below the screening stage's minimum: fails at once
    email = OutboundEmail.objects.filter(to=applicant.email).latest("pk")
    assert "Для этой специализации нужен опыт не меньше" in email.body
    assert "This specialization asks" not in email.body


def test_a_template_reason_reads_from_the_template_and_own_words_stay(client, funnel):
    moderator = ModeratorFactory()
    by_template = apply(funnel, ApplicantFactory(language="en"))
    services.application_reject(application=by_template, actor=moderator, reason_template=funnel.reason)
    assert funnel.reason.text_ru in _page(client, by_template, "ru")
    assert funnel.reason.text_en in _page(client, by_template, "en")
    own_words = apply(funnel, ApplicantFactory(language="en"))
    services.application_reject(
        application=own_words, actor=moderator, reason_template=funnel.reason, reason="We need more depth."
    )
    assert "We need more depth." in _page(client, own_words, "ru")


def test_a_withdrawal_reads_in_the_language_of_the_page(funnel):
    application = apply(funnel, ApplicantFactory(language="en"))
    with translation.override("en"):
        services.application_withdraw(application=application, applicant=application.applicant)
    result = StageResult.objects.get(application=application)
    assert result.reason == "Withdrawn by the applicant."
    with translation.override("ru"):
        assert result.reason_text == "Отозвана соискателем."


def test_a_reason_whose_figures_no_longer_fit_falls_back_to_the_stored_words(funnel):
    application = apply(funnel, ApplicantFactory(language="en"))
    services.application_withdraw(application=application, applicant=application.applicant)
    result = StageResult.objects.get(application=application)
    result.reason_code, result.reason_params = "test_score", {"unexpected": 1}
    assert result.reason_text == result.reason
