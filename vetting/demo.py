# ruff: noqa: E501  (demo text reads better unbroken)
"""Demo funnel: eight specializations with stages, question banks, rubrics and reasons, and a year of
applicants whose outcomes give a realistic funnel (about a quarter pass screening, under 10% are
accepted), with applications still open at every stage so the moderators' queue is not empty.

Idempotent: a second run finds the configuration and the demo applicants and adds nothing.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from django.utils.text import slugify

from accounts.demo import DEMO_PASSWORD, demo_user
from accounts.models import MODERATORS_GROUP, User
from profiles.models import Skill

from . import services
from .demo_content import (
    ANCHORS,
    CRITERIA,
    QUESTIONS,
    REASONS,
    SCREENING_QUESTIONS,
    SPECIALIZATIONS,
    STAGES,
    skill_name_ru,
)
from .models import (
    Application,
    ApplicationStatus,
    AuditEntry,
    Choice,
    Claim,
    Level,
    Outcome,
    Question,
    ReasonTemplate,
    Review,
    RubricAnchor,
    RubricCriterion,
    ScreeningExperience,
    ScreeningQuestion,
    Specialization,
    Stage,
    StageResult,
    TestAttempt,
    WorkSubmission,
)
from .reasons import reason_words
from .selectors import awaiting_moderator
from .signals import announce_acceptance

DEMO_APPLICANTS = 340
FORCED_OPEN = 14
EMAIL = "applicant{:04d}@demo.topfreelancer.example"
# Chance to pass each stage kind (Toptal: 26.4% -> 7.4% -> 3.6% -> 3% of all applicants remain).
PASS_RATE = {"screening": 0.27, "skill_test": 0.24, "work_sample": 0.52, "interview": 0.82}
DAYS_IN_STAGE = {"screening": (1, 6), "skill_test": (1, 6), "work_sample": (3, 12), "interview": (4, 14)}
REASON_FOR = {
    "screening": "resume-thin",
    "skill_test": None,
    "work_sample": "work-quality",
    "interview": "interview-depth",
}
SAMPLE_ANSWERS = [
    "A payments migration for a bank: I planned it, led two colleagues and ran the cut-over night.",
    "A redesign of a course platform; I owned the research and the final handoff to developers.",
    "About 20 hours a week for at least six months.",
    "Full-time for a long project; I prefer teams that write things down.",
]
SAMPLE_SUBMISSIONS = [
    "The solution and a short note on the trade-offs I chose, with what I would do next.",
    "Here is the result, plus the two alternatives I rejected and why.",
]
FIRST_NAMES = [
    "Anna",
    "Boris",
    "Chen",
    "Daria",
    "Elif",
    "Fedor",
    "Greta",
    "Hugo",
    "Irina",
    "Jonas",
    "Kira",
    "Leon",
    "Maya",
    "Nikita",
    "Olga",
    "Pavel",
    "Quinn",
    "Rosa",
    "Sergey",
    "Tara",
    "Umar",
    "Vera",
    "Wen",
    "Yana",
    "Zoe",
]
LAST_NAMES = [
    "Ivanova",
    "Smirnov",
    "Kowalski",
    "Novak",
    "Petrova",
    "Garcia",
    "Sokolov",
    "Müller",
    "Orlova",
    "Kim",
    "Volkov",
    "Silva",
    "Lebedeva",
    "Nowak",
    "Popov",
]


def load(*, stdout) -> None:
    specializations = _configuration()
    moderator = User.objects.filter(email="moderator@example.com").first()
    if not User.objects.filter(email=EMAIL.format(0)).exists():
        created = _applicants(specializations, moderator)
        stdout.write(f"vetting: {created} demo applications over the last 12 months")
    _applicant_at_skill_test(specializations["backend-development"])
    _accepted_specialist(specializations["backend-development"], moderator)
    _anchors()
    _moderation_story()
    from .selectors import funnel_stats_clear

    funnel_stats_clear()
    stdout.write("vetting: funnel ready")


def _anchors() -> None:
    """Every demo rubric criterion gets its behavioural anchors (idempotent)."""
    for criterion in RubricCriterion.objects.filter(anchors__isnull=True, name_en__in=ANCHORS):
        RubricAnchor.objects.bulk_create(
            RubricAnchor(criterion=criterion, score=score, text_en=en, text_ru=ru)
            for score, (en, ru) in enumerate(ANCHORS[criterion.name_en], start=1)
        )


OTHER_MODERATORS = [
    ("pavel.moderator@example.com", "Pavel Reviewer"),
    ("olga.moderator@example.com", "Olga Reviewer"),
]


def _moderation_story() -> None:
    """The queue tells its story: two more moderators, one work sample they disagree on, and a few
    applications Pavel has taken (late items come from the simulated history). Through the services."""
    group = Group.objects.get(name=MODERATORS_GROUP)
    pavel, olga = (demo_user(email, name, staff=True) for email, name in OTHER_MODERATORS)
    for user in (pavel, olga):
        user.groups.add(group)
    if Review.objects.filter(reviewer__in=[pavel, olga]).exists():
        return
    waiting = awaiting_moderator()
    disputed = waiting.filter(current_stage__kind="work_sample", reviews_count=0).first()
    if disputed is not None:
        for reviewer, value in ((pavel, 5), (olga, 2)):
            services.review_submit(
                application=disputed,
                reviewer=reviewer,
                scores={c.pk: value for c in disputed.current_stage.criteria.all()},
                private_note="Demo: see the scorecards side by side.",
            )
    taken = list(waiting.filter(current_stage__kind="screening").order_by("-waiting_since")[:3])
    for application in taken:
        services.application_claim(application=application, moderator=pavel)
    # The demo is looked at for hours after loading: its claims last the working day.
    Claim.objects.filter(application__in=taken).update(expires_at=timezone.now() + timedelta(hours=10))


def _configuration() -> dict[str, Specialization]:
    reasons = {}
    for code, title_en, title_ru, text_en, text_ru in REASONS:
        reasons[code], _ = ReasonTemplate.objects.get_or_create(
            code=code,
            specialization=None,
            defaults={"title_en": title_en, "title_ru": title_ru, "text_en": text_en, "text_ru": text_ru},
        )
    result = {}
    for position, (slug, name_en, name_ru, technical, cooldown, kinds, skills) in enumerate(SPECIALIZATIONS):
        spec, created = Specialization.objects.get_or_create(
            slug=slug,
            defaults={
                "name_en": name_en,
                "name_ru": name_ru,
                "is_technical": technical,
                "reapply_cooldown_days": cooldown,
                "position": position,
                "description_en": f"{name_en}: ongoing work for teams that need a steady, proven hand.",
                "description_ru": f"{name_ru}: постоянная работа для команд, которым нужна надёжная рука.",
            },
        )
        result[slug] = spec
        if spec.stages.exists():
            continue
        for number, kind in enumerate(kinds, start=1):
            stage = Stage.objects.create(specialization=spec, position=number, kind=kind, **STAGES[kind])
            RubricCriterion.objects.bulk_create(
                RubricCriterion(stage=stage, position=i, name_en=en, name_ru=ru, max_score=5)
                for i, (en, ru) in enumerate(CRITERIA.get(kind, []))
            )
        ScreeningQuestion.objects.bulk_create(
            ScreeningQuestion(specialization=spec, position=i, text_en=en, text_ru=ru)
            for i, (en, ru) in enumerate(SCREENING_QUESTIONS)
        )
        skill_objects = [
            Skill.objects.get_or_create(
                slug=slugify(name) or name.lower(),
                defaults={"name": name, "name_ru": skill_name_ru(name)},
            )[0]
            for name in skills
        ]
        for text_en, text_ru, choices, correct, skill_index in QUESTIONS.get(slug, []):
            question = Question.objects.create(
                specialization=spec, skill=skill_objects[skill_index], text_en=text_en, text_ru=text_ru
            )
            Choice.objects.bulk_create(
                Choice(question=question, text_en=en, text_ru=ru, is_correct=i == correct)
                for i, (en, ru) in enumerate(choices)
            )
        ReasonTemplate.objects.get_or_create(
            code=f"{slug}-focus",
            specialization=spec,
            defaults={
                "title_en": f"{name_en}: a narrower focus is needed",
                "title_ru": f"{name_ru}: нужен более узкий фокус",
                "text_en": f"Thank you for applying. Your {name_en.lower()} experience is broad, but our customers "
                "look for depth in one area. Tell us more about the work you did in depth when you apply again.",
                "text_ru": f"Спасибо за заявку. Ваш опыт ({name_ru.lower()}) широк, но заказчики ищут глубину в "
                "одной области. Расскажите подробнее о глубокой работе, когда подадите заявку снова.",
            },
        )
    return result


def _applicants(specializations: dict, moderator) -> int:
    rng = random.Random(2026)
    now = timezone.now()
    password = make_password(DEMO_PASSWORD)
    users = User.objects.bulk_create(
        User(
            email=EMAIL.format(i),
            full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            role=User.Role.APPLICANT,
            language=rng.choice(["en", "ru", "ru"]),
            password=password,
            date_joined=now - timedelta(days=366),
        )
        for i in range(DEMO_APPLICANTS)
    )
    users = list(User.objects.filter(email__endswith="@demo.topfreelancer.example").order_by("email"))
    specs = list(specializations.values())
    weights = [3, 2, 2, 2, 2, 1, 1, 1]
    stages = {spec.pk: list(spec.stages.order_by("position")) for spec in specs}
    reasons = {r.code: r for r in ReasonTemplate.objects.filter(specialization=None)}
    levels = list(Level.objects.order_by("rank"))
    applications, plans = [], []
    for index, user in enumerate(users):
        spec = rng.choices(specs, weights)[0]
        # The last few applied in the last three weeks and wait at every stage: the queue has work.
        forced = index >= DEMO_APPLICANTS - FORCED_OPEN
        age = rng.uniform(2, 21) if forced else rng.uniform(0, 365)
        created = now - timedelta(days=age, minutes=rng.randint(0, 600))
        plan = _simulate(rng, stages[spec.pk], created, now, force_open=forced)
        status, current, entered, closed = plan["status"], plan["current"], plan["entered"], plan["closed"]
        applications.append(
            Application(
                applicant=user,
                specialization=spec,
                status=status,
                current_stage=current,
                stage_entered_at=entered,
                created_at=created,
                closed_at=closed,
                level=rng.choices(levels, [2, 4, 3, 1])[0] if status == ApplicationStatus.ACCEPTED else None,
                headline=f"{spec.name_en} specialist",
                summary="I work on long-running products and care about the result as much as the process.",
                years_experience=rng.randint(1, 12),
                answers={},
                interview_at=entered + timedelta(days=3)
                if current is not None and current.kind == "interview" and rng.random() < 0.7
                else None,
            )
        )
        plans.append(plan)
    applications = Application.objects.bulk_create(applications)
    results, experiences, audits, reviews, attempts = [], [], [], [], []
    criteria_of = {
        stage.pk: list(stage.criteria.all()) for spec_stages in stages.values() for stage in spec_stages
    }
    questions_of = {spec.pk: list(spec.screening_questions.all()) for spec in specs}
    for application in applications:
        application.answers = {
            str(q.pk): rng.choice(SAMPLE_ANSWERS) for q in questions_of[application.specialization_id]
        }
    Application.objects.bulk_update(applications, ["answers"])
    submissions = []
    for application, plan in zip(applications, plans, strict=True):
        handed_in = [
            (stage, decided)
            for stage, outcome, _, decided in plan["results"]
            if stage.kind == "work_sample" and outcome in (Outcome.PASSED, Outcome.FAILED)
        ]
        current = application.current_stage
        if application.is_open and current.kind == "work_sample" and rng.random() < 0.7:
            handed_in.append(
                (current, application.stage_entered_at + (timezone.now() - application.stage_entered_at) / 2)
            )
        for stage, when in handed_in:
            submissions.append(
                WorkSubmission(
                    application=application,
                    stage=stage,
                    text=rng.choice(SAMPLE_SUBMISSIONS),
                    link="https://example.com/portfolio/demo",
                    submitted_at=when,
                )
            )
        experiences.append(
            ScreeningExperience(
                application=application,
                organization=rng.choice(["Fintech startup", "Online school", "Media group", "Retail chain"]),
                role=application.headline,
                years=min(application.years_experience, 5) or 1,
                description="Owned a part of the product end to end in a team of five.",
            )
        )
        for stage, outcome, entered, decided in plan["results"]:
            reason = ""
            reason_code, reason_params = "", {}
            template = None
            score = None
            if stage.kind == "skill_test":
                score = Decimal(
                    rng.choice([80, 100]) if outcome == Outcome.PASSED else rng.choice([20, 40, 60])
                )
            language = application.applicant.language or "en"
            if outcome == Outcome.FAILED:
                template = reasons.get(REASON_FOR[stage.kind] or "") or None
                if template:
                    reason = getattr(template, f"text_{language}")
                else:
                    reason_code, reason_params = "test_score", {"score": str(score), "mark": stage.pass_mark}
                    with translation.override(language):
                        reason = reason_words(reason_code, reason_params)
            elif outcome == Outcome.EXPIRED:
                template = reasons["no-response"]
                reason = getattr(template, f"text_{language}")
            elif outcome == Outcome.WITHDRAWN:
                reason_code = "withdrawn"
                with translation.override(language):
                    reason = reason_words(reason_code, {})
            results.append(
                StageResult(
                    application=application,
                    stage=stage,
                    outcome=outcome,
                    reason=reason,
                    reason_code=reason_code,
                    reason_params=reason_params,
                    reason_template=template,
                    decided_by=moderator
                    if stage.kind != "skill_test" and outcome != Outcome.WITHDRAWN
                    else None,
                    entered_at=entered,
                    decided_at=decided,
                    score=score,
                )
            )
            audits.append(
                AuditEntry(
                    application=application,
                    actor=moderator if stage.kind != "skill_test" else None,
                    action="demo_" + outcome,
                    from_stage=stage,
                    detail={"outcome": outcome},
                    created_at=decided,
                )
            )
            if (
                stage.kind in ("work_sample", "interview")
                and outcome in (Outcome.PASSED, Outcome.FAILED)
                and moderator
            ):
                criteria = criteria_of[stage.pk]
                scores = {
                    str(c.pk): rng.randint(4, 5) if outcome == Outcome.PASSED else rng.randint(1, 3)
                    for c in criteria
                }
                percent = Decimal(100 * sum(scores.values()) / (5 * len(criteria))).quantize(Decimal("0.1"))
                reviews.append(
                    Review(
                        application=application,
                        stage=stage,
                        reviewer=moderator,
                        scores=scores,
                        percent=percent,
                        private_note="Demo review.",
                        created_at=decided,
                    )
                )
            if stage.kind == "skill_test" and outcome in (Outcome.PASSED, Outcome.FAILED):
                attempts.append(
                    TestAttempt(
                        application=application,
                        stage=stage,
                        question_ids=[],
                        started_at=decided - timedelta(minutes=14),
                        deadline=decided + timedelta(minutes=1),
                        submitted_at=decided,
                        score=score,
                    )
                )
    StageResult.objects.bulk_create(results)
    ScreeningExperience.objects.bulk_create(experiences)
    AuditEntry.objects.bulk_create(audits)
    Review.objects.bulk_create(reviews)
    TestAttempt.objects.bulk_create(attempts)
    WorkSubmission.objects.bulk_create(submissions)
    for application in applications:
        if application.status == ApplicationStatus.ACCEPTED:
            announce_acceptance(application)
    return len(applications)


def _simulate(rng, stages, created, now, *, force_open=False) -> dict:
    """Walk one applicant through the stages; time decides whether they are still somewhere."""
    t = created
    results = []
    for number, stage in enumerate(stages):
        low, high = DAYS_IN_STAGE[stage.kind]
        decided = t + timedelta(days=rng.uniform(low, high))
        if decided > now or (force_open and rng.random() < 0.35):
            return {
                "status": ApplicationStatus.OPEN,
                "current": stage,
                "entered": t,
                "closed": None,
                "results": results,
            }
        roll = rng.random()
        if force_open or roll < PASS_RATE[stage.kind]:
            outcome = Outcome.PASSED
        elif stage.kind in ("skill_test", "work_sample") and roll > 0.93:
            outcome = Outcome.EXPIRED
        elif roll > 0.985:
            outcome = Outcome.WITHDRAWN
        else:
            outcome = Outcome.FAILED
        results.append((stage, outcome, t, decided))
        if outcome != Outcome.PASSED:
            closing = {
                Outcome.FAILED: ApplicationStatus.REJECTED,
                Outcome.EXPIRED: ApplicationStatus.EXPIRED,
                Outcome.WITHDRAWN: ApplicationStatus.WITHDRAWN,
            }[outcome]
            return {"status": closing, "current": stage, "entered": t, "closed": decided, "results": results}
        t = decided
        if number == len(stages) - 1:
            return {
                "status": ApplicationStatus.ACCEPTED,
                "current": stage,
                "entered": t,
                "closed": decided,
                "results": results,
            }
    raise AssertionError("a specialization without stages")


def _applicant_at_skill_test(spec: Specialization) -> None:
    """applicant@example.com waits at the skill test, so a visitor can take it."""
    user = User.objects.filter(email="applicant@example.com").first()
    if user is None or Application.objects.filter(applicant=user).exists():
        return
    stages = list(spec.stages.order_by("position"))
    now = timezone.now()
    application = Application.objects.create(
        applicant=user,
        specialization=spec,
        current_stage=stages[1],
        stage_entered_at=now - timedelta(hours=20),
        created_at=now - timedelta(days=3),
        headline="Python developer, APIs and PostgreSQL",
        summary="Six years of backend work for **fintech** and **edtech** products.",
        years_experience=6,
        answers={},
    )
    ScreeningExperience.objects.create(
        application=application,
        organization="Online school",
        role="Backend developer",
        years=3,
        description="Built the payments and enrolment API; a team of six; I owned the billing service.",
    )
    StageResult.objects.create(
        application=application,
        stage=stages[0],
        outcome=Outcome.PASSED,
        decided_by=User.objects.filter(email="moderator@example.com").first(),
        entered_at=now - timedelta(days=3),
        decided_at=now - timedelta(hours=20),
    )


def _accepted_specialist(spec: Specialization, moderator) -> None:
    """specialist@example.com passed every stage of Backend development as a Senior."""
    user = User.objects.filter(email="specialist@example.com").first()
    if user is None or Application.objects.filter(applicant=user).exists():
        return
    now = timezone.now()
    senior = Level.objects.get(code="senior")
    stages = list(spec.stages.order_by("position"))
    start = now - timedelta(days=40)
    application = Application.objects.create(
        applicant=user,
        specialization=spec,
        status=ApplicationStatus.ACCEPTED,
        current_stage=stages[-1],
        stage_entered_at=start + timedelta(days=24),
        created_at=start,
        closed_at=start + timedelta(days=30),
        level=senior,
        headline="Senior backend engineer: Python, PostgreSQL, payments",
        summary="Ten years of backend work. I carry systems from the first schema to the on-call rota.",
        years_experience=10,
        answers={},
        interview_at=start + timedelta(days=29),
    )
    skill_questions = list(Question.objects.filter(specialization=spec).select_related("skill")[:5])
    for number, stage in enumerate(stages):
        entered = start + timedelta(days=[0, 3, 8, 24][number])
        decided = start + timedelta(days=[3, 8, 24, 30][number])
        score = Decimal("100.0") if stage.kind == "skill_test" else None
        StageResult.objects.create(
            application=application,
            stage=stage,
            outcome=Outcome.PASSED,
            decided_by=None if stage.kind == "skill_test" else moderator,
            entered_at=entered,
            decided_at=decided,
            score=score,
        )
        if stage.kind == "skill_test":
            TestAttempt.objects.create(
                application=application,
                stage=stage,
                question_ids=[q.pk for q in skill_questions],
                answers={str(q.pk): q.choices.get(is_correct=True).pk for q in skill_questions},
                started_at=decided - timedelta(minutes=12),
                deadline=decided + timedelta(minutes=3),
                submitted_at=decided,
                score=score,
            )
        if stage.kind in ("work_sample", "interview") and moderator:
            Review.objects.create(
                application=application,
                stage=stage,
                reviewer=moderator,
                scores={str(c.pk): 5 for c in stage.criteria.all()},
                percent=Decimal("92.0"),
                private_note="Clear thinking, strong ownership.",
                created_at=decided,
            )
    announce_acceptance(application, verified_skills={q.skill for q in skill_questions if q.skill})
