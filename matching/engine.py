"""Full runs: one need's candidates scored in one SQL query from the read model, the top N written
as its shortlist and the next RESERVE as its runners-up.

`Terms` (matching/terms.py) gives the need's score as SQL over the candidate rows of
matching.models.Candidate (every scorable candidate of the need's specialization, the levels that
fit best first, ordered in the database: only the top rows come back); the shortlist's explanation
facts come from the same rows, and only the rows that changed are written.
"""

from datetime import date

from django.db import connection

from topfreelancer import clock

from . import scoring
from .candidates import INPUTS
from .fields import SetField
from .models import Candidate, Match, NeedRanking, RunnerUp
from .terms import COMPONENT_COLUMNS, F, Terms, ceiling, levels, need_terms

# What a run reads of each candidate: its id and the score's inputs (the hard filter `listed` is
# in the WHERE clause).
COLUMNS = ("profile_id", *(name for name in INPUTS if name != "listed"))
# Levels fitting at least this well are ranked first (the need's level and one above).
NEAR_LEVEL_FIT = 0.8


def scored_sql(terms: Terms, *, limit: int, level_ids: list[int] | None = None) -> tuple[str, list]:
    """One SQL query: the scorable candidates of the need's specialization (of these levels if
    given), best first, top `limit`."""
    components, params = terms.sql()
    table = Candidate._meta.db_table
    columns = ", ".join(f"c.{name}" for name in COLUMNS)
    where = "c.specialization_id = %s AND c.listed AND c.hours_per_week > 0"
    where_params = [terms.specialization_id]
    if level_ids is not None:
        where += f" AND c.level_id IN ({', '.join('%s' for _ in level_ids)})"
        where_params += level_ids
    inner = f"SELECT {columns}, {components} FROM {table} c WHERE {where}"
    score = " + ".join(f"{F} * t.{name}" for name in COMPONENT_COLUMNS)
    weights = [scoring.WEIGHTS[name] for name in scoring.COMPONENTS]
    sql = (
        f"SELECT t.*, {score} AS score FROM ({inner}) t"
        " ORDER BY score DESC, t.level_fit DESC, t.profile_id LIMIT %s"
    )
    return sql, [*weights, *params, *where_params, limit]


def scored_rows(terms: Terms, *, limit: int) -> list[dict]:
    """The top `limit` rows, reading the levels that fit best first.

    Level fit dominates the score, so the top of a shortlist is nearly always made of the need's
    level and the one above. Those are ranked first; the other levels are read only when the
    last row taken could still be beaten by one of them (its score is not above their ceiling):
    the same rows as ranking every level, for half the work or less.
    """
    near = [pk for pk, fit in terms.level_fit.items() if fit >= NEAR_LEVEL_FIT]
    far = [fit for fit in terms.level_fit.values() if fit < NEAR_LEVEL_FIT]
    with connection.cursor() as cursor:
        rows = None
        if near and far:
            rows = _fetch(cursor, *scored_sql(terms, limit=limit, level_ids=near))
            if len(rows) < limit or rows[-1]["score"] <= ceiling(max(far)) + 1e-9:
                rows = None
        if rows is None:
            rows = _fetch(cursor, *scored_sql(terms, limit=limit))
    return rows


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
    return [match_row(terms, row, level_table=level_table) for row in scored_rows(terms, limit=limit)]


def match_row(terms: Terms, row: dict, *, level_table: dict) -> dict:
    """What a Match stores for one scored candidate row."""
    return {
        "profile_id": row["profile_id"],
        "score": clip(row["score"]),
        **{name: clip(row[name]) for name in COMPONENT_COLUMNS},
        "facts": terms.explain(row, level_table),
    }


UPDATE_FIELDS = {
    Match: ["rank", "score", *COMPONENT_COLUMNS, "facts", "computed_at"],
    RunnerUp: ["score", "level_fit"],
}


def upsert(model, objs: list) -> None:
    """Insert these matches or runners-up, or update the (need, profile) rows they meet. Never
    writes a match's `dismissed_at`: a customer's dismissal survives."""
    if objs:
        model.objects.bulk_create(
            objs, update_conflicts=True, unique_fields=["need", "profile"], update_fields=UPDATE_FIELDS[model]
        )


def write_matches(*, need) -> int:
    """Rank `need` in full: store its shortlist and runners-up. Call inside a transaction holding the need.

    Returns how many candidates were ranked (at most TOP_N + RESERVE).
    """
    level_table = levels()
    terms = need_terms(need, level_table=level_table)
    rows = scored_rows(terms, limit=scoring.TOP_N + scoring.RESERVE)
    store(need.pk, terms, rows, level_table=level_table)
    return len(rows)


def store(need_id: int, terms: Terms, rows: list[dict], *, level_table: dict) -> None:
    """Make `rows` (scored candidate rows, best first) the need's list: the first TOP_N its matches
    in that order, the rest its runners-up; whoever else was on it leaves.

    Its ranking's `list_floor` follows. Only rows that changed are written (a re-run over the same
    data writes nothing); running it twice with the same data leaves the same rows (same ids, same
    values); a customer's dismissal is kept because the upsert never writes `dismissed_at`.
    """
    shortlist = [match_row(terms, row, level_table=level_table) for row in rows[: scoring.TOP_N]]
    stored_fields = ["rank", "score", *COMPONENT_COLUMNS, "facts"]
    stored = {
        row[0]: tuple(row[1:])
        for row in Match.objects.filter(need_id=need_id).values_list("profile_id", *stored_fields)
    }
    now = clock.now()
    objs = [
        Match(need_id=need_id, rank=position, computed_at=now, **row)
        for position, row in enumerate(shortlist, start=1)
        if stored.get(row["profile_id"]) != (position, *(row[name] for name in stored_fields[1:]))
    ]
    upsert(Match, objs)
    gone = set(stored) - {row["profile_id"] for row in shortlist}
    if gone:
        Match.objects.filter(need_id=need_id, profile_id__in=gone).delete()

    reserve = {
        row["profile_id"]: (clip(row["score"]), clip(row["level_fit"])) for row in rows[scoring.TOP_N :]
    }
    runners_up = RunnerUp.objects.filter(need_id=need_id).values_list("profile_id", "score", "level_fit")
    held = {profile_id: (score, fit) for profile_id, score, fit in runners_up}
    if set(held) - set(reserve):
        RunnerUp.objects.filter(need_id=need_id).exclude(profile_id__in=list(reserve)).delete()
    changed = [
        RunnerUp(need_id=need_id, profile_id=profile_id, score=score, level_fit=fit)
        for profile_id, (score, fit) in reserve.items()
        if held.get(profile_id) != (score, fit)
    ]
    upsert(RunnerUp, changed)
    NeedRanking.objects.filter(need_id=need_id).update(list_floor=floor(rows))


def floor(rows: list[dict]) -> float | None:
    """NeedRanking.list_floor of a list: its last score, None when it holds every candidate."""
    return clip(rows[-1]["score"]) if len(rows) >= scoring.TOP_N else None
