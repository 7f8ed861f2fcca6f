"""The owner edits the profile through the form and its formsets; bad input gets field errors."""

from unittest import mock

import pytest
from django.urls import reverse

from profiles import services
from profiles.models import Experience, ProfileLanguage, ProfileSkill
from tests.factories import ProfileFactory, ProfileSkillFactory, SkillFactory, level
from tests.profiles.factories import ExperienceFactory

pytestmark = pytest.mark.django_db


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def edit_payload(profile, **fields) -> dict:
    """A valid POST of the edit page with no child rows (nothing added, nothing changed)."""
    data = {
        "headline": profile.headline,
        "summary": profile.summary,
        "years_experience": str(profile.years_experience),
        "hours_per_week": str(profile.hours_per_week),
        "available_from": "",
        "rate_min": "" if profile.rate_min is None else str(profile.rate_min),
        "rate_max": "" if profile.rate_max is None else str(profile.rate_max),
        "currency": profile.currency,
        "utc_offset": "" if profile.utc_offset is None else str(profile.utc_offset),
        "open_to_ongoing": "on",
    }
    data.update({k: str(v) for k, v in fields.items()})
    for prefix in ("experiences", "skills", "languages", "education"):
        data.update(management(prefix, 0))
    return data


def experience_row(index: int, **fields) -> dict:
    row = {
        "organization": "Acme",
        "role": "Lead developer",
        "started_on": "2021-02-01",
        "ended_on": "",
        "task": "Rebuild the checkout",
        "process": "Kanban",
        "team": "Checkout",
        "team_size": "4",
        "contribution": "Wrote the payment state machine",
        "outcome": "Conversion up 8%",
    }
    row.update(fields)
    return {f"experiences-{index}-{k}": v for k, v in row.items()}


@pytest.fixture
def owner_client(client):
    profile = ProfileFactory(is_published=False, level=level("senior"))
    client.force_login(profile.user)
    client.profile = profile
    return client


def test_edit_adds_experience_skill_and_language(owner_client):
    profile = owner_client.profile
    skill = SkillFactory(name="Kotlin")
    data = edit_payload(profile, headline="Android lead", hours_per_week=25)
    data.update(management("experiences", 1))
    data.update(experience_row(0))
    data.update(management("skills", 1))
    data["skills-0-skill"] = str(skill.pk)
    data.update(management("languages", 1))
    data.update({"languages-0-language": "de", "languages-0-proficiency": "3"})
    response = owner_client.post(reverse("profiles:edit"), data)
    assert response.status_code == 302, response.context and [
        f.errors for f in response.context["experiences"]
    ]
    profile.refresh_from_db()
    assert profile.headline == "Android lead"
    assert profile.hours_per_week == 25
    assert Experience.objects.get(profile=profile).contribution == "Wrote the payment state machine"
    assert ProfileSkill.objects.get(profile=profile).skill == skill
    assert not ProfileSkill.objects.get(profile=profile).verified
    assert ProfileLanguage.objects.get(profile=profile).language == "de"


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"rate_min": 5000, "rate_max": 1000}, "rate_max"),
        ({"utc_offset": 20}, "utc_offset"),
        ({"hours_per_week": 200}, "hours_per_week"),
        ({"years_experience": -3}, "years_experience"),
        ({"headline": "x" * 500}, "headline"),
        ({"available_from": "not a date"}, "available_from"),
    ],
)
def test_bad_profile_fields_get_field_errors(owner_client, fields, field):
    response = owner_client.post(reverse("profiles:edit"), edit_payload(owner_client.profile, **fields))
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_experience_ending_before_it_starts_is_a_field_error(owner_client):
    data = edit_payload(owner_client.profile)
    data.update(management("experiences", 1))
    data.update(experience_row(0, started_on="2022-01-01", ended_on="2021-01-01"))
    response = owner_client.post(reverse("profiles:edit"), data)
    assert response.status_code == 200
    assert "ended_on" in response.context["experiences"].forms[0].errors
    assert not Experience.objects.exists()


def test_duplicate_skill_is_a_form_error_not_a_500(owner_client):
    profile = owner_client.profile
    skill = ProfileSkillFactory(profile=profile, verified=True).skill
    data = edit_payload(profile)
    data.update(management("skills", 1))
    data["skills-0-skill"] = str(skill.pk)
    response = owner_client.post(reverse("profiles:edit"), data)
    assert response.status_code == 200
    assert response.context["skills"].forms[0].errors or response.context["skills"].non_form_errors()


def test_verified_skill_cannot_be_deleted_or_unverified_by_the_owner(owner_client):
    profile = owner_client.profile
    verified = ProfileSkillFactory(profile=profile, verified=True)
    data = edit_payload(profile)
    # forge a row pointing at the verified skill, asking to delete it
    data.update(management("skills", 1, initial=1))
    data.update(
        {"skills-0-id": str(verified.pk), "skills-0-skill": str(verified.skill_id), "skills-0-DELETE": "on"}
    )
    owner_client.post(reverse("profiles:edit"), data)
    verified.refresh_from_db()
    assert verified.verified


def test_htmx_adds_an_experience_form_and_bumps_the_total(owner_client):
    ExperienceFactory(profile=owner_client.profile)
    response = owner_client.get(
        reverse("profiles:experience_form"), {"experiences-TOTAL_FORMS": "1"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="experiences-1-organization"' in body
    assert 'id="id_experiences-TOTAL_FORMS"' in body and 'value="2"' in body and "hx-swap-oob" in body


def test_publish_requires_content_then_lists_and_hide_unlists(owner_client):
    profile = owner_client.profile
    profile.summary = ""
    profile.save()
    owner_client.post(reverse("profiles:publish"), {"action": "publish"})
    profile.refresh_from_db()
    assert not profile.is_published
    profile.summary = "I build things."
    profile.save()
    ExperienceFactory(profile=profile)
    with mock.patch("matching.receivers.profile_rematch") as rematch:
        owner_client.post(reverse("profiles:publish"), {"action": "publish"})
    profile.refresh_from_db()
    assert profile.is_published
    rematch.assert_called_once()
    assert owner_client.get(reverse("profiles:catalogue")).context["page"].profiles == [profile]
    owner_client.post(reverse("profiles:publish"), {"action": "hide"})
    profile.refresh_from_db()
    assert not profile.is_published


def test_update_rematches_only_when_a_scored_field_changes():
    profile = ProfileFactory()
    with mock.patch("matching.receivers.profile_rematch") as rematch:
        services.profile_update(profile=profile, fields={"headline": "New words"})
        assert rematch.call_count == 0
        services.profile_update(profile=profile, fields={"hours_per_week": 10})
        assert rematch.call_count == 1


def test_grant_keeps_its_signature_and_is_idempotent():
    profile = ProfileFactory(is_published=False)
    skill = SkillFactory()
    for _ in range(2):
        again = services.profile_grant(
            user=profile.user,
            specialization=profile.specialization,
            level=level("lead"),
            verified_skills=[skill],
        )
    assert again.pk == profile.pk
    assert again.level.code == "lead"
    assert ProfileSkill.objects.filter(profile=profile, skill=skill, verified=True).count() == 1


def test_grant_asks_the_matching_to_rescore():
    profile = ProfileFactory(level=level("middle"))
    with mock.patch("matching.receivers.profile_rematch") as rematch:
        services.profile_grant(user=profile.user, specialization=profile.specialization, level=level("lead"))
    rematch.assert_called_once()
    profile.refresh_from_db()
    assert profile.level_rank == level("lead").rank


def test_dashboard_sends_an_accepted_specialist_to_my_profile(client):
    profile = ProfileFactory()
    client.force_login(profile.user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("profiles:mine")
