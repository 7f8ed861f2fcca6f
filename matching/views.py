from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import applicant_required, customer_required
from accounts.names import person_name
from needs.models import Need
from profiles.models import Profile
from topfreelancer.state import refusal_to_form, refusal_to_messages

from . import services
from .forms import InviteForm
from .models import Invitation, Match
from .selectors import invitations_for_specialist


@customer_required
def invitation_create(request: HttpRequest, need_pk: int, profile_pk: int) -> HttpResponse:
    need = get_object_or_404(Need.objects.of(request.user), pk=need_pk)
    profile = get_object_or_404(
        Profile.objects.listed().select_related("user", "level", "specialization"), pk=profile_pk
    )
    match = Match.objects.filter(need=need, profile=profile).first()
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_send(
                customer=request.user, need=need, profile=profile, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            refusal_to_form(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is invited. You will get an email when they answer.")
                % {"name": person_name(profile.user)},
            )
            return redirect("needs:detail", need.pk)
    return render(
        request,
        "matching/invitation_form.html",
        {"need": need, "profile": profile, "match": match, "form": form},
    )


@applicant_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    """The specialist's invitations: only those addressed to them."""
    invitations = invitations_for_specialist(user=request.user)
    return render(request, "matching/invitation_list.html", {"invitations": invitations})


@require_POST
@applicant_required
def invitation_answer(request: HttpRequest, pk: int, answer: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.for_specialist(request.user), pk=pk)
    service = {"accept": services.invitation_accept, "decline": services.invitation_decline}.get(answer)
    if service is None:
        return redirect("matching:invitations")
    try:
        service(invitation=invitation, specialist=request.user)
    except ValidationError as error:
        refusal_to_messages(request, error)
    else:
        if invitation.is_accepted:
            messages.success(request, _("Accepted. You can now write to the customer directly."))
        else:
            messages.info(request, _("Declined. The customer is told."))
    return redirect("matching:invitations")


@require_POST
@customer_required
def invitation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.for_customer(request.user), pk=pk)
    try:
        services.invitation_withdraw(invitation=invitation, customer=request.user)
    except ValidationError as error:
        refusal_to_messages(request, error)
    else:
        messages.info(request, _("The invitation is withdrawn. The specialist is told."))
    return redirect("needs:detail", invitation.need_id)


@require_POST
@customer_required
def match_toggle(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    match = get_object_or_404(Match.objects.for_customer(request.user).select_related("need"), pk=pk)
    if action == "dismiss":
        services.match_dismiss(match=match, customer=request.user)
    elif action == "restore":
        services.match_restore(match=match, customer=request.user)
    url = redirect("needs:detail", match.need_id).url
    if request.POST.get("dismissed") == "1":
        url += "?dismissed=1"
    return redirect(url)
