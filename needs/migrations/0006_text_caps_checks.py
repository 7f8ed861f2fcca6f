import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models


class Migration(migrations.Migration):
    """The length caps of the text fields as CHECK constraints (the rows were fitted to them in 0005_text_caps)."""

    dependencies = [
        ('needs', '0005_text_caps'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='need',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('description'), 5000), name='needs_need_description_cap'),
        ),
    ]
