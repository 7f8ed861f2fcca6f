import django.db.models.functions.text
import django.db.models.lookups
import topfreelancer.markup
import topfreelancer.text
from django.conf import settings
from django.db import migrations, models
from topfreelancer.markup import rerender
from topfreelancer.text import flatten_lines, truncate_over_cap


def fit_existing_rows(apps, schema_editor):
    """Existing rows fit the new rules before the CHECKs are added (next migration; PostgreSQL
    refuses to ALTER a table with pending trigger events in the transaction that updated it): text over its cap is cut to it,
    line breaks in one-line fields become spaces, and the stored HTML is rendered from the Markdown."""
    Invitation = apps.get_model("matching", "Invitation")
    truncate_over_cap(Invitation, {"message": 3000})
    rerender(Invitation._base_manager.all())


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0001_match_and_invitation'),
        ('needs', '0003_utc_window_both_ends'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='invitation',
            name='message_html',
            field=topfreelancer.markup.RenderedHTMLField(source='message'),
        ),
        migrations.RunPython(fit_existing_rows, migrations.RunPython.noop),
        migrations.RunPython(fit_existing_rows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='invitation',
            name='message',
            field=topfreelancer.text.CappedTextField(help_text='Markdown.', max_length=3000, verbose_name='message'),
        ),
    ]
