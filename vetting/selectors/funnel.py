"""The funnel statistics: aggregate queries over stage results, cached, and the chart geometry."""

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Prefetch, Q
from django.utils import timezone

from ..models import Application, ApplicationStatus, Outcome, Specialization, Stage, StageKind, StageResult

STATS_CACHE_SECONDS = 600
CACHE_KEY = "vetting:funnel:v2:{months}"  # v2: rows carry skips
KIND_ORDER = [StageKind.SCREENING, StageKind.SKILL_TEST, StageKind.WORK_SAMPLE, StageKind.INTERVIEW]


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _stage_row(
    *, kind, name_en, name_ru, decided=0, passed=0, waiting=0, skipped=0, skipped_by=(), seconds=None
) -> dict:
    entered = decided + waiting
    return {
        "kind": kind,
        "name_en": name_en,
        "name_ru": name_ru,
        "entered": entered,
        "passed": passed,
        "decided": decided,
        "waiting": waiting,
        "skipped": skipped,
        "skipped_by": list(skipped_by),
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

    Entered = decided at the stage + still waiting there; pass rate = passed / decided; acceptance
    rate = accepted / decided applications (the only one: the page shows no other). Not every
    specialization has every stage kind: an overall row's `skipped` counts the applicants who passed
    the stage before it in a specialization without it, and `skipped_by` names those specializations.
    Built from stage results with aggregate queries: five queries whatever the number of applications.
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
    overall_stages = {kind: {"decided": 0, "passed": 0, "waiting": 0, "skipped": 0} for kind in KIND_ORDER}
    skipped_by = {kind: [] for kind in KIND_ORDER}
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
        _count_skips(stages, spec, overall_stages, skipped_by)
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
            _stage_row(
                kind=kind,
                name_en=kind_names[kind][1],
                name_ru="",
                skipped_by=skipped_by[kind],
                **overall_stages[kind],
            )
            for kind in KIND_ORDER
            if sum(overall_stages[kind].values())
        ],
    )
    return {"since": since, "until": now, "overall": overall, "specializations": per_specialization}


def _count_skips(stages: list[dict], spec, overall_stages: dict, skipped_by: dict) -> None:
    """A kind missing after a specialization's first stage: who passed the stage before it skipped it."""
    present = {row["kind"]: row for row in stages}
    before = None
    for kind in KIND_ORDER:
        if kind in present:
            before = present[kind]
        elif before is not None:
            overall_stages[kind]["skipped"] += before["passed"]
            skipped_by[kind].append({"name_en": spec.name_en, "name_ru": spec.name_ru})


def funnel_stats(*, months: int = 12) -> dict:
    """`compute_funnel_stats`, cached: the public page costs no query while the cache is warm."""
    key = CACHE_KEY.format(months=months)
    stats = cache.get(key)
    if stats is None:
        stats = compute_funnel_stats(months=months)
        cache.set(key, stats, STATS_CACHE_SECONDS)
    return stats


def funnel_stats_clear() -> None:
    cache.delete_many([CACHE_KEY.format(months=months) for months in (12,)])


def funnel_chart(stats: dict, *, language: str) -> dict:
    """Names in the active language and bar geometry for the server-rendered SVG chart.

    One name per stage: the stage kind's, in every chart and table. Bar widths are percentages of
    the chart's width, so the SVG fills its card at any width while its text keeps its size.
    """
    row_height = 44

    def localized(item: dict) -> str:
        return item.get(f"name_{language}") or item["name_en"]

    def share(count: int, whole: int) -> float:
        return round(100 * count / whole, 2) if whole else 0

    def decorate(funnel: dict) -> dict:
        rows = [
            {
                **stage,
                "name": str(StageKind(stage["kind"]).label),
                "skipped_names": [localized(spec) for spec in stage.get("skipped_by", [])],
                "y": row_height * (index + 1),
                "entered_pct": share(stage["entered"], funnel["applied"]),
                "passed_pct": share(stage["passed"], funnel["applied"]),
            }
            for index, stage in enumerate(funnel["stages"])
        ]
        return {
            **funnel,
            "rows": rows,
            "accepted_y": row_height * (len(rows) + 1),
            "accepted_pct": share(funnel["accepted"], funnel["applied"]),
            "applied_pct": 100 if funnel["applied"] else 0,
            "height": row_height * (len(rows) + 2),
        }

    specializations = [
        {**decorate(spec), "name": localized(spec), "slug": spec["slug"]} for spec in stats["specializations"]
    ]
    return {
        "since": stats["since"],
        "until": stats["until"],
        "overall": decorate(stats["overall"]),
        "specializations": specializations,
    }
