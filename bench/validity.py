"""Selection-validity benchmark: the admin report at n engagements' worth of data against the time it
takes just to fetch the same rows into Python, in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tf_bench python -m bench.validity --n 100000

`run(n=...)` makes sure one specialization `bench-validity` has n ended engagements with the
customer's feedback, behind n/4 accepted specialists (skill test, work sample and interview
scored, a 10-question test attempt each), with a real relation: a latent ability drives both the
scores and the outcomes, plus noise. The loader writes with `bulk_create` (a bench's bulk path; the
demo uses the services). Then, in alternation (2 warm-up + REPEATS measured):

- report: `matching.validity.stage_validity()` and `item_analysis()` for the specialization: what
  the admin page computes;
- fetch: the same rows (feedback with specialist and specialization, stage scores, assigned levels,
  attempts' questions and answers, correct choices) fetched into Python and nothing else: the
  floor for any report that is not computed inside the database.

The ratio is median(report) / median(fetch); `make bench` ends with `bench: validity_x_baseline V x`.
"""

import argparse
import math
import os
import random
import statistics
import sys
import time
from datetime import timedelta

import django
from django.apps import apps

if not apps.ready:  # run as a script
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topfreelancer.settings")
    django.setup()

from django.db import (
    connection,
    transaction,
)
from django.utils import timezone

from accounts.models import User
from matching import validity
from matching.models import Engagement, Feedback, Invitation
from needs.models import Need
from vetting.models import (
    Application,
    ApplicationStatus,
    Choice,
    Level,
    Outcome,
    Question,
    Specialization,
    Stage,
    StageKind,
    StageResult,
    TestAttempt,
)

REPEATS = 5
QUESTIONS = 10
SLUG = "bench-validity"


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _funnel():
    spec, created = Specialization.objects.get_or_create(
        slug=SLUG, defaults={"name_en": "Bench validity", "name_ru": "Бенчмарк валидности"}
    )
    if created:
        for position, kind in enumerate(
            [StageKind.SCREENING, StageKind.SKILL_TEST, StageKind.WORK_SAMPLE, StageKind.INTERVIEW], start=1
        ):
            Stage.objects.create(
                specialization=spec, position=position, kind=kind, name_en=kind, name_ru=kind
            )
        for n in range(QUESTIONS):
            question = Question.objects.create(
                specialization=spec, text_en=f"Bench question {n}", text_ru="?"
            )
            Choice.objects.create(question=question, text_en="right", text_ru="да", is_correct=True)
            Choice.objects.create(question=question, text_en="wrong", text_ru="нет")
    return spec


def load(n: int, *, seed: int = 1) -> None:
    """n ended engagements with customers' feedback (adds only what is missing)."""
    spec = _funnel()
    have = Feedback.objects.filter(engagement__need__specialization=spec).count()
    if have >= n:
        return
    stages = {stage.kind: stage for stage in spec.stages.all()}
    questions = list(spec.questions.order_by("pk").prefetch_related("choices"))
    choices = {q.pk: {c.is_correct: c.pk for c in q.choices.all()} for q in questions}
    levels = list(Level.objects.order_by("rank"))
    rng = random.Random(seed + have)
    now = timezone.now()
    per_specialist, batch = 4, 4000
    for start in range(have, n, batch):
        size = min(batch, n - start)
        with transaction.atomic():
            tag = f"{SLUG}-{start}"
            specialists = User.objects.bulk_create(
                [
                    User(email=f"{tag}-s{i}@example.com", role="applicant")
                    for i in range(size // per_specialist + 1)
                ]
            )
            customer = User.objects.create(email=f"{tag}-c@example.com", role="customer")
            ability = {user.pk: rng.gauss(0, 1) for user in specialists}
            applications = Application.objects.bulk_create(
                [
                    Application(
                        applicant=user,
                        specialization=spec,
                        status=ApplicationStatus.ACCEPTED,
                        level=levels[int(_clip(1.5 + ability[user.pk] + rng.gauss(0, 0.7), 0, 3))],
                        headline="Bench",
                        summary="Bench",
                        years_experience=5,
                        closed_at=now,
                    )
                    for user in specialists
                ]
            )
            results, attempts = [], []
            for application in applications:
                a = ability[application.applicant_id]
                for kind, noise in (("skill_test", 0.8), ("work_sample", 0.6), ("interview", 1.2)):
                    results.append(
                        StageResult(
                            application=application,
                            stage=stages[kind],
                            outcome=Outcome.PASSED,
                            entered_at=now - timedelta(days=30),
                            decided_at=now - timedelta(days=20),
                            score=round(_clip(72 + 10 * (a + rng.gauss(0, noise)), 0, 100), 1),
                        )
                    )
                answers = {}
                for index, question in enumerate(questions):
                    # question 0 is one that everyone gets right; the others get harder with the index
                    p = 0.99 if index == 0 else 1 / (1 + math.exp(-(1.5 * a + 1.2 - index * 0.25)))
                    answers[str(question.pk)] = choices[question.pk][rng.random() < p]
                attempts.append(
                    TestAttempt(
                        application=application,
                        stage=stages["skill_test"],
                        question_ids=[q.pk for q in questions],
                        answers=answers,
                        started_at=now - timedelta(days=40, minutes=20),
                        deadline=now - timedelta(days=40),
                        submitted_at=now - timedelta(days=40, minutes=2),
                    )
                )
            StageResult.objects.bulk_create(results)
            TestAttempt.objects.bulk_create(attempts)
            needs = Need.objects.bulk_create(
                [
                    Need(
                        customer=customer,
                        title=f"Bench need {i}",
                        specialization=spec,
                        level=levels[2],
                        state="closed",
                    )
                    for i in range(size // per_specialist + 1)
                ]
            )
            invitations = Invitation.objects.bulk_create(
                [
                    Invitation(
                        need=needs[i // per_specialist],
                        specialist=specialists[(i + i // per_specialist) % len(specialists)],
                        message="Bench",
                        state="accepted",
                        responded_at=now - timedelta(days=19),
                    )
                    for i in range(size)
                ]
            )
            engagements = Engagement.objects.bulk_create(
                [
                    Engagement(
                        invitation=inv,
                        need_id=inv.need_id,
                        specialist_id=inv.specialist_id,
                        state="ended",
                        started_at=now - timedelta(days=19),
                        ended_at=now - timedelta(days=1),
                    )
                    for inv in invitations
                ]
            )
            feedback = []
            for engagement in engagements:
                a = ability[engagement.specialist_id] + rng.gauss(0, 0.8)
                fit = "below" if a < -0.8 else "above" if a > 1.0 else "at"
                feedback.append(
                    Feedback(
                        engagement=engagement,
                        side="customer",
                        author=customer,
                        level_fit=fit,
                        quality=int(_clip(round(3.3 + a), 1, 5)),
                        communication=int(_clip(round(3.5 + a / 2), 1, 5)),
                        would_hire_again=a > -0.5,
                        created_at=now - timedelta(days=1),
                        updated_at=now - timedelta(days=1),
                    )
                )
            Feedback.objects.bulk_create(feedback)

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _report(spec_id: int):
    return validity.stage_validity(), validity.item_analysis(specialization_id=spec_id)


def _fetch(spec_id: int) -> int:
    rows = len(list(validity._outcomes()))
    rows += len(
        list(
            StageResult.objects.filter(application__status="accepted", score__isnull=False).values_list(
                "application__applicant_id", "application__specialization_id", "stage__kind", "score"
            )
        )
    )
    rows += len(
        list(
            Application.objects.filter(status="accepted", level__isnull=False).values_list(
                "applicant_id", "specialization_id", "level__code"
            )
        )
    )
    rows += len(
        list(
            Choice.objects.filter(question__specialization_id=spec_id, is_correct=True).values_list(
                "question_id", "pk"
            )
        )
    )
    attempts = TestAttempt.objects.filter(stage__specialization_id=spec_id, submitted_at__isnull=False)
    rows += sum(1 for _ in attempts.values_list("question_ids", "answers").iterator(chunk_size=5000))
    return rows


def run(*, n: int, repeats: int = REPEATS) -> dict:
    started = time.perf_counter()
    load(n)
    loaded_s = time.perf_counter() - started
    spec_id = Specialization.objects.get(slug=SLUG).pk
    timings = {"report": [], "fetch": []}
    for round_ in range(repeats + 2):
        for name, work in (("report", _report), ("fetch", _fetch)):
            t0 = time.perf_counter()
            result = work(spec_id)
            elapsed = time.perf_counter() - t0
            if round_ >= 2:
                timings[name].append(elapsed)
    stages, items = _report(spec_id)
    report_ms = statistics.median(timings["report"]) * 1000
    fetch_ms = statistics.median(timings["fetch"]) * 1000
    skill = next(s for s in stages["stages"] if s["kind"] == "skill_test")
    return {
        "n": n,
        "load_s": loaded_s,
        "report_ms": report_ms,
        "fetch_ms": fetch_ms,
        "ratio": report_ms / fetch_ms,
        "rows": result,
        "skill_quality_rho": skill["quality"].rho,
        "flagged": sum(1 for item in items if item["flag"]),
    }


def print_rows(rows: list[dict]) -> None:
    print(
        "| engagements | rows fetched | report median ms | fetch median ms | report × fetch "
        "| skill-test ρ (quality) | flagged items |"
    )
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['n']:,} | {row['rows']:,} | {row['report_ms']:.0f} | {row['fetch_ms']:.0f} "
            f"| {row['ratio']:.2f} | {row['skill_quality_rho']:.2f} | {row['flagged']} |"
        )


def figures(row: dict) -> list[tuple[str, float, str]]:
    """The machine-readable figures of one run: the report's time and its ratio to fetching its rows."""
    return [
        ("validity_report_ms", round(row["report_ms"], 1), "ms"),
        ("validity_x_baseline", round(row["ratio"], 2), "x"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, nargs="+", default=[int(os.environ.get("BENCH_N", "10000"))])
    args = parser.parse_args()
    rows = []
    for n in args.n:
        print(f"Selection validity at {n:,} engagements (loading them if needed)", flush=True)
        rows.append(run(n=n))
    print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
