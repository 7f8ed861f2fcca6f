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
    Level = apps.get_model("vetting", "Level")
    truncate_over_cap(Level, {"description_en": 5000, "description_ru": 5000})
    flatten_lines(Level, ["name_en", "name_ru"])
    Specialization = apps.get_model("vetting", "Specialization")
    truncate_over_cap(Specialization, {"description_en": 5000, "description_ru": 5000})
    flatten_lines(Specialization, ["name_en", "name_ru"])
    Stage = apps.get_model("vetting", "Stage")
    truncate_over_cap(Stage, {"instructions_en": 5000, "instructions_ru": 5000})
    flatten_lines(Stage, ["name_en", "name_ru"])
    rerender(Stage._base_manager.all())
    ScreeningQuestion = apps.get_model("vetting", "ScreeningQuestion")
    flatten_lines(ScreeningQuestion, ["text_en", "text_ru"])
    Question = apps.get_model("vetting", "Question")
    truncate_over_cap(Question, {"text_en": 5000, "text_ru": 5000})
    Choice = apps.get_model("vetting", "Choice")
    flatten_lines(Choice, ["text_en", "text_ru"])
    RubricCriterion = apps.get_model("vetting", "RubricCriterion")
    flatten_lines(RubricCriterion, ["name_en", "name_ru"])
    ReasonTemplate = apps.get_model("vetting", "ReasonTemplate")
    truncate_over_cap(ReasonTemplate, {"text_en": 3000, "text_ru": 3000})
    flatten_lines(ReasonTemplate, ["title_en", "title_ru"])
    Application = apps.get_model("vetting", "Application")
    truncate_over_cap(Application, {"summary": 5000})
    flatten_lines(Application, ["headline"])
    ScreeningExperience = apps.get_model("vetting", "ScreeningExperience")
    truncate_over_cap(ScreeningExperience, {"description": 3000})
    flatten_lines(ScreeningExperience, ["organization", "role"])
    StageResult = apps.get_model("vetting", "StageResult")
    truncate_over_cap(StageResult, {"reason": 3000})
    rerender(StageResult._base_manager.all())
    WorkSubmission = apps.get_model("vetting", "WorkSubmission")
    truncate_over_cap(WorkSubmission, {"text": 20000})
    rerender(WorkSubmission._base_manager.all())
    Review = apps.get_model("vetting", "Review")
    truncate_over_cap(Review, {"private_note": 3000})


class Migration(migrations.Migration):

    dependencies = [
        ('vetting', '0005_moderators_review_funnel'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='stage',
            name='instructions_html_en',
            field=topfreelancer.markup.RenderedHTMLField(source='instructions_en'),
        ),
        migrations.AddField(
            model_name='stage',
            name='instructions_html_ru',
            field=topfreelancer.markup.RenderedHTMLField(source='instructions_ru'),
        ),
        migrations.AddField(
            model_name='stageresult',
            name='reason_html',
            field=topfreelancer.markup.RenderedHTMLField(source='reason'),
        ),
        migrations.AddField(
            model_name='worksubmission',
            name='text_html',
            field=topfreelancer.markup.RenderedHTMLField(source='text'),
        ),
        migrations.RunPython(fit_existing_rows, migrations.RunPython.noop),
        migrations.RunPython(fit_existing_rows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='application',
            name='headline',
            field=topfreelancer.text.SingleLineCharField(max_length=160, verbose_name='headline'),
        ),
        migrations.AlterField(
            model_name='application',
            name='summary',
            field=topfreelancer.text.CappedTextField(help_text='Markdown.', max_length=5000, verbose_name='about you'),
        ),
        migrations.AlterField(
            model_name='choice',
            name='text_en',
            field=topfreelancer.text.SingleLineCharField(max_length=300, verbose_name='answer (English)'),
        ),
        migrations.AlterField(
            model_name='choice',
            name='text_ru',
            field=topfreelancer.text.SingleLineCharField(max_length=300, verbose_name='answer (Russian)'),
        ),
        migrations.AlterField(
            model_name='level',
            name='description_en',
            field=topfreelancer.text.CappedTextField(blank=True, max_length=5000, verbose_name='description (English)'),
        ),
        migrations.AlterField(
            model_name='level',
            name='description_ru',
            field=topfreelancer.text.CappedTextField(blank=True, max_length=5000, verbose_name='description (Russian)'),
        ),
        migrations.AlterField(
            model_name='level',
            name='name_en',
            field=topfreelancer.text.SingleLineCharField(max_length=64, verbose_name='name (English)'),
        ),
        migrations.AlterField(
            model_name='level',
            name='name_ru',
            field=topfreelancer.text.SingleLineCharField(max_length=64, verbose_name='name (Russian)'),
        ),
        migrations.AlterField(
            model_name='question',
            name='text_en',
            field=topfreelancer.text.CappedTextField(max_length=5000, verbose_name='question (English)'),
        ),
        migrations.AlterField(
            model_name='question',
            name='text_ru',
            field=topfreelancer.text.CappedTextField(max_length=5000, verbose_name='question (Russian)'),
        ),
        migrations.AlterField(
            model_name='reasontemplate',
            name='text_en',
            field=topfreelancer.text.CappedTextField(max_length=3000, verbose_name='text (English)'),
        ),
        migrations.AlterField(
            model_name='reasontemplate',
            name='text_ru',
            field=topfreelancer.text.CappedTextField(max_length=3000, verbose_name='text (Russian)'),
        ),
        migrations.AlterField(
            model_name='reasontemplate',
            name='title_en',
            field=topfreelancer.text.SingleLineCharField(max_length=120, verbose_name='title (English)'),
        ),
        migrations.AlterField(
            model_name='reasontemplate',
            name='title_ru',
            field=topfreelancer.text.SingleLineCharField(max_length=120, verbose_name='title (Russian)'),
        ),
        migrations.AlterField(
            model_name='review',
            name='private_note',
            field=topfreelancer.text.CappedTextField(blank=True, max_length=3000, verbose_name='private note (moderators only)'),
        ),
        migrations.AlterField(
            model_name='rubriccriterion',
            name='name_en',
            field=topfreelancer.text.SingleLineCharField(max_length=160, verbose_name='name (English)'),
        ),
        migrations.AlterField(
            model_name='rubriccriterion',
            name='name_ru',
            field=topfreelancer.text.SingleLineCharField(max_length=160, verbose_name='name (Russian)'),
        ),
        migrations.AlterField(
            model_name='screeningexperience',
            name='description',
            field=topfreelancer.text.CappedTextField(help_text='Markdown.', max_length=3000, verbose_name='task, team and your contribution'),
        ),
        migrations.AlterField(
            model_name='screeningexperience',
            name='organization',
            field=topfreelancer.text.SingleLineCharField(max_length=160, verbose_name='organization or project'),
        ),
        migrations.AlterField(
            model_name='screeningexperience',
            name='role',
            field=topfreelancer.text.SingleLineCharField(max_length=120, verbose_name='your role'),
        ),
        migrations.AlterField(
            model_name='screeningquestion',
            name='text_en',
            field=topfreelancer.text.SingleLineCharField(max_length=300, verbose_name='question (English)'),
        ),
        migrations.AlterField(
            model_name='screeningquestion',
            name='text_ru',
            field=topfreelancer.text.SingleLineCharField(max_length=300, verbose_name='question (Russian)'),
        ),
        migrations.AlterField(
            model_name='specialization',
            name='description_en',
            field=topfreelancer.text.CappedTextField(blank=True, max_length=5000, verbose_name='description (English)'),
        ),
        migrations.AlterField(
            model_name='specialization',
            name='description_ru',
            field=topfreelancer.text.CappedTextField(blank=True, max_length=5000, verbose_name='description (Russian)'),
        ),
        migrations.AlterField(
            model_name='specialization',
            name='name_en',
            field=topfreelancer.text.SingleLineCharField(max_length=120, verbose_name='name (English)'),
        ),
        migrations.AlterField(
            model_name='specialization',
            name='name_ru',
            field=topfreelancer.text.SingleLineCharField(max_length=120, verbose_name='name (Russian)'),
        ),
        migrations.AlterField(
            model_name='stage',
            name='instructions_en',
            field=topfreelancer.text.CappedTextField(blank=True, help_text='Markdown.', max_length=5000, verbose_name='instructions (English)'),
        ),
        migrations.AlterField(
            model_name='stage',
            name='instructions_ru',
            field=topfreelancer.text.CappedTextField(blank=True, help_text='Markdown.', max_length=5000, verbose_name='instructions (Russian)'),
        ),
        migrations.AlterField(
            model_name='stage',
            name='name_en',
            field=topfreelancer.text.SingleLineCharField(max_length=120, verbose_name='name (English)'),
        ),
        migrations.AlterField(
            model_name='stage',
            name='name_ru',
            field=topfreelancer.text.SingleLineCharField(max_length=120, verbose_name='name (Russian)'),
        ),
        migrations.AlterField(
            model_name='stageresult',
            name='reason',
            field=topfreelancer.text.CappedTextField(blank=True, max_length=3000, verbose_name='reason (shown to the applicant)'),
        ),
        migrations.AlterField(
            model_name='worksubmission',
            name='text',
            field=topfreelancer.text.CappedTextField(blank=True, help_text='Markdown.', max_length=20000, verbose_name='answer'),
        ),
    ]
