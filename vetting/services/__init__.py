"""Every change of the funnel's state goes through these functions (see STYLE.md).

Each locks the application row (`topfreelancer.state.lock` in `transaction.atomic`) and checks the
move against `common.TRANSITIONS` (the actions each stage kind allows) and, when the application
closes, `APPLICATION_TRANSITIONS` (vetting/models.py); a refusal is a `DomainError`. A transition
writes a stage result and an audit entry and sends its email on commit. Starting a test attempt is not
a transition: it records the attempt itself (its start time is the server's clock for the time
limit) and writes no audit entry.
"""

from .applications import (
    application_accept,
    application_advance,
    application_create,
    application_expire,
    application_reject,
    application_schedule_interview,
    application_withdraw,
    panel_verdict,
)
from .claims import ClaimTaken, active_claim, application_claim, application_release
from .reviews import review_submit, work_submit
from .skill_tests import attempt_start, attempt_submit

__all__ = [
    "ClaimTaken",
    "active_claim",
    "application_claim",
    "application_release",
    "panel_verdict",
    "application_accept",
    "application_advance",
    "application_create",
    "application_expire",
    "application_reject",
    "application_schedule_interview",
    "application_withdraw",
    "attempt_start",
    "attempt_submit",
    "review_submit",
    "work_submit",
]
