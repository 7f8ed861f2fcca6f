"""One small but complete site: a user in every role and an object of each kind, owned by someone.

The permission matrix, the inline-script scan and the XSS checks all request the pages of this world.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from matching.models import Match
from matching.services import engagement_end, matching_run
from matching.services.conversations import conversation_for, engagement_request_help, message_post
from matching.services.outcomes import checkins_open, feedback_submit
from tests.factories import (
    ApplicantFactory,
    CustomerFactory,
    ModeratorFactory,
    ProfileFactory,
    SuperuserFactory,
)
from tests.matching.factories import InvitationFactory, engagement_for
from tests.needs.factories import NeedFactory
from tests.vetting.factories import apply, make_funnel, to_interview, to_skill_test, to_work_sample
from vetting import services as vetting

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

ROLES = [
    "anonymous",
    "applicant_new",  # signed up, no application yet
    "applicant_screening",
    "applicant_skill_test",  # with a started test attempt
    "applicant_work_sample",  # with a submitted file
    "applicant_interview",
    "applicant_rejected",
    "specialist",  # accepted: a published profile, an invitation and two engagements with customer A
    "customer_a",  # owns need_a (match, invitation), an engagement (conversation flagged), an ended one
    "customer_b",  # owns need_b
    "moderator",
    "superuser",
]


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError as exc:
            raise AttributeError(name) from exc


def build_world(*, text: str | None = None) -> World:
    """Every role and object. `text`, if given, goes into every user-written text field."""
    world = World()
    users = world.users
    objects = world.objects
    users["moderator"] = ModeratorFactory()
    users["superuser"] = SuperuserFactory()
    funnel = make_funnel(slug="backend")
    objects["funnel"] = funnel
    objects["specialization"] = funnel.specialization

    users["applicant_new"] = ApplicantFactory()
    objects["app_screening"] = apply(funnel)
    users["applicant_screening"] = objects["app_screening"].applicant

    app = to_skill_test(funnel, users["moderator"])
    objects["app_skill_test"] = app
    objects["attempt"] = vetting.attempt_start(application=app, applicant=app.applicant)
    users["applicant_skill_test"] = app.applicant

    app = to_work_sample(funnel, users["moderator"])
    objects["app_work_sample"] = app
    objects["submission"] = vetting.work_submit(
        application=app,
        applicant=app.applicant,
        text=text or "My solution",
        file=SimpleUploadedFile("work.pdf", PDF, content_type="application/pdf"),
    )
    users["applicant_work_sample"] = app.applicant

    objects["app_interview"] = to_interview(funnel, users["moderator"])
    users["applicant_interview"] = objects["app_interview"].applicant

    app = apply(funnel)
    vetting.application_reject(application=app, actor=users["moderator"], reason_template=funnel.reason)
    objects["app_rejected"] = app
    users["applicant_rejected"] = app.applicant

    profile_text = {"headline": text, "summary": text} if text else {}
    objects["profile"] = ProfileFactory(specialization=funnel.specialization, **profile_text)
    users["specialist"] = objects["profile"].user
    objects["hidden_profile"] = ProfileFactory(specialization=funnel.specialization, is_published=False)

    need_text = {"title": text[:200], "description": text} if text else {}
    users["customer_a"] = CustomerFactory()
    users["customer_b"] = CustomerFactory()
    objects["need_a"] = NeedFactory(
        customer=users["customer_a"], specialization=funnel.specialization, **need_text
    )
    objects["need_b"] = NeedFactory(customer=users["customer_b"], specialization=funnel.specialization)
    matching_run(need_id=objects["need_a"].pk)
    objects["match"] = Match.objects.get(need=objects["need_a"], profile=objects["profile"])
    objects["invitation"] = InvitationFactory(
        need=objects["need_a"], specialist=users["specialist"], message=text or "Would you join us?"
    )
    # customer A's second need, where the specialist accepted: an engagement between the two
    objects["need_engaged"] = NeedFactory(customer=users["customer_a"], specialization=funnel.specialization)
    objects["engagement"] = engagement_for(
        InvitationFactory(
            need=objects["need_engaged"], specialist=users["specialist"], message=text or "Join us"
        )
    )
    # their conversation, with a file, flagged for help: a moderator may read it
    engagement = objects["engagement"]
    objects["message"] = message_post(
        conversation=conversation_for(invitation=engagement.invitation),
        author=users["customer_a"],
        body=text or "Here is the brief.",
        attachment=SimpleUploadedFile("brief.pdf", PDF, content_type="application/pdf"),
    )
    engagement_request_help(engagement=engagement, actor=users["customer_a"])
    # a weekly check-in on it, and an ended engagement with both sides' feedback
    checkins_open(now=timezone.now() + timedelta(days=8))
    objects["checkin"] = engagement.checkins.get()
    objects["engagement_ended"] = ended = engagement_for(
        InvitationFactory(
            need=NeedFactory(customer=users["customer_a"], specialization=funnel.specialization),
            specialist=users["specialist"],
        )
    )
    engagement_end(engagement=ended, actor=users["customer_a"])
    objects["feedback"] = feedback_submit(
        engagement=ended,
        author=users["customer_a"],
        fields={
            "level_fit": "at",
            "quality": 4,
            "communication": 4,
            "would_hire_again": True,
            "comment": text or "",
        },
    )
    feedback_submit(
        engagement=ended,
        author=users["specialist"],
        fields={"need_clarity": 4, "responsiveness": 5, "comment": text or ""},
    )
    return world
