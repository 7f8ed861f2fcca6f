"""Business flow in order (ASVS 2.3.1) and uploads (5.2.1, 5.2.2, 5.3.1, 5.3.2), through the pages.

The vetting app's own tests cover each transition and each file type; these check the promises
from the outside: no step can be skipped by posting to a later step's URL, and an uploaded file is
never reachable by a public URL, never stored under its own name, never served inline.
"""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import ModeratorFactory
from tests.vetting.factories import (
    apply,
    make_funnel,
    right_answers,
    to_skill_test,
    to_work_sample,
    wrong_answers,
)
from vetting.models import TestAttempt, WorkSubmission

pytestmark = pytest.mark.django_db


@pytest.fixture
def funnel():
    return make_funnel(slug="backend")


@pytest.mark.usefixtures("tmp_media")
def test_an_applicant_cannot_skip_ahead_by_posting_to_later_steps(client, funnel):
    application = apply(funnel)  # at the screening
    client.force_login(application.applicant)
    client.post(reverse("vetting:attempt_start", args=[application.pk]))
    assert not TestAttempt.objects.exists()
    response = client.post(reverse("vetting:work_submit", args=[application.pk]), {"text": "Skipping ahead"})
    assert response.status_code == 400
    assert not WorkSubmission.objects.exists()
    application.refresh_from_db()
    assert application.current_stage == funnel.screening and application.is_open


def test_a_test_is_taken_once_and_a_submitted_attempt_cannot_be_answered_again(client, funnel):
    application = to_skill_test(funnel, ModeratorFactory())
    client.force_login(application.applicant)
    client.post(reverse("vetting:attempt_start", args=[application.pk]))
    attempt = TestAttempt.objects.get()
    answers = {f"q_{k}": v for k, v in wrong_answers(attempt).items()}
    client.post(reverse("vetting:attempt", args=[attempt.pk]), answers)
    attempt.refresh_from_db()
    first_score = attempt.score
    assert attempt.submitted_at is not None

    again = {f"q_{k}": v for k, v in right_answers(attempt).items()}
    response = client.post(reverse("vetting:attempt", args=[attempt.pk]), again)
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == first_score
    client.post(reverse("vetting:attempt_start", args=[application.pk]))
    assert TestAttempt.objects.count() == 1


POLYGLOT = b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n%%EOF\n"


def test_uploads_are_private_renamed_and_never_served_inline(client, funnel, tmp_media):
    application = to_work_sample(funnel, ModeratorFactory())
    client.force_login(application.applicant)
    response = client.post(
        reverse("vetting:work_submit", args=[application.pk]),
        {"file": SimpleUploadedFile("<img src=x onerror=alert(1)>.pdf", POLYGLOT)},
    )
    assert response.status_code == 302
    submission = WorkSubmission.objects.get()
    stored = submission.file.name
    assert "onerror" not in stored and "<" not in stored
    assert str(tmp_media) in submission.file.path
    assert not submission.file.path.startswith(str(settings.STATIC_ROOT))
    # No public URL: /media/ is not routed.
    assert client.get(settings.MEDIA_URL + stored).status_code == 404
    served = client.get(reverse("vetting:submission_file", args=[submission.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
    # The detail page shows the original name escaped.
    page = client.get(reverse("vetting:application_detail", args=[application.pk])).content.decode()
    assert "<img src=x onerror" not in page


@pytest.mark.parametrize(
    "name, content",
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("page.svg", b"<svg onload=alert(1)></svg>"),
        ("shell.php", b"<?php system($_GET['c']); ?>"),
        ("fake.pdf", b"<html><script>alert(1)</script></html>"),
        ("fake.png", b"GIF89a"),
    ],
)
def test_active_content_is_refused(client, funnel, tmp_media, name, content):
    application = to_work_sample(funnel, ModeratorFactory())
    client.force_login(application.applicant)
    response = client.post(
        reverse("vetting:work_submit", args=[application.pk]), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 400
    assert not WorkSubmission.objects.exists()
    assert not any(tmp_media.rglob("*.*")) if tmp_media.exists() else True


@pytest.mark.usefixtures("tmp_media")
def test_an_oversized_request_is_refused_before_the_view(client, funnel):
    application = to_work_sample(funnel, ModeratorFactory())
    client.force_login(application.applicant)
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (6 * 1024 * 1024))
    response = client.post(reverse("vetting:work_submit", args=[application.pk]), {"file": big})
    assert response.status_code == 400
    assert not WorkSubmission.objects.exists()
