"""Search benchmark: does a query in another grammatical form, with a typo, or in the other language
find what the dictionary form finds, on the bench's data (bench.loader)?

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tf_bench python -m bench.search --n 100000

For each pair (dictionary form, other form) it counts the listed profiles each query finds through
profiles.search.search (the catalogue's one entry point) and how many of the dictionary form's
profiles the other form finds too: recall = |found(other) ∩ found(dictionary)| / |found(dictionary)|.
Prints a table; `figures()` gives `search_recall_<group>` (the lowest pair of each group) for `make bench`.
"""

import os
import sys
import time
from contextlib import contextmanager
from dataclasses import replace
from unittest import mock

import django
from django.apps import apps

from bench.loader import load_profiles
from profiles import words
from profiles.models import Profile
from profiles.search import search

if not apps.ready:  # run as a script
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topfreelancer.settings")
    django.setup()

# group -> (dictionary form, other forms): words the bench's texts (demo.content) really use
PAIRS = {
    "word forms ru": [
        ("переводчик", ["переводчика", "переводчиков", "переводчику"]),
        ("редактор", ["редактора", "редакторы"]),
        ("текст", ["тексты", "текстов"]),
        ("иллюстратор", ["иллюстратора", "иллюстраторы"]),
    ],
    "word forms en": [
        ("payment", ["payments"]),
        ("translator", ["translators"]),
        ("editor", ["editors"]),
        ("service", ["services"]),
        ("release", ["releases"]),
    ],
    "typos of skill names": [
        ("kubernetes", ["kubernets", "kubernetis"]),
        ("python", ["pyhton", "pythn"]),
        ("javascript", ["javascrpt", "javasript"]),
        ("figma", ["figmma"]),
    ],
    "prefixes (typing)": [
        ("illustration", ["illustrat"]),
        ("переводчик", ["переводч"]),
    ],
    "synonyms": [
        ("kubernetes", ["k8s"]),
        ("javascript", ["js"]),
        ("python", ["питон"]),
    ],
    "cross-language": [
        ("translation", ["перевод"]),
        ("иллюстрация", ["illustration"]),
        ("frontend", ["фронтенд"]),
    ],
}


def _ids(text: str) -> set[int]:
    return set(search(Profile.objects.listed(), text).values_list("pk", flat=True))


@contextmanager
def _thesaurus_off():
    vocabulary = replace(words.vocabulary(), synonyms={})
    with mock.patch.object(words, "vocabulary", lambda: vocabulary):
        yield


def run(*, n: int, stdout=None) -> list[dict]:
    load_profiles(n, stdout=stdout)
    rows = _measure(PAIRS)
    with _thesaurus_off():
        forms = {f"{group}, thesaurus off": PAIRS[group] for group in PAIRS if group.startswith("word forms")}
        rows += _measure(forms)
    return rows


def _measure(groups: dict) -> list[dict]:
    rows = []
    for group, pairs in groups.items():
        for base, others in pairs:
            base_ids = _ids(base)
            for other in others:
                started = time.perf_counter()
                other_ids = _ids(other)
                ms = (time.perf_counter() - started) * 1000
                recall = len(base_ids & other_ids) / len(base_ids) if base_ids else 0.0
                rows.append(
                    {
                        "group": group,
                        "base": base,
                        "base_found": len(base_ids),
                        "query": other,
                        "found": len(other_ids),
                        "recall": round(recall, 3),
                        "ms": round(ms, 1),
                    }
                )
    return rows


def print_rows(rows: list[dict], out=None) -> None:
    write = (out or sys.stdout).write
    write("| group | dictionary form | finds | query | finds | of the dictionary form's | ms (all ids) |\n")
    write("|---|---|---:|---|---:|---:|---:|\n")
    for r in rows:
        write(
            f"| {r['group']} | {r['base']} | {r['base_found']:,} | {r['query']} | {r['found']:,} "
            f"| {r['recall']:.1%} | {r['ms']} |\n"
        )


def figures(rows: list[dict]) -> list[tuple[str, float, str]]:
    """The machine-readable figures: per group, the lowest recall of its pairs."""
    out = []
    for group in dict.fromkeys(r["group"] for r in rows):
        worst = min(r["recall"] for r in rows if r["group"] == group)
        name = "_".join("".join(c if c.isalnum() else " " for c in group).split())
        out.append((f"search_recall_{name}", round(worst, 3), "ratio"))
    return out


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=int(os.environ.get("BENCH_N", "10000")))
    args = parser.parse_args()
    print_rows(run(n=args.n, stdout=sys.stdout))
