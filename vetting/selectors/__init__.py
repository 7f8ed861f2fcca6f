"""Reads of the vetting data that other apps and pages use; their queries are decided here."""

from .applicant import applicant_overview, application_page
from .evidence import StageEvidence, application_evidence, score_band, verified_stages, vetting_evidence
from .funnel import compute_funnel_stats, funnel_chart, funnel_stats, funnel_stats_clear
from .moderation import (
    DISAGREEMENT_POINTS,
    attempt_breakdown,
    awaiting_moderator,
    moderator_queue,
    next_in_queue,
    scorecards,
)

__all__ = [
    "DISAGREEMENT_POINTS",
    "StageEvidence",
    "applicant_overview",
    "application_evidence",
    "attempt_breakdown",
    "awaiting_moderator",
    "application_page",
    "compute_funnel_stats",
    "funnel_chart",
    "funnel_stats",
    "funnel_stats_clear",
    "moderator_queue",
    "next_in_queue",
    "score_band",
    "scorecards",
    "verified_stages",
    "vetting_evidence",
]
