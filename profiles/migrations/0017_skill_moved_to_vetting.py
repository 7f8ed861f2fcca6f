"""Skills now live in vetting (vetting 0009): the profile's skills point there and profiles forgets its
Skill. State only (the table profiles_skill and its rows stay); the skill's content type moves too, so
permissions and admin history granted on skills are kept.

The dependency on needs 0007 is forced: the needs' fields must stop pointing at profiles.Skill before
profiles forgets it (listed in tests/test_app_direction.py's KNOWN_MIGRATIONS).
"""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="vetting", model="skill").exists():
        ContentType.objects.filter(app_label="profiles", model="skill").update(app_label="vetting")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="profiles", model="skill").exists():
        ContentType.objects.filter(app_label="vetting", model="skill").update(app_label="profiles")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("needs", "0008_skills_from_vetting"),
        ("profiles", "0016_catalogue_within_specialization_by_qualification"),
        ("vetting", "0010_skill"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="profileskill",
                    name="skill",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="profile_skills", to="vetting.skill"
                    ),
                ),
                migrations.DeleteModel(name="Skill"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
