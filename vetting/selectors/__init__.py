"""Reads of the vetting data that other apps and pages use; their queries are decided here."""

from .applicant import applicant_overview, application_page
from .evidence import StageEvidence, score_band, verified_stages, vetting_evidence
from .funnel import compute_funnel_stats, funnel_chart, funnel_stats, funnel_stats_clear
from .moderation import DISAGREEMENT_POINTS, queue_ages, scorecards

__all__ = [
    "DISAGREEMENT_POINTS",
    "StageEvidence",
    "applicant_overview",
    "application_page",
    "compute_funnel_stats",
    "funnel_chart",
    "funnel_stats",
    "funnel_stats_clear",
    "queue_ages",
    "score_band",
    "scorecards",
    "verified_stages",
    "vetting_evidence",
]
