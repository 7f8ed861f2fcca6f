from django.db import migrations

from accounts.roles import grant_group_permissions, revoke_group_permissions

# Moderators read the funnel's configuration; only superusers change it.
PERMS = ["vetting.view_level", "vetting.view_specialization"]


def forwards(apps, schema_editor):
    grant_group_permissions(apps, PERMS)


def backwards(apps, schema_editor):
    revoke_group_permissions(apps, PERMS)


class Migration(migrations.Migration):
    dependencies = [("vetting", "0001_initial"), ("accounts", "0002_moderators_group")]
    operations = [migrations.RunPython(forwards, backwards)]
