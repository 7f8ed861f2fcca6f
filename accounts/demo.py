"""Demo users: one login per role, all with the same password, emails verified."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from .models import MODERATORS_GROUP, User

DEMO_PASSWORD = "demo-pass-2026"

LOGINS = [
    # (email, full name, role, staff, superuser, what it shows)
    ("admin@example.com", "Ada Admin", "", True, True, "superuser: configures the funnel"),
    ("moderator@example.com", "Maria Moderator", "", True, False, "moderator: reviews applicants in admin"),
    (
        "customer@example.com",
        "Chris Customer",
        User.Role.CUSTOMER,
        False,
        False,
        "customer: needs and shortlists",
    ),
    ("applicant@example.com", "Alex Applicant", User.Role.APPLICANT, False, False, "applicant in the funnel"),
    (
        "specialist@example.com",
        "Sam Specialist",
        User.Role.APPLICANT,
        False,
        False,
        "accepted specialist: profile and invitations",
    ),
]


def demo_user(email: str, full_name: str, role: str = "", *, staff=False, superuser=False) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            full_name=full_name,
            role=role,
            is_staff=staff or superuser,
            is_superuser=superuser,
        )
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def load(*, stdout) -> None:
    moderators = Group.objects.get(name=MODERATORS_GROUP)
    for email, name, role, staff, superuser, _ in LOGINS:
        user = demo_user(email, name, role, staff=staff, superuser=superuser)
        if staff and not superuser:
            user.groups.add(moderators)
    stdout.write("accounts: demo users ready")


def print_logins(stdout) -> None:
    stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
    for email, _, _, _, _, what in LOGINS:
        stdout.write(f"  {email:<28} {what}")
    stdout.write("")
