"""The renderer's bound: `render_markdown` on a family of pathological inputs of 20,000 characters
(the longest user text, a work-sample answer), against plain prose of the same length in the same run.
Needs no database.

    python -m bench --only markup          # or: python -m bench.markup --n 20000 --rounds 5
"""

import statistics
import time

from topfreelancer.markup import render_markdown

N = 20_000


def _fill(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def pathological_inputs(n: int = N) -> dict[str, str]:
    """Inputs that make naive Markdown parsers backtrack or nest, each exactly n characters long."""
    refs = "".join(f"[r{i}]: /u{i}\n" for i in range(n // 20))
    quote_stairs = "".join(">" * (32 * k) + " a\n" for k in range(1, 40))
    list_stairs = "".join("  " * k + "- a\n" for k in range(200))
    return {
        "plain prose": _fill("Specialists carry releases, editors carry blogs. ", n),
        "unclosed [": "[" * n,
        "unclosed ![": _fill("![", n),
        "[a]( runs": _fill("[a](", n),
        "nested * emphasis": "*" * (n // 2) + _fill("a*", n - n // 2),
        "nested _ emphasis": "_" * (n // 2) + _fill("a_", n - n // 2),
        "*_ alternation": _fill("*_", n),
        "**a runs": _fill("**a", n),
        "< runs": "<" * n,
        "<a runs": _fill("<a", n),
        "<http:// autolinks": _fill("<http://", n),
        "deep blockquote >>>>": ">" * n,
        "blockquote lines": _fill("> > > > a\n", n),
        "nested lists": _fill("".join("  " * i + "- a\n" for i in range(60)), n),
        "blockquote staircase": _fill(quote_stairs, n),
        "list staircase": _fill(list_stairs, n),
        "1. 1. 1. lists": _fill("1. ", n),
        "> - > - mixed": _fill("> - ", n),
        "- - - runs": _fill("- ", n),
        "link reference chain": (refs + "".join(f"[r{i}] " for i in range(n // 20)))[:n],
        "backtick runs": _fill("`a``", n),
        "backticks only": "`" * n,
        "entity runs": _fill("&amp;", n),
        "broken entities": _fill("&#", n),
        "( in link destination": "[a](" + "(" * (n - 4),
        "[ lines": _fill("[" * 50 + "\n", n),
        "soft line breaks": _fill("a\n", n),
        "# runs": "#" * n,
        "\\ escapes": _fill("\\*", n),
    }


def run(n: int = N, rounds: int = 5) -> list[dict]:
    """Median time per input over `rounds`, inputs interleaved in each round."""
    inputs = pathological_inputs(n)
    for text in inputs.values():  # warm-up
        render_markdown(text)
    times: dict[str, list[float]] = {name: [] for name in inputs}
    for _ in range(rounds):
        for name, text in inputs.items():
            start = time.perf_counter()
            render_markdown(text)
            times[name].append((time.perf_counter() - start) * 1000)
    plain = statistics.median(times["plain prose"])
    return [
        {
            "input": name,
            "chars": len(inputs[name]),
            "ms": statistics.median(t),
            "x_plain": statistics.median(t) / plain,
        }
        for name, t in times.items()
    ]


def print_rows(rows: list[dict]) -> None:
    print(f"{'input':<24} {'chars':>7} {'median ms':>10} {'x plain':>8}")
    for row in rows:
        print(f"{row['input']:<24} {row['chars']:>7,} {row['ms']:>10.2f} {row['x_plain']:>8.1f}")
    print(f"worst: {max(rows, key=lambda row: row['ms'])['input']}")


def figures(rows: list[dict]) -> list[tuple[str, float, str]]:
    """The machine-readable figures: the worst input's time and its ratio to plain prose."""
    worst = max(rows, key=lambda row: row["ms"])
    return [
        ("markup_worst_ms", round(worst["ms"], 2), "ms"),
        ("markup_worst_x_plain", round(worst["x_plain"], 1), "x"),
    ]


if __name__ == "__main__":
    import argparse
    import os

    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=N)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topfreelancer.settings")
    django.setup()
    print_rows(run(n=args.n, rounds=args.rounds))
