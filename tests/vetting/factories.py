"""A small but complete funnel: four stages, a question bank, rubrics and a reason template."""

from dataclasses import dataclass

from tests.factories import ApplicantFactory, SkillFactory, SpecializationFactory
from vetting import services
from vetting.models import (
    Choice,
    Question,
    ReasonTemplate,
    RubricCriterion,
    ScreeningQuestion,
    Specialization,
    Stage,
    StageKind,
)


@dataclass
class Funnel:
    specialization: Specialization
    screening: Stage
    skill_test: Stage
    work_sample: Stage
    interview: Stage
    reason: ReasonTemplate

    @property
    def stages(self):
        return [self.screening, self.skill_test, self.work_sample, self.interview]


def make_funnel(*, slug: str | None = None, questions: int = 6, question_count: int = 4, **spec) -> Funnel:
    specialization = SpecializationFactory(**({"slug": slug} if slug else {}), **spec)
    kinds = [
        (StageKind.SCREENING, "Screening", "Отбор анкет", {"min_years": 2}),
        (
            StageKind.SKILL_TEST,
            "Skill test",
            "Тест навыков",
            {"question_count": question_count, "time_limit_minutes": 10, "pass_mark": 75},
        ),
        (StageKind.WORK_SAMPLE, "Work sample", "Тестовое задание", {"pass_mark": 60}),
        (StageKind.INTERVIEW, "Interview", "Собеседование", {"pass_mark": 60}),
    ]
    stages = []
    for position, (kind, en, ru, extra) in enumerate(kinds, start=1):
        stages.append(
            Stage.objects.create(
                specialization=specialization,
                position=position,
                kind=kind,
                name_en=en,
                name_ru=ru,
                instructions_en=f"About the {en.lower()}.",
                instructions_ru=f"Об этапе «{ru}».",
                **extra,
            )
        )
    ScreeningQuestion.objects.create(
        specialization=specialization, position=1, text_en="Why this work?", text_ru="Почему эта работа?"
    )
    skill = SkillFactory(name=f"Skill of {specialization.slug}", name_ru=f"Навык {specialization.slug}")
    for n in range(questions):
        question = Question.objects.create(
            specialization=specialization, skill=skill, text_en=f"Question {n}?", text_ru=f"Вопрос {n}?"
        )
        Choice.objects.create(question=question, text_en="Right", text_ru="Верно", is_correct=True)
        Choice.objects.create(question=question, text_en="Wrong", text_ru="Неверно")
        Choice.objects.create(question=question, text_en="Also wrong", text_ru="Тоже неверно")
    for stage in (stages[2], stages[3]):
        for n, (en, ru) in enumerate([("Quality", "Качество"), ("Clarity", "Ясность")]):
            RubricCriterion.objects.create(stage=stage, position=n, name_en=en, name_ru=ru, max_score=5)
    reason = ReasonTemplate.objects.create(
        code=f"not-yet-{specialization.slug}",
        title_en="Not yet",
        title_ru="Пока нет",
        text_en="Thank you for your time. Your work is not yet at the level we need.",
        text_ru="Спасибо за ваше время. Ваша работа пока не на нужном уровне.",
    )
    return Funnel(specialization, *stages, reason)


def right_answers(attempt) -> dict[str, int]:
    return {str(qid): Choice.objects.get(question_id=qid, is_correct=True).pk for qid in attempt.question_ids}


def wrong_answers(attempt) -> dict[str, int]:
    return {
        str(qid): Choice.objects.filter(question_id=qid, is_correct=False).first().pk
        for qid in attempt.question_ids
    }


def apply(funnel: Funnel, applicant=None, *, years: int = 5):
    applicant = applicant or ApplicantFactory()
    return services.application_create(
        applicant=applicant,
        specialization=funnel.specialization,
        headline="Backend developer",
        summary="I build **APIs**.",
        years_experience=years,
        answers={"1": "Because."},
        experiences=[{"organization": "Acme", "role": "Developer", "years": 3, "description": "APIs"}],
    )


def to_skill_test(funnel, moderator, applicant=None):
    application = apply(funnel, applicant)
    return services.application_advance(application=application, actor=moderator)


def to_work_sample(funnel, moderator, applicant=None):
    application = to_skill_test(funnel, moderator, applicant)
    attempt = services.attempt_start(application=application, applicant=application.applicant)
    services.attempt_submit(attempt=attempt, applicant=application.applicant, answers=right_answers(attempt))
    application.refresh_from_db()
    return application


def score(application, reviewer, value: int):
    stage = application.current_stage
    return services.review_submit(
        application=application,
        reviewer=reviewer,
        scores={c.pk: value for c in stage.criteria.all()},
        private_note="SECRET-NOTE from the reviewer",
    )


def to_interview(funnel, moderator, applicant=None):
    application = to_work_sample(funnel, moderator, applicant)
    services.work_submit(application=application, applicant=application.applicant, text="My solution")
    score(application, moderator, 4)
    services.application_advance(application=application, actor=moderator)
    application.refresh_from_db()
    return application
