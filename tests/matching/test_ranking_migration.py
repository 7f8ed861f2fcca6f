"""The migration that moved matching's per-need state from needs' own row to matching's table:
matching 0014 copies every need's values, needs 0011 drops the fields."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import CustomerFactory, SpecializationFactory, level

BEFORE = [("needs", "0011_event_state_labels"), ("matching", "0014_event_field_names")]
AFTER = [("needs", "0012_ranking_moved_to_matching"), ("matching", "0015_need_ranking")]


@pytest.mark.usefixtures("transactional_db")
def test_every_need_keeps_its_matching_state_version_and_times():
    customer, spec, senior = CustomerFactory(), SpecializationFactory(), level("senior")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    Need = executor.loader.project_state(BEFORE).apps.get_model("needs", "Need")
    requested = timezone.now() - timedelta(minutes=5)
    common = {
        "customer_id": customer.pk,
        "specialization_id": spec.pk,
        "level_id": senior.pk,
        "state": "open",
    }
    done = Need.objects.create(
        title="Done", matching_state="done", matching_version=3, matching_requested_at=requested,
        matching_started_at=requested + timedelta(seconds=1), matched_at=requested + timedelta(seconds=2),
        **common,
    )  # fmt: skip
    pending = Need.objects.create(title="Pending", matching_state="pending", matching_version=7, **common)
    draft = Need.objects.create(title="Draft", **{**common, "state": "draft"})

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    NeedRanking = executor.loader.project_state(AFTER).apps.get_model("matching", "NeedRanking")
    rows = {r.need_id: r for r in NeedRanking.objects.all()}
    assert set(rows) == {done.pk, pending.pk, draft.pk}
    assert (rows[done.pk].state, rows[done.pk].version) == ("done", 3)
    assert rows[done.pk].requested_at == requested
    assert rows[done.pk].started_at == requested + timedelta(seconds=1)
    assert rows[done.pk].matched_at == requested + timedelta(seconds=2)
    assert (rows[pending.pk].state, rows[pending.pk].version, rows[pending.pk].matched_at) == (
        "pending",
        7,
        None,
    )
    assert (rows[draft.pk].state, rows[draft.pk].version) == ("idle", 0)
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, "needs_need")}
    assert not {"matching_state", "matching_version", "matched_at"} & columns
    # Back to the newest schema, for the tests that share this database after this one.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
