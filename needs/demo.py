"""Demo needs: customers with open needs across specializations and levels, ranked, with invitations.

Runs after the vetting and profiles loaders (it ranks whatever profiles they listed). Idempotent:
needs are found by (customer, title); matching runs synchronously here, so it is the same on
SQLite with eager tasks and on the production stack.
"""

from datetime import timedelta

from django.utils import timezone

from accounts.demo import demo_user
from accounts.models import User
from matching.models import Invitation, Match
from matching.services import matching_run
from profiles.models import Profile
from vetting.models import Level, Skill, Specialization

from .models import Need

CUSTOMERS = [
    ("customer@example.com", "Chris Customer"),
    ("olga.customer@example.com", "Olga Orlova"),
    ("ivan.customer@example.com", "Ivan Petrov"),
]

# customer index, title, specialization, level, must-have, nice-to-have, hours, budget, state, description
NEEDS = [
    (
        0,
        "Own our payments backend",
        "backend-development",
        "senior",
        ["Python", "PostgreSQL"],
        ["HTTP APIs"],
        30,
        (2500, 4000),
        "open",
        "We process card payments for 40 online shops. We need someone who **owns** the backend: "
        "design, reviews, incidents.\n\n- Python, Django\n- PostgreSQL at ~1 TB\n- on-call one week in four",
    ),
    (
        0,
        "Carry our mobile releases",
        "mobile-development",
        "middle",
        ["Kotlin"],
        ["Swift", "Mobile releases"],
        20,
        (1800, 3000),
        "open",
        "A weekly release train for Android and iOS. Crash triage, store reviews, small features.",
    ),
    (
        0,
        "An editor for our whole blog",
        "editing",
        "senior",
        ["Editing"],
        ["Fact-checking", "Editorial style"],
        15,
        (1500, 2500),
        "open",
        "Two long reads a week on personal finance. You keep the voice, the facts and the deadlines.",
    ),
    (
        0,
        "Landing page copy refresh",
        "copywriting",
        "middle",
        ["Copywriting"],
        ["SEO writing"],
        10,
        (1200, 2000),
        "draft",
        "Our landing pages read like a manual. Make them read like a promise.",
    ),
    (
        1,
        "Design lead for a banking app",
        "ui-ux-design",
        "lead",
        ["User research", "Interaction design"],
        ["Figma"],
        30,
        (3500, 6000),
        "open",
        "Set the direction for a team of three designers; research with real customers every sprint.",
    ),
    (
        1,
        "Frontend for an internal dashboard",
        "frontend-development",
        "junior",
        ["JavaScript"],
        ["CSS"],
        20,
        (900, 1500),
        "open",
        "Tables, filters and charts over an existing API. Clear tasks, friendly reviews.",
    ),
    (
        1,
        "Accessibility audit follow-up",
        "frontend-development",
        "senior",
        ["Accessibility"],
        ["CSS"],
        10,
        (2500, 3500),
        "paused",
        "Fix what the audit found across 30 screens and teach the team how not to repeat it.",
    ),
    (
        2,
        "API integrations for logistics",
        "backend-development",
        "middle",
        ["HTTP APIs"],
        ["Python"],
        25,
        (1800, 2800),
        "open",
        "Connect carriers' APIs to our order system; retries, idempotency, monitoring.",
    ),
    (
        2,
        "Translator of product docs",
        "translation",
        "middle",
        [],
        [],
        10,
        (1000, 1800),
        "open",
        "English to Russian, developer documentation, about 20 pages a month.",
    ),
    (
        2,
        "Old campaign copy",
        "copywriting",
        "junior",
        ["Copywriting"],
        [],
        5,
        (800, 1200),
        "closed",
        "A finished seasonal campaign, kept for reference.",
    ),
]


def _skills(names: list[str]) -> list[Skill]:
    return list(Skill.objects.filter(name__in=names))


def load(*, stdout) -> None:
    customers = [demo_user(email, name, User.Role.CUSTOMER) for email, name in CUSTOMERS]
    specializations = {s.slug: s for s in Specialization.objects.all()}
    levels = {lvl.code: lvl for lvl in Level.objects.all()}
    today = timezone.localdate()
    needs = []
    for index, (who, title, slug, level, must, nice, hours, budget, state, description) in enumerate(NEEDS):
        spec = specializations.get(slug)
        if spec is None:
            continue
        need, created = Need.objects.get_or_create(
            customer=customers[who],
            title=title,
            defaults={
                "specialization": spec,
                "level": levels[level],
                "description": description,
                "hours_per_week": hours,
                "duration": Need.Duration.OPEN_ENDED if index % 2 else Need.Duration.LONG,
                "budget_min": budget[0],
                "budget_max": budget[1],
                "currency": "RUB",
                "languages": ["ru"] if index % 3 else ["ru", "en"],
                "utc_offset_min": 2 if index % 2 else None,
                "utc_offset_max": 5 if index % 2 else None,
                "start_date": today + timedelta(days=7 * (index % 4)),
                "state": state,
                "matching_state": Need.MatchingState.PENDING
                if state == Need.State.OPEN
                else Need.MatchingState.IDLE,
            },
        )
        if created:
            need.must_have_skills.set(_skills(must))
            need.nice_to_have_skills.set(_skills(nice))
        needs.append(need)

    # Ranked on every load (idempotent, a few ms each): profiles published since the last load count.
    open_needs = [need for need in needs if need.state == Need.State.OPEN]
    for need in open_needs:
        matching_run(need_id=need.pk)
    matches = Match.objects.filter(need__in=open_needs).count()
    invitations = _invitations(needs)
    stdout.write(
        f"needs: {len(needs)} demo needs, {len(open_needs)} open with {matches} matches, "
        f"{invitations} new invitations"
    )
    if not matches:
        stdout.write("needs: no listed profiles yet: the shortlists fill once profiles are published")


DEMO_SPECIALIST = "specialist@example.com"


def _invitations(needs: list[Need]) -> int:
    """Invitations in each state on the first ranked needs, and one for specialist@example.com."""
    now = timezone.now()
    states = [Invitation.State.ACCEPTED, Invitation.State.SENT, Invitation.State.DECLINED]
    created = 0
    for need in needs:
        if need.state != Need.State.OPEN:
            continue
        # The demo specialist is left out here: they get the open invitation below (with questions on
        # it in the matching demo), whatever the ranking of the day puts them at.
        ranked = need.matches.exclude(profile__user__email=DEMO_SPECIALIST).order_by("rank")
        top = list(ranked.select_related("profile")[: len(states)])
        for match, state in zip(top, states, strict=False):
            _, made = Invitation.objects.get_or_create(
                need=need,
                specialist_id=match.profile.user_id,
                defaults={
                    "message": f"Hello! Your profile fits **{need.title}** well. Would you join us?",
                    "state": state,
                    "responded_at": None if state == Invitation.State.SENT else now,
                },
            )
            created += made
    specialist = Profile.objects.filter(user__email=DEMO_SPECIALIST).first()
    backend = next(
        (n for n in needs if n.specialization_id == getattr(specialist, "specialization_id", None)), None
    )
    if specialist and backend and backend.state == Need.State.OPEN:
        _, made = Invitation.objects.get_or_create(
            need=backend,
            specialist_id=specialist.user_id,
            defaults={"message": "We read your profile: would you own our payments backend with us?"},
        )
        created += made
    return created
