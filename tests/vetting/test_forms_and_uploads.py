"""The applicant's forms through the test client: clear errors, never a 500."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import ApplicantFactory, ModeratorFactory
from vetting.models import Application, WorkSubmission
from vetting.uploads import MAX_UPLOAD_BYTES
from vetting.views import TEST_START_LIMIT

from .factories import make_funnel, right_answers, to_skill_test, to_work_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def funnel():
    return make_funnel(slug="backend")


def screening_data(**extra):
    data = {
        "headline": "Python developer",
        "years_experience": "5",
        "summary": "APIs and databases.",
        "exp-TOTAL_FORMS": "1",
        "exp-INITIAL_FORMS": "0",
        "exp-MIN_NUM_FORMS": "1",
        "exp-MAX_NUM_FORMS": "5",
        "exp-0-organization": "Acme",
        "exp-0-role": "Developer",
        "exp-0-years": "3",
        "exp-0-description": "Built the billing API.",
    }
    return {**data, **extra}


def test_apply_through_the_form(client, funnel):
    applicant = ApplicantFactory()
    client.force_login(applicant)
    url = reverse("vetting:apply", args=[funnel.specialization.slug])
    question = funnel.specialization.screening_questions.get()
    response = client.post(url, screening_data(**{f"q_{question.pk}": "I like it."}))
    application = Application.objects.get(applicant=applicant)
    assert response.status_code == 302
    assert response["Location"] == reverse("vetting:application_detail", args=[application.pk])
    assert application.answers == {str(question.pk): "I like it."}
    assert application.experiences.get().organization == "Acme"


@pytest.mark.parametrize(
    "bad",
    [
        {"years_experience": "-1"},
        {"years_experience": "abc"},
        {"years_experience": "99"},
        {"headline": ""},
        {"exp-0-organization": ""},
        {"exp-TOTAL_FORMS": "0"},
    ],
)
def test_bad_screening_input_gets_a_form_error(client, funnel, bad):
    client.force_login(ApplicantFactory())
    url = reverse("vetting:apply", args=[funnel.specialization.slug])
    response = client.post(url, screening_data(**bad))
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.usefixtures("funnel")
def test_applying_is_rate_limited(client):
    cache.clear()
    applicant = ApplicantFactory()
    client.force_login(applicant)
    specs = [make_funnel(slug=f"spec-{n}").specialization for n in range(6)]

    def data(spec):
        return screening_data(**{f"q_{spec.screening_questions.get().pk}": "Because."})

    for spec in specs[:5]:
        assert client.post(reverse("vetting:apply", args=[spec.slug]), data(spec)).status_code == 302
    response = client.post(reverse("vetting:apply", args=[specs[5].slug]), data(specs[5]), follow=True)
    assert "too many applications" in response.content.decode()
    assert Application.objects.filter(applicant=applicant).count() == 5
    cache.clear()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", b"MZ\x90\x00 not a pdf", "does not match"),
        ("shot.png", b"%PDF-1.4 pretending", "does not match"),
        ("tool.exe", b"MZ\x90\x00", "Upload a PDF"),
        ("notes.txt", b"\x00\x01binary", "does not match"),
        ("empty.pdf", b"", "empty"),
    ],
)
@pytest.mark.usefixtures("tmp_media")
def test_uploads_are_checked_by_extension_and_content(client, funnel, name, content, message):
    application = to_work_sample(funnel, ModeratorFactory())
    client.force_login(application.applicant)
    response = client.post(
        reverse("vetting:work_submit", args=[application.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not WorkSubmission.objects.exists()


@pytest.mark.usefixtures("tmp_media")
def test_too_large_upload_is_refused(client, funnel):
    application = to_work_sample(funnel, ModeratorFactory())
    client.force_login(application.applicant)
    big = SimpleUploadedFile("big.txt", b"a" * (MAX_UPLOAD_BYTES + 1))
    response = client.post(reverse("vetting:work_submit", args=[application.pk]), {"file": big})
    assert response.status_code == 400 and "larger than 5 MB" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
        ("a.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
        ("a.zip", b"PK\x03\x04" + b"\x00" * 20),
        ("a.txt", "Привет, мир".encode()),
    ],
)
@pytest.mark.usefixtures("tmp_media")
def test_allowed_types_are_accepted(client, funnel, name, content):
    application = to_work_sample(funnel, ModeratorFactory())
    client.force_login(application.applicant)
    response = client.post(
        reverse("vetting:work_submit", args=[application.pk]), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 302
    assert WorkSubmission.objects.get().file.name.endswith(name.rsplit(".", 1)[1])


def test_empty_work_sample_gets_a_form_error(client, funnel):
    application = to_work_sample(funnel, ModeratorFactory())
    client.force_login(application.applicant)
    response = client.post(reverse("vetting:work_submit", args=[application.pk]), {"text": "  "})
    assert response.status_code == 400 and "Give an answer, a link or a file" in response.content.decode()


def test_test_taking_through_the_pages(client, funnel):
    application = to_skill_test(funnel, ModeratorFactory())
    client.force_login(application.applicant)
    response = client.post(reverse("vetting:attempt_start", args=[application.pk]))
    attempt = application.attempts.get()
    assert response["Location"] == reverse("vetting:attempt", args=[attempt.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'data-seconds-left="' in page and "Question" in page

    data = {f"q_{qid}": choice for qid, choice in right_answers(attempt).items()}
    response = client.post(reverse("vetting:attempt", args=[attempt.pk]), data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.current_stage == funnel.work_sample
    # a tampered choice id gets a form error or counts as wrong, never a 500
    response = client.post(reverse("vetting:attempt", args=[attempt.pk]), {"q_1": "x"})
    assert response.status_code == 302  # already submitted: back to the application


@pytest.mark.usefixtures("funnel")
def test_starting_tests_is_rate_limited(client):

    cache.clear()
    moderator = ModeratorFactory()
    applicant = ApplicantFactory()
    client.force_login(applicant)
    specs = [make_funnel(slug=f"t-{n}") for n in range(TEST_START_LIMIT[0] + 1)]
    applications = [to_skill_test(f, moderator, applicant) for f in specs]
    for application in applications[:-1]:
        response = client.post(reverse("vetting:attempt_start", args=[application.pk]))
        assert response["Location"].startswith("/apply/test/")
    response = client.post(reverse("vetting:attempt_start", args=[applications[-1].pk]), follow=True)
    assert "Too many test starts" in response.content.decode()
    assert not applications[-1].attempts.exists()
    cache.clear()
