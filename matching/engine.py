"""Bulk scoring: one need over every candidate profile, in one SQL query.

The hard filters (listed, same specialization, open availability) go in WHERE; the components
are SQL expressions built from the tables in matching/scoring.py, summed with their weights and
ordered in the database, so only the top N rows come back to Python. Their explanation facts
are read in two more queries over those N profiles, and the matches are upserted on
(need, profile) with the ones that dropped out deleted in the same transaction.
"""

from datetime import timedelta

from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Least
from django.utils import timezone

from profiles.models import Profile, ProfileLanguage, ProfileSkill
from vetting.models import Level

from . import scoring
from .models import Match

FLOAT = FloatField()


def _f(value: float) -> Value:
    return Value(float(value), output_field=FLOAT)


def candidates(need) -> QuerySet:
    """Hard requirements: listed (vetted, published, active), the need's specialization, open hours."""
    return Profile.objects.listed().filter(specialization_id=need.specialization_id, hours_per_week__gt=0)


def _level_expr(need):
    levels = list(Level.objects.order_by("rank").values_list("pk", flat=True))
    position = {pk: i for i, pk in enumerate(levels)}
    need_position = position[need.level_id]
    whens = [
        When(level_id=pk, then=_f(scoring.level_fit(pos - need_position))) for pk, pos in position.items()
    ]
    return Case(*whens, default=_f(scoring.LEVEL_FIT_FAR_BELOW), output_field=FLOAT)


def _skill_ids(need) -> tuple[set[int], set[int]]:
    must = set(need.must_have_skills.values_list("pk", flat=True))
    nice = set(need.nice_to_have_skills.values_list("pk", flat=True)) - must
    return must, nice


def _skill_expr(must: set[int], nice: set[int]):
    total = scoring.SKILL_MUST_WEIGHT * len(must) + scoring.SKILL_NICE_WEIGHT * len(nice)
    if not total:
        return _f(1.0)  # nothing asked: nothing missing
    trust = Case(
        When(verified=True, then=_f(scoring.SKILL_VERIFIED_TRUST)),
        default=_f(scoring.SKILL_DECLARED_TRUST),
        output_field=FLOAT,
    )
    weight = Case(
        When(skill_id__in=must, then=_f(scoring.SKILL_MUST_WEIGHT)),
        default=_f(scoring.SKILL_NICE_WEIGHT),
        output_field=FLOAT,
    )
    points = (
        ProfileSkill.objects.filter(profile_id=OuterRef("pk"), skill_id__in=must | nice)
        .order_by()
        .values("profile_id")
        .annotate(points=Sum(ExpressionWrapper(weight * trust, output_field=FLOAT)))
        .values("points")
    )
    return Coalesce(Subquery(points, output_field=FLOAT), _f(0.0)) / _f(total)


def _availability_expr(need):
    hours = Least(Cast("hours_per_week", FLOAT) / _f(need.hours_per_week), _f(1.0))
    start = need.start_date or timezone.localdate()
    start_whens = [When(available_from__isnull=True, then=_f(1.0))]
    for late_days, fit in scoring.START_LATE_BUCKETS:
        start_whens.append(When(available_from__lte=start + timedelta(days=late_days), then=_f(fit)))
    start_fit = Case(*start_whens, default=_f(scoring.START_LATE_BEYOND), output_field=FLOAT)
    return _f(scoring.AVAILABILITY_HOURS_SHARE) * hours + _f(scoring.AVAILABILITY_START_SHARE) * start_fit


def _rate_expr(need):
    if need.budget_max is None:
        return _f(1.0)  # no budget given: any rate fits
    whens = [
        When(rate_min__isnull=True, then=_f(scoring.UNKNOWN)),
        When(~Q(currency=need.currency), then=_f(scoring.UNKNOWN)),
    ]
    for factor, fit in scoring.RATE_OVER_BUCKETS:
        whens.append(When(rate_min__lte=int(need.budget_max * factor), then=_f(fit)))
    return Case(*whens, default=_f(scoring.RATE_OVER_BEYOND), output_field=FLOAT)


def _language_expr(need):
    asked = list(dict.fromkeys(need.languages or []))
    if not asked:
        return _f(1.0)
    spoken = (
        ProfileLanguage.objects.filter(
            profile_id=OuterRef("pk"),
            language__in=asked,
            proficiency__gte=scoring.LANGUAGE_MIN_PROFICIENCY,
        )
        .order_by()
        .values("profile_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Cast(Coalesce(Subquery(spoken), Value(0)), FLOAT) / _f(len(asked))


def _timezone_expr(need):
    if need.utc_offset_min is None:
        return _f(1.0)
    lo, hi = need.utc_offset_min, need.utc_offset_max
    whens = [When(utc_offset__isnull=True, then=_f(scoring.UNKNOWN))]
    for outside, fit in scoring.TIMEZONE_OUTSIDE_BUCKETS:
        whens.append(When(utc_offset__gte=lo - outside, utc_offset__lte=hi + outside, then=_f(fit)))
    return Case(*whens, default=_f(scoring.TIMEZONE_OUTSIDE_BEYOND), output_field=FLOAT)


def scored(need, *, must: set[int] | None = None, nice: set[int] | None = None) -> QuerySet:
    """Candidates annotated with every component and the weighted score, best first."""
    if must is None or nice is None:
        must, nice = _skill_ids(need)
    components = {
        "level_fit": _level_expr(need),
        "skill_fit": _skill_expr(must, nice),
        "availability_fit": _availability_expr(need),
        "rate_fit": _rate_expr(need),
        "language_fit": _language_expr(need),
        "timezone_fit": _timezone_expr(need),
    }
    qs = candidates(need).annotate(**components)
    score = sum(
        (_f(scoring.WEIGHTS[name]) * F(f"{name}_fit") for name in scoring.COMPONENTS),
        start=_f(0.0),
    )
    return qs.annotate(score=ExpressionWrapper(score, output_field=FLOAT)).order_by(
        "-score", "-level_fit", "pk"
    )


def _clip(value: float) -> float:
    return min(1.0, max(0.0, round(float(value), 6)))


def rank(need, *, limit: int = scoring.TOP_N) -> list[dict]:
    """The top `limit` candidates with their components and explanation facts (3 queries + levels)."""
    must, nice = _skill_ids(need)
    fields = [
        "pk",
        "level_id",
        "hours_per_week",
        "available_from",
        "rate_min",
        "rate_max",
        "currency",
        "utc_offset",
    ]
    components = [f"{name}_fit" for name in scoring.COMPONENTS]
    rows = list(scored(need, must=must, nice=nice).values(*fields, *components, "score")[:limit])
    if not rows:
        return []
    ids = [row["pk"] for row in rows]
    skills: dict[int, list[tuple[int, bool]]] = {pk: [] for pk in ids}
    if must or nice:
        for profile_id, skill_id, verified in ProfileSkill.objects.filter(
            profile_id__in=ids, skill_id__in=must | nice
        ).values_list("profile_id", "skill_id", "verified"):
            skills[profile_id].append((skill_id, verified))
    languages: dict[int, list[str]] = {pk: [] for pk in ids}
    if need.languages:
        for profile_id, language in ProfileLanguage.objects.filter(
            profile_id__in=ids, language__in=need.languages, proficiency__gte=scoring.LANGUAGE_MIN_PROFICIENCY
        ).values_list("profile_id", "language"):
            languages[profile_id].append(language)
    levels = {
        pk: (code, {"en": en, "ru": ru})
        for pk, code, en, ru in Level.objects.values_list("pk", "code", "name_en", "name_ru")
    }
    result = []
    for row in rows:
        have = skills[row["pk"]]
        facts = {
            "level": levels[row["level_id"]][0],
            "level_names": levels[row["level_id"]][1],
            "need_level": levels[need.level_id][0],
            "need_level_names": levels[need.level_id][1],
            "must_total": len(must),
            "must_have": sum(1 for s, _v in have if s in must),
            "must_verified": sum(1 for s, v in have if s in must and v),
            "nice_total": len(nice),
            "nice_have": sum(1 for s, _v in have if s in nice),
            "hours": row["hours_per_week"],
            "hours_asked": need.hours_per_week,
            "available_from": row["available_from"].isoformat() if row["available_from"] else None,
            "start_date": need.start_date.isoformat() if need.start_date else None,
            "rate_min": row["rate_min"],
            "rate_max": row["rate_max"],
            "currency": row["currency"],
            "budget_min": need.budget_min,
            "budget_max": need.budget_max,
            "budget_currency": need.currency,
            "languages_asked": list(need.languages or []),
            "languages_spoken": sorted(languages[row["pk"]]),
            "utc_offset": row["utc_offset"],
            "utc_window": [need.utc_offset_min, need.utc_offset_max]
            if need.utc_offset_min is not None
            else None,
        }
        result.append(
            {
                "profile_id": row["pk"],
                "score": _clip(row["score"]),
                **{name: _clip(row[name]) for name in components},
                "facts": facts,
            }
        )
    return result


def write_matches(*, need, limit: int = scoring.TOP_N) -> int:
    """Upsert the top matches of `need` and delete the rest. Call inside a transaction holding the need.

    Running it twice with the same data leaves the same rows (same ids, same values); a
    customer's dismissal is kept because the upsert never writes `dismissed_at`.
    """
    ranked = rank(need, limit=limit)
    now = timezone.now()
    objs = [
        Match(need_id=need.pk, rank=position, computed_at=now, **row)
        for position, row in enumerate(ranked, start=1)
    ]
    update_fields = ["rank", "score", *[f"{n}_fit" for n in scoring.COMPONENTS], "facts", "computed_at"]
    if objs:
        Match.objects.bulk_create(
            objs, update_conflicts=True, unique_fields=["need", "profile"], update_fields=update_fields
        )
    Match.objects.filter(need_id=need.pk).exclude(profile_id__in=[o.profile_id for o in objs]).delete()
    return len(objs)
