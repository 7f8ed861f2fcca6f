"""Every specialist the demo's vetting accepted writes a profile and publishes it, as on the edit page.

A few days after their acceptance (on the clock), each fills the edit page's form and formsets
(`profiles.forms.ProfileForm`, `edit_formsets`) with data as the browser would post it: a headline
and summary in their own language, availability, a rate in roubles or dollars, a time zone, two or
three more experience entries besides the ones typed at screening, more skills, the languages they
speak; the forms validate it, `profile_update` saves it and `profile_publish` lists the profile.
Seeded by the profile's id; a profile that already lists languages is left as it is.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from profiles.forms import ProfileForm, edit_formsets
from profiles.models import Profile, ProfileLanguage
from profiles.services import profile_publish, profile_update
from topfreelancer import clock

from .content import profiles as writing
from .content.people import DEMO_DOMAIN, LOGINS
from .reference import skill

# Only the demo's own people: never someone who signed up on a site where the demo was loaded.
DEMO_USERS = Q(user__email__endswith="@" + DEMO_DOMAIN) | Q(user__email__in=[email for email, *_ in LOGINS])


def _value(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value)


def _formset_data(formset, new_rows: list[dict], complete=lambda _initial: {}) -> dict:
    """What the browser posts for a formset: its existing rows (blanks filled by `complete`), then
    the new ones."""
    prefix = formset.prefix
    existing = formset.initial_forms
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(existing) + len(new_rows)),
        f"{prefix}-INITIAL_FORMS": str(len(existing)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, form in enumerate(existing):
        values = {name: form[name].value() for name in form.fields if name != "DELETE"}
        for name, value in complete(values).items():
            if values.get(name) in (None, ""):
                values[name] = value
        data.update({f"{prefix}-{index}-{name}": _value(value) for name, value in values.items()})
    for index, row in enumerate(new_rows, start=len(existing)):
        data.update({f"{prefix}-{index}-{name}": _value(value) for name, value in row.items()})
    return data


def _experience_rows(profile: Profile, language: str, rng: random.Random) -> list[dict]:
    """Two or three earlier jobs, back to back before the ones typed at screening."""
    first = profile.experiences.order_by("started_on").first()
    end = (first.started_on if first else clock.today()) - timedelta(days=rng.randint(15, 90))
    rows = []
    have = set(profile.experiences.values_list("organization", flat=True))
    entries = [
        e for e in writing.experiences(profile.specialization.slug, language, rng, 4) if e[0] not in have
    ]
    for org, role, task, process, team, size, contribution, outcome in entries[: rng.randint(2, 3)]:
        start = end - timedelta(days=30 * rng.randint(10, 30))
        rows.append(
            {
                "organization": org,
                "role": role,
                "started_on": start,
                "ended_on": end,
                "task": task,
                "process": process,
                "team": team,
                "team_size": size,
                "contribution": contribution,
                "outcome": outcome,
            }
        )
        end = start - timedelta(days=rng.randint(15, 90))
    return rows


def _complete(slug: str):
    """An entry typed at screening has the organization, role, start and what the task was; the
    specialist adds the process, the team, the contribution and the outcome (from the same entry)."""
    by_org = {entry[0]: entry for language in ("en", "ru") for entry in writing.EXPERIENCE[slug][language]}

    def complete(values: dict) -> dict:
        entry = by_org.get(values.get("organization"))
        if entry is None:
            return {"contribution": "Owned my part end to end.", "team_size": 5}
        _org, _role, task, process, team, size, contribution, outcome = entry
        return {"task": task, "process": process, "team": team, "team_size": size,
                "contribution": contribution, "outcome": outcome}  # fmt: skip

    return complete


def _fields(profile: Profile, language: str, rng: random.Random, skills: list[str]) -> dict:
    slug, code = profile.specialization.slug, profile.level.code
    base = writing.RATE_BY_LEVEL.get(code, 2000)
    if slug not in writing.TECHNICAL:
        base = int(base * 0.7)
    rate_min = base + rng.choice([0, 250, 500])
    dollars = rng.random() < (0.45 if language == "en" else 0.1)
    low, high = writing.YEARS_BY_LEVEL.get(code, (2, 8))
    years = profile.years_experience if low <= profile.years_experience <= high else rng.randint(low, high)
    return {
        "headline": writing.headline(slug, language, rng),
        "summary": writing.summary(slug, language, rng, skills),
        "years_experience": years,
        "hours_per_week": rng.choice([10, 20, 20, 30, 40]),
        "available_from": clock.today() + timedelta(days=rng.choice([0, 0, 7, 14, 30])),
        "rate_min": rate_min // writing.RUB_PER_USD if dollars else rate_min,
        "rate_max": (rate_min + 1500) // writing.RUB_PER_USD if dollars else rate_min + 1500,
        "currency": "USD" if dollars else "RUB",
        "utc_offset": rng.choice(writing.UTC_OFFSETS[language]),
        "open_to_ongoing": rng.random() < 0.85,
    }


def write_profile(profile: Profile) -> None:
    """Fill in the edit page of `profile` as its owner would, and publish it."""
    rng = random.Random(profile.pk)
    language = profile.user.language
    more = rng.sample(writing.MORE_SKILLS[profile.specialization.slug], 3)
    shown = [skill(name).name_ru if language == "ru" else name for name in more]
    form = ProfileForm(
        {name: _value(value) for name, value in _fields(profile, language, rng, shown).items()},
        instance=profile,
    )
    blank = edit_formsets(profile=profile)
    data = {
        **_formset_data(
            blank["experiences"],
            _experience_rows(profile, language, rng),
            complete=_complete(profile.specialization.slug),
        ),
        **_formset_data(blank["skills"], [{"skill": skill(name)} for name in more]),
        **_formset_data(
            blank["languages"],
            [{"language": c, "proficiency": p} for c, p in rng.choice(writing.LANGUAGE_SETS[language])],
        ),
        **_formset_data(blank["education"], []),
    }
    formsets = edit_formsets(data, profile=profile)
    if not form.is_valid() or not all(f.is_valid() for f in formsets.values()):
        errors = [form.errors, *(f.errors for f in formsets.values())]
        raise ValueError(f"the demo's profile {profile.pk} does not validate: {errors}")
    profile_update(profile=profile, fields=form.cleaned_data, children=formsets.values())
    profile_publish(profile_id=profile.pk)


def write_profiles(*, now) -> int:
    """Each accepted demo specialist without languages yet writes and publishes their profile,
    one to five days after the acceptance (today at the latest)."""
    todo = (
        Profile.objects.filter(DEMO_USERS, accepted_at__isnull=False, level__isnull=False)
        .exclude(Exists(ProfileLanguage.objects.filter(profile=OuterRef("pk"))))
        .select_related("user", "specialization", "level")
        .order_by("accepted_at", "pk")
    )
    count = 0
    for profile in todo:
        moment = min(profile.accepted_at + timedelta(days=random.Random(profile.pk).uniform(1, 5)), now)
        with transaction.atomic(), clock.at(moment):
            write_profile(profile)
        count += 1
    return count
