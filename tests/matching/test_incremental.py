"""Incremental updates: after any profile change the shortlists equal what full runs compute.

Randomized profile changes go through the profiles services (level, specialization, hours, rate,
currency, time zone, availability, skills, languages, publication, track record); after each, every open
need's stored shortlist (who, in which place, with which score, components and facts) is compared
with a full ranking of that need from scratch. A short TOP_N makes members leave and the next best
come in often. A lost task or a worker dying mid-update leaves the old shortlists whole, and the
beat sweep applies the change later.
"""

import random
from datetime import date, timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from matching import scoring
from matching.candidates import candidates_load
from matching.engine import rank
from matching.models import Candidate, Match, NeedRanking, RunnerUp
from matching.services import matching_requeue_pending, matching_run
from matching.services import updates as updates_module
from profiles import services
from profiles.models import ProfileLanguage, ProfileSkill, TrackRecord
from tests.factories import ProfileFactory, ProfileSkillFactory, SkillFactory, SpecializationFactory, level
from tests.needs.factories import NeedFactory
from tests.profiles.factories import ExperienceFactory

pytestmark = pytest.mark.django_db

CODES = ["junior", "middle", "senior", "lead"]
LATER = timedelta(minutes=5)


class Child:
    """A stand-in for a profile formset: profile_update saves it on the locked profile."""

    prefix = "skills"

    def __init__(self, save):
        self.instance = None
        self._save = save

    def has_changed(self):
        return True

    def save(self):
        self._save(self.instance)


def shortlist(need):
    return list(
        Match.objects.filter(need=need)
        .order_by("rank")
        .values_list("profile_id", "rank", "score", *[f"{n}_fit" for n in scoring.COMPONENTS], "facts")
    )


def full_ranking(need):
    return [
        (
            row["profile_id"],
            position,
            row["score"],
            *[row[f"{n}_fit"] for n in scoring.COMPONENTS],
            row["facts"],
        )
        for position, row in enumerate(rank(need), start=1)
    ]


def runners_up(need):
    return list(
        RunnerUp.objects.filter(need=need)
        .order_by("-score", "-level_fit", "profile_id")
        .values_list("profile_id", "score", "level_fit")
    )


def assert_exact(needs):
    """Every shortlist is the full ranking's top N; its runners-up, however many are left (at most
    RESERVE), are the next places of that ranking, in order."""
    for need in needs:
        assert shortlist(need) == full_ranking(need), f"need {need.pk}"
        held = runners_up(need)
        assert len(held) <= scoring.RESERVE
        beyond = rank(need, limit=scoring.TOP_N + len(held))[scoring.TOP_N :]
        assert held == [(row["profile_id"], row["score"], row["level_fit"]) for row in beyond], (
            f"need {need.pk}"
        )
        # The floor an update skips lists by: the list's last score (none while it holds everybody).
        scores = [entry[2] for entry in shortlist(need)] + [score for _pk, score, _fit in held]
        floor = NeedRanking.objects.get(need=need).list_floor
        assert floor == (scores[-1] if len(scores) >= scoring.TOP_N else None), f"need {need.pk}"


def record_counts(rng) -> dict:
    """A consistent random track record: shown (3+ feedbacks) or not, good or poor."""
    count = rng.choice([0, 2, 3, 3, 5])
    below = rng.randint(0, count)
    at = rng.randint(0, count - below)
    return {
        "completed": count + rng.randint(0, 2),
        "feedback_count": count,
        "fit_below": below,
        "fit_at": at,
        "fit_above": count - below - at,
        "hire_again": rng.randint(0, count),
        "quality_avg": rng.choice([1.0, 2.5, 11 / 3, 5.0]) if count else None,
        "communication_avg": 4.0 if count else None,
    }


@pytest.fixture
def world(monkeypatch):
    monkeypatch.setattr(scoring, "TOP_N", 4)
    monkeypatch.setattr(scoring, "RESERVE", 2)
    rng = random.Random(7)
    spec, other = SpecializationFactory(), SpecializationFactory()
    skills = [SkillFactory() for _ in range(5)]
    profiles = []
    for _ in range(18):
        profile = ProfileFactory(
            specialization=rng.choice([spec, spec, other]),
            level=level(rng.choice(CODES)),
            hours_per_week=rng.choice([0, 10, 20, 40]),
            rate_min=rng.choice([None, 1500, 2500, 4000]),
            rate_max=5000,
            currency=rng.choice(["RUB", "RUB", "USD"]),
            utc_offset=rng.choice([None, -3, 0, 3, 8]),
        )
        ExperienceFactory(profile=profile)
        for skill in rng.sample(skills, rng.randint(0, 3)):
            ProfileSkillFactory(profile=profile, skill=skill, verified=rng.random() < 0.5)
        profiles.append(profile)
    for profile in rng.sample(profiles, 10):
        TrackRecord.objects.create(profile=profile, **record_counts(rng))
    candidates_load(profile_ids=[p.pk for p in profiles])  # the bulk path: records written directly
    needs = []
    for n in range(7):
        picked = rng.sample(skills, 4)
        needs.append(
            NeedFactory(
                specialization=spec if n < 5 else other,
                level=level(rng.choice(CODES)),
                hours_per_week=rng.choice([10, 20, 30]),
                budget_max=rng.choice([None, 2000, 3000]),
                languages=rng.choice([[], ["en"], ["en", "ru"]]),
                **rng.choice([{}, {"utc_offset_min": 0, "utc_offset_max": 4}]),
                start_date=rng.choice([None, date.today() + timedelta(days=10)]),
                must_have=picked[: rng.randint(0, 2)],
                nice_to_have=picked[2:],
            )
        )
    for need in needs:
        matching_run(need_id=need.pk)
    return {"rng": rng, "specs": [spec, other], "skills": skills, "profiles": profiles, "needs": needs}


def change(world) -> None:
    """One random change of one random profile, through the profiles services."""
    rng = world["rng"]
    profile = rng.choice(world["profiles"])
    profile.refresh_from_db()
    kind = rng.choice(["fields", "level", "specialization", "skill", "language", "publication", "record"])
    if kind == "fields":
        fields = {
            "hours_per_week": rng.choice([0, 5, 10, 20, 40]),
            "rate_min": rng.choice([None, 1000, 2500, 3500, 6000]),
            "rate_max": 7000,
            "currency": rng.choice(["RUB", "USD"]),
            "utc_offset": rng.choice([None, -5, 0, 2, 6, 10]),
            "available_from": rng.choice([None, date.today() + timedelta(days=rng.choice([0, 20, 60]))]),
        }
        services.profile_update(profile=profile, fields=dict(rng.sample(sorted(fields.items()), 2)))
    elif kind in ("level", "specialization"):
        services.profile_grant(
            user=profile.user,
            specialization=rng.choice(world["specs"]) if kind == "specialization" else profile.specialization,
            level=level(rng.choice(CODES)),
            verified_skills=rng.sample(world["skills"], rng.randint(0, 1)),
        )
    elif kind == "skill":
        skill = rng.choice(world["skills"])

        def toggle(instance):
            if not ProfileSkill.objects.filter(profile=instance, skill=skill).delete()[0]:
                ProfileSkill.objects.create(profile=instance, skill=skill, verified=rng.random() < 0.5)

        services.profile_update(profile=profile, fields={}, children=[Child(toggle)])
    elif kind == "language":
        code = rng.choice(["en", "ru"])

        def speak(instance):
            ProfileLanguage.objects.update_or_create(
                profile=instance, language=code, defaults={"proficiency": rng.choice([1, 3])}
            )

        services.profile_update(profile=profile, fields={}, children=[Child(speak)])
    elif kind == "record":
        services.track_record_update(profile_id=profile.pk, **record_counts(rng))
    elif profile.is_published:
        services.profile_hide(profile_id=profile.pk)
    else:
        services.profile_publish(profile_id=profile.pk)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_after_random_profile_changes_every_shortlist_equals_a_full_ranking(
    world, seed, monkeypatch, django_capture_on_commit_callbacks
):
    world["rng"].seed(seed)
    assert_exact(world["needs"])
    results = []
    apply = updates_module.profile_change_apply
    monkeypatch.setattr(updates_module, "profile_change_apply", lambda **kw: results.append(apply(**kw)))
    for _ in range(40):
        with django_capture_on_commit_callbacks(execute=True):
            change(world)
        assert_exact(world["needs"])
    # Members left and runners-up took their places; only an empty reserve ranked a need again.
    promoted = sum(result["promoted"] for result in results)

    assert promoted > 0
    assert sum(result["ranked_again"] for result in results) < promoted
    assert not Candidate.objects.exclude(applied_version=F("version")).exists()
    # Track records took part: some shortlisted candidates carry one, scored off the middle.
    assert Match.objects.exclude(track_record_fit=scoring.UNKNOWN).exists()
    # Updates never ran a need in full: those stayed "done" from their first run.
    assert set(NeedRanking.objects.filter(need__in=world["needs"]).values_list("state", flat=True)) == {
        NeedRanking.State.DONE
    }


def test_a_lost_update_task_is_applied_by_the_sweep(world, django_capture_on_commit_callbacks):
    for _ in range(10):
        with django_capture_on_commit_callbacks(execute=False):  # the worker died before it ran
            change(world)
    assert Candidate.objects.exclude(applied_version=F("version")).exists()
    with django_capture_on_commit_callbacks(execute=True):
        matching_requeue_pending(now=timezone.now() + LATER)
    assert_exact(world["needs"])
    assert not Candidate.objects.exclude(applied_version=F("version")).exists()


def test_a_worker_dying_mid_update_leaves_the_old_shortlists_whole(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    profile = next(p for p in world["profiles"] if p.specialization == world["specs"][0] and p.hours_per_week)
    before = {need.pk: shortlist(need) for need in world["needs"]}

    def die(_need_ids):
        raise RuntimeError("worker killed")  # after the upserts and deletes, before the commit

    with monkeypatch.context() as patch:
        patch.setattr(updates_module, "_renumber", die)
        with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
            services.profile_grant(
                user=profile.user, specialization=profile.specialization, level=level("lead")
            )
    assert {need.pk: shortlist(need) for need in world["needs"]} == before
    row = Candidate.objects.get(profile=profile, specialization=profile.specialization)
    assert row.applied_version < row.version
    with django_capture_on_commit_callbacks(execute=True):
        matching_requeue_pending(now=timezone.now() + LATER)
    assert_exact(world["needs"])
