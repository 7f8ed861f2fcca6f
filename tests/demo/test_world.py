"""The whole demo, loaded once as `make run` loads it: a funnel with a ~90% drop-out made of real
transitions over twelve months, a catalogue of 100+ specialists across every specialization in
both languages, the moderators' queue, the customers' needs, invitations and engagements in every
state, and a validity report with a real relation. Loading twice creates nothing twice."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from accounts.models import OutboundEmail, User
from demo.content.people import DEMO_DOMAIN
from matching import validity
from matching.models import (
    Conversation,
    Engagement,
    Feedback,
    Interest,
    Invitation,
    Match,
    Message,
    NeedRanking,
)
from needs.models import Need
from profiles.models import Experience, Profile, ProfileSkill, TrackRecord
from topfreelancer import clock
from vetting.models import (
    Application,
    ApplicationStatus,
    AuditEntry,
    Claim,
    RubricAnchor,
    Specialization,
    StageResult,
    TestAttempt,
)
from vetting.selectors import funnel_stats, moderator_queue

pytestmark = pytest.mark.django_db
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.fixture
def world(tmp_media):  # noqa: ARG001 - the work samples write files
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    return out.getvalue()


def _counts():
    return tuple(
        model.objects.count()
        for model in (
            User,
            Application,
            AuditEntry,
            Profile,
            Need,
            Invitation,
            Engagement,
            Message,
            Feedback,
            Claim,
        )
    )


def test_the_demo_world(world, client):
    assert "demo-pass-2026" in world and "specialist@example.com" in world

    # The funnel: a year of real transitions, about nine in ten drop out.
    overall = funnel_stats()["overall"]
    assert overall["applied"] >= 1000
    assert 85 <= 100 - overall["acceptance_rate"] <= 93
    demo_apps = Application.objects.filter(applicant__email__endswith="@" + DEMO_DOMAIN)
    assert demo_apps.dates("created_at", "month").count() >= 12
    assert StageResult.objects.filter(decided_at__lt=clock.now() - timedelta(days=300)).exists()
    assert set(demo_apps.values_list("status", flat=True)) == set(ApplicationStatus.values)
    # ... each written by the services: an audit entry per move, no row made up by the demo
    accepted = demo_apps.filter(status=ApplicationStatus.ACCEPTED).first()
    actions = list(accepted.audit.order_by("created_at", "pk").values_list("action", flat=True))
    assert actions[0] == "create" and actions[-1] == "accept" and "review" in actions
    assert not AuditEntry.objects.filter(action__startswith="demo").exists()
    attempts = TestAttempt.objects.filter(submitted_at__isnull=False)
    assert attempts.exists() and not attempts.filter(question_ids=[]).exists()

    # The catalogue: 100+ listed specialists in every specialization, both languages and currencies.
    listed = Profile.objects.listed()
    assert listed.count() >= 100
    per_spec = dict(listed.values_list("specialization__slug").annotate(n=Count("pk")))
    assert set(per_spec) == set(Specialization.objects.values_list("slug", flat=True))
    assert min(per_spec.values()) >= 4
    headlines = list(listed.values_list("headline", flat=True))
    russian = sum(1 for h in headlines if CYRILLIC.search(h))
    assert 20 <= russian <= len(headlines) - 20
    assert set(listed.values_list("currency", flat=True)) == {"RUB", "USD"}
    assert set(listed.values_list("level__code", flat=True)) == {"junior", "middle", "senior", "lead"}
    assert listed.values("utc_offset").distinct().count() >= 6
    assert not listed.filter(languages__isnull=True).exists()
    assert not listed.annotate(n=Count("experiences")).filter(n__lt=3).exists()
    assert not Experience.objects.filter(profile__in=listed, contribution="").exists()
    assert ProfileSkill.objects.filter(profile__in=listed, verified=True).exists()
    page = client.get(reverse("profiles:catalogue"), HTTP_ACCEPT_LANGUAGE="ru")
    assert page.status_code == 200 and page.context["page"].count >= 100

    # The moderators' queue: late items, one disagreement, three taken by Pavel.
    rows = [
        row
        for section in moderator_queue(user=User.objects.get(email="moderator@example.com"))["sections"]
        for row in section["items"]
    ]
    assert sum(row["late"] for row in rows) >= 3
    assert sum(row["disagreement"] for row in rows) == 1
    taken = [row for row in rows if row["holder"] is not None]
    assert len(taken) == 3 and {row["holder"].full_name for row in taken} == {"Pavel Reviewer"}
    assert RubricAnchor.objects.filter(criterion__name_en="Quality of the result", score=5).exists()

    # The logins: Alex waits at the skill test, Sam is a listed Senior with an open invitation.
    alex = Application.objects.get(applicant__email="applicant@example.com")
    assert alex.is_open and alex.current_stage.kind == "skill_test"
    sam = Profile.objects.get(user__email="specialist@example.com")
    assert sam.is_published and sam.level.code == "senior"
    assert ProfileSkill.objects.filter(profile=sam, verified=True).exists()  # the test checked them
    open_invitation = Invitation.objects.get(specialist=sam.user, state="sent")
    assert Conversation.objects.filter(invitation=open_invitation, messages__isnull=False).exists()

    # Customers: needs in every state, ranked; invitations and engagements in every state.
    assert set(Need.objects.values_list("state", flat=True)) == {"open", "draft", "paused", "closed"}
    assert not Need.objects.open().exclude(ranking__state=NeedRanking.State.DONE).exists()
    assert Match.objects.filter(need__customer__email="customer@example.com").exists()
    assert set(Invitation.objects.values_list("state", flat=True)) == {"sent", "accepted", "declined"}
    assert set(Engagement.objects.values_list("state", flat=True)) == {"active", "paused", "ended"}
    assert Conversation.objects.filter(
        invitation__engagement__state="active", messages__isnull=False
    ).exists()
    chris = Feedback.objects.filter(author__email="customer@example.com")
    assert set(chris.values_list("side", flat=True)) == {"customer"}
    assert Feedback.objects.filter(side="specialist").exists()
    assert Interest.objects.exists()
    assert TrackRecord.objects.filter(feedback_count__gte=2).exists()
    skill = next(s for s in validity.stage_validity()["stages"] if s["kind"] == "skill_test")
    assert skill["quality"].rho > 0.3 and skill["quality"].low > 0  # a real relation
    flags = [
        item["flag"]
        for spec in Specialization.objects.all()
        for item in validity.item_analysis(specialization_id=spec.pk)
    ]
    assert "easy" in flags or "flat" in flags
    assert OutboundEmail.objects.filter(to="specialist@example.com").exists()  # the services' emails

    # Loading again finds everything and creates nothing.
    before = _counts()
    call_command("demo_data", stdout=io.StringIO())
    assert _counts() == before
