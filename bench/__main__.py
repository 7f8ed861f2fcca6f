"""`make bench`: load BENCH_N profiles (default 10000) into the PostgreSQL of DATABASE_URL if they are
not there yet, time the catalogue page against its bare view, then the matching run (bench.matching)
when that module exists, then the selection-validity report at BENCH_N engagements (bench.validity),
and print one table per benchmark.

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
    if importlib.util.find_spec("bench.matching") is not None:
        from bench import matching

        print(f"\nMatching at {n:,} profiles", flush=True)
        matching.print_rows(matching.run(n=n))
    from bench import validity

    print(f"\nSelection validity at {n:,} engagements", flush=True)
    validity.print_rows([validity.run(n=n)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
