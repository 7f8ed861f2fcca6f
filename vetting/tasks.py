from datetime import timedelta

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

from .models import Application
from .services import application_expire
from .services.skill_tests import attempt_expire, expired_attempt_ids


@shared_task
def expire_stale() -> int:
    """Beat: close timed-out skill tests and applications idle past their stage's limit."""
    closed = sum(attempt_expire(attempt_id=pk) for pk in expired_attempt_ids())
    now = timezone.now()
    candidates = Application.objects.open().select_related("current_stage")
    for application in candidates.filter(~Q(current_stage=None)).only(
        "pk", "stage_entered_at", "current_stage__expire_after_days"
    ):
        due = application.stage_entered_at + timedelta(days=application.current_stage.expire_after_days)
        if due <= now and application_expire(application=application):
            closed += 1
    return closed
