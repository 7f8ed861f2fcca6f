"""Matches and invitations in admin, read-only: they change through matching.services."""

from django.contrib import admin

from .models import Engagement, EngagementEvent, Invitation, Match


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["need", "specialist", "state", "created_at", "responded_at"]
    list_filter = ["state"]
    search_fields = ["need__title", "specialist__email"]
    list_select_related = ["need", "specialist"]


class EngagementEventInline(admin.TabularInline):
    model = EngagementEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "from_state", "to_state"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Engagement)
class EngagementAdmin(ReadOnlyAdmin):
    list_display = ["need", "specialist", "state", "started_at", "ended_at"]
    list_filter = ["state"]
    search_fields = ["need__title", "specialist__email"]
    list_select_related = ["need", "specialist"]
    inlines = [EngagementEventInline]
