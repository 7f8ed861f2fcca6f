"""The demo's scenario, in the order the world came to be; see the package's docstring."""

import time

from django.conf import settings
from django.db import transaction
from django.test import override_settings

from accounts.models import User
from profiles.models import Profile
from topfreelancer import clock
from vetting.selectors import funnel_stats_clear

from . import funnel, market, people, profiles, reference
from .content.people import OTHER_MODERATORS


def load(*, stdout, applicants: int = funnel.APPLICANTS) -> None:
    """The whole demo; `applicants` sizes the year of the funnel (a small one for quick tests)."""
    with quiet():
        _load(stdout=stdout, applicants=applicants)


def _load(*, stdout, applicants: int) -> None:
    started = time.perf_counter()
    now = clock.now().replace(microsecond=0)

    def say(text: str) -> None:
        stdout.write(f"demo: {text} ({time.perf_counter() - started:.1f} s)\n")

    with transaction.atomic():
        specializations = reference.configure()
        logins = people.sign_up()
    say(f"{len(specializations)} specializations configured, {len(logins)} people ready")
    staff = [User.objects.get(email=email) for email, _name in OTHER_MODERATORS]
    panel = funnel.Panel(logins["moderator@example.com"], staff)
    banks = funnel.question_banks(specializations.values())
    backend = specializations["backend-development"]
    played = funnel.play_history(
        specializations=specializations, panel=panel, banks=banks, now=now, applicants=applicants
    )
    funnel.accepted_specialist(
        sam=logins["specialist@example.com"], spec=backend, panel=panel, banks=banks, now=now
    )
    funnel.applicant_at_skill_test(
        alex=logins["applicant@example.com"], spec=backend, maria=panel.maria, now=now
    )
    funnel.moderation_story(panel=panel, now=now)
    funnel_stats_clear()
    say(f"{played} applications over the last 12 months")
    written = profiles.write_profiles(now=now)
    say(f"{written} profiles written and published ({Profile.objects.listed().count()} listed)")
    needs = market.post_needs(now=now)
    invited = market.invite(needs, now=now)
    market.story(now=now)
    past = market.history(now=now)
    say(f"{len(needs)} needs posted and ranked, {invited} invitations, {past} past engagements")


def quiet():
    """The demo's emails are recorded in the outbox as the services write them, and marked sent, but
    go nowhere when tasks run in-process (`make run`): its console is not flooded with a year of
    notifications to addresses that do not exist. With a broker, the workers send them as usual."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    return override_settings()
