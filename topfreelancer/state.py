"""The one way every app changes state (STYLE.md, point 2): lock the row, check the move against the
model's transition table, refuse with `DomainError`.

- `lock(instance)` (or `lock(Model_or_queryset, pk)`) re-reads a row under `SELECT ... FOR UPDATE`
  (only the row's own table) and returns the fresh copy; the caller is inside `transaction.atomic`.
  A queryset narrows who may lock the row (one outside it raises DoesNotExist: a 404 in views).
- `check_move(table, source, target)` holds each stateful model's table of allowed moves (`source ->
  allowed targets`, kept next to the model) to one rule.
- `DomainError` is the one error a service raises for a refused move or a bad request. It is a
  `ValidationError`, so the model validation a service runs (`full_clean`) and its own refusals reach
  the view the same way; views show either with `refusal_to_form` or `refusal_to_messages`.
"""

from collections.abc import Mapping

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class DomainError(ValidationError):
    """A refused move or request, with a message fit to show the user."""


def lock(source, pk=None):
    """A row re-read under a row lock on its own table (the caller is inside `transaction.atomic`).

    `source` is a model instance (its row is re-read), or a model or queryset with the `pk` to read:
    a queryset narrows who may lock the row (one outside it raises the model's DoesNotExist) and
    says what to `select_related`.
    """
    if isinstance(source, models.Model):
        source, pk = source.__class__._default_manager.all(), source.pk
    elif isinstance(source, type) and issubclass(source, models.Model):
        source = source._default_manager.all()
    return source.select_for_update(of=("self",)).get(pk=pk)


def check_move(table: Mapping[str, frozenset[str]], source: str, target: str, *, message=None) -> None:
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
    """Show a service's refusal as one flash message per sentence (views that only redirect)."""
    for message in error.messages:
        messages.error(request, message)
