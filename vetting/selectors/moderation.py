"""Moderators' reads: scorecards side by side and the queue's age per stage."""

from django.db.models import Count, Min
from django.utils import timezone

from ..models import Application

DISAGREEMENT_POINTS = 25  # reviewers' totals further apart than this (in %) are flagged


def scorecards(*, application, stage) -> dict:
    """Each reviewer's rubric scores side by side, their average and a disagreement flag."""
    criteria = list(stage.criteria.all())
    reviews = list(application.reviews.filter(stage=stage).select_related("reviewer").order_by("created_at"))
    rows = [
        {"criterion": c, "scores": [review.scores.get(str(c.pk)) for review in reviews]} for c in criteria
    ]
    percents = [float(r.percent) for r in reviews]
    spread = max(percents) - min(percents) if len(percents) > 1 else 0
    return {
        "stage": stage,
        "reviews": reviews,
        "rows": rows,
        "average": round(sum(percents) / len(percents), 1) if percents else None,
        "spread": round(spread, 1),
        "disagreement": spread > DISAGREEMENT_POINTS,
    }


def queue_ages(*, now=None) -> dict[int, dict]:
    """Per stage: how many open applications wait there and since when (one query)."""
    now = now or timezone.now()
    rows = (
        Application.objects.open()
        .values("current_stage_id")
        .annotate(n=Count("pk"), oldest=Min("stage_entered_at"))
        .order_by()
    )
    return {
        row["current_stage_id"]: {"waiting": row["n"], "oldest_days": (now - row["oldest"]).days}
        for row in rows
    }
