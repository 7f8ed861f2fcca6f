"""Catalogue benchmark: the public catalogue page against the cheapest way to show the same cards.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tf_bench python -m bench.catalogue --n 1000 10000

`run(n=...)` loads n profiles (bench.loader), then for each common combination of filters, search
and sort requests, through Django's test Client (full middleware stack, no network), in alternation:

- page: GET /specialists/?<filters> (the filter form, the listing, the cards) as the second visitor
  of a filter finds it: its listing (ids, order, count) cached (profiles.views.catalogue);
- page, first request: the same after deleting that request's listing from the cache (the first
  visitor of a filter in profiles.selectors.LISTING_TIMEOUT, or after a profile changed);
- fragment: the same with htmx headers (only the #results partial, what filtering swaps in);
- floor: GET /__bench__/catalogue/?ids=<the page's profile ids>&cached=1 - the same 20 profiles
  by primary key with the same joins (profiles.selectors.with_card_data), their extras (verified
  stages, the naming rule) and their cards from the cache of rendered cards, in the same layout,
  with no filter, listing, count, sort or form: the cheapest way to show that page;
- bare rendering every card: the same without the cache of cards, as before cards were cached:
  this machine's yardstick (bench.matching times a run against it).

The ratios are median(page) / median(floor), from the same rounds.
"""

import os
import re
import statistics
import time
from urllib.parse import urlencode

import django
from django.apps import apps

if not apps.ready:  # run as a script
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topfreelancer.settings")
    django.setup()

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template import engines
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse
from django.utils import translation

from bench.loader import load_profiles
from profiles import rendered
from profiles.models import Profile
from profiles.rendered import attach_cards
from profiles.selectors import with_card_data, with_card_extras
from vetting.models import Level, Skill, Specialization

REPEATS = 15
WARMUP = 2
BARE_PATH = "__bench__/catalogue/"
PROFILE_LINK = re.compile(r'href="/(?:[a-z]{2}/)?specialists/(\d+)/"')


def bare_catalogue(request: HttpRequest) -> HttpResponse:
    """The same cards in the same layout, by primary key: no filter, count, sort or form."""
    ids = [int(pk) for pk in request.GET.get("ids", "").split(",") if pk.isdigit()]
    cached = request.GET.get("cached") == "1"
    by_pk = {p.pk: p for p in with_card_data(Profile.objects.filter(pk__in=ids), skills=not cached)}
    profiles = [by_pk[pk] for pk in ids if pk in by_pk]
    if cached:  # the same cards as the page shows them, from the cache of rendered cards
        attach_cards(with_card_extras(profiles, viewer=request.user))
    return HttpResponse(_bare_template().render({"profiles": profiles}, request))


BARE_TEMPLATE = """{% extends "base.html" %}{% load static cards %}
{% block extra_head %}<link rel="stylesheet" href="{% static 'css/profiles.css' %}">{% endblock %}
{% block main %}<h1>Bare</h1><section id="results" class="catalogue-results"><div class="grid">
{% for profile in profiles %}{% cached_card profile %}
{% include "components/profile_card.html" with revealed=profile.name_revealed %}
{% endcached_card %}{% endfor %}</div></section>{% endblock %}"""


def _bare_template():
    return engines["django"].from_string(BARE_TEMPLATE)


# The project's URLs plus the bare view; used only while the benchmark runs (override_settings).
urlpatterns = [path(BARE_PATH, bare_catalogue), path("", include("topfreelancer.urls"))]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def combos() -> list[tuple[str, dict]]:
    """Common filter combinations, resolved to this database's primary keys."""
    spec = {s.slug: s.pk for s in Specialization.objects.all()}
    level = {lv.code: lv.pk for lv in Level.objects.all()}
    skill = {s.slug: s.pk for s in Skill.objects.filter(slug__in=["python", "postgresql", "figma", "django"])}
    backend = spec.get("backend-development")
    design = spec.get("ui-ux-design")
    return [
        ("no filter (sorted by level)", {}),
        ("specialization + level ≥ senior", {"specialization": backend, "min_level": level["senior"]}),
        (
            "specialization + 2 skills + ≥ 20 h/week",
            {
                "specialization": backend,
                "skills": [skill.get("python"), skill.get("django")],
                "min_hours": 20,
            },
        ),
        (
            "languages en+de, rate ≤ 40 USD (any currency), UTC+1..+4",
            {"languages": ["en", "de"], "rate_max": 40, "utc_min": 1, "utc_max": 4, "sort": "rate"},
        ),
        ("search word “payments”", {"q": "payments"}),
        (
            "filters + search (target)",
            {
                "specialization": design,
                "min_level": level["middle"],
                "skills": [skill.get("figma")],
                "min_hours": 10,
                "q": "research",
            },
        ),
        ("recently active, page 5", {"sort": "active", "page": 5}),
        # The two searches again in the level order (what they were before "Best match" existed):
        # what ranking costs, measured in the same run.
        ("search word “payments”, by level", {"q": "payments", "sort": "level"}),
        (
            "filters + search, by level",
            {
                "specialization": design,
                "min_level": level["middle"],
                "skills": [skill.get("figma")],
                "min_hours": 10,
                "q": "research",
                "sort": "level",
            },
        ),
    ]


def _get(client: Client, url: str, data: dict, **headers) -> tuple[float, HttpResponse]:
    started = time.perf_counter()
    response = client.get(url, data, secure=True, headers=headers)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, f"{url} {data}: {response.status_code}"
    return elapsed, response


def measure(name: str, params: dict, *, client: Client, repeats: int = REPEATS, warmup: int = WARMUP) -> dict:
    catalogue = reverse("profiles:catalogue")
    params = {k: v for k, v in params.items() if v not in (None, [], [None])}
    _, response = _get(client, catalogue, params)
    ids = list(dict.fromkeys(PROFILE_LINK.findall(response.content.decode())))
    bare = {"ids": ",".join(ids)}
    htmx = {"HX-Request": "true", "HX-Target": "results"}
    # request_started resets the query log: count from an empty log.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        _get(client, catalogue, params)
    # now: the log is reset by the next request
    page_queries = len(captured)
    page_sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        _get(client, "/" + BARE_PATH, bare)
    bare_queries = len(captured)
    times = {"page": [], "page_cold": [], "fragment": [], "bare": [], "bare_cached": []}
    with translation.override(settings.LANGUAGE_CODE):  # the language of the Client's requests
        listing_key = rendered.listing_key(QueryDict(urlencode(params, doseq=True)))
    for round_ in range(warmup + repeats):
        for key, (url, data, headers) in {
            "page": (catalogue, params, {}),
            "page_cold": (catalogue, params, {}),
            "fragment": (catalogue, params, htmx),
            "bare": ("/" + BARE_PATH, bare, {}),
            "bare_cached": ("/" + BARE_PATH, {**bare, "cached": "1"}, {}),
        }.items():
            if key == "page_cold":  # the first visitor of this filter in LISTING_TIMEOUT
                cache.delete(listing_key)
            elapsed, _ = _get(client, url, data, **headers)
            if round_ >= warmup:
                times[key].append(elapsed)
    row = {
        "combination": name,
        "rows": len(ids),
        "queries": page_queries,
        "bare_queries": bare_queries,
        "page_sql_ms": round(page_sql_ms, 1),
    }
    for key, values in times.items():
        row[f"{key}_median_ms"] = round(statistics.median(values), 1)
        row[f"{key}_p95_ms"] = round(_percentile(values, 0.95), 1)
    floor = row["bare_cached_median_ms"]
    row["ratio"] = round(row["page_median_ms"] / floor, 2)
    row["cold_ratio"] = round(row["page_cold_median_ms"] / floor, 2)
    row["fragment_ratio"] = round(row["fragment_median_ms"] / floor, 2)
    row["rendering_ratio"] = round(row["page_median_ms"] / row["bare_median_ms"], 2)
    return row


def run(*, n: int, repeats: int = REPEATS, warmup: int = WARMUP, stdout=None) -> list[dict]:
    load_profiles(n, stdout=stdout)
    listed = Profile.objects.listed().count()
    # DEBUG off as in production (no query log); the project's URLs plus the bare view.
    with override_settings(
        DEBUG=False, ROOT_URLCONF="bench.catalogue", ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]
    ):
        client = Client()
        rows = []
        for name, params in combos():
            row = measure(name, params, client=client, repeats=repeats, warmup=warmup)
            rows.append({"benchmark": "catalogue", "profiles": n, "listed": listed, **row})
    return rows


def print_rows(rows: list[dict], out=None) -> None:
    write = (out or __import__("sys").stdout).write
    write(
        "| listed | combination | rows | queries (SQL ms) | page median ms | page p95 ms "
        "| fragment median ms | floor median ms | floor p95 ms | page × floor "
        "| first request: page median ms | × floor | bare rendering every card median ms | page × that |\n"
    )
    write("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
    for r in rows:
        write(
            f"| {r['listed']:,} | {r['combination']} | {r['rows']} | {r['queries']} ({r['page_sql_ms']}) "
            f"| {r['page_median_ms']} | {r['page_p95_ms']} | {r['fragment_median_ms']} "
            f"| {r['bare_cached_median_ms']} | {r['bare_cached_p95_ms']} | {r['ratio']} "
            f"| {r['page_cold_median_ms']} | {r['cold_ratio']} "
            f"| {r['bare_median_ms']} | {r['rendering_ratio']} |\n"
        )


if __name__ == "__main__":
    import argparse
    import sys

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[int(os.environ.get("BENCH_N", "10000"))])
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args()
    all_rows = []
    for n in args.n:
        rows = run(n=n, repeats=args.repeats, stdout=sys.stdout)
        print_rows(rows)  # each size as soon as it is measured
        sys.stdout.flush()
        all_rows += rows
    print()
    print_rows(all_rows)
