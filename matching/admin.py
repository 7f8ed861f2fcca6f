"""Matches and invitations in admin, read-only: they change through matching.services."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from needs.admin import NeedAdmin
from needs.models import Need
from topfreelancer.admin import BoundedInline
from vetting.models import Specialization

from . import validity
from .models import (
    Engagement,
    EngagementEvent,
    Feedback,
    Invitation,
    InvitationEvent,
    Match,
    MatchEvent,
    NeedRanking,
)
from .validity_chart import band_chart, interval_bar, level_rows


class ReadOnlyAdmin(admin.ModelAdmin):
    @override
    def has_add_permission(self, request):
        return False

    @override
    def has_change_permission(self, request, obj=None):
        return False


class HistoryInline(BoundedInline):
    """An audit table under its row, read-only."""

    extra = 0
    can_delete = False

    @override
    def has_add_permission(self, request, obj=None):
        return False

    @override
    def has_change_permission(self, request, obj=None):
        return False


class MatchEventInline(HistoryInline):
    model = MatchEvent
    fields = readonly_fields = ["at", "kind", "actor"]


class InvitationEventInline(HistoryInline):
    model = InvitationEvent
    fields = readonly_fields = ["at", "actor", "from_state", "to_state"]


class NeedRankingInline(BoundedInline):
    """The need's ranking on its admin page, read-only (it changes through matching.services.runs)."""

    model = NeedRanking
    can_delete = False
    fields = readonly_fields = ["state", "version", "requested_at", "started_at", "matched_at"]

    @override
    def has_add_permission(self, request, obj=None):
        return False

    @override
    def has_change_permission(self, request, obj=None):
        return False


class RankedNeedAdmin(NeedAdmin):
    """needs' admin with matching's state per need: needs knows nothing of it, so matching adds it."""

    list_display = [*NeedAdmin.list_display, "ranking_state", "ranking_matched_at"]
    list_filter = [*NeedAdmin.list_filter, "ranking__state"]
    list_select_related = [*NeedAdmin.list_select_related, "ranking"]
    inlines = [NeedRankingInline, *NeedAdmin.inlines]

    @admin.display(description=_("matching"), ordering="ranking__state")
    def ranking_state(self, obj):
        ranking = getattr(obj, "ranking", None)
        return ranking.get_state_display() if ranking else NeedRanking.State.IDLE.label

    @admin.display(description=_("matched at"), ordering="ranking__matched_at")
    def ranking_matched_at(self, obj):
        ranking = getattr(obj, "ranking", None)
        return ranking.matched_at if ranking and ranking.matched_at else "—"


admin.site.unregister(Need)
admin.site.register(Need, RankedNeedAdmin)


@admin.register(Match)
class MatchAdmin(ReadOnlyAdmin):
    list_display = [
        "need",
        "rank",
        "profile",
        "score",
        "level_fit",
        "skill_fit",
        "computed_at",
        "dismissed_at",
    ]
    list_filter = ["need__specialization"]
    search_fields = ["need__title", "profile__user__email"]
    list_select_related = ["need", "profile__user", "profile__specialization"]
    inlines = [MatchEventInline]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["need", "specialist", "state", "created_at", "responded_at"]
    list_filter = ["state"]
    search_fields = ["need__title", "specialist__email"]
    list_select_related = ["need", "specialist"]
    inlines = [InvitationEventInline]


class EngagementEventInline(BoundedInline):
    model = EngagementEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "kind", "actor", "from_state", "to_state"]
    fields = readonly_fields

    @override
    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Engagement)
class EngagementAdmin(ReadOnlyAdmin):
    list_display = [
        "need",
        "specialist",
        "state",
        "started_at",
        "ended_at",
        "help_requested_at",
        "conversation",
    ]
    list_filter = ["state", ("help_requested_at", admin.EmptyFieldListFilter)]
    search_fields = ["need__title", "specialist__email"]
    list_select_related = ["need", "specialist"]
    inlines = [EngagementEventInline]
    readonly_fields = ["conversation"]

    def get_urls(self):
        validity = self.admin_site.admin_view(self.validity_view)
        return [path("validity/", validity, name="matching_engagement_validity"), *super().get_urls()]

    def validity_view(self, request):
        """Selection validity: each stage's score against customers' later answers; item analysis."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        report = validity.stage_validity()
        stages = [
            {**stage, "chart": band_chart(stage), "quality_bar": interval_bar(stage["quality"]),
             "fit_bar": interval_bar(stage["fit"])}
            for stage in report["stages"]
        ]  # fmt: skip
        specializations = (
            Specialization.objects.filter(questions__isnull=False).distinct().order_by("position")
        )
        items = [
            {"specialization": spec, "items": validity.item_analysis(specialization_id=spec.pk)}
            for spec in specializations
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Selection validity"),
            "stages": stages,
            "levels": level_rows(report["levels"]),
            "item_reports": items,
            "thresholds": {
                "easy": round(validity.ITEM_EASY * 100),
                "flat": validity.ITEM_MIN_DISCRIMINATION,
                "min_n": validity.ITEM_MIN_ANSWERS,
            },
        }
        return TemplateResponse(request, "matching/admin/validity.html", context)

    @admin.display(description=_("conversation"))
    def conversation(self, obj):
        """Only a flagged engagement's conversation is open to moderators; each reading is audited."""
        if obj.help_requested_at is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("matching:conversation", args=[obj.invitation_id]), _("Read")
        )


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    """Feedback as given; a flagged one is found with the filter (moderators answer outside the site)."""

    list_display = ["engagement", "side", "level_fit", "quality", "communication", "created_at", "flagged_at"]
    list_filter = ["side", "level_fit", ("flagged_at", admin.EmptyFieldListFilter)]
    # Django shows an unanswered yes/no as an icon with the English text "None": this says it in words.
    exclude = ["would_hire_again"]
    readonly_fields = ["hire_again"]
    search_fields = ["engagement__need__title", "engagement__specialist__email"]
    list_select_related = ["engagement__need", "engagement__specialist"]

    @admin.display(description=_("would hire again"))
    def hire_again(self, obj):
        return {True: _("Yes"), False: _("No"), None: _("Not answered")}[obj.would_hire_again]
