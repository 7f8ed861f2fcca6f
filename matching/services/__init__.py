"""State changes of matching: runs (runs.py), profile changes applied to shortlists (updates.py),
invitations (invitations.py), engagements (engagements.py)."""

from .engagements import engagement_end, engagement_open, engagement_pause, engagement_resume
from .invitations import (
    invitation_accept,
    invitation_decline,
    invitation_send,
    invitation_withdraw,
    invitations_expire,
    match_dismiss,
    match_restore,
)
from .runs import (
    matching_requeue_pending,
    matching_run,
    need_request_matching,
    pending_need_ids,
)
from .updates import profile_change_apply, profile_rematch

__all__ = [
    "engagement_end",
    "engagement_open",
    "engagement_pause",
    "engagement_resume",
    "invitation_accept",
    "invitation_decline",
    "invitation_send",
    "invitation_withdraw",
    "invitations_expire",
    "match_dismiss",
    "match_restore",
    "matching_requeue_pending",
    "matching_run",
    "need_request_matching",
    "pending_need_ids",
    "profile_change_apply",
    "profile_rematch",
]
