"""The whole demo tells the story of this part: engagements in every state, conversations before and
after acceptance, feedback from both sides, a shown track record, and a validity page with a real
relation and a flagged question. Loading twice creates nothing twice."""

import io

import pytest
from django.core.management import call_command

from matching import validity
from matching.models import Conversation, Engagement, Feedback, Interest, Message
from profiles.models import TrackRecord
from vetting.models import Specialization

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("tmp_media")
def test_the_demo_story_and_idempotence():
    call_command("demo_data", stdout=io.StringIO())
    assert set(Engagement.objects.values_list("state", flat=True)) == {"active", "paused", "ended"}
    assert Conversation.objects.filter(invitation__state="sent", messages__isnull=False).exists()
    assert Conversation.objects.filter(
        invitation__engagement__state="active", messages__isnull=False
    ).exists()
    assert set(
        Feedback.objects.filter(author__email="customer@example.com").values_list("side", flat=True)
    ) == {"customer"}
    assert Feedback.objects.filter(side="specialist").exists()
    assert Interest.objects.exists()
    assert TrackRecord.objects.filter(feedback_count__gte=3).exists()
    skill = next(s for s in validity.stage_validity()["stages"] if s["kind"] == "skill_test")
    assert skill["quality"].rho > 0.3 and skill["quality"].low > 0  # a real relation
    flags = [
        item["flag"]
        for spec in Specialization.objects.all()
        for item in validity.item_analysis(specialization_id=spec.pk)
    ]
    assert "easy" in flags or "flat" in flags
    counts = (Engagement.objects.count(), Message.objects.count(), Feedback.objects.count())
    call_command("demo_data", stdout=io.StringIO())
    assert (Engagement.objects.count(), Message.objects.count(), Feedback.objects.count()) == counts
