"""Publishing Celery tasks from services.

Services record the work in the database first (a pending email, a need whose matching is
"pending"), then publish a task after the transaction commits. If the broker is down the
publish gives up quickly (see CELERY_BROKER_* settings) and is only logged: a periodic task
finds the recorded work and publishes it again, so no request hangs and nothing is lost.
"""

import logging

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def publish(task: Task, *args, **kwargs) -> bool:
    """Send the task now; return False (and log) if the broker cannot be reached."""
    if task.app.conf.task_always_eager:
        task.apply(args=args, kwargs=kwargs, throw=True)
        return True
    try:
        task.apply_async(args=args, kwargs=kwargs)
    except (OperationalError, ConnectionError, TimeoutError, OSError):
        logger.warning("Broker unreachable: %s%r will be re-sent by the periodic sweep", task.name, args)
        return False
    return True


def enqueue_on_commit(task: Task, *args, **kwargs) -> None:
    """Publish the task once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: publish(task, *args, **kwargs))
