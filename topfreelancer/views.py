"""Project-level pages that draw on several apps. They live above the apps (like urls.py), so no app
imports one above it to show them."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from profiles.rendered import attach_cards
from profiles.selectors import featured_profiles, with_card_extras
from vetting.selectors import funnel_stats


def home(request: HttpRequest) -> HttpResponse:
    """The landing page and its proof: the live funnel (cached) and three real specialists."""
    featured = attach_cards(with_card_extras(featured_profiles(), viewer=request.user))
    context = {"funnel": funnel_stats()["overall"], "featured": featured}
    return render(request, "home.html", context)
