"""Keeping the read model (matching.models.Candidate) equal to the listed profiles.

`candidates_sync` runs inside the transaction of a profile change (profiles sends
`profile_changed`; matching.apps connects it here), so the read model never lags a committed
profile: a row's `version` is bumped when its inputs change and the change is applied to the
shortlists after commit (matching.services.updates). `candidates_load` is the bulk path for
loaders that write profiles without the services (the bench loader).
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from profiles.models import (
    TRACK_RECORD_MIN,
    Profile,
    ProfileLanguage,
    ProfileSkill,
    Qualification,
    TrackRecord,
)
from topfreelancer import clock

from . import scoring
from .models import Candidate

# The inputs compared to decide whether a row changed (and its version is bumped).
INPUTS = (
    "listed",
    "level_id",
    "hours_per_week",
    "available_from",
    "rate_min",
    "rate_max",
    "currency",
    "rate_min_base_cents",
    "utc_offset",
    "skills",
    "verified_skills",
    "languages",
    "track_record",
)


def _inputs(profile_ids: list[int]) -> dict[tuple[int, int], dict]:
    """(specialization_id, profile_id) -> the score's inputs, for the listed ones among these
    profiles: one per qualification, with that qualification's level."""
    listed = list(
        Profile.objects.listed()
        .filter(pk__in=profile_ids)
        .values(
            "pk",
            "hours_per_week",
            "available_from",
            "rate_min",
            "rate_max",
            "currency",
            "rate_min_base_cents",
            "utc_offset",
        )
    )
    ids = [row["pk"] for row in listed]
    qualifications = defaultdict(list)
    held = Qualification.objects.filter(profile_id__in=ids)
    for profile_id, specialization_id, level_id in held.values_list(
        "profile_id", "specialization_id", "level_id"
    ):
        qualifications[profile_id].append((specialization_id, level_id))
    skills, verified, languages = defaultdict(list), defaultdict(list), defaultdict(list)
    for profile_id, skill_id, is_verified in ProfileSkill.objects.filter(profile_id__in=ids).values_list(
        "profile_id", "skill_id", "verified"
    ):
        skills[profile_id].append(skill_id)
        if is_verified:
            verified[profile_id].append(skill_id)
    for profile_id, language in ProfileLanguage.objects.filter(
        profile_id__in=ids, proficiency__gte=scoring.LANGUAGE_MIN_PROFICIENCY
    ).values_list("profile_id", "language"):
        languages[profile_id].append(language)
    # Only a record shown publicly counts (fewer feedbacks would let a reader identify the customers).
    shown = TrackRecord.objects.filter(profile_id__in=ids, feedback_count__gte=TRACK_RECORD_MIN)
    records = {
        row.pop("profile_id"): scoring.track_record(**row)
        for row in shown.values("profile_id", "feedback_count", "fit_at", "fit_above", "quality_avg")
    }
    result = {}
    for row in listed:
        pk = row.pop("pk")
        shared = {
            **row,
            "listed": True,
            "skills": sorted(set(skills[pk])),
            "verified_skills": sorted(set(verified[pk])),
            "languages": sorted(set(languages[pk])),
            "track_record": records.get(pk),
        }
        for specialization_id, level_id in qualifications[pk]:
            result[(specialization_id, pk)] = {
                **shared,
                "specialization_id": specialization_id,
                "level_id": level_id,
            }
    return result


@transaction.atomic
def candidates_sync(*, profile_ids: Iterable[int]) -> list[int]:
    """Make the read model rows of these profiles equal to the profiles. Call inside the change's
    transaction. Rows whose inputs changed get a new version; a profile that stopped being listed
    (or no longer holds a specialization) keeps that row unlisted, so the shortlists it is in learn of it.
    Returns the ids of the profiles whose rows changed. Idempotent."""
    profile_ids = sorted(set(profile_ids))
    if not profile_ids:
        return []
    fresh = _inputs(profile_ids)
    now = clock.now()
    changed: set[int] = set()
    existing = {
        (row.specialization_id, row.profile_id): row
        for row in Candidate.objects.select_for_update(no_key=True).filter(profile_id__in=profile_ids)
    }
    for key, row in existing.items():
        inputs = fresh.get(key)
        if inputs is None:
            if not row.listed:
                continue
            inputs = {"listed": False}
        if all(getattr(row, name) == inputs[name] for name in inputs):
            continue
        for name, value in inputs.items():
            setattr(row, name, value)
        row.version = F("version") + 1
        row.changed_at = now
        row.save()
        changed.add(key[1])
    new = [
        Candidate(profile_id=pk, changed_at=now, **inputs)
        for (_spec, pk), inputs in fresh.items()
        if (_spec, pk) not in existing
    ]
    Candidate.objects.bulk_create(new)
    changed.update(c.profile_id for c in new)
    return sorted(changed)


def candidates_load(*, profile_ids: list[int]) -> int:
    """The bulk path, for loaders that write profiles without the services (the bench loader): sync
    these profiles' rows and mark them applied, since no shortlist was computed from them yet.
    Call in the transaction that wrote them, a few thousand profiles at a time."""
    changed = candidates_sync(profile_ids=profile_ids)
    Candidate.objects.filter(profile_id__in=changed).update(applied_version=F("version"))
    return len(changed)
