"""Demo engagements: every state, conversations before and after acceptance, check-ins, feedback,
a track record, an interest mark, and a history of outcomes behind the selection-validity page.

Runs after needs.demo (which accepted the top match of each open need). Idempotent: what exists is
kept. The live story goes through the services with an explicit clock; the history (past
engagements of accepted demo specialists, their answers to the skill test) is written in bulk, as
vetting.demo writes the funnel's past, so a load prints no email for it.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.demo import demo_user
from accounts.models import User
from needs.models import Need
from profiles.models import Profile
from vetting.models import Application, ApplicationStatus, Choice, StageKind, StageResult, TestAttempt

from .models import CheckIn, Conversation, Engagement, Feedback, Invitation, Match, Message
from .services import engagement_open
from .services.conversations import conversation_for, message_post
from .services.engagements import engagement_end, engagement_pause
from .services.interest import interest_mark
from .services.outcomes import checkin_answer, feedback_submit, track_record_refresh

DEMO = "@demo.topfreelancer.example"
PAST_CUSTOMER = ("past.customer@example.com", "Pavel Pastov")
TALK = [
    ("customer", "Welcome aboard! The first task is in the tracker: the refund flow times out under load."),
    ("specialist", "Thanks. I reproduced it: the refund call holds a row lock while it calls the bank. "
     "I will move the call **out of the transaction** and add a retry."),
    ("customer", "Sounds right. Can you also write down how we should run incidents?"),
    ("specialist", "Yes: a short runbook by Friday, then we walk through it together."),
]  # fmt: skip
QUESTIONS = [
    ("specialist", "Is the on-call week paid separately, and how many incidents do you have a month?"),
    ("customer", "Yes, on-call is paid. Two or three incidents a month, mostly at night around releases."),
]


def load(*, stdout) -> None:
    now = timezone.now()
    opened = _engagements(now)
    _story(now)
    history = _history(now)
    answered = _test_answers()
    stdout.write(
        f"matching: {opened} new engagements, {history} past engagements with feedback, "
        f"{answered} skill-test attempts with their answers"
    )


def _engagements(now) -> int:
    """Every accepted invitation opens its engagement, three weeks ago."""
    opened = 0
    for invitation in Invitation.objects.filter(state=Invitation.State.ACCEPTED, engagement__isnull=True):
        engagement_open(invitation=invitation, now=now - timedelta(days=21))
        opened += 1
    return opened


def _say(invitation, lines, when):
    conversation = conversation_for(invitation=invitation)
    if conversation.messages.exists():
        return
    people = {"customer": invitation.need.customer, "specialist": invitation.specialist}
    for minutes, (who, text) in enumerate(lines):
        message = message_post(conversation=conversation, author=people[who], body=text)
        Message.objects.filter(pk=message.pk).update(created_at=when + timedelta(minutes=37 * minutes))
    last = when + timedelta(minutes=37 * (len(lines) - 1))
    # read by both, except the last message: one unread in the navigation
    Conversation.objects.filter(pk=conversation.pk).update(
        last_message_at=last, customer_read_at=last - timedelta(minutes=1), specialist_read_at=last
    )


def _story(now) -> None:
    """Chris Customer's engagements in every state, Sam Specialist's questions and interest."""
    chris = User.objects.filter(email="customer@example.com").first()
    if chris is None:
        return
    engagements = {
        e.need.title: e for e in Engagement.objects.filter(need__customer=chris).select_related("need")
    }
    active = engagements.get("Own our payments backend")
    mobile = engagements.get("Carry our mobile releases")
    editor = engagements.get("An editor for our whole blog")
    if active:
        _say(active.invitation, TALK, now - timedelta(days=2))
        for weeks in (2, 1):
            checkin, _ = CheckIn.objects.get_or_create(
                engagement=active, week=_monday(now - timedelta(weeks=weeks)), defaults={"created_at": now}
            )
            if weeks == 2 and not checkin.answer:
                checkin_answer(checkin=checkin, customer=chris, answer="at")
    if mobile and mobile.state == Engagement.State.ACTIVE:
        engagement_pause(engagement=mobile, actor=chris)
    if editor and editor.state == Engagement.State.ACTIVE:
        engagement_end(engagement=editor, actor=chris, now=now - timedelta(days=3))
        feedback_submit(
            engagement=editor,
            author=chris,
            fields={"level_fit": "at", "quality": 5, "communication": 4, "would_hire_again": True,
                    "comment": "Kept the voice of the blog and every deadline."},
            now=now - timedelta(days=3),
        )  # fmt: skip
        feedback_submit(
            engagement=editor,
            author=editor.specialist,
            fields={"need_clarity": 4, "responsiveness": 5, "comment": "Clear briefs, quick answers."},
            now=now - timedelta(days=2),
        )
    sam = Profile.objects.filter(user__email="specialist@example.com", accepted_at__isnull=False).first()
    if sam is not None:
        invitation = Invitation.objects.filter(specialist=sam.user, state=Invitation.State.SENT).first()
        if invitation:
            _say(invitation, QUESTIONS, now - timedelta(hours=5))
    # a shortlisted specialist who is not working on the need says they are interested
    for match in Match.objects.filter(need__customer=chris, need__state=Need.State.OPEN).order_by(
        "need", "rank"
    ):
        if not Engagement.objects.filter(need=match.need, specialist_id=match.profile.user_id).exists():
            interest_mark(specialist=match.profile.user, need=match.need)
            break


def _monday(moment):
    day = timezone.localdate(moment)
    return day - timedelta(days=day.weekday())


def _history(now) -> int:
    """Past engagements of the accepted demo specialists, each with the customer's feedback.

    The outcome follows the skill-test score and the assigned level, with noise: the relation the
    validity page should find. Seniors and leads are sometimes below the level (a generous vetting).
    """
    if Feedback.objects.filter(author__email=PAST_CUSTOMER[0]).exists():
        return 0
    customer = demo_user(*PAST_CUSTOMER, User.Role.CUSTOMER)
    rng = random.Random(14)
    scores = dict(
        StageResult.objects.filter(
            application__status=ApplicationStatus.ACCEPTED,
            application__applicant__email__endswith=DEMO,
            stage__kind=StageKind.SKILL_TEST,
            score__isnull=False,
        ).values_list("application__applicant_id", "score")
    )
    accepted = Application.objects.filter(
        status=ApplicationStatus.ACCEPTED, applicant__email__endswith=DEMO
    ).select_related("specialization", "level")
    made = 0
    with transaction.atomic():
        for application in accepted:
            score = float(scores.get(application.applicant_id, 80))
            for _ in range(rng.randint(2, 4)):
                ended = now - timedelta(days=rng.randint(20, 300))
                need = Need.objects.create(
                    customer=customer,
                    title=f"Past project {made + 1}: {application.specialization.name_en}",
                    specialization=application.specialization,
                    level=application.level,
                    state=Need.State.CLOSED,
                )
                invitation = Invitation.objects.create(
                    need=need,
                    specialist_id=application.applicant_id,
                    message="Would you join us?",
                    state=Invitation.State.ACCEPTED,
                    responded_at=ended - timedelta(days=90),
                )
                engagement = Engagement.objects.create(
                    invitation=invitation,
                    need=need,
                    specialist_id=application.applicant_id,
                    state=Engagement.State.ENDED,
                    started_at=ended - timedelta(days=90),
                    ended_at=ended,
                )
                ability = (score - 90) / 10 + rng.gauss(0, 0.9)
                generous = application.level.rank >= 3 and rng.random() < 0.25
                fit = "below" if ability < -1 or generous else "above" if ability > 1.2 else "at"
                Feedback.objects.create(
                    engagement=engagement,
                    side=Feedback.Side.CUSTOMER,
                    author=customer,
                    level_fit=fit,
                    quality=max(1, min(5, round(3.8 + ability))),
                    communication=max(1, min(5, round(4 + ability / 2 + rng.gauss(0, 0.5)))),
                    would_hire_again=ability > -0.6,
                    created_at=ended + timedelta(days=2),
                    updated_at=ended + timedelta(days=2),
                )
                made += 1
            track_record_refresh(specialist_id=application.applicant_id)
    return made


def _test_answers() -> int:
    """The demo's test attempts get their questions and answers, consistent with their score.

    Every question of the bank is asked; right answers go to the easier questions first, so the
    items discriminate, except the bank's first question, which everyone answers right (the item
    the validity page flags), and its last one, answered right at random (flagged too).
    """
    rng = random.Random(7)
    attempts = list(
        TestAttempt.objects.filter(
            question_ids=[], submitted_at__isnull=False, application__applicant__email__endswith=DEMO
        ).select_related("stage")
    )
    banks, correct, wrong = {}, {}, {}
    for choice in Choice.objects.filter(
        question__specialization__in={a.stage.specialization_id for a in attempts}
    ):
        (correct if choice.is_correct else wrong).setdefault(choice.question_id, choice.pk)
    for attempt in attempts:
        spec = attempt.stage.specialization_id
        if spec not in banks:
            banks[spec] = list(
                attempt.stage.specialization.questions.order_by("pk").values_list("pk", flat=True)
            )
        bank = banks[spec]
        if len(bank) < 3:
            continue
        share = float(attempt.score or 0) / 100
        answers = {}
        for index, qid in enumerate(bank):
            if index == 0:
                right = True
            elif index == len(bank) - 1:
                right = rng.random() < 0.5
            else:
                right = rng.random() < min(1, max(0, share + 0.25 - 0.5 * index / len(bank)))
            answers[str(qid)] = correct[qid] if right else wrong[qid]
        attempt.question_ids = bank
        attempt.answers = answers
    TestAttempt.objects.bulk_update(attempts, ["question_ids", "answers"])
    return len(attempts)
