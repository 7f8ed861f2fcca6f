"""Bulk scoring: one need over every candidate profile, in one SQL query.

The hard filters (listed, same specialization, open availability) go in WHERE; the components
are SQL expressions built from the tables in matching/scoring.py, summed with their weights and
ordered in the database, so only the top N rows come back to Python. Their explanation facts
are read in two more queries over those N profiles, and the matches are upserted on
(need, profile) with the ones that dropped out deleted in the same transaction.
"""

from datetime import timedelta

from django.db import connection
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    FloatField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Least
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


def _skill_points(need, must: set[int], nice: set[int]):
    """Per profile having any: the weighted, trust-scaled points of its asked skills.

    Not restricted to the candidates: the LEFT JOIN does that, and a semi-join here costs more
    than the few rows of other specializations sharing a skill."""
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
    return (
        ProfileSkill.objects.filter(
            skill_id__in=must | nice, profile__specialization_id=need.specialization_id
        )
        .order_by()
        .values("profile_id")
        .annotate(points=Sum(ExpressionWrapper(weight * trust, output_field=FLOAT)))
        .values("profile_id", "points")
    )


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


def _languages_spoken(need, asked: list[str]):
    """Per profile having any: how many of the asked languages it speaks well enough."""
    return (
        ProfileLanguage.objects.filter(
            language__in=asked,
            proficiency__gte=scoring.LANGUAGE_MIN_PROFICIENCY,
        )
        .order_by()
        .values("profile_id")
        .annotate(n=Count("pk"))
        .values("profile_id", "n")
    )


def _timezone_expr(need):
    if need.utc_offset_min is None:
        return _f(1.0)
    lo, hi = need.utc_offset_min, need.utc_offset_max
    whens = [When(utc_offset__isnull=True, then=_f(scoring.UNKNOWN))]
    for outside, fit in scoring.TIMEZONE_OUTSIDE_BUCKETS:
        whens.append(When(utc_offset__gte=lo - outside, utc_offset__lte=hi + outside, then=_f(fit)))
    return Case(*whens, default=_f(scoring.TIMEZONE_OUTSIDE_BEYOND), output_field=FLOAT)


PROFILE_COLUMNS = [
    "pk",
    "level_id",
    "hours_per_week",
    "available_from",
    "rate_min",
    "rate_max",
    "currency",
    "utc_offset",
]
COMPONENT_COLUMNS = [f"{name}_fit" for name in scoring.COMPONENTS]


def scored_sql(need, *, must: set[int], nice: set[int], limit: int) -> tuple[str, list]:
    """One SQL query: every candidate with its components and weighted score, best first, top `limit`.

    The per-row components are ORM expressions on the candidates; skill points and spoken
    languages are aggregated once (GROUP BY over the asked skills' and languages' rows) and
    LEFT JOINed, not one correlated subquery per candidate, so the database reads each needed row
    once. The parts are compiled by the ORM and only assembled here: the same SQL runs on SQLite.
    """
    q = connection.ops.quote_name
    base = candidates(need).annotate(
        level_fit=_level_expr(need),
        availability_fit=_availability_expr(need),
        rate_fit=_rate_expr(need),
        timezone_fit=_timezone_expr(need),
    )
    base_sql, params = base.values(
        *PROFILE_COLUMNS, "level_fit", "availability_fit", "rate_fit", "timezone_fit"
    ).query.sql_with_params()
    params = list(params)
    joins, skill_fit, language_fit = "", "1.0", "1.0"
    total = scoring.SKILL_MUST_WEIGHT * len(must) + scoring.SKILL_NICE_WEIGHT * len(nice)
    if total:
        sk_sql, sk_params = _skill_points(need, must, nice).query.sql_with_params()
        joins += f" LEFT JOIN ({sk_sql}) sk ON sk.{q('profile_id')} = c.{q('pk')}"
        params += sk_params
        skill_fit = f"COALESCE(sk.{q('points')}, 0.0) / {float(total)!r}"
    asked = list(dict.fromkeys(need.languages or []))
    if asked:
        lg_sql, lg_params = _languages_spoken(need, asked).query.sql_with_params()
        joins += f" LEFT JOIN ({lg_sql}) lg ON lg.{q('profile_id')} = c.{q('pk')}"
        params += lg_params
        language_fit = f"COALESCE(lg.{q('n')}, 0) * 1.0 / {float(len(asked))!r}"
    inner = f"SELECT c.*, {skill_fit} AS skill_fit, {language_fit} AS language_fit FROM ({base_sql}) c{joins}"
    score = " + ".join(f"{float(scoring.WEIGHTS[name])!r} * t.{name}_fit" for name in scoring.COMPONENTS)
    order = f"score DESC, t.level_fit DESC, t.{q('pk')}"
    sql = f"SELECT t.*, {score} AS score FROM ({inner}) t ORDER BY {order} LIMIT %s"
    return sql, [*params, limit]


def _scored_rows(need, *, must: set[int], nice: set[int], limit: int) -> list[dict]:
    sql, params = scored_sql(need, must=must, nice=nice, limit=limit)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            # JIT compilation costs more than it saves on a one-shot scan of ~10^5 rows.
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _iso(value) -> str | None:
    """A date from a raw cursor: a date on PostgreSQL, already ISO text on SQLite."""
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


def _clip(value: float) -> float:
    return min(1.0, max(0.0, round(float(value), 6)))


def rank(need, *, limit: int = scoring.TOP_N) -> list[dict]:
    """The top `limit` candidates with their components and explanation facts (3 queries + levels)."""
    must, nice = _skill_ids(need)
    components = COMPONENT_COLUMNS
    rows = _scored_rows(need, must=must, nice=nice, limit=limit)
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
            "available_from": _iso(row["available_from"]),
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
