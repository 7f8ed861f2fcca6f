"""Outcomes: weekly check-ins, both sides' feedback (final after 14 days), flags, the track record."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import OutboundEmail
from matching.models import CheckIn, EngagementEvent, Feedback
from matching.services import engagement_end
from matching.services.outcomes import checkin_answer, checkins_open, feedback_flag, feedback_submit
from profiles.models import TrackRecord
from tests.factories import CustomerFactory, ProfileFactory
from tests.matching.factories import InvitationFactory, engagement_for

pytestmark = pytest.mark.django_db

CUSTOMER = {"level_fit": "at", "quality": 4, "communication": 5, "would_hire_again": True, "comment": "Great"}
SPECIALIST = {"need_clarity": 3, "responsiveness": 4, "comment": ""}


def ended(**kwargs):
    engagement = engagement_for(**kwargs)
    engagement_end(engagement=engagement, actor=engagement.need.customer)
    return engagement


def test_weekly_checkins_once_per_week_for_active_engagements_only(django_capture_on_commit_callbacks):
    now = timezone.now()
    old = engagement_for()
    old.__class__.objects.filter(pk=old.pk).update(started_at=now - timedelta(days=10))
    young = engagement_for()  # started today: not asked yet
    stopped = ended()
    stopped.__class__.objects.filter(pk=stopped.pk).update(started_at=now - timedelta(days=30))
    OutboundEmail.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert checkins_open(now=now) == 1
    assert checkins_open(now=now) == 0  # idempotent within the week
    checkin = CheckIn.objects.get()
    assert checkin.engagement == old and checkin.week.weekday() == 0
    assert OutboundEmail.objects.get().to == old.need.customer.email
    assert not young.checkins.exists() and not stopped.checkins.exists()
    assert checkins_open(now=now + timedelta(days=8)) == 2  # next week, the young one too


def test_checkin_one_click_by_the_customer_only(client):
    engagement = engagement_for()
    engagement.__class__.objects.filter(pk=engagement.pk).update(
        started_at=timezone.now() - timedelta(days=8)
    )
    checkins_open()
    checkin = CheckIn.objects.get()
    client.force_login(engagement.specialist)
    assert client.post(reverse("matching:checkin_answer", args=[checkin.pk, "below"])).status_code == 404
    client.force_login(engagement.need.customer)
    page = client.get(reverse("matching:engagement", args=[engagement.pk])).content.decode()
    assert reverse("matching:checkin_answer", args=[checkin.pk, "above"]) in page
    response = client.post(reverse("matching:checkin_answer", args=[checkin.pk, "above"]))
    assert response.status_code == 302
    checkin.refresh_from_db()
    assert checkin.answer == "above" and checkin.answered_at
    response = client.post(reverse("matching:checkin_answer", args=[checkin.pk, "sideways"]), follow=True)
    assert response.status_code == 200
    checkin.refresh_from_db()
    assert checkin.answer == "above"
    with pytest.raises(ValidationError):
        checkin_answer(checkin=checkin, customer=engagement.need.customer, answer="")


def test_feedback_only_after_the_end_and_of_ones_own_side():
    engagement = engagement_for()
    with pytest.raises(ValidationError):
        feedback_submit(engagement=engagement, author=engagement.need.customer, fields=CUSTOMER)
    engagement_end(engagement=engagement, actor=engagement.specialist)
    with pytest.raises(ValidationError):
        feedback_submit(engagement=engagement, author=CustomerFactory(), fields=CUSTOMER)
    mine = feedback_submit(engagement=engagement, author=engagement.need.customer, fields=CUSTOMER)
    theirs = feedback_submit(
        engagement=engagement, author=engagement.specialist, fields={**CUSTOMER, **SPECIALIST}
    )
    assert (mine.side, mine.level_fit, mine.quality, mine.need_clarity) == ("customer", "at", 4, None)
    # the specialist's form cannot set the customer's questions
    assert (theirs.side, theirs.level_fit, theirs.quality, theirs.need_clarity) == ("specialist", "", None, 3)


def test_feedback_changes_for_14_days_then_is_final():
    engagement = ended()
    customer = engagement.need.customer
    start = timezone.now()
    feedback_submit(engagement=engagement, author=customer, fields=CUSTOMER, now=start)
    feedback_submit(
        engagement=engagement,
        author=customer,
        fields={**CUSTOMER, "level_fit": "below"},
        now=start + timedelta(days=13),
    )
    assert Feedback.objects.get().level_fit == "below"
    with pytest.raises(ValidationError, match="final"):
        feedback_submit(
            engagement=engagement, author=customer, fields=CUSTOMER, now=start + timedelta(days=14)
        )
    assert Feedback.objects.count() == 1


def test_the_database_refuses_a_mixed_or_out_of_range_feedback():
    engagement = ended()
    feedback = feedback_submit(engagement=engagement, author=engagement.need.customer, fields=CUSTOMER)
    for change in ({"quality": 6}, {"need_clarity": 3}, {"level_fit": ""}, {"side": "specialist"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Feedback.objects.filter(pk=feedback.pk).update(**change)


def test_feedback_pages_and_flagging(client):
    engagement = ended()
    customer, specialist = engagement.need.customer, engagement.specialist
    url = reverse("matching:feedback", args=[engagement.pk])
    client.force_login(customer)
    page = client.get(url).content.decode()
    assert "excellent: better than asked" in page and "Below the need&#x27;s level" in page
    assert client.post(url, {"level_fit": "at", "quality": "9"}).status_code == 400
    response = client.post(
        url, {"level_fit": "above", "quality": "5", "communication": "4", "would_hire_again": "yes"}
    )
    assert response.status_code == 302
    client.force_login(specialist)
    page = client.get(url).content.decode()
    assert "Clarity of the need" in page and "Quality of the work" not in page
    # the customer's feedback stays hidden until the specialist has given theirs
    detail = reverse("matching:engagement", args=[engagement.pk])
    assert "Their feedback" not in client.get(detail).content.decode()
    client.post(url, {"need_clarity": "2", "responsiveness": "5"})
    page = client.get(detail).content.decode()
    assert "Their feedback" in page and "Above the need" in page
    customer_feedback = Feedback.objects.get(side="customer")
    flag_url = reverse("matching:feedback_flag", args=[customer_feedback.pk])
    client.post(flag_url, {"reason": ""})
    customer_feedback.refresh_from_db()
    assert customer_feedback.flagged_at is None
    client.post(flag_url, {"reason": "I was never told the level"})
    customer_feedback.refresh_from_db()
    assert customer_feedback.flagged_at and customer_feedback.flag_reason == "I was never told the level"
    assert EngagementEvent.objects.filter(kind="flag", actor=specialist).count() == 1
    client.force_login(CustomerFactory())
    assert client.post(flag_url, {"reason": "x"}).status_code == 404
    assert client.get(url).status_code == 404
    with pytest.raises(Feedback.DoesNotExist):
        feedback_flag(feedback=customer_feedback, actor=CustomerFactory(), reason="x")


def test_track_record_shows_from_the_third_feedback(client):
    profile = ProfileFactory(is_published=True)
    answers = [
        {**CUSTOMER, "level_fit": "at", "quality": 4, "communication": 5, "would_hire_again": True},
        {**CUSTOMER, "level_fit": "below", "quality": 2, "communication": 3, "would_hire_again": False},
        {**CUSTOMER, "level_fit": "above", "quality": 5, "communication": 4, "would_hire_again": True},
    ]
    url = reverse("profiles:detail", args=[profile.pk])
    for n, answer in enumerate(answers, start=1):
        engagement = ended(
            invitation=InvitationFactory(need__specialization=profile.specialization, specialist=profile.user)
        )
        feedback_submit(engagement=engagement, author=engagement.need.customer, fields=answer)
        shown = "Track record" in client.get(url).content.decode()
        assert shown == (n == 3), n
    ended(invitation=InvitationFactory(need__specialization=profile.specialization, specialist=profile.user))
    record = TrackRecord.objects.get(profile=profile)
    # by hand: 4 ended, 3 feedbacks; quality (4+2+5)/3, communication (5+3+4)/3; 2 of 3 at or above
    assert (record.completed, record.feedback_count, record.hire_again) == (4, 3, 2)
    assert record.quality_avg == pytest.approx(11 / 3) and record.communication_avg == pytest.approx(4.0)
    assert (record.fit_below, record.fit_at, record.fit_above, record.level_fit_percent) == (1, 1, 1, 67)
    page = client.get(url).content.decode()
    assert "67%" in page and "3.7 / 5" in page and "Completed engagements" in page


def test_the_anchored_scales_follow_the_language(client):
    engagement = ended()
    client.force_login(engagement.need.customer)
    page = client.get(reverse("matching:feedback", args=[engagement.pk]), headers={"accept-language": "ru"})
    assert "5 · отлично: лучше, чем просили" in page.content.decode()
