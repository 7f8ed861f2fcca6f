"""Search in Russian and English: a thesaurus, Russian skill names, SQLite's stemmed text, and the
stored vectors rebuilt with the `russian` configuration (Russian and English stems) over
skill, specialization and level names in both languages. The SQL and the names are frozen here."""

import topfreelancer.text
from django.db import migrations, models

SYNONYMS = [
    "js, javascript",
    "ts, typescript",
    "фронтенд, фронт, frontend, front-end",
    "бэкенд, бекенд, backend, back-end",
    "ui/ux, ui, ux, юай, интерфейс, interface",
    "k8s, kubernetes, кубернетес",
    "postgres, postgresql, постгрес",
    "python, питон, пайтон",
    "golang, go",
    "react, reactjs, реакт",
    "vue, vuejs, vue.js",
    "node, nodejs, node.js",
    "figma, фигма",
    "ios, айос",
    "android, андроид",
    "devops, девопс",
    "qa, тестирование, testing",
    "seo, сео",
    "ml, machine learning, машинное обучение",
    "копирайтер, копирайтинг, copywriter, copywriting",
    "редактор, редактура, editor, editing",
    "переводчик, перевод, translator, translation",
    "иллюстратор, иллюстрация, illustrator, illustration",
    "дизайнер, дизайн, designer, design",
    "разработчик, разработка, программист, developer, development, programmer",
    "мобильный, mobile",
]

SKILL_NAMES_RU = {
    'Accessibility': 'Доступность интерфейсов',
    'Brand illustration': 'Брендовая иллюстрация',
    'CAT tools': 'CAT-инструменты',
    'Character design': 'Дизайн персонажей',
    'Composition': 'Композиция',
    'Content strategy': 'Контент-стратегия',
    'Copywriting': 'Копирайтинг',
    'Data analysis': 'Анализ данных',
    'Design systems': 'Дизайн-системы',
    'Editing': 'Редактура',
    'Editorial style': 'Редакционный стиль',
    'Email marketing': 'Email-маркетинг',
    'English–Russian translation': 'Перевод с английского на русский',
    'Fact-checking': 'Фактчекинг',
    'Illustration': 'Иллюстрация',
    'Information architecture': 'Информационная архитектура',
    'Interaction design': 'Дизайн взаимодействия',
    'Legal translation': 'Юридический перевод',
    'Localisation': 'Локализация',
    'Long-form editing': 'Редактура лонгридов',
    'Marketing': 'Маркетинг',
    'Mentoring': 'Менторство',
    'Mobile releases': 'Мобильные релизы',
    'Performance tuning': 'Оптимизация производительности',
    'Product management': 'Управление продуктом',
    'Proofreading': 'Корректура',
    'Prototyping': 'Прототипирование',
    'Public speaking': 'Публичные выступления',
    'Research': 'Исследования',
    'SEO writing': 'SEO-тексты',
    'Style guides': 'Стайлгайды',
    'System design': 'Проектирование систем',
    'Technical writing': 'Технические тексты',
    'Terminology': 'Терминология',
    'Tone of voice': 'Тон бренда',
    'UX writing': 'UX-тексты',
    'Usability testing': 'Юзабилити-тестирование',
    'User research': 'Исследование пользователей',
    'Vector illustration': 'Векторная иллюстрация',
    'Web performance': 'Веб-производительность',
    'Workshops': 'Воркшопы',
}

REINDEX_SQL = """
UPDATE profiles_profile AS p SET search_vector =
    setweight(to_tsvector('russian', coalesce(p.headline, '')), 'A')
 || setweight(to_tsvector('russian', coalesce((
        SELECT string_agg(concat_ws(' ', s.name, s.name_ru), ' ') FROM profiles_profileskill ps
        JOIN profiles_skill s ON s.id = ps.skill_id WHERE ps.profile_id = p.id), '')), 'A')
 || setweight(to_tsvector('russian', coalesce((
        SELECT concat_ws(' ', sp.name_en, sp.name_ru, lv.name_en, lv.name_ru)
        FROM vetting_specialization sp LEFT JOIN vetting_level lv ON lv.id = p.level_id
        WHERE sp.id = p.specialization_id), '')), 'B')
 || setweight(to_tsvector('russian', coalesce(p.summary, '')), 'B')
 || setweight(to_tsvector('russian', coalesce((
        SELECT string_agg(concat_ws(' ', e.organization, e.role, e.team, e.contribution), ' ')
        FROM profiles_experience e WHERE e.profile_id = p.id), '')), 'C')
"""


def seed(apps, schema_editor):
    Synonym = apps.get_model("profiles", "Synonym")
    Skill = apps.get_model("profiles", "Skill")
    for terms in SYNONYMS:  # idempotent: the tests re-run data migrations
        Synonym.objects.get_or_create(terms=terms)
    for name, name_ru in SKILL_NAMES_RU.items():
        Skill.objects.filter(name=name, name_ru="").update(name_ru=name_ru)


def rebuild_search_vectors(apps, schema_editor):
    """SQLite's stored text is filled after migrating (profiles.apps): Python stemming."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REINDEX_SQL)


class Migration(migrations.Migration):

    dependencies = [
        ('profiles', '0009_text_caps_checks'),
    ]

    operations = [
        migrations.AddField(
            model_name='profile',
            name='search_text',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='skill',
            name='name_ru',
            field=topfreelancer.text.SingleLineCharField(blank=True, max_length=80, verbose_name='name (Russian)'),
        ),
        migrations.CreateModel(
            name='Synonym',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('terms', models.CharField(help_text='Two or more words or phrases that mean the same, comma-separated, in any language.', max_length=300, verbose_name='terms')),
            ],
            options={
                'verbose_name': 'search synonym group',
                'verbose_name_plural': 'search synonyms',
                'ordering': ['terms'],
                'constraints': [models.CheckConstraint(condition=models.Q(('terms__contains', ',')), name='synonym_two_terms')],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(rebuild_search_vectors, migrations.RunPython.noop),
    ]
