"""User text: the length caps and the single-line rule, declared once and used by every app.

Every model field that stores user text is one of the two fields below (or a plain CharField whose
max_length is its cap), so the cap and the rule hold in the model (full_clean), in every ModelForm
and in the admin; plain forms use `SingleLineField` / `forms.CharField(max_length=...)` with the
same constants.

- `CappedTextField`: a TextField whose max_length is enforced by the form, by model validation and
  by the database (a CHECK constraint on its length: PostgreSQL and SQLite alike).
- `SingleLineCharField` / `SingleLineField`: titles, names, headlines. CR, LF and every other
  control character are refused (a crafted POST with a newline in a title is a form error, so a
  title can never break an email header).
"""

import unicodedata

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length, Substr
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

# The caps of multi-line user text (one-line fields keep their CharField max_length).
MESSAGE_MAX = 3000  # messages, reasons, notes, experience parts, screening answers
TEXT_MAX = 5000  # summaries, descriptions, instructions, question texts
WORK_SAMPLE_MAX = 20000  # a work-sample answer (the renderer's bound is measured at this size)

_LINE_BREAKS = {"\u2028", "\u2029"}  # the control characters (category Cc) include CR, LF, NEL, tab
_NOT_ONE_LINE = "[\x01-\x1f\x7f-\x9f\u2028\u2029]"  # the same set for a database regex (text holds no NUL)


def _breaks_line(ch: str) -> bool:
    return ch in _LINE_BREAKS or unicodedata.category(ch) == "Cc"


def validate_single_line(value: str) -> None:
    """Refuse line breaks and other control characters (tabs included)."""
    if any(_breaks_line(ch) for ch in value or ""):
        raise ValidationError(
            _("This field must be one line of text, without line breaks or control characters."),
            code="single_line",
        )


def one_line(value: str) -> str:
    """`value` with every line break or control character replaced by a space (composed email subjects)."""
    return "".join(" " if _breaks_line(ch) else ch for ch in value)


class SingleLineField(forms.CharField):
    """A form field for one line of text (see validate_single_line)."""

    default_validators = [validate_single_line]


class SingleLineCharField(models.CharField):
    """A CharField for one line of text: titles, names, headlines."""

    default_validators = [validate_single_line]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SingleLineField, **kwargs})


class CappedTextField(models.TextField):
    """A TextField with a cap enforced in the form, in model validation and in the database.

    The database side is a CHECK constraint `<table>_<field>_cap` that the field adds to its model's
    constraints (so migrations create it, and every cap is declared once, on its field).
    """

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(validators.MaxLengthValidator(max_length))

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        check = models.CheckConstraint(
            condition=LessThanOrEqual(Length(name), self.max_length), name=f"{cls._meta.db_table}_{name}_cap"
        )
        # A migration's historical model ("__fake__") takes its constraints from the migrations'
        # operations alone; adding it here too would create it twice (CreateModel + AddConstraint).
        if cls._meta.abstract or cls.__module__ == "__fake__":
            return
        cls._meta.constraints = [*cls._meta.constraints, check]
        cls._meta.original_attrs["constraints"] = cls._meta.constraints


def truncate_over_cap(model, caps: dict[str, int]) -> None:
    """For data migrations: cut existing values longer than their new cap, before the cap's CHECK is added."""
    for name, cap in caps.items():
        model._base_manager.annotate(_n=Length(name)).filter(_n__gt=cap).update(
            **{name: Substr(name, 1, cap)}
        )


def flatten_lines(model, names: list[str]) -> None:
    """For data migrations: put existing one-line values on one line (line breaks become spaces)."""
    for name in names:
        for obj in model._base_manager.filter(**{f"{name}__regex": _NOT_ONE_LINE}).only(name):
            setattr(obj, name, one_line(getattr(obj, name)).strip())
            obj.save(update_fields=[name])
