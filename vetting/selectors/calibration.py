"""Calibration: does a moderator's work-sample verdict agree with their co-reviewers' and with
the final decision? Lets a lead see who is harsh or lenient.

The statistic is Cohen's kappa on the pass/fail verdict (score at or above the stage's pass mark),
per moderator, over pairs: (their verdict, a co-reviewer's verdict on the same item) and (their
verdict, the stage's final outcome). Why kappa and not Krippendorff's alpha: every comparison here
is between exactly two raters on a binary scale, and kappa keeps each rater's own pass rate in the
chance term, so a moderator who passes far more or fewer than the others shows as low agreement
even when raw agreement looks fine; alpha pools both raters' rates, which suits the reliability
of a whole panel rather than one person's bias. The signed mean difference in points says which
way they lean. With few pairs kappa is noisy: n is shown beside it.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from ..models import Outcome, Review, StageKind, StageResult


def cohen_kappa(pairs: list[tuple[bool, bool]]) -> float | None:
    """Cohen's kappa of two binary raters; None when undefined (no pairs, or chance agreement is 1)."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first = sum(a for a, _ in pairs) / n
    second = sum(b for _, b in pairs) / n
    chance = first * second + (1 - first) * (1 - second)
    if chance >= 1:
        return None
    return round((observed - chance) / (1 - chance), 2)


def calibration(*, months: int = 12, now: datetime | None = None) -> list[dict]:
    """Per moderator who scored work samples in the last `months`: items scored, their pass rate,
    kappa and n against co-reviewers and against the final decision, and their mean difference
    from co-reviewers in points. One query, then one pass."""
    now = now or timezone.now()
    since = now - timedelta(days=round(months * 30.44))
    final = StageResult.objects.filter(application=OuterRef("application"), stage=OuterRef("stage")).values(
        "outcome"
    )[:1]
    rows = (
        Review.objects.filter(stage__kind=StageKind.WORK_SAMPLE, created_at__gte=since)
        .annotate(final=Subquery(final))
        .values_list(
            "application_id",
            "stage_id",
            "reviewer_id",
            "reviewer__full_name",
            "reviewer__email",
            "percent",
            "stage__pass_mark",
            "final",
        )
    )
    items: dict[tuple[int, int], list[tuple[int, float, bool]]] = defaultdict(list)
    finals: dict[tuple[int, int], str | None] = {}
    names: dict[int, str] = {}
    for application_id, stage_id, reviewer_id, full_name, email, percent, pass_mark, outcome in rows:
        key = (application_id, stage_id)
        items[key].append((reviewer_id, float(percent), float(percent) >= pass_mark))
        finals[key] = outcome
        names[reviewer_id] = full_name or email
    peers: dict[int, list[tuple[bool, bool]]] = defaultdict(list)
    decisions: dict[int, list[tuple[bool, bool]]] = defaultdict(list)
    differences: dict[int, list[float]] = defaultdict(list)
    scored: dict[int, list[bool]] = defaultdict(list)
    for key, reviews in items.items():
        outcome = finals[key]
        for reviewer, percent, verdict in reviews:
            scored[reviewer].append(verdict)
            if outcome in (Outcome.PASSED, Outcome.FAILED):
                decisions[reviewer].append((verdict, outcome == Outcome.PASSED))
            for other, other_percent, other_verdict in reviews:
                if other != reviewer:
                    peers[reviewer].append((verdict, other_verdict))
                    differences[reviewer].append(percent - other_percent)
    return sorted(
        (
            {
                "moderator": names[reviewer],
                "scored": len(verdicts),
                "pass_rate": round(100 * sum(verdicts) / len(verdicts)),
                "peer_kappa": cohen_kappa(peers[reviewer]),
                "peer_n": len(peers[reviewer]),
                "lean": round(sum(differences[reviewer]) / len(differences[reviewer]), 1)
                if differences[reviewer]
                else None,
                "decision_kappa": cohen_kappa(decisions[reviewer]),
                "decision_n": len(decisions[reviewer]),
            }
            for reviewer, verdicts in scored.items()
        ),
        key=lambda row: row["moderator"],
    )
