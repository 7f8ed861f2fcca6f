"""Sign-ups outside the sign-up form, in bulk: the demo's people (and any scripted import).

The web sign-up goes through allauth (`accounts.adapter.AccountAdapter.save_user`); this gives the
same result (a role, a language, a verified primary email address) without the confirmation round
trip, for people whose address is known to be theirs.
"""

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from topfreelancer import clock

from .models import User


def _check(role: str, language: str) -> None:
    if role not in ("", *User.Role.values):
        raise ValueError(f"unknown role {role!r}")
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unknown language {language!r}")


@transaction.atomic
def users_signup_bulk(*, people: Iterable[dict], password: str) -> list[User]:
    """Sign many people up at once (each dict: email, full_name, role, language and optionally
    is_staff, is_superuser; date_joined is the clock's now). The password is hashed once for all of
    them: hashing is deliberately slow, and a thousand hashes take a minute. Emails already taken
    are skipped; returns the users created, in the order given."""
    rows = list(people)
    for row in rows:
        _check(row.get("role", ""), row.get("language", settings.LANGUAGE_CODE))
    taken = set(User.objects.filter(email__in=[row["email"] for row in rows]).values_list("email", flat=True))
    hashed = make_password(password)
    joined = clock.now()
    User.objects.bulk_create(
        User(password=hashed, date_joined=joined, **row) for row in rows if row["email"] not in taken
    )
    created = {
        user.email: user
        for user in User.objects.filter(email__in=[row["email"] for row in rows if row["email"] not in taken])
    }
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=email, verified=True, primary=True) for email, user in created.items()
    )
    return [created[row["email"]] for row in rows if row["email"] in created]
