"""The Russian catalogue stays complete: every marked string is extracted, translated and compiled."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings

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
