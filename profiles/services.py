from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from .models import Profile, ProfileSkill, Skill


@transaction.atomic
def profile_grant(
    *,
    user,
    specialization,
    level,
    verified_skills: Iterable[Skill] = (),
    years_experience: int | None = None,
    headline: str = "",
    summary: str = "",
) -> Profile:
    """Give an accepted applicant their profile (called by the vetting on acceptance).

    Creates the profile if missing (unpublished, pre-filled from the application), or updates the
    level and specialization of an existing one. Skills passed here are marked verified.
    Idempotent: granting the same thing twice changes nothing more.
    """
    profile, created = Profile.objects.select_for_update().get_or_create(
        user=user,
        defaults={
            "specialization": specialization,
            "level": level,
            "accepted_at": timezone.now(),
            "headline": headline[:160],
            "summary": summary,
            "years_experience": years_experience or 0,
        },
    )
    if not created:
        profile.specialization = specialization
        profile.level = level
        profile.accepted_at = profile.accepted_at or timezone.now()
        profile.save(update_fields=["specialization", "level", "accepted_at", "updated_at"])
    for skill in verified_skills:
        ProfileSkill.objects.update_or_create(profile=profile, skill=skill, defaults={"verified": True})
    return profile
