"""bench.catalogue: every combination answers 200 with cards, timed against the floor (the same cards by
pk from the cache of cards); the bare view renders the same rows."""

import pytest
from django.test import Client, override_settings

from bench import catalogue
from bench.loader import load_profiles
from profiles.models import Profile

pytestmark = pytest.mark.django_db


def test_run_times_every_combination_against_the_floor():
    rows = catalogue.run(n=100, repeats=1, warmup=0)  # "page 5" needs 81+: past the last page is a 404
    assert [r["combination"] for r in rows] == [name for name, _ in catalogue.combos()]
    unfiltered = rows[0]
    assert unfiltered["rows"] == 20  # one full page
    for row in rows:
        assert row["page_median_ms"] > 0 and row["bare_cached_median_ms"] > 0 and row["bare_median_ms"] > 0
        # against the same cards shown the cheapest way: by pk, from the cache of cards
        assert row["ratio"] == round(row["page_median_ms"] / row["bare_cached_median_ms"], 2)
        assert row["cold_ratio"] == round(row["page_cold_median_ms"] / row["bare_cached_median_ms"], 2)
        # a constant, small number of queries whatever the filters
        assert 0 < row["queries"] <= 12
        # the rows by pk, their skills and qualifications (none for an empty page)
        assert row["bare_queries"] <= 3


def test_bare_view_renders_the_asked_profiles_in_order():
    load_profiles(5)

    ids = list(Profile.objects.order_by("-pk").values_list("pk", flat=True)[:3])
    with override_settings(ROOT_URLCONF="bench.catalogue"):
        response = Client().get("/" + catalogue.BARE_PATH, {"ids": ",".join(map(str, ids))})
    assert response.status_code == 200
    assert [int(pk) for pk in catalogue.PROFILE_LINK.findall(response.content.decode())] == ids
