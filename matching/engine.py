"""Scoring: one need over its candidates in one SQL query, or one candidate over many needs in Python.

Both read only the read model (matching.models.Candidate) and the need. `Terms` turns one need and
the tables of matching/scoring.py into the constants of its score; `Terms.sql` gives them as SQL
over the candidate rows (a full run: every candidate of the need's specialization, ordered in the
database, only the top N rows come back), `Terms.components` computes the same numbers in Python
for one row (an incremental update: matching.services.updates). The two evaluate the same IEEE
double operations in the same order (each component a CASE of constants or one division, the
skill points added in the need's skill order, the weighted sum in COMPONENTS order), so a score
computed either way is the same float and the shortlists they write are the same.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from django.db import connection
from django.utils import timezone

from vetting.models import Level

from . import scoring
from .fields import SetField
from .models import Candidate, Match

COLUMNS = (
    "profile_id",
    "level_id",
    "hours_per_week",
    "available_from",
    "rate_min",
    "rate_max",
    "currency",
    "utc_offset",
    "skills",
    "verified_skills",
    "languages",
)
COMPONENT_COLUMNS = [f"{name}_fit" for name in scoring.COMPONENTS]
# A float parameter: psycopg binds a Python float as numeric, and numeric arithmetic would not be
# the IEEE double arithmetic the Python side does.
F = "CAST(%s AS DOUBLE PRECISION)"
# Levels fitting at least this well are ranked first (the need's level and one above).
NEAR_LEVEL_FIT = 0.8


def levels() -> dict[int, tuple[int, str, dict]]:
    """Level id -> (position on the scale, code, names): one query."""
    rows = Level.objects.order_by("rank").values_list("pk", "code", "name_en", "name_ru")
    return {pk: (i, code, {"en": en, "ru": ru}) for i, (pk, code, en, ru) in enumerate(rows)}


@dataclass
class Terms:
    """One need's score, as constants: what a candidate row is compared with."""

    need: object
    level_fit: dict[int, float]  # the candidate's level id -> fit
    skill_points: list[tuple[int, float, float]]  # (skill id, points if verified, if declared)
    must: set[int]
    nice: set[int]
    skill_total: float
    hours: float
    start: date
    asked_languages: list[str]
    utc_window: tuple[int, int] | None

    @property
    def specialization_id(self) -> int:
        return self.need.specialization_id

    @property
    def budget_max(self) -> int | None:
        return self.need.budget_max

    @property
    def currency(self) -> str:
        return self.need.currency

    @classmethod
    def of(
        cls, need, *, must: set[int], nice: set[int], level_table: dict, today: date | None = None
    ) -> "Terms":
        """`need`: a Need, or any object with its fields (the incremental update reads values())."""
        nice = nice - must
        points = []
        for skill_id in sorted(must):
            points.append((skill_id, *_skill_points(scoring.SKILL_MUST_WEIGHT)))
        for skill_id in sorted(nice):
            points.append((skill_id, *_skill_points(scoring.SKILL_NICE_WEIGHT)))
        return cls(
            need=need,
            level_fit=_level_fits(need.level_id, level_table),
            skill_points=points,
            must=must,
            nice=nice,
            skill_total=float(scoring.SKILL_MUST_WEIGHT * len(must) + scoring.SKILL_NICE_WEIGHT * len(nice)),
            hours=float(need.hours_per_week),
            start=need.start_date or today or timezone.localdate(),
            asked_languages=list(dict.fromkeys(need.languages or [])),
            utc_window=(need.utc_offset_min, need.utc_offset_max)
            if need.utc_offset_min is not None
            else None,
        )

    # --- the same numbers twice: SQL over all rows, Python over one -------------------------

    def sql(self) -> tuple[str, list]:
        """SELECT list of the six components (as `<name>_fit`) over the candidate alias `c`."""
        has = SetField.contains_sql
        parts: list[tuple[str, list]] = []
        whens = " ".join(f"WHEN %s THEN {F}" for _ in self.level_fit)
        level_params = [v for pk, fit in self.level_fit.items() for v in (pk, fit)]
        parts.append((f"CASE c.level_id {whens} ELSE {F} END", [*level_params, scoring.LEVEL_FIT_FAR_BELOW]))
        if self.skill_total:
            terms, params = [], []
            for skill_id, verified, declared in self.skill_points:
                terms.append(
                    f"CASE WHEN {has(connection, 'c.verified_skills')} THEN {F} "
                    f"WHEN {has(connection, 'c.skills')} THEN {F} ELSE {F} END"
                )
                params += [skill_id, verified, skill_id, declared, 0.0]
            parts.append((f"({' + '.join(terms)}) / {F}", [*params, self.skill_total]))
        else:
            parts.append((F, [1.0]))
        hours = f"CAST(c.hours_per_week AS DOUBLE PRECISION) / {F}"
        start_whens, start_params = [f"WHEN c.available_from IS NULL THEN {F}"], [1.0]
        for late_days, fit in scoring.START_LATE_BUCKETS:
            start_whens.append(f"WHEN c.available_from <= %s THEN {F}")
            start_params += [self.start + timedelta(days=late_days), fit]
        parts.append(
            (
                f"{F} * (CASE WHEN {hours} < {F} THEN {hours} ELSE {F} END)"
                f" + {F} * (CASE {' '.join(start_whens)} ELSE {F} END)",
                [
                    scoring.AVAILABILITY_HOURS_SHARE,
                    self.hours,
                    1.0,
                    self.hours,
                    1.0,
                    scoring.AVAILABILITY_START_SHARE,
                    *start_params,
                    scoring.START_LATE_BEYOND,
                ],
            )
        )
        if self.budget_max is None:
            parts.append((F, [1.0]))
        else:
            whens, params = [f"WHEN c.rate_min IS NULL THEN {F} WHEN c.currency <> %s THEN {F}"], []
            params += [scoring.UNKNOWN, self.currency, scoring.UNKNOWN]
            for factor, fit in scoring.RATE_OVER_BUCKETS:
                whens.append(f"WHEN c.rate_min <= %s THEN {F}")
                params += [int(self.budget_max * factor), fit]
            parts.append((f"CASE {' '.join(whens)} ELSE {F} END", [*params, scoring.RATE_OVER_BEYOND]))
        if self.asked_languages:
            spoken = " + ".join(
                f"CASE WHEN {has(connection, 'c.languages')} THEN 1 ELSE 0 END" for _ in self.asked_languages
            )
            parts.append(
                (
                    f"CAST(({spoken}) AS DOUBLE PRECISION) / {F}",
                    [*self.asked_languages, float(len(self.asked_languages))],
                )
            )
        else:
            parts.append((F, [1.0]))
        if self.utc_window is None:
            parts.append((F, [1.0]))
        else:
            lo, hi = self.utc_window
            whens, params = [f"WHEN c.utc_offset IS NULL THEN {F}"], [scoring.UNKNOWN]
            for outside, fit in scoring.TIMEZONE_OUTSIDE_BUCKETS:
                whens.append(f"WHEN c.utc_offset >= %s AND c.utc_offset <= %s THEN {F}")
                params += [lo - outside, hi + outside, fit]
            parts.append((f"CASE {' '.join(whens)} ELSE {F} END", [*params, scoring.TIMEZONE_OUTSIDE_BEYOND]))
        sql = ", ".join(
            f"{text} AS {name}" for (text, _p), name in zip(parts, COMPONENT_COLUMNS, strict=True)
        )
        return sql, [p for _t, params in parts for p in params]

    def components(self, row: dict) -> dict[str, float]:
        """The same six numbers for one candidate row, in Python (same operations, same order)."""
        result = {"level_fit": self.level_fit.get(row["level_id"], scoring.LEVEL_FIT_FAR_BELOW)}
        if self.skill_total:
            have, verified = set(row["skills"]), set(row["verified_skills"])
            points = None
            for skill_id, if_verified, if_declared in self.skill_points:
                term = if_verified if skill_id in verified else if_declared if skill_id in have else 0.0
                points = term if points is None else points + term
            result["skill_fit"] = points / self.skill_total
        else:
            result["skill_fit"] = 1.0
        hours = float(row["hours_per_week"]) / self.hours
        available = row["available_from"]
        start_fit = scoring.START_LATE_BEYOND
        if available is None:
            start_fit = 1.0
        else:
            for late_days, fit in scoring.START_LATE_BUCKETS:
                if available <= self.start + timedelta(days=late_days):
                    start_fit = fit
                    break
        result["availability_fit"] = (
            scoring.AVAILABILITY_HOURS_SHARE * (hours if hours < 1.0 else 1.0)
            + scoring.AVAILABILITY_START_SHARE * start_fit
        )
        result["rate_fit"] = 1.0 if self.budget_max is None else self._rate_fit(row)
        if self.asked_languages:
            spoken = sum(1 for code in self.asked_languages if code in row["languages"])
            result["language_fit"] = spoken * 1.0 / float(len(self.asked_languages))
        else:
            result["language_fit"] = 1.0
        result["timezone_fit"] = 1.0 if self.utc_window is None else self._timezone_fit(row["utc_offset"])
        return result

    def _rate_fit(self, row: dict) -> float:
        if row["rate_min"] is None or row["currency"] != self.currency:
            return scoring.UNKNOWN
        for factor, fit in scoring.RATE_OVER_BUCKETS:
            if row["rate_min"] <= int(self.budget_max * factor):
                return fit
        return scoring.RATE_OVER_BEYOND

    def _timezone_fit(self, offset: int | None) -> float:
        if offset is None:
            return scoring.UNKNOWN
        lo, hi = self.utc_window
        for outside, fit in scoring.TIMEZONE_OUTSIDE_BUCKETS:
            if lo - outside <= offset <= hi + outside:
                return fit
        return scoring.TIMEZONE_OUTSIDE_BEYOND

    def explain(self, row: dict, level_table: dict) -> dict:
        """The facts a match's explanation is built from (matching/explain.py)."""
        need = self.need
        have, verified = set(row["skills"]), set(row["verified_skills"])
        asked = list(need.languages or [])
        return {
            "level": level_table[row["level_id"]][1],
            "level_names": level_table[row["level_id"]][2],
            "need_level": level_table[need.level_id][1],
            "need_level_names": level_table[need.level_id][2],
            "must_total": len(self.must),
            "must_have": len(self.must & have),
            "must_verified": len(self.must & verified),
            "nice_total": len(self.nice),
            "nice_have": len(self.nice & have),
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
            "languages_asked": asked,
            "languages_spoken": sorted(set(asked) & set(row["languages"])),
            "utc_offset": row["utc_offset"],
            "utc_window": [need.utc_offset_min, need.utc_offset_max]
            if need.utc_offset_min is not None
            else None,
        }


@cache
def _level_fits_cached(need_level_id: int, table: tuple) -> dict[int, float]:
    position = {pk: pos for pk, pos in table}
    return {pk: scoring.level_fit(pos - position[need_level_id]) for pk, pos in table}


def _level_fits(need_level_id: int, level_table: dict) -> dict[int, float]:
    return _level_fits_cached(need_level_id, tuple((pk, v[0]) for pk, v in level_table.items()))


def level_fit(need_level_id: int, level_id: int, level_table: dict) -> float:
    return _level_fits(need_level_id, level_table).get(level_id, scoring.LEVEL_FIT_FAR_BELOW)


def _skill_points(weight: float) -> tuple[float, float]:
    return weight * scoring.SKILL_VERIFIED_TRUST, weight * scoring.SKILL_DECLARED_TRUST


def order_key(*, score: float, level_fit: float, profile_id: int) -> tuple:
    """A shortlist's order, best first: the SQL's ORDER BY score DESC, level_fit DESC, profile_id."""
    return (-score, -level_fit, profile_id)


def need_terms(need, *, level_table: dict | None = None) -> Terms:
    must = set(need.must_have_skills.values_list("pk", flat=True))
    nice = set(need.nice_to_have_skills.values_list("pk", flat=True))
    return Terms.of(need, must=must, nice=nice, level_table=level_table or levels())


def scored_sql(
    terms: Terms, *, limit: int, level_ids: list[int] | None = None, exclude: list[int] = ()
) -> tuple[str, list]:
    """One SQL query: the scorable candidates of the need's specialization (of these levels if given,
    without the `exclude`d profiles), best first, top `limit`."""
    components, params = terms.sql()
    table = Candidate._meta.db_table
    columns = ", ".join(f"c.{name}" for name in COLUMNS)
    where = "c.specialization_id = %s AND c.listed AND c.hours_per_week > 0"
    where_params = [terms.specialization_id]
    if level_ids is not None:
        where += f" AND c.level_id IN ({', '.join('%s' for _ in level_ids)})"
        where_params += level_ids
    if exclude:
        where += f" AND c.profile_id NOT IN ({', '.join('%s' for _ in exclude)})"
        where_params += list(exclude)
    inner = f"SELECT {columns}, {components} FROM {table} c WHERE {where}"
    score = " + ".join(f"{F} * t.{name}" for name in COMPONENT_COLUMNS)
    weights = [scoring.WEIGHTS[name] for name in scoring.COMPONENTS]
    sql = (
        f"SELECT t.*, {score} AS score FROM ({inner}) t"
        " ORDER BY score DESC, t.level_fit DESC, t.profile_id LIMIT %s"
    )
    return sql, [*weights, *params, *where_params, limit]


def ceiling(level_fit: float) -> float:
    """The best score a candidate of this level fit can reach: every other component at 1."""
    return scoring.WEIGHTS["level"] * level_fit + (1.0 - scoring.WEIGHTS["level"])


def _scored_rows(terms: Terms, *, limit: int) -> list[dict]:
    """The top `limit` rows, reading the levels that fit best first.

    Level fit dominates the score, so the top of a shortlist is nearly always made of the need's
    level and the one above. Those are ranked first; the other levels are read only when the
    last row taken could still be beaten by one of them (its score is not above their ceiling):
    the same rows as ranking every level, for half the work or less.
    """
    near = [pk for pk, fit in terms.level_fit.items() if fit >= NEAR_LEVEL_FIT]
    far = [fit for fit in terms.level_fit.values() if fit < NEAR_LEVEL_FIT]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            # JIT compilation costs more than it saves on a one-shot scan of ~10^4 narrow rows.
            cursor.execute("SET LOCAL jit = off")
        rows = None
        if near and far:
            rows = _fetch(cursor, *scored_sql(terms, limit=limit, level_ids=near))
            if len(rows) < limit or rows[-1]["score"] <= ceiling(max(far)) + 1e-9:
                rows = None
        if rows is None:
            rows = _fetch(cursor, *scored_sql(terms, limit=limit))
    return rows


def best_outside(terms: Terms, *, exclude: list[int]) -> dict | None:
    """The best scorable candidate of the need that is not one of `exclude` (its row, or None)."""
    with connection.cursor() as cursor:
        rows = _fetch(cursor, *scored_sql(terms, limit=1, exclude=exclude))
    return rows[0] if rows else None


def _fetch(cursor, sql: str, params: list) -> list[dict]:
    cursor.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [_from_db(dict(zip(names, values, strict=True))) for values in cursor.fetchall()]


def _from_db(row: dict) -> dict:
    """Raw cursor values as the model gives them (sets from JSON text on SQLite, dates from text)."""
    for name in ("skills", "verified_skills", "languages"):
        row[name] = SetField().to_python(row[name])
    if isinstance(row["available_from"], str):
        row["available_from"] = date.fromisoformat(row["available_from"])
    return row


def clip(value: float) -> float:
    return min(1.0, max(0.0, float(value)))


def rank(need, *, limit: int | None = None) -> list[dict]:
    """The top `limit` (TOP_N) candidates with their components and explanation facts (4-5 queries)."""
    limit = limit or scoring.TOP_N
    level_table = levels()
    terms = need_terms(need, level_table=level_table)
    return [match_row(terms, row, level_table=level_table) for row in _scored_rows(terms, limit=limit)]


def match_row(terms: Terms, row: dict, *, level_table: dict) -> dict:
    """What a Match stores for one scored candidate row."""
    return {
        "profile_id": row["profile_id"],
        "score": clip(row["score"]),
        **{name: clip(row[name]) for name in COMPONENT_COLUMNS},
        "facts": terms.explain(row, level_table),
    }


UPDATE_FIELDS = ["rank", "score", *COMPONENT_COLUMNS, "facts", "computed_at"]


def write_matches(*, need, limit: int | None = None) -> int:
    """Upsert the top matches of `need` and delete the rest. Call inside a transaction holding the need.

    Only rows that changed are written (a re-run over the same data writes nothing); running it
    twice with the same data leaves the same rows (same ids, same values); a customer's dismissal
    is kept because the upsert never writes `dismissed_at`.
    """
    ranked = rank(need, limit=limit)
    stored_fields = ["rank", "score", *COMPONENT_COLUMNS, "facts"]
    stored = {
        row[0]: tuple(row[1:])
        for row in Match.objects.filter(need_id=need.pk).values_list("profile_id", *stored_fields)
    }
    now = timezone.now()
    objs = [
        Match(need_id=need.pk, rank=position, computed_at=now, **row)
        for position, row in enumerate(ranked, start=1)
        if stored.get(row["profile_id"]) != (position, *(row[name] for name in stored_fields[1:]))
    ]
    if objs:
        Match.objects.bulk_create(
            objs, update_conflicts=True, unique_fields=["need", "profile"], update_fields=UPDATE_FIELDS
        )
    gone = set(stored) - {row["profile_id"] for row in ranked}
    if gone:
        Match.objects.filter(need_id=need.pk, profile_id__in=gone).delete()
    return len(ranked)
