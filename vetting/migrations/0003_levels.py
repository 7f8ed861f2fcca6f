from django.db import migrations

LEVELS = [
    (1, "junior", "Junior", "Джуниор", "Solves typical problems with guidance.", "Решает типовые задачи под руководством."),
    (2, "middle", "Middle", "Мидл", "Solves typical problems on their own.", "Самостоятельно решает типовые задачи."),
    (3, "senior", "Senior", "Сеньор", "Solves new problems and owns the result.", "Решает новые задачи и отвечает за результат."),
    (4, "lead", "Lead", "Лид", "Sets the direction for a whole area and a team.", "Задаёт направление целой области и команде."),
]


def forwards(apps, schema_editor):
    Level = apps.get_model("vetting", "Level")
    for rank, code, name_en, name_ru, description_en, description_ru in LEVELS:
        Level.objects.update_or_create(
            code=code,
            defaults={"rank": rank, "name_en": name_en, "name_ru": name_ru,
                      "description_en": description_en, "description_ru": description_ru},
        )


def backwards(apps, schema_editor):
    apps.get_model("vetting", "Level").objects.filter(code__in=[row[1] for row in LEVELS]).delete()


class Migration(migrations.Migration):
    dependencies = [("vetting", "0002_moderators_view_reference_data")]
    operations = [migrations.RunPython(forwards, backwards)]
