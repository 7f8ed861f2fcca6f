"""Matching benchmark: one matching run for one need against the time PostgreSQL takes just to
read the columns the score needs, for the same candidates, in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tf_bench python -m bench.matching --n 10000 100000

`run(n=...)` loads n vetted, listed profiles (bench.loader.load_profiles when the catalogue
benchmark provides it, else its own bulk loader), posts one open Senior need with must-have and
nice-to-have skills, languages, a time zone window and a budget, then times, in alternation:

- run: `matching.services.matching_run` end to end (mark running, score every candidate in one SQL
  query, upsert the top 50, delete stale rows, mark done);
- read: the database reading the columns the score needs for the same candidates (profile columns,
  their rows of the asked skills and languages), measured as PostgreSQL's own execution time
  (EXPLAIN ANALYZE, no transfer to Python) - the strictest floor;
- fetch: the same reads fetched into Python (what any scorer outside the database pays first).

The ratio is median(run) / median(read).
"""

import json
import os
import statistics
import time

import django
from django.apps import apps

if not apps.ready:  # run as a script
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topfreelancer.settings")
    django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402

REPEATS = 7
LANGUAGES = ["ru", "en", "de", "uk"]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _load_own(n: int):
    """n listed profiles in one specialization of their own, with its own 15 skills.

    Every profile of that specialization is a candidate: the hardest case for one need. Other
    runs' profiles (another n) stay in the database, as other specializations would.
    """
    import random

    from accounts.models import User
    from profiles.models import Profile, ProfileLanguage, ProfileSkill, Skill
    from vetting.models import Level, Specialization

    spec, _ = Specialization.objects.get_or_create(
        slug=f"bench-matching-{n}",
        defaults={"name_en": f"Bench matching {n}", "name_ru": f"Бенчмарк подбора {n}"},
    )
    have = Profile.objects.listed().filter(specialization=spec).count()
    if have >= n:
        return spec
    skills = [
        Skill.objects.get_or_create(slug=f"bench-{n}-skill-{i}", defaults={"name": f"Bench {n} skill {i}"})[0]
        for i in range(15)
    ]
    levels = list(Level.objects.order_by("rank"))
    rng = random.Random(have)
    batch = 5000
    from django.utils import timezone

    now = timezone.now()
    for start in range(have, n, batch):
        size = min(batch, n - start)
        with transaction.atomic():
            users = User.objects.bulk_create(
                [
                    User(
                        email=f"bench-m{n}-{start + i}@example.com",
                        password="!",
                        role="applicant",
                        full_name=f"Bench {start + i}",
                    )
                    for i in range(size)
                ]
            )
            profiles = Profile.objects.bulk_create(
                [
                    Profile(
                        user=user,
                        specialization=spec,
                        level=rng.choice(levels),
                        accepted_at=now,
                        is_published=True,
                        hours_per_week=rng.choice([0, 10, 20, 30, 40]),
                        rate_min=(rate := rng.choice([None, 1000, 1500, 2000, 3000, 4000, 5000])),
                        rate_max=None if rate is None else rate + 1000,
                        currency=rng.choice(["RUB", "RUB", "RUB", "USD"]),
                        utc_offset=rng.choice([None, 0, 2, 3, 5, 7]),
                        headline="Bench specialist",
                    )
                    for user in users
                ]
            )
            ProfileSkill.objects.bulk_create(
                [
                    ProfileSkill(profile=p, skill=s, verified=rng.random() < 0.4)
                    for p in profiles
                    for s in rng.sample(skills, rng.randint(2, 7))
                ]
            )
            ProfileLanguage.objects.bulk_create(
                [
                    ProfileLanguage(profile=p, language=lang, proficiency=rng.randint(1, 4))
                    for p in profiles
                    for lang in rng.sample(LANGUAGES, rng.randint(1, 2))
                ]
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return spec


def _load(n: int):
    """The catalogue benchmark's loader if it exists (then the largest specialization), else our own."""
    from django.db.models import Count

    from profiles.models import Profile
    from vetting.models import Specialization

    try:
        from bench.loader import load_profiles
    except ImportError:
        return _load_own(n)
    load_profiles(n)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    top = (
        Profile.objects.listed()
        .values("specialization_id")
        .order_by()
        .annotate(c=Count("pk"))
        .order_by("-c")
        .first()
    )
    return Specialization.objects.get(pk=top["specialization_id"])


def _need(spec):
    from accounts.models import User
    from needs.models import Need
    from profiles.models import ProfileSkill
    from vetting.models import Level

    customer, _ = User.objects.get_or_create(
        email="bench-customer@example.com", defaults={"role": "customer"}
    )
    Need.objects.filter(customer=customer).delete()
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
        matching_state=Need.MatchingState.PENDING,
    )
    # the most common skills of this specialization: 3 must-have, 2 nice-to-have
    common = list(
        ProfileSkill.objects.filter(profile__specialization=spec)
        .values_list("skill_id", flat=True)
        .order_by()
        .distinct()[:5]
    )
    need.must_have_skills.set(common[:3])
    need.nice_to_have_skills.set(common[3:5])
    return need


def _read_queries(need):
    """The columns the score needs for the same candidates: profile columns, asked skills and languages."""
    from matching.engine import _skill_ids, candidates
    from profiles.models import ProfileLanguage, ProfileSkill

    must, nice = _skill_ids(need)
    cand = candidates(need)
    return [
        cand.values_list(
            "pk",
            "level_id",
            "hours_per_week",
            "available_from",
            "rate_min",
            "rate_max",
            "currency",
            "utc_offset",
        ),
        ProfileSkill.objects.filter(profile__in=cand.values("pk"), skill_id__in=must | nice).values_list(
            "profile_id", "skill_id", "verified"
        ),
        ProfileLanguage.objects.filter(
            profile__in=cand.values("pk"), language__in=need.languages
        ).values_list("profile_id", "language", "proficiency"),
    ]


def _server_read_ms(queries) -> float:
    total = 0.0
    with connection.cursor() as cursor:
        for qs in queries:
            sql, params = qs.query.sql_with_params()
            cursor.execute("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
            plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
            total += plan["Execution Time"]
    return total


def _fetch_ms(queries) -> float:
    started = time.perf_counter()
    for qs in queries:
        with connection.cursor() as cursor:
            sql, params = qs.query.sql_with_params()
            cursor.execute(sql, params)
            cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def run(*, n: int, repeats: int = REPEATS) -> list[dict]:
    """One row per measure at n profiles: median and p95 in ms, and the ratio to the read."""
    from matching.models import Match
    from matching.services import matching_run
    from needs.models import Need

    if not settings.IS_POSTGRES:
        raise SystemExit("bench/matching.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    spec = _load(n)
    need = _need(spec)
    queries = _read_queries(need)
    candidates = queries[0].count()
    matching_run(need_id=need.pk)  # warm the caches
    first = list(Match.objects.filter(need=need).order_by("rank").values_list("profile_id", "score"))
    runs, reads, fetches = [], [], []
    for _ in range(repeats):
        Need.objects.filter(pk=need.pk).update(matching_state=Need.MatchingState.PENDING)
        started = time.perf_counter()
        matching_run(need_id=need.pk)
        runs.append((time.perf_counter() - started) * 1000)
        reads.append(_server_read_ms(queries))
        fetches.append(_fetch_ms(queries))
    again = list(Match.objects.filter(need=need).order_by("rank").values_list("profile_id", "score"))
    assert again == first, "a matching run must be idempotent"
    read_median = statistics.median(reads)
    rows = []
    for name, values in (
        ("matching run", runs),
        ("read columns (PostgreSQL)", reads),
        ("fetch columns", fetches),
    ):
        median = statistics.median(values)
        rows.append(
            {
                "benchmark": "matching",
                "profiles": n,
                "candidates": candidates,
                "measure": name,
                "median_ms": round(median, 1),
                "p95_ms": round(_percentile(values, 0.95), 1),
                "ratio_to_read": round(median / read_median, 2) if read_median else None,
                "matches_written": len(first),
            }
        )
    return rows


def print_rows(rows: list[dict]) -> None:
    print("| profiles | candidates | measure | median ms | p95 ms | × read |")
    print("|---:|---:|---|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['profiles']:,} | {r['candidates']:,} | {r['measure']} | {r['median_ms']} | {r['p95_ms']} "
            f"| {r['ratio_to_read']} |"
        )


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[int(os.environ.get("BENCH_N", "10000"))])
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args()
    all_rows = []
    for n in args.n:
        all_rows += run(n=n, repeats=args.repeats)
    print_rows(all_rows)
