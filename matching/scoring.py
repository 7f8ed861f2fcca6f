"""The match score: weights and curves in one place.

A score is a weighted sum of components, each in [0, 1]. Level fit dominates (the product's
third promise: "matching the level of a specialist is more important than the accuracy of
matching his experience"): an exact-level specialist with no listed skills still outranks a
specialist one level below the need with every skill.

Tune here, nowhere else: `WEIGHTS` (must sum to 1), `LEVEL_FIT` (by steps on the level scale,
specialist minus need), and the bucket tables below. `matching.terms` turns these tables into
SQL expressions, so the whole candidate set is scored by the database in one query (and into the
same arithmetic in Python for one candidate).
"""

COMPONENTS = ("level", "skill", "availability", "rate", "language", "timezone", "track_record")

WEIGHTS = {
    "level": 0.50,
    "skill": 0.23,
    "availability": 0.10,
    "rate": 0.07,
    "language": 0.04,
    "timezone": 0.04,
    # Small on purpose: less than the level weight times the smallest step of LEVEL_FIT (0.5 * 0.05),
    # so no record, however good, lifts a worse level fit over a better one with the rest equal.
    "track_record": 0.02,
}
assert abs(sum(WEIGHTS.values()) - 1.0) < 1e-9 and set(WEIGHTS) == set(COMPONENTS)

# Steps on the level scale, specialist minus need. Exact is best; one above is good with a small
# over-qualification cost; below falls off steeply.
LEVEL_FIT = {0: 1.0, 1: 0.85, 2: 0.65, -1: 0.3, -2: 0.05}
LEVEL_FIT_FAR_ABOVE = 0.5
LEVEL_FIT_FAR_BELOW = 0.0


def level_fit(steps: int) -> float:
    if steps in LEVEL_FIT:
        return LEVEL_FIT[steps]
    return LEVEL_FIT_FAR_ABOVE if steps > 0 else LEVEL_FIT_FAR_BELOW


# Skill coverage: each asked skill adds its weight when the profile has it, times the trust in it.
SKILL_MUST_WEIGHT = 3.0
SKILL_NICE_WEIGHT = 1.0
SKILL_VERIFIED_TRUST = 1.0
SKILL_DECLARED_TRUST = 0.6

# Availability: hours offered / hours asked (capped at 1), blended with the start date.
AVAILABILITY_HOURS_SHARE = 0.7
AVAILABILITY_START_SHARE = 0.3
# Days the specialist's availability date falls after the need's start date -> fit.
START_LATE_BUCKETS = ((0, 1.0), (14, 0.7), (42, 0.4))
START_LATE_BEYOND = 0.1

# Rate: the specialist's lowest rate against the top of the budget (same currency).
RATE_OVER_BUCKETS = ((1.0, 1.0), (1.2, 0.6), (1.5, 0.3))  # rate_min <= budget_max * factor -> fit
RATE_OVER_BEYOND = 0.0
UNKNOWN = 0.5  # the profile lacks the data (no rate, other currency, no time zone): neither good nor bad

# Language: share of the asked languages spoken at this proficiency or better (2 = conversational).
LANGUAGE_MIN_PROFICIENCY = 2

# Time zone: hours outside the need's UTC window -> fit.
TIMEZONE_OUTSIDE_BUCKETS = ((0, 1.0), (2, 0.6), (4, 0.3))
TIMEZONE_OUTSIDE_BEYOND = 0.0

# Track record (matching learns a little): the candidate's number in [0, 1] from its customers'
# feedback, blending the share who found its level right or better with the quality mark (1-5).
# Only a record shown publicly counts (profiles.models.TRACK_RECORD_MIN feedbacks); without one the
# component is UNKNOWN, the middle: a newcomer is neither rewarded nor punished for having no
# customers yet, a good record lifts a little above it and a poor one lowers a little below it.
TRACK_RECORD_FIT_SHARE = 0.5
TRACK_RECORD_QUALITY_SHARE = 0.5


def track_record(*, feedback_count: int, fit_at: int, fit_above: int, quality_avg: float | None) -> float:
    """The candidate's track-record number, in [0, 1] (stored on the read model, not recomputed)."""
    at_or_above = (fit_at + fit_above) / feedback_count
    quality = UNKNOWN if quality_avg is None else (quality_avg - 1.0) / 4.0
    value = TRACK_RECORD_FIT_SHARE * at_or_above + TRACK_RECORD_QUALITY_SHARE * quality
    return min(1.0, max(0.0, value))


# How many of the best matches a run keeps per need.
TOP_N = 50
# How many candidates below them it keeps in reserve (matching.models.RunnerUp): a profile change
# that takes a member out of a shortlist promotes the first of them instead of ranking the need again.
RESERVE = 10


def total(components: dict[str, float]) -> float:
    """The weighted score of components given by name, summed in COMPONENTS order, as the SQL adds
    them (matching.terms): the same float either way."""
    return sum(WEIGHTS[name] * components[name] for name in COMPONENTS)
