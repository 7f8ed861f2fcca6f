"""'Needs for you': the matching seen from the specialist's side, and the interest mark."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import applicant_required
from needs.models import Need
from topfreelancer.state import refusal_to_messages

from .selectors import needs_for_specialist
from .services.interest import interest_mark, interest_unmark


def _vetted_profile(request):
    profile = getattr(request.user, "profile", None)
    if profile is None or profile.accepted_at is None:
        raise PermissionDenied(_("Needs are shown to specialists the vetting accepted."))
    return profile


@applicant_required
def needs_for_you(request: HttpRequest) -> HttpResponse:
    profile = _vetted_profile(request)
    ranked, others = needs_for_specialist(profile=profile)
    qualifications = profile.qualifications.select_related("specialization", "level")
    context = {"profile": profile, "qualifications": qualifications, "ranked": ranked, "others": others}
    return render(request, "matching/needs_for_you.html", context)


@require_POST
@applicant_required
def interest_toggle(request: HttpRequest, need_pk: int) -> HttpResponse:
    profile = _vetted_profile(request)
    need = get_object_or_404(
        Need.objects.open().filter(specialization__qualifications__profile=profile), pk=need_pk
    )
    if request.POST.get("action") == "unmark":
        interest_unmark(specialist=request.user, need=need)
        messages.info(request, _("Your interest mark is removed."))
    else:
        try:
            interest_mark(specialist=request.user, need=need)
        except ValidationError as error:
            refusal_to_messages(request, error)
        else:
            messages.success(request, _("The customer sees your interest on the shortlist."))
    return redirect("matching:needs_for_you")
