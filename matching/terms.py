"""One need's score as constants (`Terms`), evaluated in SQL over every candidate row or in Python
over one: the same IEEE double operations in the same order (each component a CASE of constants or
one division, the skill points added in the need's skill order, the weighted sum in COMPONENTS
order), so a score computed either way is the same float. matching.engine runs the SQL; an
incremental update (matching.services.updates) the Python.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from django.db import connection
from django.utils import timezone

from profiles.money import base_cents, convert
from vetting.models import Level

from . import scoring
from .fields import SetField

COMPONENT_COLUMNS = [f"{name}_fit" for name in scoring.COMPONENTS]
# A float parameter: psycopg binds a Python float as numeric, and numeric arithmetic would not be
# the IEEE double arithmetic the Python side does.
F = "CAST(%s AS DOUBLE PRECISION)"


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
    # The top of the budget in US cents by the exchange rates in force (profiles.money), None
    # without a budget: compared with the candidates' rate_min_base_cents, so currencies mix.
    budget_base_cents: int | None

    @property
    def specialization_id(self) -> int:
        return self.need.specialization_id

    @property
    def budget_max(self) -> int | None:
        return self.need.budget_max

    @classmethod
    def of(
        cls,
        need,
        *,
        must: set[int],
        nice: set[int],
        level_table: dict,
        today: date | None = None,
        rates: dict | None = None,
    ) -> "Terms":
        """`need`: a Need, or any object with its fields (the incremental update reads values()).
        `rates`: profiles.money.rate_table(), when the caller builds the terms of many needs."""
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
            budget_base_cents=base_cents(need.budget_max, need.currency, table=rates),
        )

    # --- the same numbers twice: SQL over all rows, Python over one -------------------------

    def sql(self) -> tuple[str, list]:
        """SELECT list of the components (as `<name>_fit`) over the candidate alias `c`."""
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
        elif self.budget_base_cents is None:
            parts.append((F, [scoring.UNKNOWN]))
        else:
            whens, params = [f"WHEN c.rate_min_base_cents IS NULL THEN {F}"], [scoring.UNKNOWN]
            for factor, fit in scoring.RATE_OVER_BUCKETS:
                whens.append(f"WHEN c.rate_min_base_cents <= %s THEN {F}")
                params += [int(self.budget_base_cents * factor), fit]
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
        # The stored number itself (the same double in both languages), or the middle when none.
        record = f"CASE WHEN c.track_record IS NULL THEN {F} ELSE c.track_record END"
        parts.append((record, [scoring.UNKNOWN]))
        sql = ", ".join(
            f"{text} AS {name}" for (text, _p), name in zip(parts, COMPONENT_COLUMNS, strict=True)
        )
        return sql, [p for _t, params in parts for p in params]

    def components(self, row: dict) -> dict[str, float]:
        """The same numbers for one candidate row, in Python (same operations, same order)."""
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
        record = row["track_record"]
        result["track_record_fit"] = scoring.UNKNOWN if record is None else record
        return result

    def _rate_fit(self, row: dict) -> float:
        if self.budget_base_cents is None or row["rate_min_base_cents"] is None:
            return scoring.UNKNOWN
        for factor, fit in scoring.RATE_OVER_BUCKETS:
            if row["rate_min_base_cents"] <= int(self.budget_base_cents * factor):
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
        converted = convert(row["rate_min"], row["currency"], need.currency)
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
            # The rate in the budget's currency by the same table, as text (facts are JSON).
            "rate_in_budget_currency": None if converted is None else str(converted),
            "languages_asked": asked,
            "languages_spoken": sorted(set(asked) & set(row["languages"])),
            "utc_offset": row["utc_offset"],
            "utc_window": [need.utc_offset_min, need.utc_offset_max]
            if need.utc_offset_min is not None
            else None,
            "track_record": row["track_record"],
        }


@cache
def _level_fits_cached(need_level_id: int, table: tuple) -> dict[int, float]:
    position = dict(table)
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


def ceiling(level_fit: float) -> float:
    """The best score a candidate of this level fit can reach: every other component at 1."""
    return scoring.WEIGHTS["level"] * level_fit + (1.0 - scoring.WEIGHTS["level"])
