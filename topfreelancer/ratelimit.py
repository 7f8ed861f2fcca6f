"""Limits on costly or spammable actions (applications, test starts, invitations...).

A fixed window counter in the cache (Redis in production, shared by every gunicorn worker).
"""

import time

from django.core.cache import cache


def rate_limit_hit(key: str, *, limit: int, period: int) -> bool:
    """Count one action for `key`; return True if it is over `limit` actions per `period` seconds."""
    window = int(time.time() // period)
    cache_key = f"ratelimit:{key}:{window}"
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=period + 1)
        count = 1
    return count > limit
