"""`make bench`: load BENCH_N profiles (default 100,000) into the PostgreSQL of DATABASE_URL if they are
not there yet, time the catalogue page against its bare view, then matching (a full run against the
bare view, a profile change against a full run), print one table per benchmark, and end with one
machine-readable line per figure: `bench: NAME VALUE UNIT`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tf_bench BENCH_N=100000 python -m bench
"""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topfreelancer.settings")
django.setup()

from django.conf import settings  # noqa: E402

# The catalogue row whose ratios are reported (the filters and search a customer combines).
TARGET = "filters + search (target)"


def main() -> int:
    if not settings.IS_POSTGRES:
        print("make bench needs PostgreSQL: set DATABASE_URL=postgres://...", file=sys.stderr)
        return 2
    n = int(os.environ.get("BENCH_N", "100000"))
    from bench import catalogue, matching

    print(f"Catalogue at {n:,} profiles (loading them if needed)", flush=True)
    rows = catalogue.run(n=n, stdout=sys.stdout)
    print()
    catalogue.print_rows(rows)
    print(f"\nMatching at {n:,} profiles", flush=True)
    m = matching.run(n=n, stdout=sys.stdout)
    matching.print_row(m)
    target = next(row for row in rows if row["combination"] == TARGET)
    print()
    for name, value, unit in (
        ("catalogue_x_bare", target["ratio"], "x"),
        ("catalogue_uncached_x_bare", target["cold_ratio"], "x"),
        ("matching_x_bare", m["matching_x_bare"], "x"),
        ("matching_run_ms", m["run_median_ms"], "ms"),
        ("bare_ms", m["bare_median_ms"], "ms"),
        ("profile_change_ms", m["change_median_ms"], "ms"),
        ("profile_change_x_one_run", m["profile_change_x_one_run"], "x"),
        ("open_needs", m["open_needs"], "count"),
        ("matching_candidates", m["candidates"], "count"),
        ("shortlists_exact", int(m["exact"]), "bool"),
    ):
        print(f"bench: {name} {value} {unit}")
    return 0 if m["exact"] else 1


if __name__ == "__main__":
    sys.exit(main())
