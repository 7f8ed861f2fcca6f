"""Incremental updates: one profile's change applied to every shortlist it enters, moves in or leaves.

A profile change writes the read model (matching.candidates) in its own transaction and bumps the
row's `version`; after commit `profile_change_apply` scores that one candidate against every open
need of its specializations (in Python, with the same arithmetic as a full run's SQL: see
matching.terms) and edits only the lists it touches. A need's list is its shortlist (TOP_N
matches) followed by its runners-up (up to RESERVE more, models.RunnerUp): together, always the
best candidates in order. With the profile taken out, the rest of the list is still the best of
the others, so:

- it scores above the list's last other entry: it takes its place in the list (in the shortlist if
  it beats the last other member, which then heads the runners-up);
- it does not, or it left (unlisted, other specialization, no hours): it is off the list;
- a shortlist one short takes the first runner-up;
- only when no runner-up is left (or the shortlist was short: fewer candidates than TOP_N) is the
  need ranked again (engine.store of a full scoring pass), which also fills the reserve again;
- runners-up beyond RESERVE are dropped from the end.

Safe under concurrency: the affected needs are locked in id order, as full runs lock them, before
any list is read, so a full run and an update of the same need never interleave; an update whose
profile changed again while it waited for them leaves it to the newer change's update.
Idempotent: applying the same version twice writes the same rows. Durable: the row's
`applied_version` is set in the same transaction; a change whose task was lost (broker down,
worker killed) is found by the beat sweep (`unapplied_profile_ids`) and applied again.
"""

from collections import defaultdict
from datetime import timedelta
from types import SimpleNamespace

from django.db import connection, transaction
from django.db.models import CharField, F, Q
from django.db.models.functions import Cast

from needs.models import Need
from profiles.money import rate_table
from topfreelancer import clock
from topfreelancer.queue import enqueue_on_commit

from .. import engine, scoring, tasks
from ..models import Candidate, Match, NeedRanking, RunnerUp
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
ENTRY_FIELDS = ("pk", "need_id", "profile_id", "score", "level_fit")


def profile_rematch(*, profile_id: int) -> None:
    """A profile's read-model rows changed (in this transaction): apply the change on commit."""
    enqueue_on_commit(tasks.apply_profile_change, profile_id)


def _scored(terms: Terms, row: dict) -> dict:
    """A candidate row with its components and score for one need, as a run's SQL gives them."""
    components = terms.components(row)
    score = scoring.total({name: components[f"{name}_fit"] for name in scoring.COMPONENTS})
    return {**row, **components, "score": score}


def _key(entry) -> tuple:
    return order_key(score=entry["score"], level_fit=entry["level_fit"], profile_id=entry["profile_id"])


def _skills(need_ids: list[int]) -> tuple[dict, dict]:
    """The must-have and nice-to-have skill ids of the needs."""
    must: dict[int, set[int]] = defaultdict(set)
    nice: dict[int, set[int]] = defaultdict(set)
    for table, into in ((Need.must_have_skills.through, must), (Need.nice_to_have_skills.through, nice)):
        for need_id, skill_id in table.objects.filter(need_id__in=need_ids).values_list(
            "need_id", "skill_id"
        ):
            into[need_id].add(skill_id)
    return must, nice


# The terms of the needs an update scored, kept between updates in this process: (need id, its
# updated_at as text) -> Terms. Every save of a need moves its updated_at (its skills are set with
# a save), and the memo is emptied when what else the terms read moves: the day, the rates, the
# levels. Building the terms of ~500 needs took longer than scoring the profile against them.
_memo: dict = {"context": None, "terms": {}}
MEMO_MAX = 20_000


def _terms(near: list[tuple], *, level_table: dict, rates: dict, today) -> list[tuple[Terms, float | None]]:
    """(terms, list floor) of the needs `near` ((id, updated_at, floor), in id order): from the memo,
    the missing ones read (their fields and skills) and built."""
    context = (
        today,
        tuple((currency, tuple(history)) for currency, history in sorted(rates.items())),
        tuple((pk, position) for pk, (position, *_rest) in level_table.items()),
    )
    if _memo["context"] != context or len(_memo["terms"]) > MEMO_MAX:
        _memo.update(context=context, terms={})
    memo = _memo["terms"]
    # Stamps as the locking query read them: the needs are locked, so still their rows' stamps.
    missing = {pk: stamp for pk, stamp, _floor in near if (pk, stamp) not in memo}
    if missing:
        must, nice = _skills(list(missing))
        for values in Need.objects.filter(pk__in=list(missing)).values(*NEED_FIELDS):
            need = SimpleNamespace(**values)
            memo[need.pk, missing[need.pk]] = Terms.of(
                need,
                must=must[need.pk],
                nice=nice[need.pk],
                level_table=level_table,
                today=today,
                rates=rates,
            )
    return [(memo[pk, stamp], floor) for pk, stamp, floor in near]


class _Known:
    """What an update reads of one need's list: its last two members, its runners-up (best first),
    and the changed profile's own entries."""

    def __init__(self):
        self.members: dict[int, dict] = {}  # rank -> entry
        self.runners: list[dict] = []
        self.member = self.runner = None  # the profile's entries, if any

    @property
    def full(self) -> bool:
        return scoring.TOP_N in self.members


def _read_lists(need_ids: list[int], profile_id: int) -> dict[int, _Known]:
    known = {pk: _Known() for pk in need_ids}
    # Unordered: Match's default order joins the needs to sort by their date (a scan of them all).
    members = Match.objects.filter(need_id__in=need_ids).filter(
        Q(rank__gte=scoring.TOP_N - 1) | Q(profile_id=profile_id)
    )
    for entry in members.order_by().values(*ENTRY_FIELDS, "rank"):
        list_ = known[entry["need_id"]]
        list_.members[entry["rank"]] = entry
        if entry["profile_id"] == profile_id:
            list_.member = entry
    for entry in RunnerUp.objects.filter(need_id__in=need_ids).values(*ENTRY_FIELDS):
        list_ = known[entry["need_id"]]
        list_.runners.append(entry)
        if entry["profile_id"] == profile_id:
            list_.runner = entry
    for list_ in known.values():
        list_.runners.sort(key=_key)
    return known


def profile_change_apply(*, profile_id: int) -> dict:
    """Apply the profile's current read-model rows to the lists of every open need they touch.

    Returns counts: needs locked, lists read, shortlists edited, runners-up promoted, needs ranked
    again (their reserve ran out, or they have fewer candidates than TOP_N).
    """
    top_n, reserve, slack = scoring.TOP_N, scoring.RESERVE, 1e-9
    with transaction.atomic():
        candidates = list(Candidate.objects.filter(profile_id=profile_id))
        rows = {
            c.specialization_id: {name: getattr(c, name) for name in engine.COLUMNS}
            for c in candidates
            if c.listed and c.hours_per_week > 0
        }
        member_of = Match.objects.filter(profile_id=profile_id).values("need_id")
        runner_of = RunnerUp.objects.filter(profile_id=profile_id).values("need_id")
        specializations = [c.specialization_id for c in candidates]
        affected = Need.objects.open().filter(
            Q(specialization_id__in=specializations) | Q(pk__in=member_of) | Q(pk__in=runner_of)
        )
        # Every affected need locked in id order, as every writer of lists locks, before any list is
        # read. Whatever else this transaction reads comes after, in statements of its own: one that
        # waited for a lock sees what the writer it waited for committed.
        locked = list(
            affected.select_for_update(no_key=True)
            .annotate(stamp=Cast("updated_at", CharField()))
            .order_by("pk")
            .values_list("pk", "specialization_id", "level_id", "stamp")
        )
        # Read before the lock: if a newer change of the profile committed meanwhile, its own update
        # applies it (or did, while this one waited): applying these older rows now would undo it.
        versions = Candidate.objects.filter(profile_id=profile_id).values_list("pk", "version")
        if sorted(versions) != sorted((c.pk, c.version) for c in candidates):
            return {"needs": 0, "read": 0, "edited": 0, "promoted": 0, "ranked_again": 0}
        # Those of its specializations' open needs (a list it is on elsewhere is read whatever its
        # floor): a join, cheaper than `affected` again or a list of a thousand ids.
        floors = dict(
            NeedRanking.objects.filter(
                need__state=Need.State.OPEN, need__specialization_id__in=specializations
            ).values_list("pk", "list_floor")
        )
        on_lists = {
            *member_of.values_list("need_id", flat=True),
            *runner_of.values_list("need_id", flat=True),
        }
        level_table, rates = levels(), rate_table()  # read once for every need below
        now, today = clock.now(), clock.today()
        # Which lists it can get on: those it is on, and those whose last score the best score of its
        # level reaches; then, below, those whose last score its exact score reaches.
        best = {
            (spec, level): ceiling(level_fit(level, row["level_id"], level_table))
            for spec, row in rows.items()
            for level in level_table
        }

        def can_enter(pk: int, score: float | None) -> bool:
            floor = floors.get(pk)
            return score is not None and (floor is None or score + slack >= floor)

        near = [
            (pk, stamp, floors.get(pk))
            for pk, spec, level, stamp in locked
            if pk in on_lists or can_enter(pk, best.get((spec, level)))
        ]
        terms_of = _terms(near, level_table=level_table, rates=rates, today=today)
        scored = []  # (terms, floor, its entry or None): the lists it is on or can get on
        for terms, floor in terms_of:
            entry = None
            if (row := rows.get(terms.specialization_id)) is not None:
                row = _scored(terms, row)
                entry = {
                    "profile_id": profile_id,
                    "score": engine.clip(row["score"]),
                    "level_fit": engine.clip(row["level_fit"]),
                    "row": row,
                }
                if terms.need.pk not in on_lists and not can_enter(terms.need.pk, entry["score"]):
                    continue  # its exact score stays below the list's last
            scored.append((terms, floor, entry))

        known = _read_lists([terms.need.pk for terms, _floor, _entry in scored], profile_id)
        writes = SimpleNamespace(matches=[], match_deletes=[], runners=[], runner_deletes=[])
        promotions, ranked_again, touched, new_floors = [], [], set(), {}

        def as_runner(need, entry):
            fields = {name: entry[name] for name in ("profile_id", "score", "level_fit")}
            writes.runners.append(RunnerUp(need_id=need.pk, **fields))

        for terms, _floor, entry in scored:
            need = terms.need
            list_ = known[need.pk]
            if not list_.full:
                ranked_again.append((need, terms))  # fewer candidates than TOP_N: all of them are on it
                continue
            members = [
                list_.members[rank]
                for rank in sorted(list_.members)
                if list_.members[rank] is not list_.member
            ]
            runners = [runner for runner in list_.runners if runner is not list_.runner]
            last = runners[-1] if runners else members[-1] if members else None
            # Everybody else on the list is still the best of the others: the profile gets back on
            # it only by beating the last of them.
            enters = entry is not None and last is not None and _key(entry) < _key(last)
            staying = [*members, *runners, *([entry] if enters else [])]  # the list's known tail
            if list_.runner is not None:
                writes.runner_deletes.append(list_.runner["pk"])
            if list_.member is None:
                if enters:
                    if _key(entry) < _key(members[-1]):  # into the shortlist: its last member steps down
                        stored = engine.match_row(terms, entry["row"], level_table=level_table)
                        writes.matches.append(
                            Match(need_id=need.pk, rank=top_n + 1, computed_at=now, **stored)
                        )
                        writes.match_deletes.append(members[-1]["pk"])
                        touched.add(need.pk)
                        entry = members[-1]
                    as_runner(need, entry)
                    if len(runners) >= reserve:  # one too many: the last one leaves
                        if _key(entry) < _key(runners[-1]):
                            writes.runner_deletes.append(runners[-1]["pk"])
                            staying.remove(runners[-1])
                        else:
                            writes.runners.pop()
                            staying.remove(entry)
            else:
                # A member: the shortlist is one short without it.
                touched.add(need.pk)
                if enters and (not runners or _key(entry) < _key(runners[0])):  # it keeps a place
                    stored = engine.match_row(terms, entry["row"], level_table=level_table)
                    writes.matches.append(
                        Match(need_id=need.pk, rank=list_.member["rank"], computed_at=now, **stored)
                    )
                elif not runners:
                    writes.match_deletes.append(list_.member["pk"])
                    ranked_again.append((need, terms))
                    continue
                else:
                    writes.match_deletes.append(list_.member["pk"])
                    if enters:
                        as_runner(need, entry)
                    writes.runner_deletes.append(runners[0]["pk"])
                    promotions.append((need, terms, runners[0]["profile_id"]))
            new_floors[need.pk] = max(staying, key=_key)["score"]

        # The promoted runners-up, scored from their read-model rows (one query for them all).
        promoted = 0
        if promotions:
            promoted_rows = {
                (c["profile_id"], c["specialization_id"]): c
                for c in Candidate.objects.scorable()
                .filter(profile_id__in={pk for _need, _terms, pk in promotions})
                .values("specialization_id", *engine.COLUMNS)
            }
            for need, terms, promoted_id in promotions:
                row = promoted_rows.get((promoted_id, need.specialization_id))
                if row is None:  # its own change, not applied yet, took it off: rank the need again
                    ranked_again.append((need, terms))
                    continue
                stored = engine.match_row(terms, _scored(terms, row), level_table=level_table)
                writes.matches.append(Match(need_id=need.pk, rank=top_n + 1, computed_at=now, **stored))
                promoted += 1

        # Ranked again: their planned edits are moot (the full pass writes the whole list).
        again = {need.pk for need, _terms in ranked_again}
        kept = {list_.member["pk"] for pk in again if (list_ := known[pk]).member is not None}
        if writes.match_deletes:
            Match.objects.filter(pk__in=[pk for pk in writes.match_deletes if pk not in kept]).delete()
        if writes.runner_deletes:
            RunnerUp.objects.filter(pk__in=writes.runner_deletes).delete()
        engine.upsert(Match, [match for match in writes.matches if match.need_id not in again])
        engine.upsert(RunnerUp, [runner for runner in writes.runners if runner.need_id not in again])
        for need, terms in ranked_again:
            engine.store(
                need.pk, terms, engine.scored_rows(terms, limit=top_n + reserve), level_table=level_table
            )
            touched.add(need.pk)
        _renumber(sorted(touched))
        floor_changes = [
            NeedRanking(need_id=terms.need.pk, list_floor=new_floors[terms.need.pk])
            for terms, floor, _entry in scored
            if terms.need.pk in new_floors
            and terms.need.pk not in again
            and new_floors[terms.need.pk] != floor
        ]
        if floor_changes:
            NeedRanking.objects.bulk_update(floor_changes, ["list_floor"])
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
    return {
        "needs": len(locked),
        "read": len(scored),
        "edited": len(touched),
        "promoted": promoted,
        "ranked_again": len(ranked_again),
    }


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
