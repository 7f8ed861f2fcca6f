"""Real threads started together (a barrier), each on its own database connection."""

import threading
from collections.abc import Callable

from django.db import connection


def run_together(targets: list[Callable], *, timeout: float = 60) -> list:
    """Call every target in its own thread, all released at once. Returns their results (an exception
    raised is returned in place of a result), in the order the threads finished."""
    barrier = threading.Barrier(len(targets))
    results: list = []

    def work(target):
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:  # collected and asserted by the test
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results


def in_threads(target: Callable, count: int, *, timeout: float = 60) -> list:
    """The same target in `count` threads at once."""
    return run_together([target] * count, timeout=timeout)
