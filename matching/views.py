from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import applicant_required, customer_required
from accounts.names import names_revealed, person_name
from needs.models import Need
from profiles.models import Profile
from topfreelancer.ids import parse_id
from topfreelancer.state import refusal_to_form, refusal_to_messages

from . import services
from .forms import InviteForm, ProfileInviteForm
from .models import Invitation, Match
from .profile_hooks import invite_context
from .selectors import invitations_for_specialist, profile_invite_options


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


@customer_required
def invitation_from_profile(request: HttpRequest, profile_pk: int) -> HttpResponse:
    """Invite from a profile's page (the form there posts here): the need is chosen in the form.

    Success goes back to the profile, which then lists the invitation; an error is shown on this
    page's form, next to the field it is about."""
    profile = get_object_or_404(
        Profile.objects.listed().select_related("user", "level", "specialization"), pk=profile_pk
    )
    back_need = parse_id(request.POST.get("back_need") or request.GET.get("need"))
    profile_url = reverse("profiles:detail", args=[profile.pk])
    if back_need:
        profile_url += f"?need={back_need}"  # an id: the profile page checks it is the viewer's
    form = None
    if request.method == "POST":
        offered, _sent = profile_invite_options(customer=request.user, profile=profile)
        form = ProfileInviteForm(request.POST, customer=request.user, offered=offered)
        if form.is_valid():
            need = form.cleaned_data["need"]
            revealed = names_revealed(viewer=request.user, user_ids=[profile.user_id])
            try:
                services.invitation_send(
                    customer=request.user, need=need, profile=profile, message=form.cleaned_data["message"]
                )
            except ValidationError as exc:
                form.add_error("need", exc)
            else:
                messages.success(
                    request,
                    _("%(name)s is invited to “%(need)s”. You will get an email when they answer.")
                    % {"name": person_name(profile.user, revealed=bool(revealed)), "need": need.title},
                )
                return redirect(profile_url)
    context = invite_context(customer=request.user, profile=profile, form=form, back_need=back_need)
    return render(request, "matching/profile_invite.html", {**context, "profile_url": profile_url})


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
