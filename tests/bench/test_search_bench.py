"""bench.search: every pair is measured, recall is the share of the dictionary form's profiles found."""

import pytest

from bench import search

pytestmark = pytest.mark.django_db


def test_run_measures_every_pair_and_prints_one_line_per_group():
    rows = search.run(n=40)
    pairs = sum(len(others) for pairs in search.PAIRS.values() for _base, others in pairs)
    word_forms = sum(len(o) for g, p in search.PAIRS.items() if g.startswith("word forms") for _b, o in p)
    assert len(rows) == pairs + word_forms  # the word forms once more with the thesaurus off
    for row in rows:
        assert 0 <= row["recall"] <= 1
        if row["base_found"] == 0:
            assert row["recall"] == 0
    # the bench texts hold these words: their forms find what the dictionary form finds
    payments = next(r for r in rows if r["query"] == "payments" and "thesaurus" not in r["group"])
    assert payments["base_found"] > 0 and payments["recall"] == 1
    names = [name for name, _value, _unit in search.figures(rows)]
    assert len(names) == len(set(names)) == len({r["group"] for r in rows})
    assert all(name.startswith("search_recall_") and " " not in name for name in names)
