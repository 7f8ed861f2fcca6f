import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models


class Migration(migrations.Migration):
    """The length caps of the text fields as CHECK constraints (the rows were fitted to them in 0006_text_caps)."""

    dependencies = [
        ('vetting', '0006_text_caps'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='application',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('summary'), 5000), name='vetting_application_summary_cap'),
        ),
        migrations.AddConstraint(
            model_name='level',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('description_en'), 5000), name='vetting_level_description_en_cap'),
        ),
        migrations.AddConstraint(
            model_name='level',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('description_ru'), 5000), name='vetting_level_description_ru_cap'),
        ),
        migrations.AddConstraint(
            model_name='question',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('text_en'), 5000), name='vetting_question_text_en_cap'),
        ),
        migrations.AddConstraint(
            model_name='question',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('text_ru'), 5000), name='vetting_question_text_ru_cap'),
        ),
        migrations.AddConstraint(
            model_name='reasontemplate',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('text_en'), 3000), name='vetting_reasontemplate_text_en_cap'),
        ),
        migrations.AddConstraint(
            model_name='reasontemplate',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('text_ru'), 3000), name='vetting_reasontemplate_text_ru_cap'),
        ),
        migrations.AddConstraint(
            model_name='review',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('private_note'), 3000), name='vetting_review_private_note_cap'),
        ),
        migrations.AddConstraint(
            model_name='screeningexperience',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('description'), 3000), name='vetting_screeningexperience_description_cap'),
        ),
        migrations.AddConstraint(
            model_name='specialization',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('description_en'), 5000), name='vetting_specialization_description_en_cap'),
        ),
        migrations.AddConstraint(
            model_name='specialization',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('description_ru'), 5000), name='vetting_specialization_description_ru_cap'),
        ),
        migrations.AddConstraint(
            model_name='stage',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('instructions_en'), 5000), name='vetting_stage_instructions_en_cap'),
        ),
        migrations.AddConstraint(
            model_name='stage',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('instructions_ru'), 5000), name='vetting_stage_instructions_ru_cap'),
        ),
        migrations.AddConstraint(
            model_name='stageresult',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('reason'), 3000), name='vetting_stageresult_reason_cap'),
        ),
        migrations.AddConstraint(
            model_name='worksubmission',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('text'), 20000), name='vetting_worksubmission_text_cap'),
        ),
    ]
