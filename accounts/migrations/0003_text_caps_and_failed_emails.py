import topfreelancer.text
from django.db import migrations, models
from topfreelancer.text import flatten_lines, truncate_over_cap


def fit_existing_rows(apps, schema_editor):
    """Existing rows fit the new rules before the CHECKs are added (next migration; PostgreSQL
    refuses to ALTER a table with pending trigger events in the transaction that updated it): text over its cap is cut to it,
    line breaks in one-line fields become spaces, and the stored HTML is rendered from the Markdown."""
    User = apps.get_model("accounts", "User")
    flatten_lines(User, ["full_name"])


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_moderators_group'),
    ]

    operations = [
        migrations.AddField(
            model_name='outboundemail',
            name='failed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='failed'),
        ),
        migrations.RunPython(fit_existing_rows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='outboundemail',
            name='last_error',
            field=models.TextField(blank=True, verbose_name='last error (the reason when failed)'),
        ),
        migrations.AlterField(
            model_name='user',
            name='full_name',
            field=topfreelancer.text.SingleLineCharField(blank=True, max_length=150, verbose_name='full name'),
        ),
        migrations.AddConstraint(
            model_name='outboundemail',
            constraint=models.CheckConstraint(condition=models.Q(('sent_at__isnull', True), ('failed_at__isnull', True), _connector='OR'), name='email_sent_or_failed_not_both'),
        ),
    ]
