"""The funnel statistics: aggregate queries over stage results, cached, and the chart geometry."""

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Prefetch, Q
from django.utils import timezone

from ..models import Application, ApplicationStatus, Outcome, Specialization, Stage, StageKind, StageResult

STATS_CACHE_SECONDS = 600
KIND_ORDER = [StageKind.SCREENING, StageKind.SKILL_TEST, StageKind.WORK_SAMPLE, StageKind.INTERVIEW]


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _stage_row(*, kind, name_en, name_ru, decided=0, passed=0, waiting=0, seconds=None) -> dict:
    entered = decided + waiting
    return {
        "kind": kind,
        "name_en": name_en,
        "name_ru": name_ru,
        "entered": entered,
        "passed": passed,
        "decided": decided,
        "waiting": waiting,
        "pass_rate": _rate(passed, decided),
        "avg_days": round(seconds / 86400, 1) if seconds is not None else None,
    }


def _funnel(applied: int, accepted: int, decided_apps: int, stages: list[dict]) -> dict:
    return {
        "applied": applied,
        "accepted": accepted,
        "decided": decided_apps,
        "in_progress": applied - decided_apps,
        "acceptance_rate": _rate(accepted, decided_apps),
        "stages": stages,
    }


def compute_funnel_stats(*, months: int = 12, now=None) -> dict:
    """The funnel of applications made in the last `months`, overall and per specialization.

    Entered = decided at the stage + still waiting there; pass rate = passed / decided. Built
    from stage results with aggregate queries: five queries whatever the number of applications.
    """
    now = now or timezone.now()
    since = now - timedelta(days=round(months * 30.44))
    window = Q(application__created_at__gte=since)
    duration = ExpressionWrapper(F("decided_at") - F("entered_at"), output_field=DurationField())
    decided_rows = (
        StageResult.objects.filter(window)
        .values("stage_id")
        .annotate(
            decided=Count("pk"),
            passed=Count("pk", filter=Q(outcome=Outcome.PASSED)),
            avg=Avg(duration),
        )
        .order_by()
    )
    by_stage = {row["stage_id"]: row for row in decided_rows}
    waiting = dict(
        Application.objects.open()
        .filter(created_at__gte=since, current_stage__isnull=False)
        .values("current_stage_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("current_stage_id", "n")
    )
    app_rows = (
        Application.objects.filter(created_at__gte=since)
        .values("specialization_id")
        .annotate(
            applied=Count("pk"),
            accepted=Count("pk", filter=Q(status=ApplicationStatus.ACCEPTED)),
            decided=Count("pk", filter=~Q(status=ApplicationStatus.OPEN)),
        )
        .order_by()
    )
    apps = {row["specialization_id"]: row for row in app_rows}
    specializations = Specialization.objects.prefetch_related(
        Prefetch("stages", queryset=Stage.objects.order_by("position"))
    )
    overall_stages = {kind: {"decided": 0, "passed": 0, "waiting": 0} for kind in KIND_ORDER}
    kind_names = {kind: (str(label), kind) for kind, label in StageKind.choices}
    per_specialization = []
    for spec in specializations:
        stages = []
        for stage in spec.stages.all():
            row = by_stage.get(stage.pk, {})
            avg = row.get("avg")
            seconds = avg.total_seconds() if hasattr(avg, "total_seconds") else (avg / 1e6 if avg else None)
            stats = {
                "decided": row.get("decided", 0),
                "passed": row.get("passed", 0),
                "waiting": waiting.get(stage.pk, 0),
            }
            for key, value in stats.items():
                overall_stages[stage.kind][key] += value
            stages.append(
                _stage_row(
                    kind=stage.kind, name_en=stage.name_en, name_ru=stage.name_ru, seconds=seconds, **stats
                )
            )
        counts = apps.get(spec.pk, {"applied": 0, "accepted": 0, "decided": 0})
        if not counts["applied"] and not spec.is_active:
            continue
        per_specialization.append(
            {
                "slug": spec.slug,
                "name_en": spec.name_en,
                "name_ru": spec.name_ru,
                **_funnel(counts["applied"], counts["accepted"], counts["decided"], stages),
            }
        )
    total = {key: sum(row[key] for row in apps.values()) for key in ("applied", "accepted", "decided")}
    overall = _funnel(
        total["applied"],
        total["accepted"],
        total["decided"],
        [
            _stage_row(kind=kind, name_en=kind_names[kind][1], name_ru="", **overall_stages[kind])
            for kind in KIND_ORDER
            if sum(overall_stages[kind].values())
        ],
    )
    return {"since": since, "until": now, "overall": overall, "specializations": per_specialization}


def funnel_stats(*, months: int = 12) -> dict:
    """`compute_funnel_stats`, cached: the public page costs no query while the cache is warm."""
    key = f"vetting:funnel:{months}"
    stats = cache.get(key)
    if stats is None:
        stats = compute_funnel_stats(months=months)
        cache.set(key, stats, STATS_CACHE_SECONDS)
    return stats


def funnel_stats_clear() -> None:
    cache.delete_many([f"vetting:funnel:{months}" for months in (12,)])


def funnel_chart(stats: dict, *, language: str) -> dict:
    """Names in the active language and bar geometry for the server-rendered SVG chart."""
    width, row_height = 320, 44

    def decorate(funnel: dict, *, overall: bool) -> dict:
        scale = width / max(funnel["applied"], 1)
        rows = []
        for index, stage in enumerate(funnel["stages"]):
            if overall:
                name = str(StageKind(stage["kind"]).label)
            else:
                name = stage.get(f"name_{language}") or stage["name_en"]
            rows.append(
                {
                    **stage,
                    "name": name,
                    "y": row_height * (index + 1),
                    "entered_w": round(stage["entered"] * scale, 1),
                    "passed_w": round(stage["passed"] * scale, 1),
                }
            )
        return {
            **funnel,
            "rows": rows,
            "accepted_y": row_height * (len(rows) + 1),
            "accepted_w": round(funnel["accepted"] * scale, 1),
            "accepted_share": _rate(funnel["accepted"], funnel["applied"]),
            "applied_w": width if funnel["applied"] else 0,
            "height": row_height * (len(rows) + 2),
        }

    specializations = [
        {
            **decorate(spec, overall=False),
            "name": spec.get(f"name_{language}") or spec["name_en"],
            "slug": spec["slug"],
        }
        for spec in stats["specializations"]
    ]
    return {
        "since": stats["since"],
        "until": stats["until"],
        "overall": decorate(stats["overall"], overall=True),
        "specializations": specializations,
        "chart_width": width,
    }
