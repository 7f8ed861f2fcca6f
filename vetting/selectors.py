"""Reads of the vetting data that other apps and pages use; their queries are decided here."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Application, ApplicationStatus, Outcome, Specialization, Stage, StageKind, StageResult


@dataclass(frozen=True)
class StageEvidence:
    kind: str
    stage_name: str
    passed_at: datetime
    summary: str


def score_band(percent) -> str:
    """A public-safe band instead of the exact score."""
    value = float(percent or 0)
    if value >= 80:
        return _("Top band: 80–100%")
    if value >= 60:
        return _("Upper band: 60–79%")
    return _("Pass band: below 60%")


def vetting_evidence(*, user) -> list[StageEvidence]:
    """The stages the user's accepted application passed, in order, with public-safe summaries.

    Never includes moderators' private notes or individual reviewers. Three queries at most.
    """
    application = (
        Application.objects.filter(applicant=user, status=ApplicationStatus.ACCEPTED)
        .select_related("level")
        .order_by("-closed_at")
        .first()
    )
    if application is None:
        return []
    results = list(
        StageResult.objects.filter(application=application, outcome=Outcome.PASSED)
        .select_related("stage")
        .order_by("stage__position")
    )
    reviews = {
        row["stage_id"]: row
        for row in application.reviews.values("stage_id").annotate(avg=Avg("percent"), n=Count("pk"))
    }
    evidence = []
    for result in results:
        stage = result.stage
        if stage.kind == StageKind.SKILL_TEST:
            summary = score_band(result.score)
        elif stage.kind == StageKind.WORK_SAMPLE:
            review = reviews.get(stage.pk)
            count = stage.criteria.count()
            if review:
                summary = _("Rubric average %(avg)d%% on %(count)d criteria") % {
                    "avg": round(review["avg"]),
                    "count": count,
                }
            else:
                summary = _("Reviewed against a rubric of %(count)d criteria") % {"count": count}
        elif stage.kind == StageKind.INTERVIEW:
            summary = _("Level assigned: %(level)s") % {"level": application.level}
        else:
            summary = _("Experience and application reviewed by a moderator")
        evidence.append(
            StageEvidence(
                kind=stage.kind, stage_name=stage.name, passed_at=result.decided_at, summary=summary
            )
        )
    return evidence


# --- Funnel statistics ---------------------------------------------------------------------------

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


# --- The applicant's pages -----------------------------------------------------------------------


def _progress(application: Application, stages: list, results: dict) -> dict:
    """Stage N of M, the state of every stage, and what comes next."""
    rows = []
    current_index = None
    for index, stage in enumerate(stages, start=1):
        result = results.get(stage.pk)
        if result is not None:
            state = result.outcome
        elif application.is_open and stage.pk == application.current_stage_id:
            state = "current"
            current_index = index
        else:
            state = "upcoming" if application.is_open else "skipped"
        rows.append({"number": index, "stage": stage, "result": result, "state": state})
    following = None
    if current_index is not None and current_index < len(stages):
        following = stages[current_index]
    return {"rows": rows, "number": current_index, "total": len(stages), "next_stage": following}


def applicant_overview(*, user) -> dict:
    """The applicant's home page data: a fixed number of queries."""
    applications = list(
        Application.objects.of(user)
        .select_related("specialization", "current_stage", "level")
        .prefetch_related(
            Prefetch("specialization__stages", queryset=Stage.objects.order_by("position")),
            "results",
        )
        .order_by("-created_at")
    )
    current = []
    for application in applications:
        if application.is_open:
            stages = list(application.specialization.stages.all())
            results = {r.stage_id: r for r in application.results.all()}
            current.append({"application": application, **_progress(application, stages, results)})
    history = [a for a in applications if not a.is_open]
    open_specs = {a.specialization_id for a in applications if a.is_open}
    cooldowns = {}
    for application in history:
        if application.status in (ApplicationStatus.REJECTED, ApplicationStatus.EXPIRED):
            until = application.closed_at + timedelta(days=application.specialization.reapply_cooldown_days)
            if until > timezone.now():
                cooldowns[application.specialization_id] = max(
                    until, cooldowns.get(application.specialization_id, until)
                )
    specializations = [
        {"specialization": spec, "is_open": spec.pk in open_specs, "available_at": cooldowns.get(spec.pk)}
        for spec in Specialization.objects.filter(is_active=True)
    ]
    return {"current": current, "history": history, "specializations": specializations}


def application_page(*, user, pk: int) -> dict:
    """One application of its owner (404 for anyone else), without moderators' notes or scores."""
    from django.shortcuts import get_object_or_404

    application = get_object_or_404(
        Application.objects.of(user).select_related("specialization", "current_stage", "level"), pk=pk
    )
    stages = list(application.specialization.stages.order_by("position"))
    results = {r.stage_id: r for r in application.results.select_related("stage")}
    stage = application.current_stage if application.is_open else None
    attempt = submission = None
    if stage is not None:
        attempt = application.attempts.filter(stage=stage).first()
        submission = application.submissions.filter(stage=stage).first()
    submissions = list(application.submissions.select_related("stage"))
    return {
        "application": application,
        "stage": stage,
        "attempt": attempt,
        "submission": submission,
        "submissions": submissions,
        **_progress(application, stages, results),
    }


# --- Moderators' views -------------------------------------------------------------------------

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
    from django.db.models import Min

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
