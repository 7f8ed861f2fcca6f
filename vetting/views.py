"""Thin views: the applicant's pages and the public selection page. State changes: vetting.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import applicant_required
from topfreelancer.ratelimit import rate_limit_hit
from topfreelancer.state import refusal_to_form, refusal_to_messages

from . import services
from .forms import (
    ExperienceFormSet,
    ScreeningForm,
    TestAttemptForm,
    WorkSubmissionForm,
    experience_formset_plus_one,
)
from .models import Application, Specialization, StageKind, TestAttempt, WorkSubmission
from .selectors import applicant_overview, application_page, funnel_chart, funnel_stats
from .selectors.applicant import reapply_available_at
from .uploads import content_type_for

APPLY_LIMIT = (5, 3600)  # applications per hour per person
TEST_START_LIMIT = (10, 3600)


@applicant_required
def my_applications(request: HttpRequest) -> HttpResponse:
    """The applicant's home: the open application(s) with their stage, the history, where to apply."""
    return render(request, "vetting/my_applications.html", applicant_overview(user=request.user))


@applicant_required
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    specialization = get_object_or_404(Specialization, slug=slug, is_active=True)
    # Whether one may apply is `application_create`'s to decide; the page only shows the way to an
    # open application, and the cooldown's end, before the form is sent.
    open_application = (
        Application.objects.open().of(request.user).filter(specialization=specialization).first()
    )
    if open_application and request.method != "POST":
        return redirect("vetting:application_detail", pk=open_application.pk)
    available = reapply_available_at(applicant=request.user, specialization=specialization)
    if request.method == "POST" and "add_entry" in request.POST:
        return _apply_with_one_more_entry(request, specialization, available)
    form = ScreeningForm(request.POST or None, specialization=specialization)
    formset = ExperienceFormSet(request.POST or None, prefix="exp")
    # Both are validated so every error shows at once.
    if request.method == "POST" and all([form.is_valid(), formset.is_valid()]):
        if rate_limit_hit(f"vetting:apply:{request.user.pk}", limit=APPLY_LIMIT[0], period=APPLY_LIMIT[1]):
            messages.error(
                request, _("You sent too many applications in a short time. Try again in an hour.")
            )
        else:
            try:
                application = services.application_create(
                    applicant=request.user,
                    specialization=specialization,
                    headline=form.cleaned_data["headline"],
                    summary=form.cleaned_data["summary"],
                    years_experience=form.cleaned_data["years_experience"],
                    answers=form.answers(),
                    experiences=[f.cleaned_data for f in formset if f.cleaned_data],
                )
            except ValidationError as error:
                refusal_to_form(form, error)
            else:
                messages.success(request, _("Your application was received."))
                return redirect("vetting:application_detail", pk=application.pk)
    return render(
        request,
        "vetting/apply.html",
        {"specialization": specialization, "form": form, "formset": formset, "available_at": available},
    )


def _apply_with_one_more_entry(request: HttpRequest, specialization, available) -> HttpResponse:
    """The "Add an entry" button: the form again as typed, with one more empty experience entry (up
    to the formset's maximum), validated only when sent. htmx swaps in just the entries."""
    data = request.POST
    form = ScreeningForm(specialization=specialization)
    form.initial = {name: data.get(name, "") for name in form.fields}
    formset = experience_formset_plus_one(data)
    template = "vetting/apply.html#entries" if request.htmx else "vetting/apply.html"
    context = {"specialization": specialization, "form": form, "formset": formset, "available_at": available}
    return render(request, template, context)


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = application_page(user=request.user, pk=pk)
    application = context["application"]
    if application.is_open and application.current_stage.kind == StageKind.WORK_SAMPLE:
        context.setdefault("work_form", WorkSubmissionForm())
    template = "vetting/application_detail.html"
    if request.htmx:
        template += "#application_body"
    return render(request, template, context)


@login_required
@require_POST
def attempt_start(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.of(request.user), pk=pk)
    existing = application.attempts.filter(stage_id=application.current_stage_id).first()
    if existing is None and rate_limit_hit(
        f"vetting:test:{request.user.pk}", limit=TEST_START_LIMIT[0], period=TEST_START_LIMIT[1]
    ):
        messages.error(request, _("Too many test starts in a short time. Try again in an hour."))
        return redirect("vetting:application_detail", pk=pk)
    try:
        attempt = services.attempt_start(application=application, applicant=request.user)
    except ValidationError as error:
        refusal_to_messages(request, error)
        return redirect("vetting:application_detail", pk=pk)
    return redirect("vetting:attempt", pk=attempt.pk)


@login_required
def attempt(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = get_object_or_404(
        TestAttempt.objects.select_related("application__specialization", "stage").filter(
            application__applicant=request.user
        ),
        pk=pk,
    )
    if attempt.submitted_at is not None:
        return redirect("vetting:application_detail", pk=attempt.application_id)
    form = TestAttemptForm(request.POST or None, attempt=attempt)
    if request.method == "POST" and form.is_valid():
        try:
            services.attempt_submit(attempt=attempt, applicant=request.user, answers=form.answers())
        except ValidationError as error:
            refusal_to_messages(request, error)
        else:
            messages.success(request, _("Your answers were received and graded."))
        return redirect("vetting:application_detail", pk=attempt.application_id)
    return render(request, "vetting/attempt.html", {"attempt": attempt, "form": form})


@login_required
@require_POST
def work_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.of(request.user), pk=pk)
    form = WorkSubmissionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.work_submit(
                application=application,
                applicant=request.user,
                text=form.cleaned_data["text"],
                link=form.cleaned_data["link"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            refusal_to_form(form, error)
        else:
            messages.success(request, _("Your work sample was submitted. A moderator will review it."))
            return redirect("vetting:application_detail", pk=pk)
    context = application_page(user=request.user, pk=pk)
    context["work_form"] = form
    return render(request, "vetting/application_detail.html", context, status=400)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.of(request.user), pk=pk)
    try:
        services.application_withdraw(application=application, applicant=request.user)
    except ValidationError as error:
        refusal_to_messages(request, error)
    else:
        messages.success(request, _("You withdrew your application."))
    return redirect("vetting:application_detail", pk=pk)


@login_required
def submission_file(request: HttpRequest, pk: int) -> FileResponse:
    """Uploaded work samples: only their owner and staff, never a public URL."""
    queryset = WorkSubmission.objects.exclude(file="")
    if not request.user.is_staff:
        queryset = queryset.filter(application__applicant=request.user)
    submission = get_object_or_404(queryset, pk=pk)
    try:
        handle = submission.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=submission.original_name or submission.file.name.rsplit("/", 1)[-1],
        content_type=content_type_for(submission.file.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def selection(request: HttpRequest) -> HttpResponse:
    """The public funnel: how many entered and passed each stage in the last 12 months."""
    stats = funnel_stats()
    language = (get_language() or "en")[:2]
    return render(request, "vetting/selection.html", funnel_chart(stats, language=language))
