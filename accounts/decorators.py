"""Views of one role: other logged-in users get 403 with the reason, visitors go to log in.

Every refusal is the one page templates/403.html: the reason, the way to the user's own home page,
and a log-out for someone who meant to use another account.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def _role_required(check, reason):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied(reason())
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


customer_required = _role_required(lambda user: user.is_customer, lambda: _("This page is for customers."))
applicant_required = _role_required(
    lambda user: user.is_applicant, lambda: _("This page is for applicants and specialists.")
)


def other_role_reason(role: str) -> str:
    """Why a logged-in user cannot start the sign-up of the other role."""
    if role == "applicant":
        return _(
            "You are signed in as a customer. One account has one role: to apply as a specialist, "
            "log out and sign up with another email address."
        )
    return _(
        "You are signed in as an applicant or specialist. One account has one role: to post needs "
        "as a customer, log out and sign up with another email address."
    )
