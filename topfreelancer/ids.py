"""Ids from users: one check for every form field, filter and parameter that takes a row's id.

Every primary key is a positive 64-bit integer (BigAutoField). A value that is not one is
refused before it reaches the database: SQLite raises OverflowError on an integer beyond
64 bits (a 500), and PostgreSQL answers an out-of-range `IN (...)` with an error too.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")  # ASCII digits only: int() also reads "５" and " 5"


def parse_id(value) -> int | None:
    """The id `value` stands for (an int or a string of ASCII digits in 1..2**63-1), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value):
        number = int(value)
    else:
        return None
    return number if 0 < number <= MAX_ID else None


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that answers a value which cannot be an id with "not a valid choice"."""

    def to_python(self, value):
        if value in self.empty_values or isinstance(value, models.Model) or self.to_field_name:
            return super().to_python(value)
        if parse_id(value) is None:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses values which cannot be ids, and more than
    `max_choices` of them (each one costs a lookup)."""

    default_error_messages = {
        "too_many": _("Select at most %(max)s."),
    }

    def __init__(self, queryset, *, max_choices: int = 100, **kwargs):
        self.max_choices = max_choices
        super().__init__(queryset, **kwargs)

    def _check_values(self, value):
        if len(value) > self.max_choices:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"max": self.max_choices}
            )
        if not self.to_field_name:
            for pk in value:
                if parse_id(pk) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)
