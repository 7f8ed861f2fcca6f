from django.db import migrations

from accounts.roles import grant_group_permissions, revoke_group_permissions

# Moderators read the configuration and review applications; only superusers change the funnel.
PERMS = [
    "vetting.view_stage",
    "vetting.view_screeningquestion",
    "vetting.view_question",
    "vetting.view_choice",
    "vetting.view_rubriccriterion",
    "vetting.view_reasontemplate",
    "vetting.view_application",
    "vetting.change_application",  # runs the admin actions, which call vetting.services
    "vetting.view_stageresult",
    "vetting.view_testattempt",
    "vetting.view_worksubmission",
    "vetting.view_review",
    "vetting.add_review",
    "vetting.view_auditentry",
    "vetting.view_screeningexperience",
]


def forwards(apps, schema_editor):
    grant_group_permissions(apps, PERMS)


def backwards(apps, schema_editor):
    revoke_group_permissions(apps, PERMS)


class Migration(migrations.Migration):
    dependencies = [("vetting", "0004_funnel"), ("accounts", "0002_moderators_group")]
    operations = [migrations.RunPython(forwards, backwards)]
