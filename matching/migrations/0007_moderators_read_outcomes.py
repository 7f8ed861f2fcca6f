from django.db import migrations

from accounts.roles import grant_group_permissions, revoke_group_permissions

# Moderators read engagements and feedback (flags, help requests) and the selection-validity report;
# a conversation only once a party asks for help (checked in the view, audited).
PERMS = ["matching.view_engagement", "matching.view_feedback"]


def forwards(apps, schema_editor):
    grant_group_permissions(apps, PERMS)


def backwards(apps, schema_editor):
    revoke_group_permissions(apps, PERMS)


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0006_engagements_conversations_outcomes"),
        ("accounts", "0002_moderators_group"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
