"""Outcomes: the customer's one-click check-in, both sides' feedback, and flagging a feedback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from topfreelancer.state import refusal_to_form, refusal_to_messages

from .forms import CustomerFeedbackForm, FlagForm, SpecialistFeedbackForm
from .models import CheckIn, Engagement, Feedback
from .services import outcomes
from .views_engagements import own_engagement


@require_POST
@login_required
def checkin_answer(request: HttpRequest, pk: int, answer: str) -> HttpResponse:
    checkin = get_object_or_404(CheckIn.objects.filter(engagement__need__customer=request.user), pk=pk)
    try:
        outcomes.checkin_answer(checkin=checkin, customer=request.user, answer=answer)
    except ValidationError as error:
        refusal_to_messages(request, error)
    else:
        messages.success(request, _("Thank you: the answer is recorded."))
    return redirect("matching:engagement", checkin.engagement_id)


@login_required
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """One side's feedback form on an ended engagement: the customer's or the specialist's questions."""
    engagement = own_engagement(request, pk)
    if engagement.state != Engagement.State.ENDED:
        messages.info(request, _("Feedback opens when the engagement ends."))
        return redirect("matching:engagement", engagement.pk)
    side = outcomes.feedback_side(engagement, request.user)
    form_class = CustomerFeedbackForm if side == Feedback.Side.CUSTOMER else SpecialistFeedbackForm
    existing = Feedback.objects.filter(engagement=engagement, side=side).first()
    if existing is not None and existing.is_final():
        return redirect("matching:engagement", engagement.pk)
    initial = {}
    if existing is not None:
        initial = {name: getattr(existing, name) for name in form_class.base_fields}
        if "would_hire_again" in initial:
            initial["would_hire_again"] = "yes" if existing.would_hire_again else "no"
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            outcomes.feedback_submit(engagement=engagement, author=request.user, fields=form.cleaned_data)
        except ValidationError as error:
            refusal_to_form(form, error)
        else:
            messages.success(request, _("Thank you for your feedback. You can change it for 14 days."))
            return redirect("matching:engagement", engagement.pk)
    return render(
        request,
        "matching/feedback_form.html",
        {"engagement": engagement, "form": form, "existing": existing},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def feedback_flag(request: HttpRequest, pk: int) -> HttpResponse:
    """Either party sends a feedback on their engagement to moderators."""
    user = request.user
    item = get_object_or_404(
        Feedback.objects.filter(Q(engagement__need__customer=user) | Q(engagement__specialist=user)), pk=pk
    )
    form = FlagForm(request.POST)
    if form.is_valid():
        outcomes.feedback_flag(feedback=item, actor=user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Moderators will look at this feedback."))
    else:
        messages.error(request, _("Say what is wrong with this feedback."))
    return redirect("matching:engagement", item.engagement_id)
