"""The demo's logins (one per role), its moderators and customers, through the accounts service."""

from django.contrib.auth.models import Group

from accounts.models import MODERATORS_GROUP, User
from accounts.services import users_signup_bulk

from .content.people import CUSTOMERS, DEMO_PASSWORD, LOGINS, OTHER_MODERATORS


def sign_up() -> dict[str, User]:
    """The logins, the two other moderators and the customers (one password hash for all of them);
    returns them by email. Idempotent."""
    rows = {}
    for email, name, role, staff, superuser, _what in LOGINS:
        rows[email] = {"full_name": name, "role": role, "is_staff": staff, "is_superuser": superuser}
    for email, name in OTHER_MODERATORS:
        rows[email] = {"full_name": name, "role": "", "is_staff": True, "is_superuser": False}
    for email, name, language in CUSTOMERS:
        rows.setdefault(email, {"full_name": name, "role": User.Role.CUSTOMER})["language"] = language
    users_signup_bulk(people=[{"email": email, **row} for email, row in rows.items()], password=DEMO_PASSWORD)
    people = {user.email: user for user in User.objects.filter(email__in=rows)}
    moderators = Group.objects.get(name=MODERATORS_GROUP)
    for email, row in rows.items():
        if row.get("is_staff") and not row.get("is_superuser"):
            people[email].groups.add(moderators)
    return people


def print_logins(stdout) -> None:
    stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
    for email, _, _, _, _, what in LOGINS:
        stdout.write(f"  {email:<28} {what}")
    stdout.write("")
