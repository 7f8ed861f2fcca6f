"""Score components and ranking on hand-made cases; the explanation follows the components."""

import pytest
from django.utils import translation

from matching import scoring
from matching.candidates import candidates_sync
from matching.engine import rank, write_matches
from matching.models import Match
from profiles.models import ProfileLanguage
from tests.factories import ProfileFactory, ProfileSkillFactory, SkillFactory, SpecializationFactory, level
from tests.needs.factories import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec():
    return SpecializationFactory()


@pytest.fixture
def skills():
    return [SkillFactory(name=f"Tool {i}") for i in range(5)]


def by_profile(need):
    return {row["profile_id"]: row for row in rank(need)}


def test_weights_sum_to_one_and_level_dominates():
    assert sum(scoring.WEIGHTS.values()) == pytest.approx(1.0)
    assert scoring.WEIGHTS["level"] == max(scoring.WEIGHTS.values())
    # all else equal, exact level with no skills beats one level under with every skill
    rest = dict.fromkeys(scoring.COMPONENTS, 1.0)
    exact_no_skills = scoring.total({**rest, "skill": 0.0})
    under_all_skills = scoring.total({**rest, "level": scoring.level_fit(-1)})
    assert exact_no_skills > under_all_skills


def test_level_curve_exact_best_over_slightly_less_under_steep():
    assert scoring.level_fit(0) == 1.0
    assert 0.7 < scoring.level_fit(1) < 1.0
    assert scoring.level_fit(-1) < scoring.level_fit(2) < scoring.level_fit(1)
    assert scoring.level_fit(-2) < scoring.level_fit(-1) <= 0.35
    assert scoring.level_fit(-3) == 0.0


def test_exact_level_with_fewer_skills_outranks_under_level_with_all_skills(spec, skills):
    need = NeedFactory(specialization=spec, level=level("senior"), must_have=skills)
    exact = ProfileFactory(specialization=spec, level=level("senior"))
    ProfileSkillFactory(profile=exact, skill=skills[0])
    under = ProfileFactory(specialization=spec, level=level("middle"))
    for skill in skills:
        ProfileSkillFactory(profile=under, skill=skill, verified=True)

    rows = rank(need)
    assert [row["profile_id"] for row in rows] == [exact.pk, under.pk]
    top, second = rows
    assert top["level_fit"] == 1.0 and second["level_fit"] == scoring.level_fit(-1)
    assert second["skill_fit"] == 1.0
    assert top["skill_fit"] == pytest.approx(scoring.SKILL_DECLARED_TRUST / 5)
    for row in rows:
        assert 0.0 <= row["score"] <= 1.0
        components = {name: row[f"{name}_fit"] for name in scoring.COMPONENTS}
        assert row["score"] == pytest.approx(scoring.total(components), abs=1e-5)


def test_one_level_above_beats_one_below_and_ranks_after_exact(spec):
    need = NeedFactory(specialization=spec, level=level("middle"))
    above = ProfileFactory(specialization=spec, level=level("senior"))
    exact = ProfileFactory(specialization=spec, level=level("middle"))
    below = ProfileFactory(specialization=spec, level=level("junior"))
    assert [row["profile_id"] for row in rank(need)] == [exact.pk, above.pk, below.pk]


def test_hard_filters_specialization_listed_and_open_hours(spec):
    need = NeedFactory(specialization=spec)
    ok = ProfileFactory(specialization=spec)
    ProfileFactory(specialization=SpecializationFactory())  # other specialization
    ProfileFactory(specialization=spec, is_published=False)  # hidden
    ProfileFactory(specialization=spec, accepted_at=None)  # not vetted
    ProfileFactory(specialization=spec, hours_per_week=0)  # no open availability
    assert [row["profile_id"] for row in rank(need)] == [ok.pk]


def test_verified_skills_and_must_haves_weigh_more(spec, skills):
    must, nice = skills[:2], skills[2:4]
    need = NeedFactory(specialization=spec, must_have=must, nice_to_have=nice)
    verified = ProfileFactory(specialization=spec)
    declared = ProfileFactory(specialization=spec)
    nice_only = ProfileFactory(specialization=spec)
    for skill in must:
        ProfileSkillFactory(profile=verified, skill=skill, verified=True)
        ProfileSkillFactory(profile=declared, skill=skill, verified=False)
    for skill in nice:
        ProfileSkillFactory(profile=nice_only, skill=skill, verified=True)
    rows = by_profile(need)
    assert rows[verified.pk]["skill_fit"] > rows[declared.pk]["skill_fit"] > rows[nice_only.pk]["skill_fit"]
    assert rows[verified.pk]["skill_fit"] == pytest.approx(6 / 8)


def test_availability_rate_language_timezone_components(spec):
    need = NeedFactory(
        specialization=spec,
        hours_per_week=20,
        budget_max=3000,
        currency="RUB",
        languages=["en", "ru"],
        utc_offset_min=2,
        utc_offset_max=5,
    )
    good = ProfileFactory(specialization=spec, hours_per_week=30, rate_min=2500, rate_max=3500, utc_offset=3)
    ProfileLanguage.objects.create(profile=good, language="en", proficiency=3)
    ProfileLanguage.objects.create(profile=good, language="ru", proficiency=4)
    part = ProfileFactory(specialization=spec, hours_per_week=10, rate_min=4000, rate_max=5000, utc_offset=10)
    ProfileLanguage.objects.create(profile=part, language="en", proficiency=1)  # basic: does not count
    ProfileLanguage.objects.create(profile=part, language="ru", proficiency=3)
    candidates_sync(profile_ids=[good.pk, part.pk])
    unknown = ProfileFactory(specialization=spec, rate_min=None, rate_max=None, utc_offset=None)
    rows = by_profile(need)

    g, p, u = rows[good.pk], rows[part.pk], rows[unknown.pk]
    assert g["availability_fit"] == 1.0 and p["availability_fit"] == pytest.approx(0.7 * 0.5 + 0.3)
    assert g["rate_fit"] == 1.0 and p["rate_fit"] == 0.3 and u["rate_fit"] == scoring.UNKNOWN
    assert g["language_fit"] == 1.0 and p["language_fit"] == 0.5 and u["language_fit"] == 0.0
    assert g["timezone_fit"] == 1.0 and p["timezone_fit"] == 0.0 and u["timezone_fit"] == scoring.UNKNOWN


def test_explanation_reflects_components(spec, skills):
    need = NeedFactory(
        specialization=spec, level=level("senior"), must_have=skills, hours_per_week=20, budget_max=3000
    )
    profile = ProfileFactory(specialization=spec, level=level("senior"), hours_per_week=30, rate_min=2000)
    for skill in skills[:4]:
        ProfileSkillFactory(profile=profile, skill=skill, verified=skill in skills[:3])
    unknown = ProfileFactory(specialization=spec, level=level("middle"), rate_min=None, rate_max=None)
    write_matches(need=need)

    with translation.override("en"):
        text = Match.objects.get(profile=profile).explanation
        assert (
            text == "Senior for a Senior need; 4 of 5 must-have skills (3 verified); "
            "30 h/week of 20 asked; rate inside budget; not enough customers' feedback yet"
        )
        other = Match.objects.get(profile=unknown).explanation
        assert other.startswith("Middle for a Senior need; 0 of 5 must-have skills (0 verified)")
        assert "rate not given" in other
    with translation.override("ru"):
        assert Match.objects.get(profile=profile).explanation.startswith("Сеньор")
