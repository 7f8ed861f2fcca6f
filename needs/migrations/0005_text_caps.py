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
    Need = apps.get_model("needs", "Need")
    truncate_over_cap(Need, {"description": 5000})
    flatten_lines(Need, ["title"])
    rerender(Need._base_manager.all())


class Migration(migrations.Migration):

    dependencies = [
        ('needs', '0004_need_form_token'),
        ('profiles', '0006_catalogue_sorts_per_specialization'),
        ('vetting', '0005_moderators_review_funnel'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='need',
            name='description_html',
            field=topfreelancer.markup.RenderedHTMLField(source='description'),
        ),
        migrations.RunPython(fit_existing_rows, migrations.RunPython.noop),
        migrations.RunPython(fit_existing_rows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='need',
            name='description',
            field=topfreelancer.text.CappedTextField(blank=True, help_text='Markdown.', max_length=5000, verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='need',
            name='title',
            field=topfreelancer.text.SingleLineCharField(max_length=160, verbose_name='title'),
        ),
    ]
