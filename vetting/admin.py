"""Moderation in Django admin: review queues, scorecards and actions that call vetting.services.

Moderators (the Moderators group) view the funnel's configuration and review applications;
only superusers edit the configuration. Nothing here changes an application's state directly.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from topfreelancer.admin import BoundedInline
from topfreelancer.formsets import BoundedInlineFormSet
from topfreelancer.ids import IdChoiceField

from . import services
from .forms import ReviewForm
from .models import (
    Application,
    AuditEntry,
    Choice,
    Level,
    Question,
    ReasonTemplate,
    Review,
    RubricCriterion,
    ScreeningExperience,
    ScreeningQuestion,
    Specialization,
    Stage,
    StageKind,
    StageResult,
    TestAttempt,
    WorkSubmission,
)
from .selectors import compute_funnel_stats, funnel_chart, queue_ages, scorecards

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
    ]
    show_change_link = True


class ScreeningQuestionInline(BoundedInline):
    model = ScreeningQuestion
    extra = 0
    max_num = absolute_max = 30


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ["rank", "code", "name_en", "name_ru"]
    ordering = ["rank"]


@admin.register(Specialization)
class SpecializationAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ru", "is_technical", "is_active", "reapply_cooldown_days", "position"]
    list_filter = ["is_technical", "is_active"]
    prepopulated_fields = {"slug": ["name_en"]}
    search_fields = ["name_en", "name_ru", "slug"]
    inlines = [StageInline, ScreeningQuestionInline]


class RubricCriterionInline(BoundedInline):
    model = RubricCriterion
    extra = 0
    max_num = absolute_max = 20


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
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
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "specialization", "skill", "is_active"]
    list_filter = ["specialization", "is_active"]
    search_fields = ["text_en", "text_ru"]
    inlines = [ChoiceInline]


@admin.register(ReasonTemplate)
class ReasonTemplateAdmin(admin.ModelAdmin):
    list_display = ["code", "title_en", "title_ru", "specialization"]
    list_filter = ["specialization"]
    search_fields = ["code", "title_en", "text_en"]


# --- Applications: the review queue ------------------------------------------------------------


class ReadOnlyInline(BoundedInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StageResultInline(ReadOnlyInline):
    model = StageResult
    fields = readonly_fields = [
        "stage",
        "outcome",
        "score",
        "reason",
        "decided_by",
        "entered_at",
        "decided_at",
    ]
    verbose_name_plural = _("stage results")


class TestAttemptInline(ReadOnlyInline):
    model = TestAttempt
    fields = readonly_fields = ["stage", "started_at", "deadline", "submitted_at", "score"]


class WorkSubmissionInline(ReadOnlyInline):
    model = WorkSubmission
    fields = readonly_fields = ["stage", "text", "link", "download", "submitted_at"]

    @admin.display(description=_("file"))
    def download(self, obj):
        if not obj.file:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("vetting:submission_file", args=[obj.pk]),
            obj.original_name or "file",
        )


class ReviewInline(ReadOnlyInline):
    model = Review
    fields = readonly_fields = ["stage", "reviewer", "percent", "private_note", "created_at"]
    verbose_name_plural = _("scorecards (private notes are never shown to the applicant)")


class ScreeningExperienceInline(ReadOnlyInline):
    model = ScreeningExperience
    fields = readonly_fields = ["organization", "role", "years", "description"]


class AuditEntryInline(ReadOnlyInline):
    model = AuditEntry
    fields = readonly_fields = [
        "created_at",
        "actor",
        "action",
        "from_stage",
        "to_stage",
        "to_status",
        "detail",
    ]
    verbose_name_plural = _("audit history")


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


class StageKindFilter(admin.SimpleListFilter):
    title = _("stage kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return StageKind.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(current_stage__kind=self.value())
        return queryset


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """The review queue: oldest first, with the time spent in the current stage."""

    list_display = ["applicant", "specialization", "stage", "time_in_stage", "status", "created_at"]
    list_filter = ["status", StageKindFilter, "specialization", "current_stage"]
    list_select_related = ["applicant", "specialization", "current_stage"]
    search_fields = ["applicant__email", "applicant__full_name", "headline"]
    ordering = ["stage_entered_at"]
    date_hierarchy = "created_at"
    action_form = ModerationActionForm
    actions = ["advance", "reject", "accept", "schedule_interview"]
    inlines = [
        ScreeningExperienceInline,
        StageResultInline,
        TestAttemptInline,
        WorkSubmissionInline,
        ReviewInline,
        AuditEntryInline,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "applicant",
                    "specialization",
                    "status",
                    "current_stage",
                    "stage_entered_at",
                    "interview_at",
                    "level",
                    "created_at",
                    "closed_at",
                    "score_link",
                ]
            },
        ),
        (_("Screening"), {"fields": ["headline", "years_experience", "summary", "screening_answers"]}),
        (_("Scorecards"), {"fields": ["scorecard_table"]}),
    ]
    readonly_fields = [
        "applicant",
        "specialization",
        "status",
        "current_stage",
        "stage_entered_at",
        "interview_at",
        "level",
        "created_at",
        "closed_at",
        "score_link",
        "headline",
        "years_experience",
        "summary",
        "screening_answers",
        "scorecard_table",
    ]

    class Media:
        css = {"all": ["css/vetting.css"]}

    def has_add_permission(self, request):
        return False

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

    @admin.display(description=_("screening answers"))
    def screening_answers(self, obj):
        questions = {str(q.pk): q.text for q in obj.specialization.screening_questions.all()}
        rows = [(questions.get(key, key), value) for key, value in obj.answers.items()]
        return format_html_join("", "<p><strong>{}</strong><br>{}</p>", rows) if rows else "–"

    @admin.display(description=_("scorecard"))
    def score_link(self, obj):
        if (
            obj.is_open
            and obj.current_stage
            and obj.current_stage.kind in (StageKind.WORK_SAMPLE, StageKind.INTERVIEW)
        ):
            url = reverse("admin:vetting_application_review", args=[obj.pk])
            return format_html('<a class="button" href="{}">{}</a>', url, _("Score the rubric"))
        return "–"

    @admin.display(description=_("scores side by side"))
    def scorecard_table(self, obj):
        from django.template.loader import render_to_string

        stages = [
            s
            for s in obj.specialization.stages.all()
            if s.kind in (StageKind.WORK_SAMPLE, StageKind.INTERVIEW)
        ]
        cards = [scorecards(application=obj, stage=s) for s in stages]
        cards = [c for c in cards if c["reviews"]]
        if not cards:
            return "–"
        return render_to_string("vetting/admin/scorecards.html", {"cards": cards})

    # --- actions: each calls one service per application and reports what was refused ---

    def _run(self, request, queryset, call, done_message):
        done = 0
        for application in queryset:
            try:
                call(application)
            except services.TransitionError as error:
                self.message_user(request, f"{application}: {error.message}", messages.WARNING)
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

    # --- extra pages: the rubric form and the funnel statistics ---

    def get_urls(self):
        extra = [
            path("stats/", self.admin_site.admin_view(self.stats_view), name="vetting_application_stats"),
            path(
                "<int:pk>/review/",
                self.admin_site.admin_view(self.review_view),
                name="vetting_application_review",
            ),
        ]
        return extra + super().get_urls()

    def review_view(self, request, pk: int):
        if not request.user.has_perm("vetting.add_review"):
            raise PermissionDenied
        application = get_object_or_404(Application.objects.open().select_related("current_stage"), pk=pk)
        stage = application.current_stage
        form = ReviewForm(request.POST or None, stage=stage)
        if request.method == "POST" and form.is_valid():
            try:
                services.review_submit(
                    application=application,
                    reviewer=request.user,
                    scores=form.scores(),
                    private_note=form.cleaned_data["private_note"],
                )
            except services.TransitionError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(request, _("Your scorecard was saved."), messages.SUCCESS)
                return redirect("admin:vetting_application_change", pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Score: %(stage)s") % {"stage": stage.name},
            "application": application,
            "submissions": application.submissions.filter(stage=stage),
            "form": form,
            "card": scorecards(application=application, stage=stage),
        }
        return TemplateResponse(request, "vetting/admin/review.html", context)

    def stats_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        stats = compute_funnel_stats()
        ages = queue_ages()
        stages = Stage.objects.select_related("specialization").order_by(
            "specialization__position", "position"
        )
        queue = [
            {"stage": stage, **ages.get(stage.pk, {"waiting": 0, "oldest_days": None})}
            for stage in stages
            if stage.pk in ages
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Funnel statistics"),
            "queue": queue,
            **funnel_chart(stats, language="en" if not request.LANGUAGE_CODE.startswith("ru") else "ru"),
        }
        return TemplateResponse(request, "vetting/admin/stats.html", context)
