"""A bare Django view for the load comparison (bench/load.py).

Routed only when BENCH_BARE_VIEW=1 (see topfreelancer/urls.py): never in normal production URLs.
It runs the full middleware stack but no template, no query and no session write.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def bare(_request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("", bare, name="bench_bare")]
