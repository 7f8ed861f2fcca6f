"""The data migration that gave existing profiles their qualifications (profiles 0015) and the
matching's read model a row per qualification (matching 0011)."""

import importlib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from matching.models import Candidate
from profiles.models import Profile, Qualification
from tests.factories import ProfileFactory, SpecializationFactory, level
from vetting.models import Application

pytestmark = pytest.mark.django_db


def migrate(module: str) -> None:
    editor = SimpleNamespace(
        connection=connection, execute=lambda sql, params: connection.cursor().execute(sql, params)
    )
    importlib.import_module(module).fill(apps, editor)


def accepted(profile, specialization, code, days_ago):
    return Application.objects.create(
        applicant=profile.user,
        specialization=specialization,
        status="accepted",
        level=level(code),
        years_experience=5,
        closed_at=timezone.now() - timedelta(days=days_ago),
    )


def test_every_profile_gets_its_qualifications_and_the_ones_an_acceptance_overwrote():
    backend, design = SpecializationFactory(slug="backend"), SpecializationFactory(slug="design")
    # Before: the design acceptance overwrote the backend Lead with a design Junior.
    profile = ProfileFactory(specialization=design, level=level("junior"))
    first, second = accepted(profile, backend, "lead", 30), accepted(profile, design, "junior", 2)
    plain = ProfileFactory(specialization=backend, level=level("middle"))  # no application: today's fields
    unvetted = ProfileFactory(level=None, is_published=False)
    Qualification.objects.all().delete()

    migrate("profiles.migrations.0015_qualifications")

    rows = {
        (q.profile_id, q.specialization.slug): (q.level.code, q.application_id)
        for q in Qualification.objects.all()
    }
    assert rows == {
        (profile.pk, "backend"): ("lead", first.pk),
        (profile.pk, "design"): ("junior", second.pk),
        (plain.pk, "backend"): ("middle", None),
    }
    assert not Qualification.objects.filter(profile=unvetted).exists()
    profile.refresh_from_db()
    assert (profile.specialization, profile.level.code, profile.level_rank) == (backend, "lead", 4)

    migrate("matching.migrations.0011_candidates_per_qualification")
    assert {(c.specialization_id, c.level.code) for c in Candidate.objects.filter(profile=profile)} == {
        (backend.pk, "lead"),
        (design.pk, "junior"),
    }
    assert Candidate.objects.get(profile=profile, specialization=backend).applied_version == 0  # swept in
    assert Profile.objects.listed().filter(pk=profile.pk).exists()
