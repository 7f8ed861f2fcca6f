"""Views of one role: other logged-in users get 403 with the reason, visitors go to log in."""

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
