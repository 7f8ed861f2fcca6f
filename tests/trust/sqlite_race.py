"""Races against a file-based SQLite database, as the demo runs (`python -m tests.trust.sqlite_race DB N`).

Run in a subprocess by `test_sqlite_concurrency.py`: the suite's own SQLite database is in memory,
and the demo's settings (WAL, IMMEDIATE transactions, a busy timeout) only matter for a file that
several connections write at once. Real threads, each with its own connection, post through the
whole request stack (the test client). Prints one JSON line with what happened.
"""

import json
import os
import sys
import uuid

import django

# A script: the database and the settings are chosen before Django loads.
PATH, THREADS = sys.argv[1], int(sys.argv[2])
os.environ["DATABASE_URL"] = f"sqlite:///{PATH}"
for name in ("CELERY_BROKER_URL", "CACHE_URL"):  # the demo: eager tasks, a per-process cache
    os.environ.pop(name, None)
os.environ["DJANGO_SETTINGS_MODULE"] = "topfreelancer.settings"
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from needs.models import Need  # noqa: E402
from tests.factories import CustomerFactory, ModeratorFactory, SpecializationFactory  # noqa: E402
from tests.needs.test_views import form_data  # noqa: E402
from tests.threads import in_threads  # noqa: E402
from tests.vetting.factories import make_funnel, right_answers, to_skill_test  # noqa: E402
from vetting import services  # noqa: E402
from vetting.models import AuditEntry, StageResult, TestAttempt  # noqa: E402


def main() -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)

    with connection.cursor() as cursor:
        journal = cursor.execute("PRAGMA journal_mode").fetchone()[0]

    def post_as(user, url, data):
        def post():
            client = Client()
            client.force_login(user)
            response = client.post(url, data)
            return [response.status_code, response.get("Location")]

        return post

    # 1. Concurrent submits of the same skill test (issue 9: "database is locked", a 500).
    funnel = make_funnel(slug=f"race-{uuid.uuid4().hex[:8]}")
    application = to_skill_test(funnel, ModeratorFactory())
    attempt = services.attempt_start(application=application, applicant=application.applicant)
    answers = {f"q_{qid}": str(pk) for qid, pk in right_answers(attempt).items()}
    test_results = in_threads(
        post_as(application.applicant, reverse("vetting:attempt", args=[attempt.pk]), answers), THREADS
    )
    attempt.refresh_from_db()

    # 2. Concurrent identical need forms (one token).
    customer = CustomerFactory()
    need_results = in_threads(
        post_as(
            customer,
            reverse("needs:create"),
            form_data(SpecializationFactory(), form_token=str(uuid.uuid4())),
        ),
        THREADS,
    )
    needs = list(Need.objects.filter(customer=customer).values_list("pk", flat=True))

    print(
        json.dumps(
            {
                "journal_mode": journal,
                "test": {
                    "results": test_results,
                    "detail": reverse("vetting:application_detail", args=[application.pk]),
                    "graded": attempt.submitted_at is not None and attempt.score == 100,
                    "attempts_submitted": TestAttempt.objects.filter(
                        application=application, submitted_at__isnull=False
                    ).count(),
                    "stage_results": StageResult.objects.filter(
                        application=application, stage=attempt.stage, decided_at__isnull=False
                    ).count(),
                    "audit_submits": AuditEntry.objects.filter(
                        application=application, from_stage=attempt.stage
                    ).count(),
                },
                "need": {
                    "results": need_results,
                    "ids": needs,
                    "detail": reverse("needs:detail", args=needs[:1]) if needs else None,
                },
            },
            default=repr,  # an exception a thread raised
        )
    )


if __name__ == "__main__":
    main()
