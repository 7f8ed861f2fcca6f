"""The one way every app changes state (STYLE.md, point 2): lock the row, check the move against the
model's transition table, refuse with `DomainError`.

- `lock(row)` re-reads a row in place under `SELECT ... FOR NO KEY UPDATE` (only the row's own
  table), the way STYLE.md's `refresh_from_db(from_queryset=...)` does; the caller is inside
  `transaction.atomic`. NO KEY: no service changes a primary key, and a plain FOR UPDATE would also
  hold up every insert elsewhere that references the row (its foreign-key check, at commit), which
  deadlocked a profile edit against the update of a shortlist that the profile was entering.
  `within=` narrows who may lock the row (one outside it: DoesNotExist, a 404).
- `check_move(table, source, target)` holds each stateful model's table of allowed moves (`source ->
  allowed targets`, kept next to the model) to one rule.
- `DomainError` is the one error a service raises for a refused move or a bad request. It is a
  `ValidationError`, so the model validation a service runs (`full_clean`) and its own refusals reach
  the view the same way; views show either with `refusal_to_form` or `refusal_to_messages`.
"""

from collections.abc import Hashable, Mapping
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

M = TypeVar("M", bound=models.Model)


class DomainError(ValidationError):
    """A refused move or request, with a message fit to show the user."""


def lock(row: M, *, within: models.QuerySet | None = None) -> M:
    """Re-read `row` in place under a row lock on its own table, and return it (the caller is inside
    `transaction.atomic`). `within`, a queryset of the row's model, narrows who may lock it (a row
    outside it raises DoesNotExist: a 404 in views) and says what to `select_related`."""
    queryset = row.__class__._default_manager.all() if within is None else within
    # A row read with only() is re-read whole: the lock's reader needs every field.
    fields = [field.attname for field in row._meta.concrete_fields] if row.get_deferred_fields() else None
    row.refresh_from_db(fields=fields, from_queryset=queryset.select_for_update(of=("self",), no_key=True))
    row._state.adding = False  # `lock(Model(pk=pk))` reads a row known by its id alone
    return row


def check_move(
    table: Mapping[Hashable, frozenset], source: Hashable, target: Hashable, *, message=None
) -> None:
    """Refuse (`DomainError`) unless `table` allows `source -> target`."""
    if target not in table.get(source, frozenset()):
        raise DomainError(message or _("This change is not allowed."))


def refusal_to_form(form, error: ValidationError) -> None:
    """Show a service's refusal on `form`: per field when the error names fields, else above it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def refusal_to_messages(request, error: ValidationError) -> None:
    """Show a service's refusal as one flash message (views that only redirect)."""
    messages.error(request, " ".join(str(message) for message in error.messages))
