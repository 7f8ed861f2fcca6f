"""State changes of matching: runs (runs.py) and invitations (invitations.py)."""

from .invitations import invitation_accept, invitation_decline, invitation_send, match_dismiss, match_restore
from .runs import (
    matching_requeue_pending,
    matching_run,
    need_request_matching,
    needs_rematch_for_profile,
    pending_need_ids,
)

__all__ = [
    "invitation_accept",
    "invitation_decline",
    "invitation_send",
    "match_dismiss",
    "match_restore",
    "matching_requeue_pending",
    "matching_run",
    "need_request_matching",
    "needs_rematch_for_profile",
    "pending_need_ids",
]
