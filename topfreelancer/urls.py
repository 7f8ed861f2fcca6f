import os

from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views

from . import views

admin.site.site_header = "Topfreelancer"
admin.site.site_title = "Topfreelancer admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", account_views.dashboard, name="dashboard"),
    path("healthz", account_views.healthz, name="healthz"),
    path("accounts/signup/", account_views.SignupView.as_view(), name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("needs/", include("needs.urls")),
    path("", include("profiles.urls")),
    path("", include("matching.urls")),
    path("", include("vetting.urls")),
    path("admin/", admin.site.urls),
]

# bench/load.py compares the site with a bare view, routed only for that run (never in production).
if os.environ.get("BENCH_BARE_VIEW") == "1":
    urlpatterns.append(path("bench/bare/", include("bench.bare")))
