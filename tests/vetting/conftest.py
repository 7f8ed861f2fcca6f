import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Factories hash a password per user; the vetting tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reference_data(transactional_db):
    """Re-create what data migrations wrote (Moderators group and its permissions, levels).

    A transactional test flushes the database when it ends, so a later transactional test may
    start without them; re-running the migrations' forwards functions is idempotent.
    """
    import importlib

    from django.apps import apps

    for module in [
        "accounts.migrations.0002_moderators_group",
        "vetting.migrations.0002_moderators_view_reference_data",
        "vetting.migrations.0003_levels",
        "vetting.migrations.0005_moderators_review_funnel",
    ]:
        importlib.import_module(module).forwards(apps, None)
