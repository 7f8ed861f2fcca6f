"""Matching benchmark: a full run and a profile change, each against a yardstick of the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tf_bench python -m bench.matching --n 100000

`run(n=...)` loads n listed profiles (bench.loader), takes the largest specialization, makes sure
it has OPEN_NEEDS open needs with computed shortlists (varied levels, skills, budgets, languages,
time zones; created in bulk, ranked once by full runs), posts one more Senior need with
must-have and nice-to-have skills, a budget, languages and a time zone window, then times, in
alternation in the same rounds:

- run: `matching.services.matching_run` of that need end to end (mark running with a heartbeat,
  score every candidate from the read model in one SQL query, upsert the top 50, delete the
  stale, mark done);
- bare: the bare catalogue view of bench.catalogue (20 profile cards by primary key in the site's
  layout, through the test Client): this machine's speed at this moment, the run's yardstick;
- profile change: `profiles.services.profile_update` of a random listed profile of that
  specialization (hours and time zone), committed, with the update it triggers on commit
  (`profile_change_apply`: score the profile against the open needs of the specialization whose
  lists it can get on, edit the lists it enters, moves in or leaves; a member that falls out of a
  shortlist is replaced by the first runner-up).

Ratios: matching_x_bare = median(run) / median(bare); profile_change_x_one_run =
median(profile change) / median(run). After the rounds, every open need's shortlist and runners-up
are compared with a full ranking (a sample of OPEN_CHECK needs): the updates must have kept them
exact.
"""

import os
import random
import statistics
import time
from datetime import timedelta

import django
from django.apps import apps

if not apps.ready:  # run as a script
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topfreelancer.settings")
    django.setup()

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client, override_settings

from accounts.models import User
from bench.catalogue import BARE_PATH
from bench.loader import load_profiles
from matching.engine import rank
from matching.models import (
    Candidate,
    Match,
    NeedRanking,
    RunnerUp,
)
from matching.services import matching_requeue_pending, matching_run
from needs.models import Need
from profiles.models import (
    Profile,
    ProfileSkill,
)
from profiles.services import profile_update
from topfreelancer import clock
from topfreelancer.celery import app as celery_app
from vetting.models import (
    Level,
    Specialization,
)

REPEATS = int(os.environ.get("BENCH_MATCHING_REPEATS", "15"))
OPEN_NEEDS = int(os.environ.get("BENCH_OPEN_NEEDS", "1000"))
OPEN_CHECK = 50
CUSTOMER = "bench-customer@example.com"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _largest_specialization():

    top = (
        Candidate.objects.scorable()
        .values("specialization_id")
        .order_by()
        .annotate(c=Count("pk"))
        .order_by("-c")
        .first()
    )
    return Specialization.objects.get(pk=top["specialization_id"])


def _customer():
    return User.objects.get_or_create(email=CUSTOMER, defaults={"role": "customer"})[0]


def _common_skills(spec, k: int) -> list[int]:

    return list(
        ProfileSkill.objects.filter(profile__specialization=spec)
        .values("skill_id")
        .annotate(c=Count("pk"))
        .order_by("-c")
        .values_list("skill_id", flat=True)[:k]
    )


def _open_needs(spec, *, count: int, stdout=None) -> int:
    """Make sure `count` open bench needs exist in `spec`, each ranked once. Returns how many are open."""
    customer = _customer()
    mine = Need.objects.filter(customer=customer, specialization=spec, state=Need.State.OPEN).exclude(
        title="Bench need"
    )
    have = mine.count()
    if have < count:
        rng = random.Random(have)
        levels = list(Level.objects.all())
        skills = _common_skills(spec, 25)
        created = Need.objects.bulk_create(
            [
                Need(
                    customer=customer,
                    title=f"Bench open need {have + i}",
                    specialization=spec,
                    level=rng.choice(levels),
                    hours_per_week=rng.choice([10, 20, 30, 40]),
                    budget_min=1000,
                    budget_max=rng.choice([None, 2000, 3000, 4000]),
                    currency=rng.choice(["RUB", "RUB", "USD"]),
                    languages=rng.choice([[], ["en"], ["ru", "en"], ["de"]]),
                    utc_offset_min=(lo := rng.choice([None, -5, 0, 2])),
                    utc_offset_max=None if lo is None else lo + rng.choice([2, 4, 6]),
                    state=Need.State.OPEN,
                )
                for i in range(count - have)
            ]
        )
        NeedRanking.objects.bulk_create(
            [NeedRanking(need=need, state=NeedRanking.State.PENDING) for need in created]
        )
        must = Need.must_have_skills.through
        nice = Need.nice_to_have_skills.through
        rows_must, rows_nice = [], []
        for need in created:
            picked = rng.sample(skills, rng.randint(1, 6))
            rows_must += [must(need_id=need.pk, skill_id=s) for s in picked[:3]]
            rows_nice += [nice(need_id=need.pk, skill_id=s) for s in picked[3:]]
        must.objects.bulk_create(rows_must)
        nice.objects.bulk_create(rows_nice)
    started = time.perf_counter()
    pending = list(mine.exclude(ranking__state=NeedRanking.State.DONE).values_list("pk", flat=True))
    for i, need_id in enumerate(pending, start=1):
        matching_run(need_id=need_id)
        if stdout is not None and (i % 200 == 0 or i == len(pending)):
            took = time.perf_counter() - started
            stdout.write(f"  ranked {i:,} / {len(pending):,} open needs ({took:.0f} s)\n")
            stdout.flush()
    # A year of ranking done in a minute leaves what autovacuum would have cleared long since: each
    # run rewrites its need's ranking row about five times, and the loader's read-model rows once.
    # An update locks every open need's row; through 5,000 dead versions it took 150 ms, not 15.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE needs_need, matching_needranking, matching_match, matching_candidate")
    return Need.objects.open().filter(specialization=spec).count()


def _need(spec):
    """The timed need: Senior, the specialization's 3 most common skills as must-have, 2 as nice."""
    customer = _customer()
    Need.objects.filter(customer=customer, title="Bench need").delete()
    need = Need.objects.create(
        customer=customer,
        title="Bench need",
        specialization=spec,
        level=Level.objects.get(code="senior"),
        hours_per_week=20,
        budget_min=1500,
        budget_max=3000,
        currency="RUB",
        languages=["ru", "en"],
        utc_offset_min=2,
        utc_offset_max=5,
        state=Need.State.OPEN,
    )
    NeedRanking.objects.create(need=need, state=NeedRanking.State.PENDING)
    common = _common_skills(spec, 5)
    need.must_have_skills.set(common[:3])
    need.nice_to_have_skills.set(common[3:5])
    return need


def _bare_ids(spec) -> str:
    ids = Profile.objects.listed().filter(specialization=spec).order_by("-level_rank", "-id")[:20]
    return ",".join(str(pk) for pk in ids.values_list("pk", flat=True))


def _exact(need_ids: list[int]) -> bool:
    """Every stored list equals a full ranking of its need: the shortlist (same profiles, places,
    scores), then its runners-up (the next places, however many are left)."""
    for need in Need.objects.filter(pk__in=need_ids):
        stored = list(Match.objects.filter(need=need).order_by("rank").values_list("profile_id", "score"))
        held = RunnerUp.objects.filter(need=need).order_by("-score", "-level_fit", "profile_id")
        stored += held.values_list("profile_id", "score")
        if stored != [(row["profile_id"], row["score"]) for row in rank(need, limit=len(stored))]:
            return False
    return True


def run(*, n: int, repeats: int = REPEATS, stdout=None) -> dict:
    """The figures at n profiles: medians and p95 in ms and the ratios, plus the counts behind them."""
    if not settings.IS_POSTGRES:
        raise SystemExit("bench/matching.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    # A profile change is timed with the update it triggers: its tasks run here, on commit, even
    # when CELERY_BROKER_URL names a broker (nothing would apply them before the exactness check).
    celery_app.conf.task_always_eager = True
    load_profiles(n, stdout=stdout)
    # A reused database may hold changes an earlier run left to a broker: apply them, as beat would.
    matching_requeue_pending(now=clock.now() + timedelta(days=1))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    spec = _largest_specialization()
    open_needs = _open_needs(spec, count=OPEN_NEEDS, stdout=stdout)
    need = _need(spec)
    open_needs += 1
    candidates = Candidate.objects.scorable().filter(specialization=spec).count()
    changeable = list(Profile.objects.listed().filter(specialization=spec).values_list("pk", flat=True))
    rng = random.Random(n)
    bare = {"ids": _bare_ids(spec)}
    times = {"run": [], "bare": [], "change": []}
    with override_settings(
        DEBUG=False, ROOT_URLCONF="bench.catalogue", ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]
    ):
        client = Client()
        matching_run(need_id=need.pk)  # warm the caches
        for round_ in range(repeats + 2):
            NeedRanking.objects.filter(need=need).update(state=NeedRanking.State.PENDING)
            started = time.perf_counter()
            matching_run(need_id=need.pk)
            run_ms = (time.perf_counter() - started) * 1000

            started = time.perf_counter()
            response = client.get("/" + BARE_PATH, bare, secure=True)
            bare_ms = (time.perf_counter() - started) * 1000
            assert response.status_code == 200

            profile = Profile.objects.get(pk=rng.choice(changeable))
            # Always a change (a second run on the same data would otherwise repeat the first's
            # values: no change, no update to time).
            fields = {
                "hours_per_week": rng.choice([h for h in (10, 20, 30, 40) if h != profile.hours_per_week]),
                "utc_offset": rng.choice([-3, 0, 3, 6]),
            }
            started = time.perf_counter()
            with transaction.atomic():  # the owner's edit; its update runs on commit (eager: no broker)
                profile_update(profile=profile, fields=fields)
            change_ms = (time.perf_counter() - started) * 1000
            if round_ >= 2:  # two warm-up rounds
                times["run"].append(run_ms)
                times["bare"].append(bare_ms)
                times["change"].append(change_ms)
    opened = Need.objects.open().filter(specialization=spec)
    sample = list(opened.order_by("?").values_list("pk", flat=True)[:OPEN_CHECK])
    medians = {key: statistics.median(values) for key, values in times.items()}
    return {
        "profiles": n,
        "candidates": candidates,
        "open_needs": open_needs,
        "exact": _exact(sample),
        **{f"{key}_median_ms": round(value, 1) for key, value in medians.items()},
        **{f"{key}_p95_ms": round(_percentile(values, 0.95), 1) for key, values in times.items()},
        "matching_x_bare": round(medians["run"] / medians["bare"], 2),
        "profile_change_x_one_run": round(medians["change"] / medians["run"], 2),
    }


def print_row(row: dict, out=None) -> None:
    write = (out or __import__("sys").stdout).write
    write(
        "| profiles | candidates | open needs | run median ms (p95) | bare median ms (p95) | run × bare "
        "| profile change median ms (p95) | change × run | shortlists exact |\n"
    )
    write("|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
    write(
        f"| {row['profiles']:,} | {row['candidates']:,} | {row['open_needs']:,} "
        f"| {row['run_median_ms']} ({row['run_p95_ms']}) | {row['bare_median_ms']} ({row['bare_p95_ms']}) "
        f"| {row['matching_x_bare']} | {row['change_median_ms']} ({row['change_p95_ms']}) "
        f"| {row['profile_change_x_one_run']} | {'yes' if row['exact'] else 'NO'} |\n"
    )


if __name__ == "__main__":
    import argparse
    import sys

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[int(os.environ.get("BENCH_N", "100000"))])
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args()
    for n in args.n:
        print_row(run(n=n, repeats=args.repeats, stdout=sys.stdout))
