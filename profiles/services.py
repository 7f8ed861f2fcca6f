"""Every change to a profile. Each locks the profile row, rebuilds its search vector and, when
something the score reads changed, sends `profile_changed` in the same transaction (the matching
keeps its read model and the shortlists from it)."""

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from topfreelancer import clock
from topfreelancer.state import DomainError, check_move, lock
from vetting.models import Skill

from .models import (
    PUBLICATION_TRANSITIONS,
    ExchangeRate,
    Experience,
    Profile,
    ProfileEvent,
    ProfileLanguage,
    ProfileSkill,
    Qualification,
    TrackRecord,
)
from .money import base_cents
from .search import reindex
from .signals import exchange_rates_changed, profile_changed

# Fields the owner may change through profile_update. Level, specialization, acceptance and
# publication are not here: the vetting sets the first three, publish/hide the last.
EDITABLE_FIELDS = (
    "headline",
    "summary",
    "years_experience",
    "hours_per_week",
    "available_from",
    "rate_min",
    "rate_max",
    "currency",
    "utc_offset",
    "open_to_ongoing",
)
# What the matching score reads: a change to these rescored the affected needs.
MATCHED_FIELDS = (
    "level_id",
    "specialization_id",
    "hours_per_week",
    "available_from",
    "rate_min",
    "rate_max",
    "currency",
    "rate_min_base_cents",
)


def _rematch(profile: Profile) -> None:
    profile_changed.send(sender=Profile, profile=profile)


def _snapshot(profile: Profile) -> tuple:
    skills = frozenset(ProfileSkill.objects.filter(profile=profile).values_list("skill_id", "verified"))
    languages = frozenset(
        ProfileLanguage.objects.filter(profile=profile).values_list("language", "proficiency")
    )
    qualifications = frozenset(
        Qualification.objects.filter(profile=profile).values_list("specialization_id", "level_id")
    )
    return tuple(getattr(profile, name) for name in MATCHED_FIELDS) + (skills, languages, qualifications)


def _locked(profile_id: int) -> Profile:
    return lock(Profile(pk=profile_id), within=Profile.objects.select_related("user"))


@transaction.atomic
def profile_grant(
    *,
    user,
    specialization,
    level,
    application=None,
    verified_skills: Iterable[Skill] = (),
    years_experience: int | None = None,
    headline: str = "",
    summary: str = "",
) -> Profile:
    """Give an accepted applicant their qualification in `specialization` at `level` (called by the
    vetting on acceptance, `application` being the evidence).

    Creates the profile if missing (unpublished, pre-filled from the application). Adds the
    qualification of this specialization, or updates only that one: the others the person holds
    keep their levels. The profile's primary specialization and level (what the unfiltered
    catalogue sorts and badges by) follow the highest qualification. Skills passed here are marked
    verified. Locks the profile; idempotent: granting the same thing twice changes nothing more.
    """
    profile, created = Profile.objects.select_for_update(no_key=True).get_or_create(
        user=user,
        defaults={
            "specialization": specialization,
            "level": level,
            "accepted_at": clock.now(),
            "headline": headline[:160],
            "summary": summary,
            "years_experience": years_experience or 0,
        },
    )
    before = None if created else _snapshot(profile)
    _qualify(profile, specialization=specialization, level=level, application=application)
    for skill in verified_skills:
        ProfileSkill.objects.update_or_create(profile=profile, skill=skill, defaults={"verified": True})
    reindex([profile.pk])
    if created or before != _snapshot(profile):
        ProfileEvent.objects.create(
            profile=profile,
            kind=ProfileEvent.Kind.GRANT,
            detail={"specialization": specialization.pk, "level": getattr(level, "pk", None)},
        )
        _rematch(profile)
    return profile


def _qualify(profile: Profile, *, specialization, level, application) -> None:
    """Add or update the qualification of `specialization` on the locked profile, then make the
    profile's primary copy the highest qualification (the earliest granted on a tie)."""
    granted_at = (application.closed_at if application is not None else None) or clock.now()
    qualification = Qualification.objects.filter(profile=profile, specialization=specialization).first()
    if qualification is None:
        Qualification.objects.create(
            profile=profile,
            specialization=specialization,
            level=level,
            application=application,
            granted_at=granted_at,
        )
    elif qualification.level_id != level.pk or (
        application is not None and qualification.application_id != application.pk
    ):
        qualification.level = level
        qualification.application = application or qualification.application
        qualification.granted_at = granted_at
        qualification.save(update_fields=["level", "application", "granted_at"])
    primary = profile.qualifications.select_related("specialization", "level").first()  # Meta.ordering
    update = ["accepted_at"] if profile.accepted_at is None else []
    profile.accepted_at = profile.accepted_at or clock.now()
    if (primary.specialization_id, primary.level_id) != (profile.specialization_id, profile.level_id):
        profile.specialization, profile.level = primary.specialization, primary.level
        update += ["specialization", "level"]
    if update:
        profile.save(update_fields=[*update, "updated_at"])


def profile_grant_on_acceptance(*, application, verified_skills: Iterable[Skill] = ()) -> Profile:
    """The vetting accepted `application` (receiver of vetting.signals.application_accepted, in its
    transaction): grant the profile, pre-filled from the application, and turn the experience entries
    typed at screening into the profile's, so nobody types them twice.

    The entries are copied only into a profile that has none yet: idempotent, and a specialist's own
    edits are never overwritten. Screening asks for years, not dates: each entry starts on 1 January
    that many years before the acceptance and goes on; the specialist corrects the dates on the edit page.
    """
    profile = profile_grant(
        user=application.applicant,
        specialization=application.specialization,
        level=application.level,
        application=application,
        verified_skills=verified_skills,
        years_experience=application.years_experience,
        headline=application.headline,
        summary=application.summary,
    )
    if not profile.experiences.exists():
        accepted = timezone.localdate(application.closed_at or clock.now())
        Experience.objects.bulk_create(
            Experience(
                profile=profile,
                organization=entry.organization,
                role=entry.role,
                started_on=date(accepted.year - entry.years, 1, 1),
                task=entry.description,
                position=position,
            )
            for position, entry in enumerate(application.experiences.all())
        )
        reindex([profile.pk])
    return profile


def _grant_on_acceptance(*, application, verified_skills=(), **kwargs) -> None:
    profile_grant_on_acceptance(application=application, verified_skills=verified_skills)


def profile_update(
    *, profile: Profile, fields: dict, children: Iterable = (), form_token: UUID | None = None, actor=None
) -> Profile:
    """Save the owner's edits: the editable fields plus child formsets (experience, skills,
    languages, education), in one transaction on the locked row.

    Fields outside EDITABLE_FIELDS are ignored (a forged level stays what the vetting set).
    Rebuilds the search vector; rematches needs when the profile is published and a field the
    score reads, or its skills, changed. Idempotent per `form_token` (the edit form's one-time
    token): a second save of the same form, replayed or concurrent, changes nothing. An edit that
    changes something is audited (`ProfileEvent`, by `actor`, the owner unless said otherwise).
    """
    with transaction.atomic():
        locked = _locked(profile.pk)
        if form_token is not None and locked.edit_token == form_token:
            return locked
        before = _snapshot(locked)
        changed = [
            name for name in EDITABLE_FIELDS if name in fields and fields[name] != getattr(locked, name)
        ]
        locked.edit_token = form_token
        for name in EDITABLE_FIELDS:
            if name in fields:
                setattr(locked, name, fields[name])
        locked.last_active_at = clock.now()
        # The row's check constraints are the database's (it refuses a violating save) and the
        # form's, on these same values; validating them here again would cost a query each.
        locked.full_clean(exclude=["user", "specialization", "level"], validate_constraints=False)
        locked.save()
        for formset in children:
            formset.instance = locked
            if formset.has_changed():
                changed.append(formset.prefix)
            formset.save()
        if changed:
            ProfileEvent.objects.create(
                profile=locked,
                kind=ProfileEvent.Kind.EDIT,
                actor=actor or locked.user,
                detail={"changed": changed},
            )
        reindex([locked.pk])
        if locked.is_published and before != _snapshot(locked):
            _rematch(locked)
    return locked


def publication_problems(profile: Profile) -> list[str]:
    """Why the profile cannot be published yet (empty when it can)."""
    problems = []
    if not profile.accepted_at or not profile.level_id:
        problems.append(_("The vetting has not accepted you yet."))
    if not profile.headline.strip():
        problems.append(_("Write a headline."))
    if not profile.summary.strip():
        problems.append(_("Write a summary."))
    if not profile.experiences.exists():
        problems.append(_("Add at least one experience entry."))
    return problems


def _set_published(*, profile_id: int, target: bool, actor) -> Profile:
    with transaction.atomic():
        profile = _locked(profile_id)
        if profile.is_published == target:
            return profile  # already there: idempotent
        check_move(PUBLICATION_TRANSITIONS, profile.is_published, target)
        if target:
            problems = publication_problems(profile)
            if problems:
                raise DomainError(problems)
        profile.is_published = target
        profile.last_active_at = clock.now()
        profile.save(update_fields=["is_published", "last_active_at", "updated_at"])
        ProfileEvent.objects.create(
            profile=profile,
            kind=ProfileEvent.Kind.PUBLISH if target else ProfileEvent.Kind.HIDE,
            actor=actor or profile.user,
        )
        _rematch(profile)
    return profile


def profile_publish(*, profile_id: int, actor=None) -> Profile:
    """List the profile in the catalogue. Refused (DomainError) until it is vetted and filled in.
    `actor` is the owner unless said otherwise."""
    return _set_published(profile_id=profile_id, target=True, actor=actor)


def profile_hide(*, profile_id: int, actor=None) -> Profile:
    """Take the profile out of the catalogue and of future matches."""
    return _set_published(profile_id=profile_id, target=False, actor=actor)


def track_record_update(*, profile_id: int, **counts) -> TrackRecord:
    """Store a specialist's aggregated outcomes (computed by matching from its engagements).

    Locks the profile; the score reads the record, so `profile_changed` is sent in the same
    transaction. Idempotent: the whole aggregate is written each time, never incremented.
    """
    unknown = set(counts) - {f.name for f in TrackRecord._meta.concrete_fields} - {"profile_id"}
    if unknown:
        raise ValueError(f"not track-record fields: {sorted(unknown)}")
    with transaction.atomic():
        profile = _locked(profile_id)
        record, _created = TrackRecord.objects.update_or_create(profile_id=profile_id, defaults=counts)
        _rematch(profile)
    return record


APPLY_BATCH = 500


def exchange_rates_apply(*, edited: bool = False) -> int:
    """Recompute every profile's normalized rate (`rate_min_base_cents`) by the exchange rates in
    force today, after the rates changed: the admin calls it on every save or delete (`edited`),
    `manage.py apply_exchange_rates` daily picks up rates dated ahead. Each batch locks its profile
    rows in id order; a profile whose amount changed is saved and sent as `profile_changed`, so its
    matches are rescored. When anything moved (an edit, a changed profile, a rate in force from
    today) `exchange_rates_changed` is sent, so budgets in other currencies are compared anew.
    Idempotent: returns how many profiles changed (0 on a second run)."""
    changed = 0
    ids = list(Profile.objects.exclude(rate_min=None).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), APPLY_BATCH):
        with transaction.atomic():
            batch = Profile.objects.select_for_update(no_key=True).filter(
                pk__in=ids[start : start + APPLY_BATCH]
            )
            for profile in batch.order_by("pk"):
                if base_cents(profile.rate_min, profile.currency) == profile.rate_min_base_cents:
                    continue
                profile.save(update_fields=["rate_min_base_cents"])
                _rematch(profile)
                changed += 1
    if edited or changed or ExchangeRate.objects.filter(valid_from=clock.today()).exists():
        with transaction.atomic():
            exchange_rates_changed.send(sender=ExchangeRate)
    return changed
