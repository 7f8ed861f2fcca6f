"""A matching run's heartbeat: a thread that touches `RunHeartbeat.beat_at` while the run works.

The run holds its need row locked (FOR UPDATE) in a transaction that is invisible until it commits,
so the pulse is a separate row written from the thread's own database connection; it only UPDATEs
the row the run created (an UPDATE that leaves the foreign key alone takes no lock on the need).
A live run, however slow or blocked, keeps beating; a killed worker stops, and the beat sweep
re-sends a run whose last beat is older than STALE (matching.services.runs.pending_need_ids).
"""

import logging
import threading
from contextlib import contextmanager
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from .models import RunHeartbeat

logger = logging.getLogger(__name__)

EVERY = timedelta(seconds=15)
# Four missed beats: a worker this silent is dead (or its database connection is).
STALE = timedelta(minutes=1)


def beat(need_id: int) -> None:
    """Record a beat now (creates the row; call in the transaction that marks the run "running")."""
    RunHeartbeat.objects.bulk_create(
        [RunHeartbeat(need_id=need_id, beat_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["need"],
        update_fields=["beat_at"],
    )


@contextmanager
def pulse(need_id: int, *, every: timedelta = EVERY):
    """Beat every `every` from a background thread until the block ends."""
    stop = threading.Event()

    def run() -> None:
        try:
            while not stop.wait(every.total_seconds()):
                RunHeartbeat.objects.filter(need_id=need_id).update(beat_at=timezone.now())
        except Exception:  # a pulse that cannot write only makes the sweep re-send a live run
            logger.exception("Heartbeat of the matching run of need %s failed", need_id)
        finally:
            connection.close()  # the thread's own connection

    thread = threading.Thread(target=run, name=f"matching-heartbeat-{need_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
