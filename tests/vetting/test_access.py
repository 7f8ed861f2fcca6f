"""Applicants see only their own applications, attempts and files; never moderators' notes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.formats import date_format

from accounts.models import OutboundEmail
from tests.factories import ApplicantFactory, CustomerFactory, ModeratorFactory
from vetting import services

from .factories import apply, make_funnel, score, to_interview, to_skill_test, to_work_sample

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def funnel():
    return make_funnel(slug="backend")


@pytest.fixture
def moderator():
    return ModeratorFactory()


@pytest.mark.usefixtures("tmp_media")
def test_another_applicant_gets_404_for_application_attempt_and_file(client, funnel, moderator):
    application = to_work_sample(funnel, moderator)
    attempt = application.attempts.get()
    submission = services.work_submit(
        application=application,
        applicant=application.applicant,
        file=SimpleUploadedFile("cv.pdf", PDF, content_type="application/pdf"),
    )
    client.force_login(ApplicantFactory())
    for url in [
        reverse("vetting:application_detail", args=[application.pk]),
        reverse("vetting:attempt", args=[attempt.pk]),
        reverse("vetting:submission_file", args=[submission.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    for name in ["attempt_start", "work_submit", "withdraw"]:
        assert client.post(reverse(f"vetting:{name}", args=[application.pk])).status_code == 404
    application.refresh_from_db()
    assert application.is_open


def test_owner_and_staff_download_the_file_with_a_random_stored_name(client, funnel, moderator, tmp_media):
    application = to_work_sample(funnel, moderator)
    submission = services.work_submit(
        application=application,
        applicant=application.applicant,
        file=SimpleUploadedFile("my cv.pdf", PDF, content_type="application/pdf"),
    )
    stored = submission.file.name
    assert stored.startswith("vetting/submissions/") and "my cv" not in stored and stored.endswith(".pdf")
    assert str(tmp_media) in submission.file.path
    url = reverse("vetting:submission_file", args=[submission.pk])
    client.force_login(application.applicant)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    client.force_login(moderator)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_applicant_never_sees_private_notes_or_reviewers(client, funnel, moderator):
    application = to_interview(funnel, moderator)  # has a work-sample review with a private note
    score(application, moderator, 4)
    client.force_login(application.applicant)
    for url in [
        reverse("vetting:application_detail", args=[application.pk]),
        reverse("vetting:my_applications"),
    ]:
        body = client.get(url).content.decode()
        assert "SECRET-NOTE" not in body
        assert moderator.email not in body and moderator.full_name not in body


def test_detail_shows_stage_n_of_m_and_what_comes_next(client, funnel, moderator):
    application = to_skill_test(funnel, moderator)
    client.force_login(application.applicant)
    body = client.get(reverse("vetting:application_detail", args=[application.pk])).content.decode()
    assert "Stage 2 of 4" in body
    assert "What comes next: Work sample." in body
    body = client.get(reverse("vetting:my_applications")).content.decode()
    assert "Stage 2 of 4" in body and "Next comes Work sample." in body


def test_rejected_applicant_sees_the_reason_and_the_reapply_date(client, funnel, moderator):
    application = apply(funnel)
    services.application_reject(application=application, actor=moderator, reason_template=funnel.reason)
    client.force_login(application.applicant)
    body = client.get(reverse("vetting:application_detail", args=[application.pk])).content.decode()
    assert funnel.reason.text_en in body
    application.refresh_from_db()
    reapply_on = date_format(application.reapply_at, "DATE_FORMAT")
    assert application.reapply_at.date() > application.closed_at.date()
    assert f"You can apply to this specialization again on {reapply_on}." in body
    body = client.get(reverse("vetting:my_applications")).content.decode()
    assert "You can apply again on" in body
    response = client.get(reverse("vetting:apply", args=[funnel.specialization.slug]))
    assert "apply to this specialization again on" in response.content.decode()


def test_customers_cannot_apply(client, funnel):
    client.force_login(CustomerFactory())
    assert client.get(reverse("vetting:apply", args=[funnel.specialization.slug])).status_code == 403


def test_moderator_cannot_edit_the_funnel_configuration(client, funnel, moderator):
    client.force_login(moderator)
    stage_url = reverse("admin:vetting_stage_change", args=[funnel.skill_test.pk])
    response = client.get(stage_url)
    assert response.status_code == 200  # may read it
    assert b'name="pass_mark"' not in response.content  # but not as a form
    response = client.post(stage_url, {"pass_mark": 1, "position": 2, "kind": "skill_test"})
    assert response.status_code == 403
    funnel.skill_test.refresh_from_db()
    assert funnel.skill_test.pass_mark == 75
    for model in ["specialization", "stage", "question", "reasontemplate", "level"]:
        assert client.get(reverse(f"admin:vetting_{model}_add")).status_code == 403
    assert client.get(reverse("admin:vetting_application_changelist")).status_code == 200


def test_superuser_can_edit_the_configuration(admin_client, funnel):
    response = admin_client.get(reverse("admin:vetting_stage_change", args=[funnel.skill_test.pk]))
    assert b'name="pass_mark"' in response.content


def test_page_polls_while_a_moderator_decides_and_htmx_gets_the_fragment(client, funnel, moderator):
    application = apply(funnel)
    client.force_login(application.applicant)
    url = reverse("vetting:application_detail", args=[application.pk])
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 30s"' in page
    services.application_advance(application=application, actor=moderator)
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="application-body"')
    assert "<html" not in fragment and "Stage 2 of 4" in fragment
    assert 'hx-trigger="every 30s"' not in fragment  # the skill test waits on the applicant, not a moderator


def test_the_rejection_email_gives_the_reapply_date_and_an_absolute_link(funnel, moderator, settings):
    settings.SITE_URL = "https://topfreelancer.example"
    application = apply(funnel)
    services.application_reject(application=application, actor=moderator, reason_template=funnel.reason)
    application.refresh_from_db()
    email = OutboundEmail.objects.filter(to=application.applicant.email).latest("pk")
    assert f"again on {date_format(application.reapply_at, 'DATE_FORMAT')}." in email.body
    page = reverse("vetting:application_detail", args=[application.pk])
    assert f"https://topfreelancer.example{page}\n" in email.body
