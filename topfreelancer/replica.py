"""Catalogue reads from a PostgreSQL streaming replica, when one is configured (REPLICA_DATABASE_URL).

The public catalogue and profile pages only read; with a replica they take their reads of the
catalogue's data (profiles and the vetting's reference data) off the primary. Everything else stays
on "default": writes, sessions and accounts, and matching, which must read what it just wrote. A
read routed here may lag the primary by the replication delay: acceptable for public pages that
only read, never for a form that writes (POSTs are not routed).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.urls import Resolver404, resolve

REPLICA = "replica"
CATALOGUE_VIEWS = {"profiles:catalogue", "profiles:detail"}
READ_APPS = {"profiles", "vetting"}
_reading = ContextVar("replica_reads", default=False)


def enabled() -> bool:
    return settings.CATALOGUE_FROM_REPLICA and REPLICA in settings.DATABASES


@contextmanager
def replica_reads() -> Iterator[None]:
    """Inside this block, reads of the catalogue's models go to the replica (when enabled)."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


class ReplicaRouter:
    """DATABASE_ROUTERS entry: only reads inside `replica_reads()`, only the catalogue's apps."""

    def db_for_read(self, model, **hints):
        if _reading.get() and model._meta.app_label in READ_APPS and enabled():
            return REPLICA
        return None

    def db_for_write(self, _model, **hints):
        return None

    def allow_relation(self, _obj1, _obj2, **hints):
        return True  # the replica holds the primary's data: objects read from both may relate


class ReplicaReadsMiddleware:
    """GET and HEAD of the catalogue's pages read from the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and enabled():
            try:
                view = resolve(request.path_info).view_name
            except Resolver404:
                view = None
            if view in CATALOGUE_VIEWS:
                with replica_reads():
                    return self.get_response(request)
        return self.get_response(request)
