"""Skills move from profiles to vetting (issue 10: vetting owns specializations, levels, skills and the
funnel), so vetting's models no longer point at a higher app.

State only: the table keeps its name, profiles_skill, and its rows. Renaming it would make this
migration wait for profiles' migrations that build and query the table (0004, 0010, 0012), a new
dependency of vetting on profiles. profiles 0014 and needs 0007 point their fields here.
"""

import django.db.models.deletion
from django.db import migrations, models

import topfreelancer.text


class Migration(migrations.Migration):
    dependencies = [
        ("vetting", "0009_clock_defaults"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Skill",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "name",
                            topfreelancer.text.SingleLineCharField(max_length=80, unique=True, verbose_name="name"),
                        ),
                        (
                            "name_ru",
                            topfreelancer.text.SingleLineCharField(
                                blank=True, max_length=80, verbose_name="name (Russian)"
                            ),
                        ),
                        ("slug", models.SlugField(max_length=80, unique=True, verbose_name="slug")),
                    ],
                    options={
                        "verbose_name": "skill",
                        "verbose_name_plural": "skills",
                        "db_table": "profiles_skill",
                        "ordering": ["name"],
                    },
                ),
                migrations.AlterField(
                    model_name="question",
                    name="skill",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="vetting_questions",
                        to="vetting.skill",
                        verbose_name="skill checked",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
