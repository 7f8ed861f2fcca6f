from django.db import migrations

from accounts.roles import grant_group_permissions, revoke_group_permissions

# Moderators review people; they may look users up but never change accounts or permissions.
PERMS = ["accounts.view_user"]


def forwards(apps, schema_editor):
    grant_group_permissions(apps, PERMS)


def backwards(apps, schema_editor):
    revoke_group_permissions(apps, PERMS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
