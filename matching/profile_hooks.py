"""What matching adds to a specialist's profile page (registered in profiles.hooks by
MatchingConfig.ready()): for a customer, inviting the specialist to one of their open needs."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from accounts.names import names_revealed
from topfreelancer.ids import parse_id

from .forms import ProfileInviteForm
from .selectors import profile_invite_options


def invite_context(*, customer, profile, form=None, back_need=None) -> dict:
    offered, sent = profile_invite_options(customer=customer, profile=profile)
    revealed = bool(names_revealed(viewer=customer, user_ids=[profile.user_id]))
    if form is None:
        initial = {"back_need": back_need or ""}
        if back_need and any(need.pk == back_need for need in offered):
            initial["need"] = back_need  # opened from that need's shortlist
        form = ProfileInviteForm(customer=customer, offered=offered, initial=initial)
    return {"profile": profile, "form": form, "offered": offered, "sent": sent, "name_revealed": revealed}


def invite_panel(request: HttpRequest, profile) -> SafeString:
    """A customer on a listed profile: a select of their open needs and an optional message, posted to
    matching:invite_from_profile. Nobody else sees it (a visitor is offered to post a need instead)."""
    user = request.user
    if not user.is_authenticated or not user.is_customer or not profile.is_listed:
        return SafeString("")
    context = invite_context(customer=user, profile=profile, back_need=parse_id(request.GET.get("need")))
    return render_to_string("matching/_profile_invite.html", context, request)
