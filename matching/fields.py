"""SetField: a small sorted set of ids or codes in one column of the matching's read model."""

import json

from django.db import models
from typing_extensions import override


class SetField(models.Field):
    """An array on PostgreSQL (tested with `= ANY(...)`), a JSON list elsewhere (SQLite: json_each).

    Values are stored sorted and without duplicates. `contains_sql` gives the membership test of the
    connection's vendor, so the scoring SQL stays one text on both databases.
    """

    description = "A set of ids or codes"

    def __init__(self, *args, base: str = "integer", **kwargs):
        self.base = base
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.base != "integer":
            kwargs["base"] = self.base
        if kwargs.get("default") is list:
            del kwargs["default"]
        return name, path, args, kwargs

    def db_type(self, connection):
        return f"{self.base}[]" if connection.vendor == "postgresql" else "text"

    @override
    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        items = sorted(set(value))
        return items if connection.vendor == "postgresql" else json.dumps(items)

    @override
    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or isinstance(value, list):
            return value
        if isinstance(value, str):
            return json.loads(value)
        return list(value)

    @staticmethod
    def contains_sql(connection, column: str) -> str:
        """SQL true when `column` holds the one parameter (%s)."""
        if connection.vendor == "postgresql":
            return f"%s = ANY({column})"
        return f"EXISTS (SELECT 1 FROM json_each({column}) WHERE json_each.value = %s)"
