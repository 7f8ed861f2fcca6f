from allauth.account import views as allauth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from topfreelancer.celery import app as celery_app

from .decorators import other_role_reason
from .models import User


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Where a user lands after logging in: the home page of their role."""
    user = request.user
    if user.is_staff and not user.role:
        return redirect("admin:index")
    if user.is_customer:
        name = "needs:list"
    elif getattr(getattr(user, "profile", None), "accepted_at", None):
        name = "profiles:mine"
    else:
        name = "vetting:my_applications"
    return redirect(name)


@require_GET
@never_cache
def healthz(_request: HttpRequest) -> JsonResponse:
    """Database and broker reachability, for load balancers and compose health checks."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    status = 200 if all(checks.values()) else 503
    return JsonResponse({name: "ok" if ok else "unreachable" for name, ok in checks.items()}, status=status)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def _broker_ok() -> bool:
    if celery_app.conf.task_always_eager:
        return True
    try:
        with celery_app.connection_for_write() as conn:
            # One attempt: kombu's retry sleeps 2 s first (interval_start), too long for a probe.
            conn.ensure_connection(max_retries=0, timeout=1)
        return True
    except Exception:
        return False


class SignupView(allauth_views.SignupView):
    """allauth's sign-up, with the role preselected from ?role= (links on the landing page).

    A logged-in user who follows a sign-up link for the other role ("Apply as a specialist" as a
    customer) is told why that cannot be, instead of landing silently on their own home page.
    """

    def dispatch(self, request, *args, **kwargs):
        wanted = request.GET.get("role")
        user = request.user
        if user.is_authenticated and wanted in User.Role.values and user.role and wanted != user.role:
            return render(request, "403.html", {"exception": other_role_reason(wanted)}, status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("role") in User.Role.values:
            initial["role"] = self.request.GET["role"]
        return initial
