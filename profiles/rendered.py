"""Rendered catalogue cards and public profile pages, cached per language and profile version.

Rendering is most of a catalogue page (20 cards) and of a profile page; what they show changes only
when the profile (or its owner's name, or a name in the reference data, or the exchange rates in
force) changes. So each rendering is cached under a key made of exactly what it shows:

- the profile's version: `updated_at` (every service that changes a profile or its children saves
  it), its rate in US cents (moved by new exchange rates without an edit) and its owner's name;
- the page's language (translations, the viewer's currency);
- the viewer's kind: whether the naming rule reveals the full name to this viewer (one bit, never
  who the viewer is), and for a card the stages the vetting verified;
- the generation of the reference data (specializations, levels, skills: renamed in admin) and the
  exchange rates in force today.

A change makes a new key, so nothing is invalidated by time; RENDER_TIMEOUT only bounds how long an
unused rendering occupies the cache. Nothing personal is cached: the owner's own page (with its
"only you see this" note) and anything behind a login are never stored, and pages for a viewer who
sees the full name are stored apart from those for viewers who do not.
"""

import hashlib
import time

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from .money import rate_table
from .selectors import with_card_skills

RENDER_TIMEOUT = 24 * 3600  # bounds memory, not staleness: the key changes with what is shown
GENERATION_KEY = "profiles:render-generation"
LISTING_GENERATION_KEY = "profiles:listing-generation"


def generation() -> int:
    """The reference data's generation: a new value whenever a specialization, level, skill or
    exchange rate is saved or deleted (bump_generation, connected in profiles.apps)."""
    return _generation(GENERATION_KEY)


def _generation(key: str) -> int:
    value = cache.get(key)
    if value is None:  # first use, or evicted: a new generation makes every old key unreachable
        value = time.time_ns()
        cache.add(key, value, None)
        value = cache.get(key, value)
    return value


def bump_generation(**kwargs) -> None:
    cache.set(GENERATION_KEY, time.time_ns(), None)


def _rates_in_force() -> tuple:
    """The exchange rates in force today (cached table, no query): a rate dated ahead that comes
    into force changes the shown conversions without any save."""
    today = timezone.localdate()
    return tuple(
        (currency, next((units for valid_from, units in rates if valid_from <= today), None))
        for currency, rates in sorted(rate_table().items())
    )


def context_stamp() -> str:
    """What every rendering of this request shares: language, reference generation, rates."""
    return f"{get_language()}|{generation()}|{_rates_in_force()}"


def _key(kind: str, *parts) -> str:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:32]
    return f"profiles:{kind}:{digest}"


def card_key(profile, *, stamp: str) -> str:
    """The key of a catalogue card: the profile's version, its owner's name, the verified stages
    (with_card_extras), its qualifications as shown and whether the viewer sees the full name."""
    user = profile.user
    return _key(
        "card",
        stamp,
        profile.pk,
        profile.updated_at.isoformat(),
        profile.rate_min_base_cents,
        user.full_name,
        getattr(profile, "name_revealed", False),
        ",".join(getattr(profile, "verified", ())),
        # The qualifications in the order the card shows them (the one a filter listed it under first).
        ",".join(f"{q.specialization_id}:{q.level_id}" for q in profile.shown_qualifications),
    )


def attach_cards(profiles: list, *, stamp: str | None = None) -> list:
    """Give each profile its `card_key` and, when the cache holds it, its `card_html` (one round
    trip for the page); the others get their skills (one query) and profiles.templatetags.cards
    renders and stores them. The profiles come without their skills (with_card_data(skills=False))."""
    stamp = stamp or context_stamp()
    for profile in profiles:
        profile.card_key = card_key(profile, stamp=stamp)
    found = cache.get_many([profile.card_key for profile in profiles]) if profiles else {}
    for profile in profiles:
        profile.card_html = found.get(profile.card_key)
    with_card_skills([profile for profile in profiles if profile.card_html is None])
    return profiles


def page_key(stamp_row: dict, *, name_revealed: bool) -> str:
    """The key of a public profile page's body (profiles.selectors.profile_page_stamp)."""
    return _key("page", context_stamp(), *(stamp_row[k] for k in sorted(stamp_row)), name_revealed)


def filters_key(params, *, stamp: str | None = None) -> str:
    """The key of the catalogue's filter form as these (valid) parameters fill it: the form shows
    nothing but them and the reference data's choices in the page's language."""
    pairs = sorted((k, v) for k, values in params.lists() if k != "page" for v in values)
    return _key("filters", stamp or context_stamp(), pairs)


def listing_key(params, *, stamp: str | None = None) -> str:
    """The key of what a catalogue request lists (profiles.selectors.catalogue_listing): its whole query
    string, page and sort included, in this request's context and the profiles' listing generation."""
    pairs = sorted((k, v) for k, values in params.lists() for v in values)
    return _key("listing", stamp or context_stamp(), _generation(LISTING_GENERATION_KEY), pairs)


def bump_listing_generation(**kwargs) -> None:
    """A profile or a qualification was saved or deleted, or the rates in force moved the profiles'
    rates: every cached listing is out of date (a new profile is listed at once; the listings of a
    quiet catalogue live on). A listing another request makes from the rows before this change
    commits lives out its LISTING_TIMEOUT."""
    cache.set(LISTING_GENERATION_KEY, time.time_ns(), None)
