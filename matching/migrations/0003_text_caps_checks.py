import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models


class Migration(migrations.Migration):
    """The length caps of the text fields as CHECK constraints (the rows were fitted to them in 0002_text_caps)."""

    dependencies = [
        ('matching', '0002_text_caps'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='invitation',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('message'), 3000), name='matching_invitation_message_cap'),
        ),
    ]
