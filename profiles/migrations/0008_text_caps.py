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
    Skill = apps.get_model("profiles", "Skill")
    flatten_lines(Skill, ["name"])
    Profile = apps.get_model("profiles", "Profile")
    truncate_over_cap(Profile, {"summary": 5000})
    flatten_lines(Profile, ["headline"])
    rerender(Profile._base_manager.all())
    Experience = apps.get_model("profiles", "Experience")
    truncate_over_cap(Experience, {"task": 3000, "process": 3000, "contribution": 3000, "outcome": 3000})
    flatten_lines(Experience, ["organization", "team", "role"])
    rerender(Experience._base_manager.all())
    Education = apps.get_model("profiles", "Education")
    flatten_lines(Education, ["institution", "degree"])


class Migration(migrations.Migration):

    dependencies = [
        ('profiles', '0007_profile_edit_token'),
        ('vetting', '0005_moderators_review_funnel'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='experience',
            name='contribution_html',
            field=topfreelancer.markup.RenderedHTMLField(source='contribution'),
        ),
        migrations.AddField(
            model_name='experience',
            name='outcome_html',
            field=topfreelancer.markup.RenderedHTMLField(source='outcome'),
        ),
        migrations.AddField(
            model_name='experience',
            name='process_html',
            field=topfreelancer.markup.RenderedHTMLField(source='process'),
        ),
        migrations.AddField(
            model_name='experience',
            name='task_html',
            field=topfreelancer.markup.RenderedHTMLField(source='task'),
        ),
        migrations.AddField(
            model_name='profile',
            name='summary_html',
            field=topfreelancer.markup.RenderedHTMLField(source='summary'),
        ),
        migrations.RunPython(fit_existing_rows, migrations.RunPython.noop),
        migrations.RunPython(fit_existing_rows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='education',
            name='degree',
            field=topfreelancer.text.SingleLineCharField(blank=True, max_length=200, verbose_name='degree or course'),
        ),
        migrations.AlterField(
            model_name='education',
            name='institution',
            field=topfreelancer.text.SingleLineCharField(max_length=200, verbose_name='institution'),
        ),
        migrations.AlterField(
            model_name='experience',
            name='contribution',
            field=topfreelancer.text.CappedTextField(max_length=3000, verbose_name='own contribution'),
        ),
        migrations.AlterField(
            model_name='experience',
            name='organization',
            field=topfreelancer.text.SingleLineCharField(max_length=160, verbose_name='organization or project'),
        ),
        migrations.AlterField(
            model_name='experience',
            name='outcome',
            field=topfreelancer.text.CappedTextField(blank=True, max_length=3000, verbose_name='outcome'),
        ),
        migrations.AlterField(
            model_name='experience',
            name='process',
            field=topfreelancer.text.CappedTextField(blank=True, max_length=3000, verbose_name='process and methods'),
        ),
        migrations.AlterField(
            model_name='experience',
            name='role',
            field=topfreelancer.text.SingleLineCharField(max_length=120, verbose_name='role'),
        ),
        migrations.AlterField(
            model_name='experience',
            name='task',
            field=topfreelancer.text.CappedTextField(max_length=3000, verbose_name='the task'),
        ),
        migrations.AlterField(
            model_name='experience',
            name='team',
            field=topfreelancer.text.SingleLineCharField(blank=True, max_length=200, verbose_name='the team'),
        ),
        migrations.AlterField(
            model_name='profile',
            name='headline',
            field=topfreelancer.text.SingleLineCharField(blank=True, max_length=160, verbose_name='headline'),
        ),
        migrations.AlterField(
            model_name='profile',
            name='summary',
            field=topfreelancer.text.CappedTextField(blank=True, help_text='Markdown.', max_length=5000, verbose_name='summary'),
        ),
        migrations.AlterField(
            model_name='skill',
            name='name',
            field=topfreelancer.text.SingleLineCharField(max_length=80, unique=True, verbose_name='name'),
        ),
    ]
