"""The applicant's pages: their own applications only, never moderators' notes or scores."""

from datetime import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ..models import Application, ApplicationStatus, Specialization, Stage, StageKind


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


def reapply_available_at(*, applicant, specialization: Specialization) -> datetime | None:
    """When a failed applicant may apply to this specialization again (None: now). The rule is
    `Application.reapply_at`, read on their latest failed application."""
    last = (
        Application.objects.filter(
            applicant=applicant,
            specialization=specialization,
            status__in=[ApplicationStatus.REJECTED, ApplicationStatus.EXPIRED],
        )
        .select_related("specialization")
        .order_by("-closed_at")
        .first()
    )
    available = last.reapply_at if last is not None else None
    return available if available is not None and available > timezone.now() else None


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
    now = timezone.now()
    cooldowns = {}
    for application in history:
        until = application.reapply_at
        if until is not None and until > now:
            cooldowns[application.specialization_id] = max(
                until, cooldowns.get(application.specialization_id, until)
            )
    # Held already (the latest acceptance's level): no Apply button; the others stay open to apply.
    accepted = {
        a.specialization_id: a.level
        for a in sorted(history, key=lambda a: a.closed_at)
        if a.status == ApplicationStatus.ACCEPTED
    }
    specializations = [
        {
            "specialization": spec,
            "is_open": spec.pk in open_specs,
            "available_at": cooldowns.get(spec.pk),
            "accepted_level": accepted.get(spec.pk),
        }
        for spec in Specialization.objects.filter(is_active=True)
    ]
    return {"current": current, "history": history, "specializations": specializations}


def application_page(*, user, pk: int) -> dict:
    """One application of its owner (404 for anyone else), without moderators' notes or scores."""
    application = get_object_or_404(
        Application.objects.of(user).select_related("specialization", "current_stage", "level"), pk=pk
    )
    stages = list(application.specialization.stages.order_by("position"))
    results = {r.stage_id: r for r in application.results.select_related("stage", "reason_template")}
    stage = application.current_stage if application.is_open else None
    attempt = submission = None
    if stage is not None:
        attempt = application.attempts.filter(stage=stage).first()
        submission = application.submissions.filter(stage=stage).first()
    submissions = list(application.submissions.select_related("stage"))
    return {
        "application": application,
        "stage": stage,
        # While a moderator decides, the page polls (htmx) and shows the result when it is written.
        "waiting_on_moderator": stage is not None
        and (
            stage.kind in (StageKind.SCREENING, StageKind.INTERVIEW)
            or (stage.kind == StageKind.WORK_SAMPLE and submission is not None)
        ),
        "attempt": attempt,
        "submission": submission,
        "submissions": submissions,
        **_progress(application, stages, results),
    }
