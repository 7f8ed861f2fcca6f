"""`make bench`: migrate the PostgreSQL of DATABASE_URL (a fresh, empty database works), load BENCH_N
profiles (default 10000) into it if they are not there yet, time the catalogue page against its bare
view, measure the search's recall (bench.search), then the matching run (bench.matching) when that
module exists, and print one table per benchmark. The renderer's bound (bench.markup) runs first and
needs no database; `--only markup` runs it alone.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tf_bench BENCH_N=100000 python -m bench
    python -m bench --only markup
"""

import argparse
import importlib.util
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topfreelancer.settings")
django.setup()

from django.conf import settings  # noqa: E402


def prepare_database() -> None:
    """Migrate the database (a fresh, empty one works; a no-op on a migrated one)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["markup"], help="run this benchmark alone")
    args = parser.parse_args(argv)
    from bench import markup

    print(f"Markdown rendering at {markup.N:,} characters (no database)", flush=True)
    markup.print_rows(markup.run())
    if args.only == "markup":
        return 0
    print()
    if not settings.IS_POSTGRES:
        print("make bench needs PostgreSQL: set DATABASE_URL=postgres://...", file=sys.stderr)
        return 2
    n = int(os.environ.get("BENCH_N", "10000"))
    prepare_database()
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
