"""Engagements: the list of one's own, one engagement's page, and its moves."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from topfreelancer.state import refusal_to_messages

from . import services
from .models import Engagement
from .selectors import engagement_page, engagements_for
from .views_conversations import Thread, thread_context

MOVES = {
    "pause": services.engagement_pause,
    "resume": services.engagement_resume,
    "end": services.engagement_end,
}


def _party_required(view):
    """Customers and specialists; staff without a role have no engagements (403, with the reason)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_customer or request.user.is_applicant):
            raise PermissionDenied(_("This page is for customers and specialists."))
        return view(request, *args, **kwargs)

    return wrapper


def own_engagement(request, pk: int) -> Engagement:
    """The engagement if the user is a party to it; 404 otherwise (no existence leak)."""
    return get_object_or_404(
        Engagement.objects.for_user(request.user).select_related(
            "invitation",
            "need__customer",
            "need__level",
            "need__specialization",
            "specialist__profile__level",
        ),
        pk=pk,
    )


@_party_required
def engagement_list(request: HttpRequest) -> HttpResponse:
    """A customer's engagements grouped by need; a specialist's own."""
    return render(
        request, "matching/engagement_list.html", {"engagements": engagements_for(user=request.user)}
    )


@login_required
def engagement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = own_engagement(request, pk)
    context = thread_context(request, Thread(request, engagement.invitation))
    context.update(engagement_page(engagement=engagement, user=request.user))
    return render(request, "matching/engagement_detail.html", context)


@require_POST
@_party_required
def engagement_move(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    engagement = own_engagement(request, pk)
    service = MOVES.get(action)
    if service is None:
        raise Http404
    try:
        service(engagement=engagement, actor=request.user)
    except ValidationError as error:
        refusal_to_messages(request, error)
    else:
        messages.success(
            request, _("The engagement is now %(state)s.") % {"state": engagement.get_state_display().lower()}
        )
    return redirect("matching:engagement", engagement.pk)
