from django.db import migrations
from django.db.models import F


def name_every_skill_in_russian(apps, schema_editor):
    """A skill without a Russian name keeps its own (brands: Python, Figma); the translated ones
    were named by 0010. The search vector indexes a Russian name equal to the English one once
    (profiles.search), so no vector changes."""
    Skill = apps.get_model("profiles", "Skill")
    Skill.objects.filter(name_ru="").update(name_ru=F("name"))


class Migration(migrations.Migration):
    dependencies = [("profiles", "0011_track_record")]

    operations = [migrations.RunPython(name_every_skill_in_russian, migrations.RunPython.noop)]
