"""topfreelancer.clock: the services' one clock, real unless a block sets it, per context."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tests.factories import ModeratorFactory
from topfreelancer import clock
from vetting import services
from vetting.models import AuditEntry

from .vetting.factories import apply, make_funnel

MOMENT = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def test_outside_a_block_the_clock_is_the_real_time():
    before = timezone.now()
    assert before <= clock.now() <= timezone.now()
    assert clock.today() == timezone.localdate()


def test_at_fixes_the_moment_and_restores_it_after_the_block():
    with clock.at(MOMENT) as moment:
        assert moment == MOMENT
        assert clock.now() == MOMENT and clock.now() == MOMENT
        assert clock.today() == timezone.localdate(MOMENT)
    assert clock.now() > MOMENT + timedelta(days=365)


def test_blocks_nest_and_the_inner_one_wins_until_it_ends():
    later = MOMENT + timedelta(days=30)
    with clock.at(MOMENT):
        with clock.at(later):
            assert clock.now() == later
        assert clock.now() == MOMENT


def test_travel_moves_forward_only():
    with clock.travel(MOMENT) as traveller:
        assert traveller.advance(days=2, hours=3) == MOMENT + timedelta(days=2, hours=3)
        assert clock.now() == MOMENT + timedelta(days=2, hours=3)
        traveller.to(MOMENT + timedelta(days=10))
        assert clock.now() == MOMENT + timedelta(days=10)
        with pytest.raises(ValueError):
            traveller.advance(timedelta(seconds=-1))
        with pytest.raises(ValueError):
            traveller.to(MOMENT)
        assert clock.now() == MOMENT + timedelta(days=10)


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError), clock.at(datetime(2025, 1, 1)):
        pass


def test_another_thread_keeps_the_real_time():
    seen = []
    with clock.at(MOMENT):
        thread = threading.Thread(target=lambda: seen.append(clock.now()))
        thread.start()
        thread.join()
    assert seen[0] > MOMENT + timedelta(days=365)


@pytest.mark.django_db
def test_the_services_stamp_their_rows_with_the_clock():
    funnel = make_funnel(slug="backend")
    with clock.at(MOMENT):
        application = apply(funnel)
    assert application.created_at == MOMENT and application.stage_entered_at == MOMENT
    later = MOMENT + timedelta(days=3)
    with clock.at(later):
        services.application_advance(application=application, actor=ModeratorFactory())
    application.refresh_from_db()
    result = application.results.get()
    assert (result.entered_at, result.decided_at) == (MOMENT, later)
    assert application.stage_entered_at == later
    assert list(AuditEntry.objects.order_by("pk").values_list("created_at", flat=True)) == [MOMENT, later]
