import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models


class Migration(migrations.Migration):
    """The length caps of the text fields as CHECK constraints (the rows were fitted to them in 0008_text_caps)."""

    dependencies = [
        ('profiles', '0008_text_caps'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='experience',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('task'), 3000), name='profiles_experience_task_cap'),
        ),
        migrations.AddConstraint(
            model_name='experience',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('process'), 3000), name='profiles_experience_process_cap'),
        ),
        migrations.AddConstraint(
            model_name='experience',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('contribution'), 3000), name='profiles_experience_contribution_cap'),
        ),
        migrations.AddConstraint(
            model_name='experience',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('outcome'), 3000), name='profiles_experience_outcome_cap'),
        ),
        migrations.AddConstraint(
            model_name='profile',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('summary'), 5000), name='profiles_profile_summary_cap'),
        ),
    ]
