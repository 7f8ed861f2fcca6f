"""What needs adds to a specialist's profile page (registered in profiles.hooks by NeedsConfig.ready()):
the way back to the shortlist it was opened from, and for a visitor the way to post a need."""

from urllib.parse import urlencode

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from topfreelancer.ids import parse_id

from .models import Need


def shortlist_back_link(request: HttpRequest, _profile) -> tuple[str, str] | None:
    """Back to the shortlist the profile was opened from: only a need the viewer owns, and the URL is
    built here from its id, so `?need=` can never send anyone elsewhere."""
    need_id = parse_id(request.GET.get("need"))
    user = request.user
    if need_id is None or not user.is_authenticated or not user.is_customer:
        return None
    title = Need.objects.of(user).filter(pk=need_id).values_list("title", flat=True).first()
    if title is None:
        return None
    url = reverse("needs:detail", args=[need_id]) + "#shortlist"
    return url, _("Shortlist: %(title)s") % {"title": title}


def post_a_need_panel(request: HttpRequest, profile) -> SafeString:
    """A visitor sees how to get specialists like this one: sign up as a customer, then the new-need
    form (`next` is kept through sign-up and the email confirmation)."""
    if request.user.is_authenticated:
        return SafeString("")
    signup = urlencode({"role": "customer", "next": reverse("needs:create")})
    login = urlencode({"next": request.get_full_path()})
    context = {
        "profile": profile,
        "signup_url": f"{reverse('account_signup')}?{signup}",
        "login_url": f"{reverse('account_login')}?{login}",
    }
    return render_to_string("needs/_profile_post_need.html", context, request)
