"""The customers' side, through the needs and matching services at their own dates.

Customers post their needs (`need_create`, then `need_pause` / `need_close` for the ones in those
states), the matching ranks them (`matching_run`, the same call the worker makes), and they invite
the top of each shortlist (`invitation_send`), who accept (`invitation_accept` opens the
engagement) or decline. Chris Customer's engagements then reach every state: a conversation and
check-ins on the active one, a paused one, an ended one with feedback from both sides; Sam
Specialist asks questions on his open invitation; a shortlisted specialist marks interest.

Past engagements of the accepted applicants, with past customers' feedback, make the track records
and the selection-validity report: the outcome follows the skill-test score and the assigned level,
with noise, and seniors are sometimes below their level (a generous vetting).
"""

import random
from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef

from accounts.models import User
from accounts.services import users_signup_bulk
from matching.models import CheckIn, Engagement, Invitation, Match
from matching.services import matching_run
from matching.services.conversations import conversation_for, conversation_mark_read, message_post
from matching.services.engagements import engagement_end, engagement_pause
from matching.services.interest import interest_mark
from matching.services.invitations import invitation_accept, invitation_decline, invitation_send
from matching.services.outcomes import checkin_answer, checkins_open, feedback_submit
from needs.models import Need
from needs.services import need_close, need_create, need_pause
from profiles.models import Profile
from topfreelancer import clock
from vetting.models import (
    Application,
    ApplicationStatus,
    Level,
    Skill,
    Specialization,
    StageKind,
    StageResult,
)

from .content.needs import INVITATION_MESSAGE, NEEDS
from .content.people import CUSTOMERS, DEMO_DOMAIN, DEMO_PASSWORD, PAST_CUSTOMER_EMAIL, PAST_CUSTOMERS

DEMO_SPECIALIST = "specialist@example.com"
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
# How each invited top match of an open need answers, by rank.
ANSWERS = ["accepted", "sent", "declined"]


def post_needs(*, now) -> list[Need]:
    """The customers' needs, posted over the last four weeks; found again by (customer, title)."""
    customers = [User.objects.get(email=email) for email, _name, _language in CUSTOMERS]
    specializations = {s.slug: s for s in Specialization.objects.all()}
    levels = {lvl.code: lvl for lvl in Level.objects.all()}
    needs = []
    for index, (who, title, slug, level, must, nice, hours, budget, state, description) in enumerate(NEEDS):
        customer = customers[who]
        need = Need.objects.filter(customer=customer, title=title).first()
        if need is None:
            posted = now - timedelta(days=28 - 2 * index, hours=3)
            with transaction.atomic(), clock.at(posted):
                need = need_create(
                    customer=customer,
                    fields={
                        "title": title,
                        "specialization": specializations[slug],
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
                        "start_date": (now + timedelta(days=7 * (index % 4))).date(),
                    },
                    must_have_skills=Skill.objects.filter(name__in=must),
                    nice_to_have_skills=Skill.objects.filter(name__in=nice),
                    open_now=state != Need.State.DRAFT,
                )
                if state == Need.State.PAUSED:
                    need_pause(need=need, actor=customer)
                elif state == Need.State.CLOSED:
                    need_close(need=need, actor=customer)
        needs.append(need)
    # Ranked on every load (idempotent, a few ms each): profiles published since the last load count.
    for need in needs:
        if need.state == Need.State.OPEN:
            matching_run(need_id=need.pk)
    return needs


def invite(needs: list[Need], *, now) -> int:
    """The top matches of each open need are invited a day after posting and answer a day later;
    Sam Specialist gets the open invitation to the payments backend."""
    made = 0
    for need in needs:
        if need.state != Need.State.OPEN or need.invitations.exists():
            continue
        ranked = need.matches.exclude(profile__user__email=DEMO_SPECIALIST).select_related("profile__user")
        invited = need.created_at + timedelta(days=1)
        for match, answer in zip(ranked.order_by("rank")[: len(ANSWERS)], ANSWERS, strict=False):
            with transaction.atomic(), clock.travel(invited) as traveller:
                invitation = invitation_send(
                    customer=need.customer,
                    need=need,
                    profile=match.profile,
                    message=INVITATION_MESSAGE.format(title=need.title),
                )
                traveller.advance(days=1)
                specialist = match.profile.user
                if answer == "accepted":
                    invitation_accept(invitation=invitation, specialist=specialist)
                elif answer == "declined":
                    invitation_decline(invitation=invitation, specialist=specialist)
            made += 1
    sam = Profile.objects.filter(user__email=DEMO_SPECIALIST, is_published=True).first()
    backend = next((n for n in needs if sam and n.specialization_id == sam.specialization_id), None)
    invited = sam and Invitation.objects.filter(need=backend, specialist=sam.user).exists()
    if sam and backend and backend.state == Need.State.OPEN and not invited:
        with transaction.atomic(), clock.at(now - timedelta(days=1)):
            invitation_send(
                customer=backend.customer,
                need=backend,
                profile=sam,
                message="We read your profile: would you own our payments backend with us?",
            )
        made += 1
    return made


def _say(invitation: Invitation, lines: list, when) -> None:
    """A conversation 37 minutes a message; the customer has not read the last one yet."""
    conversation = conversation_for(invitation=invitation)
    if conversation.messages.exists():
        return
    people = {"customer": invitation.need.customer, "specialist": invitation.specialist}
    with clock.travel(when) as traveller:
        for who, text in lines:
            message_post(conversation=conversation, author=people[who], body=text)
            traveller.advance(minutes=37)
        if lines[-1][0] == "specialist":
            conversation_mark_read(conversation=conversation, user=people["customer"], now=when)


def story(*, now) -> None:
    """Chris Customer's engagements in every state, Sam Specialist's questions, an interest mark."""
    chris = User.objects.get(email="customer@example.com")
    engagements = {
        e.need.title: e for e in Engagement.objects.filter(need__customer=chris).select_related("need")
    }
    active = engagements.get("Own our payments backend")
    mobile = engagements.get("Carry our mobile releases")
    editor = engagements.get("An editor for our whole blog")
    if active:
        _say(active.invitation, TALK, now - timedelta(days=2))
        if not CheckIn.objects.filter(engagement=active).exists():
            for weeks in (2, 1):
                with clock.at(now - timedelta(weeks=weeks)):
                    checkins_open()
            first = active.checkins.order_by("week").first()
            if first is not None:
                with clock.at(first.created_at + timedelta(hours=5)):
                    checkin_answer(checkin=first, customer=chris, answer="at")
    if mobile and mobile.state == Engagement.State.ACTIVE:
        with clock.at(now - timedelta(days=4)):
            engagement_pause(engagement=mobile, actor=chris)
    if editor and editor.state == Engagement.State.ACTIVE:
        with clock.travel(now - timedelta(days=3)) as traveller:
            engagement_end(engagement=editor, actor=chris)
            feedback_submit(
                engagement=editor,
                author=chris,
                fields={"level_fit": "at", "quality": 5, "communication": 4, "would_hire_again": True,
                        "comment": "Kept the voice of the blog and every deadline."},
            )  # fmt: skip
            traveller.advance(days=1)
            feedback_submit(
                engagement=editor,
                author=editor.specialist,
                fields={"need_clarity": 4, "responsiveness": 5, "comment": "Clear briefs, quick answers."},
            )
    invitation = Invitation.objects.filter(
        specialist__email=DEMO_SPECIALIST, state=Invitation.State.SENT
    ).first()
    if invitation:
        _say(invitation, QUESTIONS, now - timedelta(hours=5))
    # a shortlisted specialist who is not working on the need says they are interested
    working = Engagement.objects.filter(need=OuterRef("need"), specialist=OuterRef("profile__user"))
    match = (
        Match.objects.filter(need__customer=chris, need__state=Need.State.OPEN)
        .exclude(Exists(working))
        .select_related("profile__user", "need")
        .order_by("need", "rank")
        .first()
    )
    if match is not None:
        with clock.at(now - timedelta(hours=8)):
            interest_mark(specialist=match.profile.user, need=match.need)


def history(*, now) -> int:
    """Past engagements of the accepted demo applicants, each with the customer's feedback.

    One or two per specialist, one after another from a few weeks after the acceptance, as far as
    the year allows; each on a need a past customer posts, invites them to and closes at the end.
    """
    first = PAST_CUSTOMER_EMAIL.format(0)
    if User.objects.filter(email=first).exists():
        return 0
    with clock.at(now - timedelta(days=400)):
        customers = users_signup_bulk(
            people=[
                {"email": PAST_CUSTOMER_EMAIL.format(i), "full_name": name, "role": User.Role.CUSTOMER,
                 "language": "ru" if i % 3 else "en"}
                for i, name in enumerate(PAST_CUSTOMERS)
            ],
            password=DEMO_PASSWORD,
        )  # fmt: skip
    rng = random.Random(14)
    scores = dict(
        StageResult.objects.filter(
            application__status=ApplicationStatus.ACCEPTED,
            application__applicant__email__endswith="@" + DEMO_DOMAIN,
            stage__kind=StageKind.SKILL_TEST,
            score__isnull=False,
        ).values_list("application__applicant_id", "score")
    )
    accepted = (
        Application.objects.filter(
            status=ApplicationStatus.ACCEPTED, applicant__email__endswith="@" + DEMO_DOMAIN
        )
        .select_related("specialization", "level", "applicant__profile")
        .order_by("closed_at")
    )
    made = 0
    for application in accepted:
        score = float(scores.get(application.applicant_id, 80))
        start = application.closed_at + timedelta(days=rng.randint(10, 30))
        for _ in range(rng.randint(1, 2)):
            end = start + timedelta(days=rng.randint(30, 90))
            if end > now - timedelta(days=3):
                break
            ability = (score - 90) / 10 + rng.gauss(0, 0.9)
            generous = application.level.rank >= 3 and rng.random() < 0.25
            fit = "below" if ability < -1 or generous else "above" if ability > 1.2 else "at"
            customer = customers[made % len(customers)]
            with transaction.atomic(), clock.travel(start) as traveller:
                _past(application, customer, traveller, end=end, ability=ability, fit=fit, rng=rng)
            made += 1
            start = end + timedelta(days=rng.randint(5, 40))
    return made


def _past(application, customer, traveller, *, end, ability: float, fit: str, rng) -> None:
    need = need_create(
        customer=customer,
        fields={
            "title": f"{application.specialization.name_en}: {rng.choice(PAST_TITLES)}",
            "specialization": application.specialization,
            "level": application.level,
            "description": "A finished engagement, kept for the record.",
            "hours_per_week": rng.choice([10, 20, 30]),
        },
    )
    profile = application.applicant.profile
    invitation = invitation_send(customer=customer, need=need, profile=profile, message="Would you join us?")
    traveller.advance(days=1)
    invitation_accept(invitation=invitation, specialist=application.applicant)
    traveller.to(end)
    engagement = Engagement.objects.get(invitation=invitation)
    engagement_end(engagement=engagement, actor=customer)
    traveller.advance(days=2)
    feedback_submit(
        engagement=engagement,
        author=customer,
        fields={
            "level_fit": fit,
            "quality": max(1, min(5, round(3.8 + ability))),
            "communication": max(1, min(5, round(4 + ability / 2 + rng.gauss(0, 0.5)))),
            "would_hire_again": ability > -0.6,
        },
    )
    need_close(need=need, actor=customer)


PAST_TITLES = ["a product launch", "a quarter of support", "the spring release", "a migration", "a redesign"]
