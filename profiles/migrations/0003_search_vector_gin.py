"""The full-text search index: PostgreSQL only (SQLite has no tsvector and searches with LIKE)."""

from django.db import migrations

INDEX = "profile_search_vector_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON profiles_profile USING gin (search_vector)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("profiles", "0002_catalogue_indexes_and_search")]

    operations = [migrations.RunPython(create, drop)]
