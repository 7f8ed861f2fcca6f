"""The Russian catalogue stays complete: every marked string is extracted, translated and compiled."""

import io
import shutil
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.utils.functional import Promise

from bench.loader import _reference
from tests.crawl import REFERENCE_FIELDS
from topfreelancer.messages import APPS, ROOT, extract, locale_dirs


def catalogue(locale_dir: Path, suffix: str = "po"):
    path = locale_dir / "ru" / "LC_MESSAGES" / f"django.{suffix}"
    if not path.exists():
        return None
    return polib.pofile(str(path)) if suffix == "po" else polib.mofile(str(path))


def key(entry) -> tuple:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


@pytest.mark.parametrize("locale_dir", locale_dirs(), ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_translated_and_compiled(locale_dir):
    po = catalogue(locale_dir)
    if po is None:
        return  # nothing of this app's is marked for translation (the extraction test checks that)
    untranslated = [e.msgid for e in po if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    assert not untranslated, f"untranslated in {locale_dir}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {locale_dir}: {fuzzy[:10]}"
    mo = catalogue(locale_dir, "mo")
    assert mo is not None, f"{locale_dir}: run `make messages` to compile"
    compiled = {key(e): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}
    for entry in po:
        if not entry.obsolete:
            assert compiled.get(key(entry)) == (entry.msgstr, tuple(sorted(entry.msgstr_plural.items()))), (
                f"{locale_dir}: .mo is stale for {entry.msgid!r}; run `make messages`"
            )


def test_every_marked_string_is_in_a_catalogue(tmp_path):
    copy = tmp_path / "tree"
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "__pycache__", "*.mo", "media", "staticfiles", "*.sqlite3", "node_modules"
    )
    shutil.copytree(ROOT, copy, ignore=ignore)
    extract(copy)
    for fresh_dir, committed_dir in zip(locale_dirs(copy), locale_dirs(), strict=True):
        fresh = catalogue(fresh_dir)
        fresh_keys = {key(e) for e in fresh if not e.obsolete} if fresh else set()
        committed = catalogue(committed_dir)
        committed_keys = {key(e) for e in committed if not e.obsolete} if committed else set()
        missing = fresh_keys - committed_keys
        assert not missing, (
            f"{committed_dir.relative_to(ROOT)} misses {sorted(missing)[:10]}; run `make messages`"
        )


def test_apps_list_matches_installed_apps():
    assert set(APPS) <= set(settings.INSTALLED_APPS)


@pytest.mark.django_db
@pytest.mark.usefixtures("tmp_media")
def test_every_reference_row_has_its_russian():
    """Reference data a person reads (tests/crawl.py's REFERENCE_FIELDS: skills, specializations,
    levels, stages, questions and choices, rubrics, reason templates) has its Russian filled in: the
    rows the migrations seed, the demo's and the bench loader's."""
    call_command("demo_data", applicants=80, stdout=io.StringIO())  # the reference rows are all there
    _reference()
    missing = {}
    for label, english, russian in REFERENCE_FIELDS:
        rows = apps.get_model(label).objects.exclude(**{english: ""}).filter(**{russian: ""})
        if names := [str(value)[:60] for value in rows.values_list(english, flat=True)[:10]]:
            missing[f"{label}.{russian}"] = names
    assert not missing, missing
    assert apps.get_model("vetting.ReasonTemplate").objects.exists()  # the demo did load


def test_every_field_shown_in_the_admin_has_a_translatable_name():
    """Django names an unnamed field from the code ("created at"): English on a Russian admin."""
    models = set(admin.site._registry) | {
        inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines
    }
    unnamed = [
        f"{model._meta.label}.{field.name}"
        for model in models
        if model._meta.app_label in APPS
        for field in model._meta.get_fields()
        if getattr(field, "verbose_name", None) and not field.auto_created
        if not isinstance(field.verbose_name, Promise)
    ]
    assert unnamed == []
