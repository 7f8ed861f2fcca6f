"""Password rules at sign-up (ASVS 6.2.1 length, 6.2.4 common passwords)."""

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db


def signup(client, password, email="new@example.com"):
    return client.post(
        "/accounts/signup/",
        {
            "full_name": "New",
            "email": email,
            "role": "applicant",
            "password1": password,
            "password2": password,
        },
    )


@pytest.mark.parametrize(
    "password",
    [
        "short-7",  # under 10 characters
        "123456789012",  # only digits
        "password123",  # a common password
        "qwertyuiop",  # a common password
        "new@example.com",  # the same as the email
    ],
)
def test_weak_passwords_are_refused_with_a_form_error(client, password):
    response = signup(client, password)
    assert response.status_code == 200
    assert response.context["form"].errors.get("password1")
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "password", ["a-long-pass-phrase-7", "пароль из пяти слов тут", "x" * 20 + "🙂" * 10 + "y" * 90]
)
def test_long_and_unicode_passphrases_are_accepted(client, password):
    response = signup(client, password)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    assert User.objects.get().check_password(password)
