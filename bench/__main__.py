"""`make bench`: migrate the PostgreSQL of DATABASE_URL (a fresh, empty database works), load BENCH_N
profiles (default 100,000) into it if they are not there yet, time the catalogue page against its bare
view, measure the search's recall, then matching (a full run against the bare view, a profile change
against a full run), the selection-validity report at BENCH_N engagements, print one table per
benchmark, and end with one machine-readable line per
figure: `bench: NAME VALUE UNIT`. The renderer's bound (bench.markup) runs first and needs no
database; `--only markup` runs it alone.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tf_bench BENCH_N=100000 python -m bench
    python -m bench --only markup
"""

import argparse
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topfreelancer.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402

from bench import (  # noqa: E402
    catalogue,
    markup,
    matching,
    search,
    validity,
)

# The catalogue row whose ratios are reported (the filters and search a customer combines).
TARGET = "filters + search (target)"


def prepare_database() -> None:
    """Migrate the database (a fresh, empty one works; a no-op on a migrated one)."""
    call_command("migrate", interactive=False, verbosity=1)


def print_figures(figures) -> None:
    print()
    for name, value, unit in figures:
        print(f"bench: {name} {value} {unit}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["markup"], help="run this benchmark alone")
    args = parser.parse_args(argv)

    print(f"Markdown rendering at {markup.N:,} characters (no database)", flush=True)
    markup_rows = markup.run()
    markup.print_rows(markup_rows)
    figures = markup.figures(markup_rows)
    if args.only == "markup":
        print_figures(figures)
        return 0
    print()
    if not settings.IS_POSTGRES:
        print("make bench needs PostgreSQL: set DATABASE_URL=postgres://...", file=sys.stderr)
        return 2
    n = int(os.environ.get("BENCH_N", "100000"))
    prepare_database()

    print(f"Catalogue at {n:,} profiles (loading them if needed)", flush=True)
    rows = catalogue.run(n=n, stdout=sys.stdout)
    print()
    catalogue.print_rows(rows)
    print(f"\nSearch at {n:,} profiles: word forms, typos, synonyms, the two languages", flush=True)
    search_rows = search.run(n=n)
    search.print_rows(search_rows)
    print(f"\nMatching at {n:,} profiles", flush=True)
    # Each benchmark on a database connection of its own, as when it runs alone: the matching
    # statements ran ~1.3x slower on the connection that had served the catalogue's benchmark
    # (a new PostgreSQL backend, or the same one reconnected, ran them at the usual speed).
    connections.close_all()
    m = matching.run(n=n, stdout=sys.stdout)
    matching.print_row(m)
    target = next(row for row in rows if row["combination"] == TARGET)
    figures += [
        ("catalogue_x_bare", target["ratio"], "x"),
        ("catalogue_uncached_x_bare", target["cold_ratio"], "x"),
        ("catalogue_page_ms", target["page_median_ms"], "ms"),
        ("catalogue_floor_ms", target["bare_cached_median_ms"], "ms"),
        ("catalogue_x_rendering_bare", target["rendering_ratio"], "x"),
        *search.figures(search_rows),
        ("matching_x_bare", m["matching_x_bare"], "x"),
        ("matching_run_ms", m["run_median_ms"], "ms"),
        ("bare_ms", m["bare_median_ms"], "ms"),
        ("profile_change_ms", m["change_median_ms"], "ms"),
        ("profile_change_x_one_run", m["profile_change_x_one_run"], "x"),
        ("open_needs", m["open_needs"], "count"),
        ("matching_candidates", m["candidates"], "count"),
        ("shortlists_exact", int(m["exact"]), "bool"),
    ]
    print(f"\nSelection validity at {n:,} engagements", flush=True)
    connections.close_all()
    v = validity.run(n=n)
    validity.print_rows([v])
    figures += validity.figures(v)
    print_figures(figures)
    return 0 if m["exact"] else 1


if __name__ == "__main__":
    sys.exit(main())
