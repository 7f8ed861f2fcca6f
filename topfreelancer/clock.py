"""The one clock the services read: the real time, unless a block says otherwise.

Services stamp times with `clock.now()` (and `clock.today()`), never `timezone.now()` directly, so a
caller can run them at another moment: the demo plays twelve months of the funnel as real transitions
at their own dates, and tests pin a moment without patching.

    with clock.at(moment):          # every clock.now() in the block returns `moment`
        application_create(...)
    with clock.travel(moment) as t: # starts at `moment`; t.advance(...) moves it on
        t.advance(days=3)

The moment lives in a context variable, so threads and concurrent requests outside the block keep
the real time.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta

from django.utils import timezone

_moment: ContextVar["_Traveller | None"] = ContextVar("clock_moment", default=None)


class _Traveller:
    def __init__(self, moment: datetime):
        if timezone.is_naive(moment):
            raise ValueError("the clock takes aware datetimes")
        self.moment = moment

    def advance(self, delta: timedelta | None = None, **kwargs) -> datetime:
        """Move the clock forward (by a timedelta or its keyword arguments); returns the new moment."""
        step = delta if delta is not None else timedelta(**kwargs)
        if step < timedelta(0):
            raise ValueError("the clock does not go back")
        self.moment += step
        return self.moment

    def to(self, moment: datetime) -> datetime:
        """Move the clock to a later moment (an earlier one is refused: history runs forward)."""
        return self.advance(moment - self.moment)


def now() -> datetime:
    """The current moment: the block's if one is active, otherwise the real time."""
    traveller = _moment.get()
    return traveller.moment if traveller is not None else timezone.now()


def today() -> date:
    """Today's date in the current time zone, by `now()`."""
    return timezone.localdate(now())


@contextmanager
def at(moment: datetime) -> Iterator[datetime]:
    """Run the block at a fixed moment."""
    with travel(moment) as traveller:
        yield traveller.moment


@contextmanager
def travel(moment: datetime) -> Iterator[_Traveller]:
    """Run the block from `moment` on; the yielded object moves the clock forward."""
    token = _moment.set(_Traveller(moment))
    try:
        yield _moment.get()
    finally:
        _moment.reset(token)
