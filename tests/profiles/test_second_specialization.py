"""The whole path of a second specialization: accepted in backend as a Lead, the specialist applies
to design, is accepted there as a Junior, and then holds both, each with its level and evidence,
in the profile, the catalogue, the shortlists and "Needs for you"."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from matching.models import Match
from matching.services import matching_run
from profiles import services as profile_services
from profiles.models import Profile
from tests.factories import ModeratorFactory, ProfileFactory, level
from tests.needs.factories import NeedFactory
from tests.profiles.factories import ExperienceFactory
from tests.vetting.factories import make_funnel, score, to_interview
from vetting import services

pytestmark = pytest.mark.django_db


def accept(funnel, moderator, applicant, code):
    application = to_interview(funnel, moderator, applicant)
    services.application_schedule_interview(
        application=application, actor=moderator, at=timezone.now() + timedelta(days=1)
    )
    score(application, moderator, 5)
    return services.application_accept(application=application, actor=moderator, level=level(code))


def listed_under(client, specialization) -> dict:
    page = client.get(reverse("profiles:catalogue"), {"specialization": specialization.pk, "sort": "level"})
    return {p.pk: p.shown_qualifications[0].level.code for p in page.context["page"].profiles}


def test_accepted_in_backend_then_in_design_holds_both_everywhere(client, django_capture_on_commit_callbacks):
    backend, design = make_funnel(slug="backend"), make_funnel(slug="design")
    moderator = ModeratorFactory()
    first = accept(backend, moderator, None, "lead")
    applicant = first.applicant
    profile = Profile.objects.get(user=applicant)
    fields = {"headline": "APIs", "summary": "Payments.", "hours_per_week": 20}
    profile_services.profile_update(profile=profile, fields=fields)
    ExperienceFactory(profile=profile)
    profile_services.profile_publish(profile_id=profile.pk)

    # the funnel lets an accepted specialist apply to another specialization
    client.force_login(applicant)
    overview = client.get(reverse("vetting:my_applications")).content.decode()
    assert reverse("vetting:apply", args=["design"]) in overview
    assert reverse("vetting:apply", args=["backend"]) not in overview  # held already
    assert client.get(reverse("vetting:apply", args=["design"])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        second = accept(design, moderator, applicant, "junior")
    client.logout()

    # the profile holds both, each with its level and the stages that granted it
    profile.refresh_from_db()
    assert {q.specialization.slug: q.level.code for q in profile.qualifications.all()} == {
        "backend": "lead",
        "design": "junior",
    }
    assert {q.application_id for q in profile.qualifications.all()} == {first.pk, second.pk}
    assert (profile.specialization.slug, profile.level.code) == ("backend", "lead")  # the highest
    page = client.get(reverse("profiles:detail", args=[profile.pk])).content.decode()
    assert "Level assigned: Lead" in page and "Level assigned: Junior" in page
    assert page.count("Top band: 80–100%") == 2  # each skill test's evidence
    assert "SECRET" not in page

    # the catalogue finds the person under both, with the right level
    other = ProfileFactory(specialization=design.specialization, level=level("middle"))
    assert listed_under(client, backend.specialization) == {profile.pk: "lead"}
    assert listed_under(client, design.specialization) == {other.pk: "middle", profile.pk: "junior"}
    everyone = client.get(reverse("profiles:catalogue")).context["page"].profiles
    assert [p.pk for p in everyone].count(profile.pk) == 1

    # a design need at the Junior level shortlists them with a full level fit
    need = NeedFactory(specialization=design.specialization, level=level("junior"))
    matching_run(need_id=need.pk)
    match = Match.objects.get(need=need, profile=profile)
    assert match.level_fit == 1.0
    client.force_login(need.customer)
    shortlist = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    card = shortlist.split(reverse("profiles:detail", args=[profile.pk]))[1].split("</header>")[0]
    assert ">Junior</span>" in card and ">Lead</span>" not in card  # the level in the need's specialization
    # and "Needs for you" shows that need, ranked, with both specializations named
    client.force_login(applicant)
    body = client.get(reverse("matching:needs_for_you")).content.decode()
    assert need.title in body
    assert f"{backend.specialization.name} (Lead)" in body
    assert f"{design.specialization.name} (Junior)" in body
