"""allauth's brute-force limits are on (ASVS 6.3.1): failed logins per account, sign-ups per IP.

The app-level limits (applications, test starts, invitations) have their own tests in
tests/vetting/test_forms_and_uploads.py and tests/matching/test_invitations.py.
"""

import pytest
from django.core.cache import cache

from tests.factories import PASSWORD, CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_failed_logins_lock_the_account_for_a_while_even_with_the_right_password(client):
    user = CustomerFactory()
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": user.email, "password": "wrong-password-1"})
        assert response.status_code == 200
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_correct_login_still_works_before_the_limit(client):
    user = CustomerFactory()
    for _ in range(3):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong-password-1"})
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_signups_from_one_address_are_limited(client):
    statuses = []
    for n in range(25):
        response = client.post(
            "/accounts/signup/",
            {
                "full_name": "Bot",
                "email": f"bot{n}@example.com",
                "role": "customer",
                "password1": "a-long-pass-phrase-7",
                "password2": "a-long-pass-phrase-7",
            },
        )
        statuses.append(response.status_code)
        client.logout()
    assert statuses[0] == 302
    assert 429 in statuses, statuses
