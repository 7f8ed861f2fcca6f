"""accounts.services.users_signup_bulk: sign-ups as the form makes them, one password hash for all."""

from datetime import UTC, datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate

from accounts.models import User
from accounts.services import users_signup_bulk
from tests.factories import ApplicantFactory
from topfreelancer import clock

pytestmark = pytest.mark.django_db
MOMENT = datetime(2025, 2, 3, 4, 5, tzinfo=UTC)


def test_people_are_signed_up_verified_with_their_role_language_and_the_clocks_date():
    taken = ApplicantFactory(email="taken@example.com", full_name="Already Here")
    with clock.at(MOMENT):
        created = users_signup_bulk(
            people=[
                {"email": "anna@example.com", "full_name": "Anna A", "role": "applicant", "language": "ru"},
                {"email": "taken@example.com", "full_name": "Someone Else", "role": "customer"},
                {"email": "chris@example.com", "full_name": "Chris C", "role": "customer", "language": "en"},
            ],
            password="a-long-password-2026",
        )
    assert [u.email for u in created] == ["anna@example.com", "chris@example.com"]
    anna = User.objects.get(email="anna@example.com")
    assert (anna.role, anna.language, anna.date_joined) == ("applicant", "ru", MOMENT)
    assert EmailAddress.objects.get(user=anna).verified
    assert authenticate(email="chris@example.com", password="a-long-password-2026") is not None
    assert anna.password == User.objects.get(email="chris@example.com").password  # one hash
    taken.refresh_from_db()
    assert taken.full_name == "Already Here"


@pytest.mark.parametrize("row", [{"role": "moderator"}, {"language": "xx"}])
def test_an_unknown_role_or_language_is_refused_and_nobody_is_created(row):
    with pytest.raises(ValueError):
        users_signup_bulk(
            people=[
                {"email": "ok@example.com", "full_name": "Ok", "role": "customer"},
                {"email": "bad@example.com", "full_name": "Bad", "role": "customer", **row},
            ],
            password="x",
        )
    assert not User.objects.filter(email__in=["ok@example.com", "bad@example.com"]).exists()
