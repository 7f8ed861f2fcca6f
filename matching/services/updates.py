"""Incremental updates: one profile's change applied to every shortlist it enters, moves in or leaves.

A profile change writes the read model (matching.candidates) in its own transaction and bumps the
row's `version`; after commit `profile_change_apply` scores that one candidate against every open
need of its specializations (in Python, with the same arithmetic as a full run's SQL: see
matching.terms) and edits only the shortlists it touches. Each need's top N stays exact:

- not a member, scores above the last member: it comes in, the last one goes out;
- a member that improved, or still beats the last other member: it stays, in its new place;
- a member that fell below the last other member, or left (unlisted, other specialization, no
  hours): one query finds the best candidate outside the other members (engine.best_outside:
  the member itself as it is now, or the next best, who takes the last place);
- a shortlist shorter than N holds every candidate already: it simply gains or loses this one.

Safe under concurrency: the affected needs are locked (in id order, as full runs lock them) before
the candidate rows and shortlists are read, so a full run and an update of the same need never
interleave. Idempotent: applying the same version twice writes the same rows. Durable: the row's
`applied_version` is set in the same transaction; a change whose task was lost (broker down,
worker killed) is found by the beat sweep (`unapplied_profile_ids`) and applied again.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.db import connection, transaction
from django.db.models import F, Q

from needs.models import Need
from profiles.money import rate_table
from topfreelancer import clock
from topfreelancer.queue import enqueue_on_commit

from .. import engine, scoring, tasks
from ..models import Candidate, Match, NeedRanking
from ..terms import Terms, ceiling, level_fit, levels, order_key

# A change younger than this was just published: leave it to the queue.
APPLY_GRACE = timedelta(seconds=30)
NEED_FIELDS = (
    "pk",
    "specialization_id",
    "level_id",
    "hours_per_week",
    "start_date",
    "budget_min",
    "budget_max",
    "currency",
    "languages",
    "utc_offset_min",
    "utc_offset_max",
)


def profile_rematch(*, profile_id: int) -> None:
    """A profile's read-model rows changed (in this transaction): apply the change on commit."""
    enqueue_on_commit(tasks.apply_profile_change, profile_id)


def _row(candidate: Candidate) -> dict:
    return {name: getattr(candidate, name) for name in engine.COLUMNS}


def _key(row) -> tuple:
    return order_key(score=row["score"], level_fit=row["level_fit"], profile_id=row["profile_id"])


def _skills(need_ids: list[int], subquery) -> tuple[dict, dict]:
    must: dict[int, set[int]] = {pk: set() for pk in need_ids}
    nice: dict[int, set[int]] = {pk: set() for pk in need_ids}
    for table, into in ((Need.must_have_skills.through, must), (Need.nice_to_have_skills.through, nice)):
        for need_id, skill_id in table.objects.filter(need_id__in=subquery).values_list(
            "need_id", "skill_id"
        ):
            if need_id in into:
                into[need_id].add(skill_id)
    return must, nice


def profile_change_apply(*, profile_id: int) -> dict:
    """Apply the profile's current read-model rows to the shortlists of every open need they touch.

    Returns counts: needs locked, shortlists edited, last places refilled from the non-members.
    """
    top_n = scoring.TOP_N
    with transaction.atomic():
        specializations = Candidate.objects.filter(profile_id=profile_id).values("specialization_id")
        member_of = Match.objects.filter(profile_id=profile_id).values("need_id")
        affected = Need.objects.open().filter(Q(specialization_id__in=specializations) | Q(pk__in=member_of))
        # Locked in id order, as every writer of shortlists locks; read as plain values (no models).
        needs = [
            SimpleNamespace(**values)
            for values in affected.select_for_update().order_by("pk").values(*NEED_FIELDS)
        ]
        affected_ids = affected.values("pk")  # a subquery: no list of a thousand ids sent back
        candidates = list(Candidate.objects.filter(profile_id=profile_id))
        rows = {c.specialization_id: _row(c) for c in candidates if c.listed and c.hours_per_week > 0}
        ids = [need.pk for need in needs]
        tails: dict[int, dict[int, dict]] = {pk: {} for pk in ids}  # need -> rank -> row
        mine: dict[int, dict] = {}
        fields = ("pk", "need_id", "profile_id", "rank", "score", "level_fit")
        # Unordered: Match's default order joins the needs to sort by their date (a scan of them all).
        last_places = Match.objects.filter(need_id__in=affected_ids, rank__gte=top_n - 1).order_by()
        members = Match.objects.filter(profile_id=profile_id).order_by()
        for match in [*last_places.values(*fields), *members.values(*fields)]:
            if match["need_id"] not in tails:
                continue  # opened after the lock: its own run ranks it
            if match["profile_id"] == profile_id:
                mine[match["need_id"]] = match
            tails[match["need_id"]][match["rank"]] = match
        must, nice = _skills(ids, affected_ids)
        level_table, rates = levels(), rate_table()  # read once for every need below
        now, today = clock.now(), clock.today()
        upserts, deletes, fallen, touched = [], [], [], set()

        def upsert(need, terms, row, components, score, rank):
            stored = engine.match_row(terms, {**row, **components, "score": score}, level_table=level_table)
            upserts.append(Match(need_id=need.pk, rank=rank, computed_at=now, **stored))
            touched.add(need.pk)

        for need in needs:
            row = rows.get(need.specialization_id)
            tail, member = tails[need.pk], mine.get(need.pk)
            last = tail.get(top_n)
            if member is None and (
                row is None
                or (
                    last is not None
                    and ceiling(level_fit(need.level_id, row["level_id"], level_table)) + 1e-9 < last["score"]
                )
            ):
                continue  # not in it, and cannot get in: its level alone keeps it below the last place
            terms = Terms.of(
                need,
                must=must[need.pk],
                nice=nice[need.pk],
                level_table=level_table,
                today=today,
                rates=rates,
            )
            if row is not None:
                components = terms.components(row)
                score = scoring.total({name: components[f"{name}_fit"] for name in scoring.COMPONENTS})
                key = order_key(
                    score=engine.clip(score),
                    level_fit=engine.clip(components["level_fit"]),
                    profile_id=profile_id,
                )
            if member is not None:
                if row is None:
                    if last is None:
                        deletes.append(member["pk"])
                        touched.add(need.pk)
                    else:
                        fallen.append((need, terms))
                    continue
                other_last = last if last is None or last["profile_id"] != profile_id else tail.get(top_n - 1)
                if last is None or key <= _key(member) or other_last is None or key < _key(other_last):
                    upsert(need, terms, row, components, score, member["rank"])
                else:
                    fallen.append((need, terms))
            elif last is None or key < _key(last):
                upsert(need, terms, row, components, score, top_n + 1)
                if last is not None:
                    deletes.append(last["pk"])

        # Fell below the last other member, or left: the best of the non-members (itself included,
        # as it is now) takes the last place.
        if fallen:
            members: dict[int, list[int]] = {need.pk: [] for need, _terms in fallen}
            for need_id, member_id in Match.objects.filter(need_id__in=list(members)).values_list(
                "need_id", "profile_id"
            ):
                if member_id != profile_id:
                    members[need_id].append(member_id)
            for need, terms in fallen:
                best = engine.best_outside(terms, exclude=members[need.pk])
                if best is None or best["profile_id"] != profile_id:
                    deletes.append(mine[need.pk]["pk"])
                if best is not None:
                    stored = engine.match_row(terms, best, level_table=level_table)
                    upserts.append(Match(need_id=need.pk, rank=top_n + 1, computed_at=now, **stored))
                touched.add(need.pk)

        if upserts:
            Match.objects.bulk_create(
                upserts,
                update_conflicts=True,
                unique_fields=["need", "profile"],
                update_fields=engine.UPDATE_FIELDS,
            )
        if deletes:
            Match.objects.filter(pk__in=deletes).delete()
        _renumber(sorted(touched))
        if touched:
            # Their rankings' rows follow the needs' (locked above, in id order): the same order as a run.
            NeedRanking.objects.bulk_create(
                [NeedRanking(need_id=need_id, matched_at=now) for need_id in sorted(touched)],
                update_conflicts=True,
                unique_fields=["need"],
                update_fields=["matched_at"],
            )
        for candidate in candidates:
            Candidate.objects.filter(pk=candidate.pk, version=candidate.version).update(
                applied_version=candidate.version
            )
    return {"needs": len(needs), "edited": len(touched), "refilled": len(fallen)}


def _renumber(need_ids: list[int]) -> None:
    """Ranks 1..n again in the shortlists' order, writing only the rows whose rank moved."""
    if not need_ids:
        return
    table = connection.ops.quote_name(Match._meta.db_table)
    rank = connection.ops.quote_name("rank")
    placeholders = ", ".join("%s" for _ in need_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {rank} = r.rn FROM ("
            " SELECT id, ROW_NUMBER() OVER ("
            "  PARTITION BY need_id ORDER BY score DESC, level_fit DESC, profile_id) AS rn"
            f" FROM {table} WHERE need_id IN ({placeholders})"
            f") r WHERE {table}.id = r.id AND {table}.{rank} <> r.rn",
            need_ids,
        )


def unapplied_profile_ids(*, now=None, limit: int = 500) -> list[int]:
    """Profiles whose change was written but not applied to the shortlists past the grace."""
    now = now or clock.now()
    rows = (
        Candidate.objects.filter(applied_version__lt=F("version"), changed_at__lte=now - APPLY_GRACE)
        .order_by("changed_at")
        .values_list("profile_id", flat=True)[:limit]
    )
    return list(dict.fromkeys(rows))
