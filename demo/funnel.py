# ruff: noqa: E501  (demo text reads better unbroken)
"""Twelve months of the funnel, played through the vetting services at their own dates.

Each demo applicant signs up, applies (`application_create`) and meets the moderators' decisions
(`application_advance`, `application_reject`, `application_accept`), takes the skill test
(`attempt_start`, `attempt_submit` with answers that give the planned outcome), hands in a work
sample (`work_submit`) scored by two moderators (`review_submit`), is given an interview slot, or
withdraws (`application_withdraw`) or goes silent (`application_expire`), each step under
`topfreelancer.clock` at the moment it happened. The rules (pass marks, the minimum years, the
cooldown, closing statuses, reasons in the applicant's language) are the services'; the
scenario only decides who does what, when. Seeded: two loads give the same funnel.

About 40% pass screening, half of them the skill test, 60% the work sample and 85% the
interview (illustration has no test): about one applicant in nine is accepted, so the public funnel shows a ~90% drop-out
from real transitions, and about a hundred specialists reach the catalogue. The last few applied in
the last three weeks and wait at every stage, so the moderators' queue has work.
"""

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.test import override_settings

from accounts.models import User
from accounts.services import users_signup_bulk
from topfreelancer import clock
from vetting import services
from vetting.models import (
    Application,
    ApplicationStatus,
    Claim,
    Level,
    ReasonTemplate,
    Review,
    Specialization,
    StageKind,
)
from vetting.selectors import awaiting_moderator

from .content import profiles as writing
from .content.funnel import SAMPLE_ANSWERS, SAMPLE_SUBMISSIONS
from .content.people import APPLICANT_EMAIL, DEMO_PASSWORD, full_name

APPLICANTS = 1150
FORCED_OPEN = 14
SEED = 2026
# Chance to pass each stage kind; 1 - the product is the drop-out.
PASS_RATE = {"screening": 0.4, "skill_test": 0.5, "work_sample": 0.62, "interview": 0.85}
DAYS_IN_STAGE = {"screening": (1, 6), "skill_test": (1, 6), "work_sample": (3, 12), "interview": (4, 14)}
NOTES = {True: "Clear thinking, strong ownership.", False: "Not at the level we need yet."}
REJECTION = {"screening": "resume-thin", "work_sample": "work-quality", "interview": "interview-depth"}
# More developers apply than illustrators.
SPEC_WEIGHTS = {
    "backend-development": 3,
    "frontend-development": 2,
    "mobile-development": 2,
    "ui-ux-design": 2,
    "copywriting": 2,
    "editing": 1,
    "translation": 1,
    "illustration": 1,
}


class Panel:
    """The moderators who decide: Maria first, a second reviewer where a stage needs two."""

    def __init__(self, maria: User, others: list[User]):
        self.maria, self.others = maria, others

    def score(self, application, *, passed: bool, rng: random.Random) -> None:
        stage = Application.objects.get(pk=application.pk).current_stage
        reviewers = [self.maria, *rng.sample(self.others, len(self.others))][: stage.reviews_needed]
        low, high = (4, 5) if passed else (2, 3)  # close enough to agree: the panel settles it
        for reviewer in reviewers:
            services.review_submit(
                application=application,
                reviewer=reviewer,
                scores={c.pk: rng.randint(low, high) for c in stage.criteria.all()},
                private_note="Clear thinking, strong ownership."
                if passed
                else "Not at the level we need yet.",
            )


def sign_up_applicants(rng: random.Random, count: int, now: datetime) -> list[User]:
    people = []
    for index in range(count):
        language = rng.choice(["en", "ru", "ru"])
        people.append(
            {
                "email": APPLICANT_EMAIL.format(index),
                "full_name": full_name(language, rng.randrange(100), rng.randrange(100)),
                "role": User.Role.APPLICANT,
                "language": language,
            }
        )
    with clock.at(now - timedelta(days=366)):
        users_signup_bulk(people=people, password=DEMO_PASSWORD)
    by_email = {u.email: u for u in User.objects.filter(email__in=[p["email"] for p in people])}
    return [by_email[p["email"]] for p in people]


def level_for(years: int, levels: dict[str, Level], rng: random.Random) -> Level:
    code = "junior" if years < 3 else "middle" if years < 6 else "senior" if years < 10 else "lead"
    codes = list(levels)
    if rng.random() < 0.3 and code != "junior":  # the interview sees less than the years say
        code = codes[codes.index(code) - 1]
    return levels[code]


def answers_for(attempt, *, right: int, bank: list[int], correct: dict, wrong: dict, rng) -> dict:
    """`right` correct answers among the drawn questions, the easier (earlier in the bank) first.

    The bank's first question is always answered right and its last one at random, so the item
    analysis has an item too easy and one that does not discriminate to flag.
    """

    def difficulty(qid):
        index = bank.index(qid)
        if index == 0:
            return -1.0
        if index == len(bank) - 1:
            return rng.random()
        return index / len(bank) + rng.uniform(-0.3, 0.3)

    ordered = sorted(attempt.question_ids, key=difficulty)
    return {str(qid): (correct if n < right else wrong)[qid] for n, qid in enumerate(ordered)}


class Story:
    """One applicant's way through the funnel, step by step on the clock."""

    def __init__(self, *, application, panel: Panel, reasons: dict, levels: dict, banks: dict, rng, now):
        self.application = application
        self.applicant = application.applicant
        self.panel, self.reasons, self.levels, self.banks = panel, reasons, levels, banks
        self.rng, self.now = rng, now

    def play(self, traveller, *, force_open: bool) -> None:
        rng = self.rng
        while True:
            application = Application.objects.select_related("current_stage").get(pk=self.application.pk)
            if application.status != ApplicationStatus.OPEN:
                return
            stage = application.current_stage
            entered = traveller.moment
            low, high = DAYS_IN_STAGE[stage.kind]
            decided = entered + timedelta(days=rng.uniform(low, high))
            if decided > self.now or (force_open and rng.random() < 0.35):
                self.wait(traveller, application, stage, entered)
                return
            roll = rng.random()
            if force_open or roll < PASS_RATE[stage.kind]:
                outcome = "passed"
            elif stage.kind in (StageKind.SKILL_TEST, StageKind.WORK_SAMPLE) and roll > 0.93:
                outcome = "expired"
            elif roll > 0.985:
                outcome = "withdrawn"
            else:
                outcome = "failed"
            getattr(self, stage.kind)(traveller, application, stage, outcome, decided)

    def wait(self, traveller, application, stage, entered) -> None:
        """Still at this stage today: a work sample may be in, an idle one past its limit expires."""
        due = entered + timedelta(days=stage.expire_after_days)
        if stage.kind == StageKind.WORK_SAMPLE and self.rng.random() < 0.7:
            traveller.to(entered + (self.now - entered) / 2)
            self._hand_in(application)
        elif stage.kind in (StageKind.SKILL_TEST, StageKind.WORK_SAMPLE) and due < self.now:
            traveller.to(due + timedelta(hours=2))  # the nightly expiry task
            services.application_expire(application=application)

    def _leave(self, traveller, application, outcome, decided) -> bool:
        """The outcomes every stage shares; True when the application ended here."""
        if outcome == "withdrawn":
            traveller.to(decided)
            services.application_withdraw(application=application, applicant=self.applicant)
            return True
        if outcome == "expired":
            stage = application.current_stage
            traveller.to(application.stage_entered_at + timedelta(days=stage.expire_after_days, hours=2))
            services.application_expire(application=application)
            return True
        return False

    def _decide(self, application, stage, outcome) -> None:
        maria = self.panel.maria
        following = (
            stage.specialization.stages.filter(position__gt=stage.position).order_by("position").first()
        )
        if outcome == "passed" and following is None:
            years = application.years_experience
            services.application_accept(
                application=application, actor=maria, level=level_for(years, self.levels, self.rng)
            )
        elif outcome == "passed":
            slot = None
            if following.kind == StageKind.INTERVIEW:
                slot = clock.now() + timedelta(days=2, hours=self.rng.randint(0, 8))
            services.application_advance(application=application, actor=maria, interview_at=slot)
        else:
            services.application_reject(
                application=application, actor=maria, reason_template=self.reasons[REJECTION[stage.kind]]
            )

    def screening(self, traveller, application, stage, outcome, decided) -> None:
        if outcome == "expired":
            outcome = "failed"
        if not self._leave(traveller, application, outcome, decided):
            traveller.to(decided)
            self._decide(application, stage, outcome)

    def skill_test(self, traveller, application, stage, outcome, decided) -> None:
        if self._leave(traveller, application, outcome, decided):
            return
        traveller.to(decided - timedelta(minutes=self.rng.randint(6, 14)))
        attempt = services.attempt_start(application=application, applicant=self.applicant)
        bank, correct, wrong = self.banks[application.specialization_id]
        needed = -(-stage.pass_mark * len(attempt.question_ids) // 100)  # right answers to pass
        total = len(attempt.question_ids)
        right = self.rng.randint(needed, total) if outcome == "passed" else self.rng.randint(1, needed - 1)
        traveller.to(decided)
        services.attempt_submit(
            attempt=attempt,
            applicant=self.applicant,
            answers=answers_for(attempt, right=right, bank=bank, correct=correct, wrong=wrong, rng=self.rng),
        )

    def _hand_in(self, application) -> None:
        language = self.applicant.language
        services.work_submit(
            application=application,
            applicant=self.applicant,
            text=self.rng.choice(SAMPLE_SUBMISSIONS[language]),
            link="https://example.com/portfolio/demo",
        )

    def work_sample(self, traveller, application, stage, outcome, decided) -> None:
        if self._leave(traveller, application, outcome, decided):
            return
        traveller.to(traveller.moment + (decided - traveller.moment) / 2)
        self._hand_in(application)
        traveller.to(decided)
        self.panel.score(application, passed=outcome == "passed", rng=self.rng)
        self._decide(application, stage, outcome)

    def interview(self, traveller, application, stage, outcome, decided) -> None:
        if self._leave(traveller, application, outcome, decided):
            return
        application.refresh_from_db()
        if application.interview_at is None:
            services.application_schedule_interview(
                application=application, actor=self.panel.maria, at=clock.now() + timedelta(days=2)
            )
            application.refresh_from_db()
        traveller.to(max(decided, application.interview_at + timedelta(hours=1)))
        self.panel.score(application, passed=outcome == "passed", rng=self.rng)
        self._decide(application, stage, outcome)


def question_banks(specializations) -> dict:
    """Per specialization: its question bank in order, and a right and a wrong choice per question."""
    banks = {}
    for spec in specializations:
        bank, correct, wrong = [], {}, {}
        for question in spec.questions.order_by("pk").prefetch_related("choices"):
            bank.append(question.pk)
            for choice in question.choices.all():
                (correct if choice.is_correct else wrong).setdefault(question.pk, choice.pk)
        banks[spec.pk] = (bank, correct, wrong)
    return banks


def _apply(applicant, spec: Specialization, rng: random.Random):
    language = applicant.language
    entries = writing.experiences(spec.slug, language, rng, rng.randint(1, 2))
    years = min(15, max(1, round(rng.gammavariate(3, 1.7))))  # most have 2 to 8 years
    return services.application_create(
        applicant=applicant,
        specialization=spec,
        headline=writing.headline(spec.slug, language, rng),
        summary=writing.summary(spec.slug, language, rng),
        years_experience=years,
        answers={str(q.pk): rng.choice(SAMPLE_ANSWERS[language]) for q in spec.screening_questions.all()},
        experiences=[
            {
                "organization": org,
                "role": role,
                "years": max(1, min(years, rng.randint(1, 5))),
                "description": f"{task} {contribution}",
            }
            for org, role, task, _process, _team, _size, contribution, _outcome in entries
        ],
    )


def play_history(
    *,
    specializations: dict[str, Specialization],
    panel: Panel,
    banks: dict,
    now,
    applicants: int = APPLICANTS,
) -> int:
    """The year of applications; returns how many were made. Skipped when the applicants exist."""
    if User.objects.filter(email=APPLICANT_EMAIL.format(0)).exists():
        return 0
    rng = random.Random(SEED)
    random.seed(SEED)  # the skill test draws its questions with the module's generator
    people = sign_up_applicants(rng, applicants, now)
    specs = [specializations[slug] for slug in SPEC_WEIGHTS]
    weights = list(SPEC_WEIGHTS.values())
    reasons = {r.code: r for r in ReasonTemplate.objects.filter(specialization=None)}
    levels = {lvl.code: lvl for lvl in Level.objects.order_by("rank")}
    plans = []
    for index, applicant in enumerate(people):
        forced = index >= applicants - FORCED_OPEN
        age = rng.uniform(2, 21) if forced else rng.uniform(0, 365)
        plans.append((now - timedelta(days=age, minutes=rng.randint(0, 600)), forced, applicant))
    for created, forced, applicant in sorted(plans, key=lambda plan: plan[0]):
        spec = rng.choices(specs, weights)[0]
        # One transaction per applicant: its emails are published (and, eagerly, sent) at its end.
        with transaction.atomic(), clock.travel(created) as traveller:
            application = _apply(applicant, spec, rng)
            story = Story(
                application=application,
                panel=panel,
                reasons=reasons,
                levels=levels,
                banks=banks,
                rng=rng,
                now=now,
            )
            story.play(traveller, force_open=forced)
    return len(plans)


def applicant_at_skill_test(*, alex: User, spec: Specialization, maria: User, now) -> None:
    """applicant@example.com applied three days ago and waits at the skill test, ready to take it."""
    if Application.objects.filter(applicant=alex).exists():
        return
    with transaction.atomic(), clock.travel(now - timedelta(days=3)) as traveller:
        application = services.application_create(
            applicant=alex,
            specialization=spec,
            headline="Python developer, APIs and PostgreSQL",
            summary="Six years of backend work for **fintech** and **edtech** products.",
            years_experience=6,
            answers={
                str(q.pk): SAMPLE_ANSWERS["en"][i % 4] for i, q in enumerate(spec.screening_questions.all())
            },
            experiences=[
                {
                    "organization": "Online school",
                    "role": "Backend developer",
                    "years": 3,
                    "description": "Built the payments and enrolment API; a team of six; I owned the billing service.",
                }
            ],
        )
        traveller.to(now - timedelta(hours=20))
        services.application_advance(application=application, actor=maria)


def accepted_specialist(*, sam: User, spec: Specialization, panel: Panel, banks: dict, now) -> None:
    """specialist@example.com passed every stage of Backend development forty days ago, as a Senior,
    with every test question right (so the skills it checks are verified)."""
    if Application.objects.filter(applicant=sam).exists():
        return
    rng = random.Random(SEED)
    senior = Level.objects.get(code="senior")
    with transaction.atomic(), clock.travel(now - timedelta(days=40)) as traveller:
        application = services.application_create(
            applicant=sam,
            specialization=spec,
            headline="Senior backend engineer: Python, PostgreSQL, payments",
            summary="Ten years of backend work. I carry systems from the first schema to the on-call rota.",
            years_experience=10,
            answers={
                str(q.pk): SAMPLE_ANSWERS["en"][i % 4] for i, q in enumerate(spec.screening_questions.all())
            },
            experiences=[
                {
                    "organization": "Regional bank, card payments",
                    "role": "Lead backend developer",
                    "years": 4,
                    "description": "Moved card payments to our own service without downtime; I designed the ledger.",
                }
            ],
        )
        traveller.advance(days=3)
        services.application_advance(application=application, actor=panel.maria)
        traveller.advance(days=5)
        attempt = services.attempt_start(application=application, applicant=sam)
        bank, correct, wrong = banks[spec.pk]
        answers = answers_for(
            attempt, right=len(attempt.question_ids), bank=bank, correct=correct, wrong=wrong, rng=rng
        )
        traveller.advance(minutes=12)
        services.attempt_submit(attempt=attempt, applicant=sam, answers=answers)
        traveller.advance(days=6)
        services.work_submit(
            application=application,
            applicant=sam,
            text=SAMPLE_SUBMISSIONS["en"][0],
            link="https://example.com/portfolio/sam",
        )
        traveller.advance(days=10)
        panel.score(application, passed=True, rng=rng)
        services.application_advance(
            application=application, actor=panel.maria, interview_at=clock.now() + timedelta(days=5)
        )
        traveller.advance(days=6)
        panel.score(application, passed=True, rng=rng)
        services.application_accept(application=application, actor=panel.maria, level=senior)


def moderation_story(*, panel: Panel, now) -> None:
    """The queue tells its story: one work sample Pavel and Olga disagree on, and three screenings
    Pavel has taken this morning (late items come from the history). Through the services."""
    pavel, olga = panel.others
    waiting = awaiting_moderator()
    disputed = waiting.filter(current_stage__kind="work_sample", reviews_count=0).first()
    scored = Review.objects.filter(
        reviewer__in=[pavel, olga],
        application__status=ApplicationStatus.OPEN,
        stage=F("application__current_stage"),
    )
    if disputed is not None and not scored.exists():
        with transaction.atomic(), clock.at(now - timedelta(hours=3)):
            for reviewer, value in ((pavel, 5), (olga, 2)):
                services.review_submit(
                    application=disputed,
                    reviewer=reviewer,
                    scores={c.pk: value for c in disputed.current_stage.criteria.all()},
                    private_note="Demo: see the scorecards side by side.",
                )
    if Claim.objects.filter(moderator=pavel).exists():
        return
    taken = list(waiting.filter(current_stage__kind="screening").order_by("-waiting_since")[:3])
    # The demo is looked at for hours after loading: its claims last the working day.
    with override_settings(VETTING_CLAIM_MINUTES=10 * 60), clock.at(now - timedelta(minutes=20)):
        for application in taken:
            services.application_claim(application=application, moderator=pavel)
