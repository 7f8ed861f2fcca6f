"""`make bench`: load BENCH_N profiles (default 10000) into the PostgreSQL of DATABASE_URL if they are
not there yet, time the catalogue page against its bare view, measure the search's recall
(bench.search), then the matching run (bench.matching) when that module exists, and print one
table per benchmark.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tf_bench BENCH_N=100000 python -m bench
"""

import importlib.util
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topfreelancer.settings")
django.setup()

from django.conf import settings  # noqa: E402


def main() -> int:
    if not settings.IS_POSTGRES:
        print("make bench needs PostgreSQL: set DATABASE_URL=postgres://...", file=sys.stderr)
        return 2
    n = int(os.environ.get("BENCH_N", "10000"))
    from bench import catalogue

    print(f"Catalogue at {n:,} profiles (loading them if needed)", flush=True)
    rows = catalogue.run(n=n, stdout=sys.stdout)
    print()
    catalogue.print_rows(rows)
    from bench import search

    print(f"\nSearch at {n:,} profiles: word forms, typos, synonyms, the two languages", flush=True)
    search.print_rows(search.run(n=n))
    if importlib.util.find_spec("bench.matching") is not None:
        from bench import matching

        print(f"\nMatching at {n:,} profiles", flush=True)
        matching.print_rows(matching.run(n=n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
