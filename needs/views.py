from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, F, Q, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import customer_required
from topfreelancer.state import refusal_to_form, refusal_to_messages

from . import panels, services
from .forms import LevelHelperForm, NeedForm
from .level_helper import suggest_level
from .models import Need


def _own_need(request, pk) -> Need:
    return get_object_or_404(Need.objects.of(request.user).select_related("specialization", "level"), pk=pk)


@customer_required
def need_list(request: HttpRequest) -> HttpResponse:
    needs = (
        Need.objects.of(request.user)
        .select_related("specialization", "level")
        .annotate(
            match_count=Count("matches", filter=Q(matches__dismissed_at__isnull=True), distinct=True),
            accepted_count=Count("invitations", filter=Q(invitations__state="accepted"), distinct=True),
            # The higher app's per-need row, read by name like the counts above (needs imports nothing of it).
            ranking_state=F("ranking__state"),
        )
        .annotate(
            state_order=Case(
                When(state=Need.State.OPEN, then=0),
                When(state=Need.State.DRAFT, then=1),
                When(state=Need.State.PAUSED, then=2),
                default=3,
            )
        )
        .order_by("state_order", "-created_at")
    )
    return render(request, "needs/need_list.html", {"needs": needs})


def _form_page(request, *, need: Need | None):
    """Create or edit. The "Suggest a level" submit re-renders the form with the suggestion applied,
    so the helper works without JS (with JS, `level_suggest` answers the same questions in place)."""
    helper = LevelHelperForm(request.POST if request.method == "POST" else None)
    suggestion = None
    if request.method == "POST" and "suggest" in request.POST:
        suggestion = suggest_level(helper.answers())
        initial = _initial_from(request.POST)
        if suggestion:
            initial["level"] = suggestion.level.pk
        form = NeedForm(initial=initial, instance=need)
    elif request.method == "POST":
        form = NeedForm(request.POST, instance=need)
        if form.is_valid():
            skills = {
                "must_have_skills": form.cleaned_data["must_have_skills"],
                "nice_to_have_skills": form.cleaned_data["nice_to_have_skills"],
            }
            try:
                if need is None:
                    need = services.need_create(
                        customer=request.user,
                        fields=form.service_fields(),
                        open_now="save_draft" not in request.POST,
                        form_token=form.cleaned_data.get("form_token"),
                        **skills,
                    )
                    messages.success(request, _("Your need is saved."))
                else:
                    services.need_update(
                        need=need, actor=request.user, fields=form.service_fields(), **skills
                    )
                    messages.success(request, _("Your changes are saved."))
            except ValidationError as error:
                refusal_to_form(form, error)
            else:
                return redirect("needs:detail", need.pk)
    else:
        form = NeedForm(instance=need)
    applied = request.method == "POST" and "suggest" in request.POST
    context = {
        "form": form,
        "helper": helper,
        "need": need,
        "suggestion": suggestion,
        "applied": applied,
        "suggestion_asked": applied,
    }
    return render(request, "needs/need_form.html", context)


def _initial_from(data) -> dict:
    """What the customer typed, kept when the form is re-rendered for a suggestion (without errors)."""
    initial = {}
    for name in NeedForm.Meta.fields:
        if name in {"must_have_skills", "nice_to_have_skills", "languages"}:
            initial[name] = data.getlist(name)
        elif name in data:
            initial[name] = data.get(name)
    return initial


@require_POST
@customer_required
def level_suggest(request: HttpRequest) -> HttpResponse:
    """htmx: the suggestion for the helper's answers, rendered in place."""
    suggestion = suggest_level(LevelHelperForm(request.POST).answers())
    return render(
        request, "needs/need_form.html#suggestion", {"suggestion": suggestion, "suggestion_asked": True}
    )


@customer_required
def need_create(request: HttpRequest) -> HttpResponse:
    return _form_page(request, need=None)


@customer_required
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = _own_need(request, pk)
    if need.state == Need.State.CLOSED:
        messages.warning(request, _("Reopen the need to edit it."))
        return redirect("needs:detail", need.pk)
    return _form_page(request, need=need)


@customer_required
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The need, with the panels of the apps above (matching's shortlist and invitations); htmx naming
    a panel as its target gets that panel alone."""
    need = _own_need(request, pk)
    refreshed = panels.panel(request.htmx.target) if request.htmx and request.htmx.target else None
    if refreshed is not None:
        return HttpResponse(refreshed.render(request, need))
    return render(
        request, "needs/need_detail.html", {"need": need, "panels": panels.render_panels(request, need)}
    )


# The buttons of the need page: reopening is opening (one service, two labels).
ACTIONS = {
    "open": services.need_open,
    "pause": services.need_pause,
    "reopen": services.need_open,
    "close": services.need_close,
}


@require_POST
@customer_required
def need_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    need = _own_need(request, pk)
    service = ACTIONS.get(action)
    if service is None:
        raise Http404
    try:
        need = service(need=need, actor=request.user)
    except ValidationError as error:
        refusal_to_messages(request, error)
    else:
        messages.success(
            request, _("The need is now %(state)s.") % {"state": need.get_state_display().lower()}
        )
    return redirect("needs:detail", need.pk)
