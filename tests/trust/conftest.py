import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The trust suite creates a user per role in many tests: hash their passwords cheaply."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
