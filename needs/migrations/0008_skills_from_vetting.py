"""The need's skills point at vetting.Skill (moved from profiles; the table and rows stay): state only."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("needs", "0007_clock_defaults"),
        ("vetting", "0010_skill"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="need",
                    name="must_have_skills",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="needs_must_have",
                        to="vetting.skill",
                        verbose_name="must-have skills",
                    ),
                ),
                migrations.AlterField(
                    model_name="need",
                    name="nice_to_have_skills",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="needs_nice_to_have",
                        to="vetting.skill",
                        verbose_name="nice-to-have skills",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
