"""The demo world, created through the same service functions people and moderators trigger.

`load()` (the `demo_data` command) configures the funnel, signs up the logins, plays twelve months
of applications through the vetting services at their own dates (`topfreelancer.clock`), lets the
accepted specialists write and publish their profiles, posts the customers' needs, ranks them,
invites, and plays the engagements' stories and history. Idempotent: a second load finds what the
first made and adds nothing (the needs are ranked again, for profiles published since).

This package sits above every app: it imports them all and none imports it
(`tests/test_app_direction.py`). Its tables (`demo.content`) are also the bench loader's.
"""

import time

from django.db import transaction

from topfreelancer import clock


def load(*, stdout) -> None:
    # Imported here: `demo` is an installed app, and its package loads before the models are ready.
    from accounts.models import User
    from profiles.models import Profile
    from vetting.selectors import funnel_stats_clear

    from . import funnel, market, people, profiles, reference
    from .content.people import OTHER_MODERATORS

    started = time.perf_counter()
    now = clock.now().replace(microsecond=0)

    def say(text: str) -> None:
        stdout.write(f"demo: {text} ({time.perf_counter() - started:.1f} s)")

    with transaction.atomic():
        specializations = reference.configure()
        logins = people.sign_up()
    say(f"{len(specializations)} specializations configured, {len(logins)} people signed up")
    staff = [User.objects.get(email=email) for email, _name in OTHER_MODERATORS]
    panel = funnel.Panel(logins["moderator@example.com"], staff)
    banks = funnel.question_banks(specializations.values())
    backend = specializations["backend-development"]
    played = funnel.play_history(specializations=specializations, panel=panel, banks=banks, now=now)
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
