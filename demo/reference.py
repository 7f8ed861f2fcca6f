# ruff: noqa: E501  (demo text reads better unbroken)
"""The funnel's configuration, as an administrator sets it up in the admin: eight specializations
with their stages, rubrics and anchors, screening questions, question banks, the skills the tests
check, and reason templates, all in English and Russian. Idempotent (found by slug and code)."""

from django.utils.text import slugify

from vetting.models import (
    Choice,
    Question,
    ReasonTemplate,
    RubricAnchor,
    RubricCriterion,
    ScreeningQuestion,
    Skill,
    Specialization,
    Stage,
)

from .content.funnel import (
    ANCHORS,
    CRITERIA,
    QUESTIONS,
    REASONS,
    SCREENING_QUESTIONS,
    SPECIALIZATIONS,
    STAGES,
    skill_name_ru,
)


def skill(name: str) -> Skill:
    """The skill of this English name, with its Russian one (created if missing)."""
    return Skill.objects.get_or_create(
        slug=slugify(name) or name.lower(), defaults={"name": name, "name_ru": skill_name_ru(name)}
    )[0]


def configure() -> dict[str, Specialization]:
    """Everything the funnel needs before anyone applies; returns the specializations by slug."""
    for code, title_en, title_ru, text_en, text_ru in REASONS:
        ReasonTemplate.objects.get_or_create(
            code=code,
            specialization=None,
            defaults={"title_en": title_en, "title_ru": title_ru, "text_en": text_en, "text_ru": text_ru},
        )
    result = {}
    for position, (slug, name_en, name_ru, technical, cooldown, kinds, skills) in enumerate(SPECIALIZATIONS):
        spec, _created = Specialization.objects.get_or_create(
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
        if not spec.stages.exists():
            _stages(spec, kinds, [skill(name) for name in skills])
    _anchors()
    return result


def _stages(spec: Specialization, kinds: list[str], skills: list[Skill]) -> None:
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
    for text_en, text_ru, choices, correct, skill_index in QUESTIONS.get(spec.slug, []):
        question = Question.objects.create(
            specialization=spec, skill=skills[skill_index], text_en=text_en, text_ru=text_ru
        )
        Choice.objects.bulk_create(
            Choice(question=question, text_en=en, text_ru=ru, is_correct=i == correct)
            for i, (en, ru) in enumerate(choices)
        )
    name_en, name_ru = spec.name_en, spec.name_ru
    ReasonTemplate.objects.get_or_create(
        code=f"{spec.slug}-focus",
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


def _anchors() -> None:
    """Every demo rubric criterion gets its behavioural anchors."""
    for criterion in RubricCriterion.objects.filter(anchors__isnull=True, name_en__in=ANCHORS):
        RubricAnchor.objects.bulk_create(
            RubricAnchor(criterion=criterion, score=score, text_en=en, text_ru=ru)
            for score, (en, ru) in enumerate(ANCHORS[criterion.name_en], start=1)
        )
