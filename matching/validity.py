"""Selection validity: does each vetting stage's score predict what customers later report?

Read-only statistics for moderators and operators (admin). Each report is two queries and one pass
in Python: the customers' feedback on ended engagements, and the scores of the accepted
applications behind them, joined on (specialist, specialization). The skill-test item analysis is
one query of attempts and one of correct choices. No numpy: the sums are plain and linear.
"""

import math
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from operator import mul

from vetting.models import (
    Application,
    ApplicationStatus,
    Choice,
    Question,
    StageKind,
    StageResult,
    TestAttempt,
)

from .models import Feedback, LevelFit

BANDS = [(0, 60), (60, 70), (70, 80), (80, 90), (90, 101)]  # score bands in %, upper bound excluded
BAND_EDGES = [high for _, high in BANDS[:-1]]
FIT_VALUE = {LevelFit.BELOW: -1, LevelFit.AT: 0, LevelFit.ABOVE: 1}
Z_95 = 1.959964
ITEM_MIN_ANSWERS = 20  # below this an item is reported but never flagged
ITEM_EASY = 0.95  # share correct at or above: everyone gets it right
ITEM_MIN_DISCRIMINATION = 0.15  # point-biserial below: it no longer separates strong from weak


@dataclass(frozen=True)
class Correlation:
    rho: float | None
    n: int
    low: float | None = None
    high: float | None = None


def average_ranks(values: list[float]) -> list[float]:
    """Ranks 1..n, ties sharing their average rank (as Spearman's rho needs).

    By distinct value, not by sorting the list: scores have one decimal and outcomes five or three
    values, so this is linear in n.
    """
    counts = Counter(values)
    rank_of, below = {}, 0
    for value in sorted(counts):
        rank_of[value] = below + (counts[value] + 1) / 2
        below += counts[value]
    return [rank_of[value] for value in values]


def pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    sx, sy = sum(xs), sum(ys)
    sxy = sum(map(mul, xs, ys)) - sx * sy / n
    sxx = sum(map(mul, xs, xs)) - sx * sx / n
    syy = sum(map(mul, ys, ys)) - sy * sy / n
    if sxx <= 1e-12 or syy <= 1e-12:
        return None  # one side is constant: no relation can be measured
    return sxy / math.sqrt(sxx * syy)


def spearman(xs: list[float], ys: list[float]) -> Correlation:
    """Spearman's rank correlation with a 95% interval by Fisher's z (needs n > 3)."""
    return spearman_ranked(average_ranks(xs), average_ranks(ys))


def spearman_ranked(x_ranks: list[float], y_ranks: list[float]) -> Correlation:
    n = len(x_ranks)
    rho = pearson(x_ranks, y_ranks)
    if rho is None:
        return Correlation(None, n)
    if n <= 3 or abs(rho) >= 1:
        return Correlation(rho, n)
    z, half = math.atanh(rho), Z_95 / math.sqrt(n - 3)
    return Correlation(rho, n, math.tanh(z - half), math.tanh(z + half))


def band_of(score: float) -> int:
    return bisect_right(BAND_EDGES, score)


def _outcomes():
    """(specialist, specialization, quality, level fit) of every customer's feedback: one query."""
    return Feedback.objects.filter(side=Feedback.Side.CUSTOMER).values_list(
        "engagement__specialist_id", "engagement__need__specialization_id", "quality", "level_fit"
    )


def _scores() -> dict[tuple[int, int], dict[str, float]]:
    """(applicant, specialization) -> {stage kind: score} of accepted applications: one query."""
    scores: dict[tuple[int, int], dict[str, float]] = defaultdict(dict)
    rows = StageResult.objects.filter(
        application__status=ApplicationStatus.ACCEPTED, score__isnull=False
    ).values_list("application__applicant_id", "application__specialization_id", "stage__kind", "score")
    for applicant, specialization, kind, score in rows:
        scores[(applicant, specialization)][kind] = float(score)
    return scores


def _levels() -> dict[tuple[int, int], str]:
    rows = Application.objects.filter(status=ApplicationStatus.ACCEPTED, level__isnull=False).values_list(
        "applicant_id", "specialization_id", "level__code"
    )
    return {(applicant, specialization): code for applicant, specialization, code in rows}


def stage_validity() -> dict:
    """Per stage kind: means by score band, and Spearman's rho of the score against the customer's
    quality rating and level-fit answer (below -1, at 0, above +1). Per assigned level: the share of
    "below the need's level" answers."""
    scores, levels = _scores(), _levels()
    pairs = {kind: [] for kind in StageKind.values}  # kind -> [(score, quality, fit)]
    by_level = defaultdict(lambda: [0, 0])  # level code -> [below, answers]
    for specialist, specialization, quality, fit in _outcomes():
        key = (specialist, specialization)
        for kind, score in scores.get(key, {}).items():
            pairs[kind].append((score, quality, FIT_VALUE[fit]))
        if key in levels:
            counts = by_level[levels[key]]
            counts[0] += fit == LevelFit.BELOW
            counts[1] += 1
    stages = []
    for kind in StageKind.values:
        rows = pairs[kind]
        score_ranks = average_ranks([r[0] for r in rows])  # shared by both outcomes
        bands = [[0, 0.0, 0] for _ in BANDS]  # n, sum of quality, count at or above the level
        for score, quality, fit in rows:
            band = bands[band_of(score)]
            band[0] += 1
            band[1] += quality
            band[2] += fit >= 0
        stages.append(
            {
                "kind": kind,
                "label": StageKind(kind).label,
                "n": len(rows),
                "quality": spearman_ranked(score_ranks, average_ranks([r[1] for r in rows])),
                "fit": spearman_ranked(score_ranks, average_ranks([r[2] for r in rows])),
                "bands": [
                    {
                        "low": low,
                        "high": min(high, 100),
                        "n": n,
                        "quality": total / n if n else None,
                        "fit_share": fit_ok / n if n else None,
                    }
                    for (low, high), (n, total, fit_ok) in zip(BANDS, bands, strict=True)
                ],
            }
        )
    return {"stages": stages, "levels": dict(by_level)}


def item_analysis(*, specialization_id: int) -> list[dict]:
    """Per question of the specialization's bank: difficulty (share correct), point-biserial
    discrimination against the rest of the attempt, n; flags items that everyone gets right or
    that no longer separate strong from weak applicants."""
    correct = set(
        Choice.objects.filter(question__specialization_id=specialization_id, is_correct=True).values_list(
            "question_id", "pk"
        )
    )
    # per question: n, sum x (correct), sum y (rest score), sum xy, sum y^2
    sums = defaultdict(lambda: [0, 0, 0.0, 0.0, 0.0])
    attempts = TestAttempt.objects.filter(
        stage__specialization_id=specialization_id, submitted_at__isnull=False
    ).values_list("question_ids", "answers")
    for question_ids, answers in attempts.iterator(chunk_size=5000):
        if len(question_ids) < 2:
            continue
        marks = [(qid, (qid, answers.get(str(qid))) in correct) for qid in question_ids]
        total = sum(mark for _, mark in marks)
        for qid, mark in marks:
            rest = (total - mark) / (len(marks) - 1)
            s = sums[qid]
            s[0] += 1
            s[1] += mark
            s[2] += rest
            s[3] += rest * mark
            s[4] += rest * rest
    items = []
    for question in Question.objects.filter(specialization_id=specialization_id).order_by("pk"):
        n, right, sy, sxy, syy = sums.get(question.pk, (0, 0, 0.0, 0.0, 0.0))
        difficulty = right / n if n else None
        discrimination = _point_biserial(n, right, sy, sxy, syy)
        flag = ""
        if n >= ITEM_MIN_ANSWERS:
            if difficulty >= ITEM_EASY:
                flag = "easy"
            elif discrimination is None or discrimination < ITEM_MIN_DISCRIMINATION:
                flag = "flat"
        items.append(
            {
                "question": question,
                "n": n,
                "difficulty": difficulty,
                "discrimination": discrimination,
                "flag": flag,
            }
        )
    return items


def _point_biserial(n: int, sx: int, sy: float, sxy: float, syy: float) -> float | None:
    """Pearson's r between a 0/1 item and the rest score, from running sums (sum x^2 = sum x)."""
    if n < 2:
        return None
    cov = sxy - sx * sy / n
    var_x = sx - sx * sx / n
    var_y = syy - sy * sy / n
    if var_x <= 0 or var_y <= 0:
        return None
    return cov / math.sqrt(var_x * var_y)
