"""The database itself refuses what the services never do (bypassing them on purpose).

Each case writes straight through the ORM (create / bulk_create / update), as a bug, a shell
session or a race past the services would, and the database answers IntegrityError. Where the
row is built as an instance, full_clean() refuses it too: forms get an error, never a 500.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from matching import scoring
from matching.models import Invitation, Match, NeedRanking
from needs.models import Need
from profiles.models import Profile, ProfileSkill
from tests.factories import (
    ApplicantFactory,
    CustomerFactory,
    ModeratorFactory,
    ProfileFactory,
    SkillFactory,
    level,
    set_ranking,
)
from tests.matching.factories import InvitationFactory
from tests.needs.factories import NeedFactory
from tests.vetting.factories import apply, make_funnel, to_skill_test
from vetting.models import Application, Level, Review, Stage, TestAttempt, WorkSubmission

pytestmark = pytest.mark.django_db


def refused(write):
    """The write fails in the database (inside a savepoint, so the test goes on)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def invalid(instance):
    with pytest.raises(ValidationError):
        instance.full_clean()


@pytest.fixture
def funnel():
    return make_funnel(slug="backend")


def match_fields(**extra):
    fits = {f"{n}_fit": 0.5 for n in scoring.COMPONENTS}
    return {"rank": 1, "score": 0.5, "computed_at": timezone.now(), **fits, **extra}


# --- vetting ----------------------------------------------------------------------------------


def test_one_open_application_per_person_and_specialization(funnel):
    first = apply(funnel)
    twin = Application(
        applicant=first.applicant,
        specialization=funnel.specialization,
        current_stage=funnel.screening,
        headline="Again",
        summary="Again",
        years_experience=3,
    )
    invalid(twin)
    refused(twin.save)
    twin_fields = {
        f.attname: getattr(twin, f.attname) for f in Application._meta.concrete_fields if f.attname != "id"
    }
    refused(lambda: Application.objects.bulk_create([Application(**twin_fields)]))
    # Closed ones do not count: after a rejection a new one may be opened (the cooldown is a service rule).
    Application.objects.filter(pk=first.pk).update(status="rejected", closed_at=timezone.now())
    Application.objects.create(
        applicant=first.applicant,
        specialization=funnel.specialization,
        headline="h",
        summary="s",
        years_experience=1,
    )
    # ... but two open ones never, even through update().
    refused(lambda: Application.objects.filter(pk=first.pk).update(status="open", closed_at=None))


def test_application_status_and_dates_agree(funnel):
    application = apply(funnel)
    refused(lambda: Application.objects.filter(pk=application.pk).update(status="rejected"))  # no closed_at
    refused(lambda: Application.objects.filter(pk=application.pk).update(closed_at=timezone.now()))
    refused(
        lambda: Application.objects.filter(pk=application.pk).update(
            status="accepted", closed_at=timezone.now()
        )
    )  # accepted without a level


@pytest.mark.usefixtures("tmp_media")
def test_one_attempt_submission_and_review_per_stage(funnel):
    moderator = ModeratorFactory()
    application = to_skill_test(funnel, moderator)
    now = timezone.now()
    TestAttempt.objects.create(
        application=application, stage=funnel.skill_test, deadline=now + timedelta(minutes=5)
    )
    refused(
        lambda: TestAttempt.objects.create(
            application=application, stage=funnel.skill_test, deadline=now + timedelta(minutes=5)
        )
    )
    refused(
        lambda: TestAttempt.objects.create(
            application=application,
            stage=funnel.screening,
            started_at=now,
            deadline=now - timedelta(minutes=1),
        )
    )
    WorkSubmission.objects.create(application=application, stage=funnel.work_sample, text="x")
    refused(
        lambda: WorkSubmission.objects.create(application=application, stage=funnel.work_sample, text="y")
    )
    refused(lambda: WorkSubmission.objects.create(application=application, stage=funnel.interview))  # empty
    Review.objects.create(application=application, stage=funnel.work_sample, reviewer=moderator, percent=50)
    refused(
        lambda: Review.objects.create(
            application=application, stage=funnel.work_sample, reviewer=moderator, percent=60
        )
    )
    refused(
        lambda: Review.objects.create(
            application=application, stage=funnel.interview, reviewer=moderator, percent=101
        )
    )


def test_levels_are_a_strict_positive_order():
    codes = list(Level.objects.order_by("rank").values_list("code", flat=True))
    assert codes == ["junior", "middle", "senior", "lead"]
    refused(lambda: Level.objects.create(rank=0, code="intern", name_en="Intern", name_ru="Стажёр"))
    refused(
        lambda: Level.objects.create(
            rank=level("senior").rank, code="staff", name_en="Staff", name_ru="Штатный"
        )
    )
    refused(lambda: Level.objects.filter(code="lead").update(rank=level("junior").rank))
    refused(lambda: Level.objects.create(rank=9, code="senior", name_en="Dup", name_ru="Дубль"))
    invalid(Level(rank=0, code="intern", name_en="Intern", name_ru="Стажёр"))


def test_stage_positions_and_limits(funnel):
    refused(
        lambda: Stage.objects.create(
            specialization=funnel.specialization, position=1, kind="interview", name_en="x", name_ru="x"
        )
    )
    refused(lambda: Stage.objects.filter(pk=funnel.skill_test.pk).update(pass_mark=101))
    refused(lambda: Stage.objects.filter(pk=funnel.skill_test.pk).update(time_limit_minutes=0))


# --- profiles ---------------------------------------------------------------------------------


def test_profile_invariants():
    profile = ProfileFactory()
    refused(lambda: Profile.objects.filter(pk=profile.pk).update(rate_min=5000, rate_max=100))
    refused(lambda: Profile.objects.filter(pk=profile.pk).update(utc_offset=15))
    refused(lambda: Profile.objects.filter(pk=profile.pk).update(utc_offset=-13))
    refused(lambda: Profile.objects.filter(pk=profile.pk).update(hours_per_week=81))
    refused(
        lambda: Profile.objects.create(user=profile.user, specialization=profile.specialization)
    )  # one per user
    skill = SkillFactory()
    ProfileSkill.objects.create(profile=profile, skill=skill)
    refused(lambda: ProfileSkill.objects.create(profile=profile, skill=skill))
    profile.rate_min, profile.rate_max = 5000, 100
    invalid(profile)


def test_user_role_is_one_of_the_known_roles():
    user = ApplicantFactory()
    refused(lambda: User.objects.filter(pk=user.pk).update(role="admin"))


# --- needs and matching -----------------------------------------------------------------------


def test_need_invariants():
    need = NeedFactory()
    refused(lambda: Need.objects.filter(pk=need.pk).update(budget_min=5000, budget_max=100))
    refused(lambda: Need.objects.filter(pk=need.pk).update(hours_per_week=0))
    refused(lambda: Need.objects.filter(pk=need.pk).update(hours_per_week=81))
    refused(lambda: Need.objects.filter(pk=need.pk).update(state="deleted"))
    set_ranking(need, state="idle")
    refused(lambda: NeedRanking.objects.filter(need=need).update(state="lost"))
    refused(lambda: Need.objects.filter(pk=need.pk).update(utc_offset_min=5, utc_offset_max=1))
    refused(lambda: Need.objects.filter(pk=need.pk).update(utc_offset_min=-20, utc_offset_max=1))
    refused(lambda: Need.objects.filter(pk=need.pk).update(utc_offset_min=1, utc_offset_max=None))
    need.budget_min, need.budget_max = 5000, 100
    with pytest.raises(ValidationError):
        need.full_clean(exclude=["must_have_skills", "nice_to_have_skills"])


def test_one_match_per_need_and_profile():
    need = NeedFactory()
    profile = ProfileFactory(specialization=need.specialization)
    Match.objects.create(need=need, profile=profile, **match_fields())
    refused(lambda: Match.objects.create(need=need, profile=profile, **match_fields(rank=2)))
    refused(lambda: Match.objects.bulk_create([Match(need=need, profile=profile, **match_fields(rank=3))]))
    other = ProfileFactory(specialization=need.specialization)
    refused(lambda: Match.objects.create(need=need, profile=other, **match_fields(score=1.5)))
    refused(lambda: Match.objects.create(need=need, profile=other, **match_fields(rate_fit=-0.1)))


def test_one_invitation_per_need_and_specialist():
    invitation = InvitationFactory()
    refused(
        lambda: Invitation.objects.create(
            need=invitation.need, specialist=invitation.specialist, message="again"
        )
    )
    refused(lambda: Invitation.objects.filter(pk=invitation.pk).update(state="accepted"))  # no answer time
    refused(
        lambda: Invitation.objects.filter(pk=invitation.pk).update(state="maybe", responded_at=timezone.now())
    )
    twin = Invitation(need=invitation.need, specialist=invitation.specialist, message="again")
    invalid(twin)
    assert CustomerFactory()  # the world is still usable after the refusals
