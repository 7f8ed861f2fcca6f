"""Moderation in Django admin: review queues, scorecards and actions that call vetting.services.

Moderators (the Moderators group) view the funnel's configuration and review applications;
only superusers edit the configuration. Nothing here changes an application's state directly.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from typing_extensions import override

from topfreelancer.admin import BoundedInline
from topfreelancer.admin_titles import AccusativeTitles
from topfreelancer.formsets import BoundedInlineFormSet
from topfreelancer.ids import IdChoiceField
from topfreelancer.state import DomainError, refusal_to_form

from . import services
from .admin_forms import DecisionForm
from .forms import ReviewForm
from .models import (
    Application,
    ApplicationStatus,
    Choice,
    Claim,
    Level,
    Question,
    ReasonTemplate,
    RubricAnchor,
    RubricCriterion,
    ScreeningQuestion,
    Skill,
    Specialization,
    Stage,
    StageKind,
)
from .selectors import compute_funnel_stats, funnel_chart, next_in_queue
from .selectors.calibration import calibration
from .selectors.decision import decision_page
from .selectors.timing import decided_per_week, time_in_stage, timing_chart

# --- Configuration: superusers edit, moderators (view permission) only read -------------------


class StageInline(BoundedInline):
    model = Stage
    extra = 0
    max_num = absolute_max = 20
    fields = [
        "position",
        "kind",
        "name_en",
        "name_ru",
        "pass_mark",
        "question_count",
        "time_limit_minutes",
        "min_years",
        "expire_after_days",
        "target_days",
        "reviews_needed",
    ]
    show_change_link = True


class ScreeningQuestionInline(BoundedInline):
    model = ScreeningQuestion
    extra = 0
    max_num = absolute_max = 30


@admin.register(Level)
class LevelAdmin(AccusativeTitles, admin.ModelAdmin):
    accusative = pgettext_lazy("accusative", "level")
    list_display = ["rank", "code", "name_en", "name_ru"]
    ordering = ["rank"]


@admin.register(Specialization)
class SpecializationAdmin(AccusativeTitles, admin.ModelAdmin):
    accusative = pgettext_lazy("accusative", "specialization")
    list_display = ["name_en", "name_ru", "is_technical", "is_active", "reapply_cooldown_days", "position"]
    list_filter = ["is_technical", "is_active"]
    prepopulated_fields = {"slug": ["name_en"]}
    search_fields = ["name_en", "name_ru", "slug"]
    inlines = [StageInline, ScreeningQuestionInline]


class RubricCriterionInline(BoundedInline):
    model = RubricCriterion
    extra = 0
    max_num = absolute_max = 20
    show_change_link = True  # its anchors are edited on the criterion's own page


class RubricAnchorInline(BoundedInline):
    model = RubricAnchor
    extra = 0
    max_num = absolute_max = 10


@admin.register(RubricCriterion)
class RubricCriterionAdmin(AccusativeTitles, admin.ModelAdmin):
    """A criterion of one specialization's stage, with what each of its scores means."""

    accusative = pgettext_lazy("accusative", "rubric criterion")
    list_display = ["name_en", "name_ru", "stage", "max_score"]
    list_filter = ["stage__specialization", "stage__kind"]
    list_select_related = ["stage__specialization"]
    inlines = [RubricAnchorInline]


@admin.register(Stage)
class StageAdmin(AccusativeTitles, admin.ModelAdmin):
    accusative = pgettext_lazy("accusative", "stage")
    list_display = ["specialization", "position", "kind", "name_en", "pass_mark", "time_limit_minutes"]
    list_filter = ["kind", "specialization"]
    inlines = [RubricCriterionInline]


class ChoiceFormSet(BoundedInlineFormSet):
    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if len(kept) < 2:
            raise forms.ValidationError(_("A question needs at least two answer choices."))
        if sum(1 for f in kept if f.cleaned_data.get("is_correct")) != 1:
            raise forms.ValidationError(_("Mark exactly one answer choice as correct."))


class ChoiceInline(BoundedInline):
    model = Choice
    formset = ChoiceFormSet
    extra = 0
    max_num = absolute_max = 10


@admin.register(Question)
class QuestionAdmin(AccusativeTitles, admin.ModelAdmin):
    accusative = pgettext_lazy("accusative", "test question")
    list_display = ["__str__", "specialization", "skill", "is_active"]
    list_filter = ["specialization", "is_active"]
    search_fields = ["text_en", "text_ru"]
    inlines = [ChoiceInline]


@admin.register(ReasonTemplate)
class ReasonTemplateAdmin(AccusativeTitles, admin.ModelAdmin):
    accusative = pgettext_lazy("accusative", "reason template")
    list_display = ["code", "title_en", "title_ru", "specialization"]
    list_filter = ["specialization"]
    search_fields = ["code", "title_en", "text_en"]


@admin.register(Claim)
class ClaimAdmin(AccusativeTitles, admin.ModelAdmin):
    """Who holds which application; claims change only through vetting.services."""

    accusative = pgettext_lazy("accusative", "claim")
    list_display = ["application", "moderator", "claimed_at", "expires_at"]
    list_select_related = ["application__applicant", "application__specialization", "moderator"]

    @override
    def has_add_permission(self, request):
        return False

    @override
    def has_change_permission(self, request, obj=None):
        return False

    @override
    def has_delete_permission(self, request, obj=None):
        return False


# --- Applications: the review queue ------------------------------------------------------------


class ModerationActionForm(ActionForm):
    reason_template = IdChoiceField(
        ReasonTemplate.objects.all(), required=False, label=_("reason"), empty_label=_("— reason —")
    )
    level = IdChoiceField(Level.objects.all(), required=False, label=_("level"), empty_label=_("— level —"))
    interview_at = forms.DateTimeField(
        required=False,
        label=_("interview (UTC)"),
        widget=forms.DateTimeInput(attrs={"placeholder": "YYYY-MM-DD HH:MM", "size": 16}),
    )


class StatusFilter(admin.SimpleListFilter):
    """Closed applications are history: the list opens on the open ones ("all" shows every one)."""

    title = _("status")
    parameter_name = "status__exact"  # the stock filter's name, so existing links keep working
    ALL = "all"

    @override
    def lookups(self, request, model_admin):
        return [*ApplicationStatus.choices, (self.ALL, _("All"))]

    def value(self):
        return super().value() or ApplicationStatus.OPEN

    @override
    def queryset(self, request, queryset):
        return queryset if self.value() == self.ALL else queryset.filter(status=self.value())

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class StageKindFilter(admin.SimpleListFilter):
    title = _("stage kind")
    parameter_name = "kind"

    @override
    def lookups(self, request, model_admin):
        return StageKind.choices

    @override
    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(current_stage__kind=self.value())
        return queryset


@admin.register(Application)
class ApplicationAdmin(AccusativeTitles, admin.ModelAdmin):
    """The list of applications (open ones by default, oldest first) and the decision page.

    The change page is the decision page: one screen with the evidence and the moves, each
    move one call of vetting.services. Bulk actions on the list call the same services.
    """

    accusative = pgettext_lazy("accusative", "application")
    list_display = ["applicant", "specialization", "stage", "time_in_stage", "status", "created_at"]
    list_filter = [StatusFilter, StageKindFilter, "specialization", "current_stage"]
    list_select_related = ["applicant", "specialization", "current_stage"]
    search_fields = ["applicant__email", "applicant__full_name", "headline"]
    ordering = ["stage_entered_at"]
    date_hierarchy = "created_at"
    action_form = ModerationActionForm
    actions = ["advance", "reject", "accept", "schedule_interview"]

    @override
    def has_add_permission(self, request):
        return False

    @override
    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("stage"), ordering="current_stage__position")
    def stage(self, obj):
        stage = obj.current_stage
        return f"{stage.position}. {stage.name}" if stage else "–"

    @admin.display(description=_("time in stage"), ordering="stage_entered_at")
    def time_in_stage(self, obj):
        if not obj.is_open:
            return "–"
        return timesince(obj.stage_entered_at, timezone.now(), depth=1)

    # --- actions: each calls one service per application and reports what was refused ---

    def _run(self, request, queryset, call, done_message):
        done = 0
        for application in queryset:
            try:
                call(application)
            except ValidationError as error:
                self.message_user(request, f"{application}: {' '.join(error.messages)}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("Advance: pass the current stage"), permissions=["change"])
    def advance(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda a: services.application_advance(application=a, actor=request.user),
            lambda n: ngettext("%d application advanced.", "%d applications advanced.", n) % n,
        )

    @admin.action(description=_("Reject with the chosen reason"), permissions=["change"])
    def reject(self, request, queryset):
        template = self._action_value(request, "reason_template")
        if template is None:
            self.message_user(request, _("Choose a reason to reject."), messages.ERROR)
            return
        self._run(
            request,
            queryset,
            lambda a: services.application_reject(
                application=a, actor=request.user, reason_template=template
            ),
            lambda n: ngettext("%d application rejected.", "%d applications rejected.", n) % n,
        )

    @admin.action(description=_("Accept with the chosen level (final stage)"), permissions=["change"])
    def accept(self, request, queryset):
        level = self._action_value(request, "level")
        if level is None:
            self.message_user(request, _("Choose the level to assign."), messages.ERROR)
            return
        self._run(
            request,
            queryset,
            lambda a: services.application_accept(application=a, actor=request.user, level=level),
            lambda n: ngettext("%d applicant accepted.", "%d applicants accepted.", n) % n,
        )

    @admin.action(description=_("Schedule the interview at the given time"), permissions=["change"])
    def schedule_interview(self, request, queryset):
        at = self._action_value(request, "interview_at")
        if at is None:
            self.message_user(request, _("Give the interview time as YYYY-MM-DD HH:MM."), messages.ERROR)
            return
        self._run(
            request,
            queryset,
            lambda a: services.application_schedule_interview(application=a, actor=request.user, at=at),
            lambda n: ngettext("%d interview scheduled.", "%d interviews scheduled.", n) % n,
        )

    def _action_value(self, request, name):
        form = self.action_form(request.POST)
        form.fields["action"].choices = self.get_action_choices(request)
        return form.cleaned_data.get(name) if form.is_valid() else None

    # --- the decision page, claims, the next item, the statistics ---

    def get_urls(self):
        def view(function, route, name):
            return path(route, self.admin_site.admin_view(function), name=f"vetting_application_{name}")

        return [
            view(self.stats_view, "stats/", "stats"),
            view(self.next_view, "next/", "next"),
            view(self.claim_view, "<int:pk>/claim/", "claim"),
            view(self.release_view, "<int:pk>/release/", "release"),
            *super().get_urls(),
        ]

    @override
    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self.decide_view(request, object_id)

    def decide_view(self, request, object_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if not (str(object_id).isascii() and str(object_id).isdigit() and len(str(object_id)) < 19):
            raise Http404  # not an id a bigint column can hold
        page = decision_page(application_id=int(object_id))
        application, stage = page["application"], page["stage"]
        can_move = application.is_open and self.has_change_permission(request, application)
        post = request.POST if request.method == "POST" else None
        form = DecisionForm(post, specialization=application.specialization_id)
        review_form = ReviewForm(post, stage=stage) if page["criteria"] else None
        if post is not None:
            if not self.has_change_permission(request, application):
                raise PermissionDenied
            if not application.is_open:
                self.message_user(request, _("This application is already closed."), messages.WARNING)
                return redirect("admin:vetting_application_change", application.pk)
            if form.is_valid():
                done = self._move(request, application, form, review_form)
                if done is not None:
                    return done
        context = {
            **self.admin_site.each_context(request),
            **page,
            "opts": self.model._meta,
            "title": str(application),
            "form": form,
            "review_form": review_form,
            "anchored": self._anchored(review_form, page["criteria"]),
            "can_move": can_move,
            "held_by_other": page["claim"] is not None and page["claim"].moderator_id != request.user.pk,
            "moves": DecisionForm.MOVES,
        }
        return TemplateResponse(request, "vetting/admin/decide.html", context)

    @staticmethod
    def _anchored(review_form, criteria):
        """Each criterion's radio buttons with the anchor of every score beside them."""
        if review_form is None:
            return []
        rows = []
        for criterion in criteria:
            anchors = {a.score: a.text for a in criterion.anchors.all()}
            field = review_form[f"c_{criterion.pk}"]
            rows.append(
                {
                    "criterion": criterion,
                    "field": field,
                    "options": [(radio, anchors.get(int(radio.data["value"]), "")) for radio in field],
                }
            )
        return rows

    def _move(self, request, application, form, review_form):
        """Run the pressed move (saving a filled scorecard first); None keeps the page with errors."""
        move = form.cleaned_data["move"]
        scored = review_form is not None and any(request.POST.get(f"c_{c.pk}") for c in review_form.criteria)
        try:
            if move == "review" or scored:
                if not request.user.has_perm("vetting.add_review"):
                    raise PermissionDenied
                if review_form is None or not review_form.is_valid():
                    form.add_error(None, _("Score every criterion of the rubric."))
                    return None
                services.review_submit(
                    application=application,
                    reviewer=request.user,
                    scores=review_form.scores(),
                    private_note=review_form.cleaned_data["private_note"],
                )
                self.message_user(request, _("Your scorecard was saved."), messages.SUCCESS)
            if move == "review":
                application.refresh_from_db()
                if services.active_claim(application) is not None:
                    return redirect("admin:vetting_application_change", application.pk)
                self.message_user(
                    request, _("It now waits for another moderator's scorecard or a lead's decision.")
                )
                return self._next(request, after=application.pk)
            self._decide(request, application, move, form.cleaned_data)
        except ValidationError as error:
            refusal_to_form(form, error)
            return None
        return self._next(request, after=application.pk)

    def _decide(self, request, application, move, data):
        actor = request.user
        if move == "advance":
            services.application_advance(
                application=application, actor=actor, interview_at=data["interview_at"]
            )
            message = _("Advanced to the next stage.")
        elif move == "reject":
            services.application_reject(
                application=application, actor=actor, reason_template=data["reason_template"]
            )
            message = _("Rejected; the applicant was sent the reason.")
        elif move == "accept":
            services.application_accept(application=application, actor=actor, level=data["level"])
            message = _("Accepted at level %(level)s.") % {"level": data["level"]}
        else:
            services.application_schedule_interview(
                application=application, actor=actor, at=data["interview_at"]
            )
            message = _("The interview is scheduled; the applicant was told.")
        self.message_user(request, f"{application}: {message}", messages.SUCCESS)

    def _next(self, request, *, after=None):
        """Open the next item of the moderator's queue, taken for them; the index when none is left."""
        for _attempt in range(3):
            following = next_in_queue(user=request.user, after=after)
            if following is None:
                break
            try:
                services.application_claim(application=following, moderator=request.user)
            except DomainError:
                after = following.pk
                continue
            return redirect("admin:vetting_application_change", following.pk)
        self.message_user(request, _("Your queue is empty."), messages.INFO)
        return redirect("admin:index")

    def _check_post(self, request):
        if request.method != "POST":
            raise PermissionDenied
        if not self.has_change_permission(request):
            raise PermissionDenied

    def next_view(self, request):
        self._check_post(request)
        return self._next(request)

    def claim_view(self, request, pk: int):
        self._check_post(request)
        application = get_object_or_404(Application.objects.open(), pk=pk)
        try:
            services.application_claim(application=application, moderator=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.WARNING)
        return redirect("admin:vetting_application_change", pk)

    def release_view(self, request, pk: int):
        self._check_post(request)
        application = get_object_or_404(Application, pk=pk)
        services.application_release(application=application, moderator=request.user)
        return redirect("admin:index")

    def stats_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        language = "ru" if request.LANGUAGE_CODE.startswith("ru") else "en"
        timing = time_in_stage()
        for spec in timing["specializations"]:
            spec["chart"] = timing_chart(spec)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Selection statistics"),
            "timing": timing,
            "per_week": decided_per_week(),
            "calibration": calibration(),
            **funnel_chart(compute_funnel_stats(), language=language),
        }
        return TemplateResponse(request, "vetting/admin/stats.html", context)


# The admin's home page leads with the moderator's queue (vetting/templatetags/moderation.py).
admin.site.index_template = "vetting/admin/index.html"


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    """Both names are searched. A renamed skill reaches the catalogue's stored search text when a profile
    changes."""

    list_display = ["name", "name_ru", "slug"]
    search_fields = ["name", "name_ru", "slug"]
    prepopulated_fields = {"slug": ["name"]}
