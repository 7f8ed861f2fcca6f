"""Stored XSS in every user text field renders inert, on every page and in the admin (ASVS 1.3.1).

Each field gets its own marker followed by the same attack, written straight to the database
(as if a form had let it through), with the HTML that a save renders from Markdown stored beside
it. Every page of every role is then scanned for anything that would run: inline <script>, on*=
handlers, javascript: URLs. Each marker must show up on at least one page, so a field that is
rendered nowhere is noticed instead of passing silently.
"""

from datetime import date

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.models import User
from matching.models import Invitation
from matching.services.conversations import conversation_for, message_post
from needs.models import Need
from profiles.models import Education, Experience, Profile
from topfreelancer.markup import rerender
from vetting.models import Application, Review, ScreeningExperience, StageResult, WorkSubmission

from .inline import inline_code
from .test_no_inline_code import pages_for
from .world import ROLES, build_world

pytestmark = pytest.mark.django_db

ATTACK = (
    "<script>alert(1)</script><img src=x onerror=alert(1)>"
    '<a href="javascript:alert(1)">x</a>"\'><svg onload=alert(1)>'
)


def payload(marker: str) -> str:
    return f"XSS{marker}X {ATTACK}"


def plant(world) -> dict[str, str]:
    """Write the attack into every user text field; return {field: marker}."""
    markers = {}

    def put(label, queryset, **fields):
        for name in fields:
            marker = f"{label}{name}".replace("_", "")
            markers[f"{label}.{name}"] = marker
            fields[name] = payload(marker)[: fields[name]] if fields[name] else payload(marker)
        queryset.update(**fields)
        rerender(queryset)  # the stored HTML, as a save through a form would have written it

    for role, user in world.users.items():
        put(f"user{role}", User.objects.filter(pk=user.pk), full_name=150)
    put("profile", Profile.objects.filter(pk=world.profile.pk), headline=160, summary=0)
    Experience.objects.create(
        profile=world.profile,
        organization="o",
        started_on=date(2020, 1, 1),
        task="t",
        role="r",
        contribution="c",
    )
    put(
        "experience",
        Experience.objects.filter(profile=world.profile),
        organization=160,
        task=0,
        process=0,
        team=200,
        role=120,
        contribution=0,
        outcome=0,
    )
    Education.objects.create(profile=world.profile, institution="i")
    put("education", Education.objects.filter(profile=world.profile), institution=200, degree=200)
    put("need", Need.objects.filter(pk=world.need_a.pk), title=200, description=0)
    put("invitation", Invitation.objects.filter(pk=world.invitation.pk), message=0)
    for key in ("app_work_sample", "app_interview", "app_skill_test"):
        put(key, Application.objects.filter(pk=getattr(world, key).pk), headline=160, summary=0)
        marker = f"{key}answers".replace("_", "")
        markers[f"{key}.answers"] = marker
        Application.objects.filter(pk=getattr(world, key).pk).update(answers={"1": payload(marker)})
        put(
            f"{key}exp",
            ScreeningExperience.objects.filter(application=getattr(world, key)),
            organization=160,
            role=120,
            description=0,
        )
    put("submission", WorkSubmission.objects.filter(pk=world.submission.pk), text=0, original_name=200)
    put("review", Review.objects.filter(application=world.app_interview), private_note=0)
    markers["message.body"] = "messagebody"
    message_post(
        conversation=conversation_for(invitation=world.engagement.invitation),
        author=world.users["specialist"],
        body=payload("messagebody"),
    )
    put("rejection", StageResult.objects.filter(application=world.app_rejected, outcome="failed"), reason=0)
    return markers


def admin_pages(world):
    return [
        reverse("admin:vetting_application_change", args=[world.app_work_sample.pk]),
        reverse("admin:vetting_application_change", args=[world.app_interview.pk]),
        reverse("admin:vetting_application_change", args=[world.app_rejected.pk]),
        reverse("admin:vetting_application_change", args=[world.app_skill_test.pk]),
        reverse("admin:index"),  # the moderator's queue
        reverse("admin:vetting_application_stats"),
        reverse("admin:vetting_application_changelist"),
        reverse("admin:vetting_application_changelist") + "?status__exact=open",
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[world.users["specialist"].pk]),
        *_optional_admin(world),
    ]


def _optional_admin(world):
    """Admin pages of the other apps, when they register their models."""
    registered = {model._meta.label for model in admin.site._registry}
    pages = []
    if "needs.Need" in registered:
        pages += [
            reverse("admin:needs_need_changelist"),
            reverse("admin:needs_need_change", args=[world.need_a.pk]),
        ]
    if "matching.Invitation" in registered:
        pages += [
            reverse("admin:matching_invitation_changelist"),
            reverse("admin:matching_invitation_change", args=[world.invitation.pk]),
        ]
    if "matching.Engagement" in registered:
        pages += [
            reverse("admin:matching_engagement_changelist"),
            reverse("admin:matching_engagement_change", args=[world.engagement.pk]),
        ]
    if "matching.Match" in registered:
        pages += [reverse("admin:matching_match_changelist")]
    if "profiles.Profile" in registered:
        pages += [reverse("admin:profiles_profile_change", args=[world.profile.pk])]
    return pages


@pytest.mark.usefixtures("tmp_media")
def test_stored_xss_in_every_text_field_renders_inert(client):
    world = build_world()
    markers = plant(world)
    seen: set[str] = set()
    live = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        urls = list(pages_for(world, role))
        if role in {"moderator", "superuser"}:
            urls += admin_pages(world)
        for url in urls:
            response = client.get(url, follow=True)
            assert response.status_code < 500, (role, url, response.status_code)
            if response.status_code != 200:
                continue  # an admin page this moderator has no permission for
            if "html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            if found := inline_code(html):
                live[f"{role} {url}"] = sorted(set(found))
            seen |= {field for field, marker in markers.items() if marker in html}
    assert not live, f"live script on pages: {live}"
    not_shown = sorted(set(markers) - seen - NOT_SHOWN_ANYWHERE)
    assert not not_shown, f"these fields are rendered on no page scanned (add the page): {not_shown}"


# Fields no page shows (so far), with the reason.
NOT_SHOWN_ANYWHERE = {
    "useranonymous.full_name",  # no such user
}
