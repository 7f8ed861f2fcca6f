"""Time in stage: how long applicants wait for moderators, per stage and specialization."""

import math
from datetime import datetime, timedelta
from statistics import median

from django.db.models import Count, DateTimeField, OuterRef, Subquery
from django.db.models.functions import TruncWeek
from django.utils import timezone

from ..models import Outcome, Specialization, StageKind, StageResult, WorkSubmission
from .moderation import awaiting_moderator

DAY = 86400


def p90(values: list[float]) -> float:
    """The nearest-rank 90th percentile: the smallest value at least 90% of the values reach."""
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def _summary(seconds: list[float]) -> dict:
    if not seconds:
        return {"n": 0, "median": None, "p90": None}
    return {"n": len(seconds), "median": round(median(seconds) / DAY, 1), "p90": round(p90(seconds) / DAY, 1)}


def time_in_stage(*, months: int = 12, now: datetime | None = None) -> dict:
    """Per stage of each specialization, over decisions in the last `months`:

    - time to decision: from entering the stage to its result (what the applicant lives through);
    - waiting time: from the moment the item reached a moderator (a work sample: when it was handed
      in; screening and interview: on entry) to the decision; none for the auto-graded skill test;
    - today's backlog: items waiting for a moderator now, and the oldest of them.

    Medians and nearest-rank p90 in days. Two queries and one pass in Python (SQLite has no
    percentile function, and a year of decisions is a few thousand rows).
    """
    now = now or timezone.now()
    since = now - timedelta(days=round(months * 30.44))
    handed_in = WorkSubmission.objects.filter(
        application=OuterRef("application"), stage=OuterRef("stage")
    ).values("submitted_at")[:1]
    rows = (
        StageResult.objects.filter(decided_at__gte=since, outcome__in=[Outcome.PASSED, Outcome.FAILED])
        .annotate(handed_in_at=Subquery(handed_in, output_field=DateTimeField()))
        .values_list("stage_id", "stage__kind", "entered_at", "decided_at", "handed_in_at")
    )
    to_decision: dict[int, list[float]] = {}
    waiting: dict[int, list[float]] = {}
    for stage_id, kind, entered, decided, handed in rows:
        to_decision.setdefault(stage_id, []).append((decided - entered).total_seconds())
        if kind == StageKind.SKILL_TEST:
            continue
        ready = handed if kind == StageKind.WORK_SAMPLE and handed else entered
        waiting.setdefault(stage_id, []).append(max((decided - ready).total_seconds(), 0))
    backlog: dict[int, dict] = {}
    oldest = []
    for item in awaiting_moderator():
        entry = backlog.setdefault(item.current_stage_id, {"count": 0, "oldest_days": 0.0})
        age = (now - item.waiting_since).total_seconds() / DAY
        entry["count"] += 1
        entry["oldest_days"] = max(entry["oldest_days"], round(age, 1))
        if len(oldest) < 10:
            oldest.append({"application": item, "age_days": round(age, 1)})
    specializations = []
    for spec in Specialization.objects.prefetch_related("stages").order_by("position", "slug"):
        stages = [
            {
                "stage": stage,
                "to_decision": _summary(to_decision.get(stage.pk, [])),
                "waiting": _summary(waiting.get(stage.pk, [])),
                "backlog": backlog.get(stage.pk, {"count": 0, "oldest_days": None}),
            }
            for stage in sorted(spec.stages.all(), key=lambda s: s.position)
        ]
        if any(s["to_decision"]["n"] or s["backlog"]["count"] for s in stages):
            specializations.append({"specialization": spec, "stages": stages})
    return {"since": since, "until": now, "specializations": specializations, "oldest": oldest}


def timing_chart(specialization: dict, *, width: int = 320, row: int = 40) -> dict:
    """Bar geometry for one specialization: median and p90 time to decision per stage, in days,
    with the moderator's target marked. Drawn as server-side SVG, like the public funnel."""
    values = [s["to_decision"]["p90"] or 0 for s in specialization["stages"]] + [
        s["stage"].target_days for s in specialization["stages"]
    ]
    scale = width / max(max(values, default=1), 1)
    bars = []
    for index, stage in enumerate(specialization["stages"]):
        summary = stage["to_decision"]
        y = index * row
        bars.append(
            {
                **stage,
                "y": y,
                "text_y": y + 12,
                "bar_y": y + 18,
                "median_w": round((summary["median"] or 0) * scale, 1),
                "p90_w": round((summary["p90"] or 0) * scale, 1),
                "target_x": round(stage["stage"].target_days * scale, 1),
            }
        )
    return {"bars": bars, "width": width, "height": row * len(bars) + 4}


def decided_per_week(*, weeks: int = 8, now: datetime | None = None) -> dict:
    """Per moderator: stage results they decided in each of the last `weeks` weeks (one query)."""
    now = now or timezone.now()
    start = (now - timedelta(weeks=weeks - 1)).date()
    start -= timedelta(days=start.weekday())
    rows = (
        StageResult.objects.filter(decided_by__isnull=False, decided_at__date__gte=start)
        .annotate(week=TruncWeek("decided_at"))
        .values("decided_by", "decided_by__full_name", "decided_by__email", "week")
        .annotate(n=Count("pk"))
        .order_by()
    )
    week_starts = [start + timedelta(weeks=i) for i in range(weeks)]
    table: dict[int, dict] = {}
    for r in rows:
        person = table.setdefault(
            r["decided_by"],
            {
                "name": r["decided_by__full_name"] or r["decided_by__email"],
                "weeks": dict.fromkeys(week_starts, 0),
            },
        )
        week = r["week"].date() if hasattr(r["week"], "date") else r["week"]
        if week in person["weeks"]:
            person["weeks"][week] += r["n"]
    people = [
        {
            "name": p["name"],
            "counts": list(p["weeks"].values()),
            "cells": list(p["weeks"].items()),
            "total": sum(p["weeks"].values()),
        }
        for p in table.values()
    ]
    return {"weeks": week_starts, "moderators": sorted(people, key=lambda p: p["name"])}
