"""Needs in admin: for operators to look and re-rank; content and states change through needs.services."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from typing_extensions import override

from topfreelancer.admin import BoundedInline

from .models import Need, NeedEvent
from .signals import need_changed


class NeedEventInline(BoundedInline):
    model = NeedEvent
    extra = 0
    can_delete = False
    fields = ["at", "actor", "kind", "from_state", "to_state", "changed"]
    readonly_fields = fields

    @override
    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    # matching re-registers this admin with its ranking's state (matching/admin.py).
    list_display = ["title", "customer", "specialization", "level", "state"]
    list_filter = ["state", "specialization", "level"]
    search_fields = ["title", "customer__email"]
    list_select_related = ["customer", "specialization", "level"]
    readonly_fields = [f.name for f in Need._meta.concrete_fields] + [
        "must_have_skills",
        "nice_to_have_skills",
    ]
    inlines = [NeedEventInline]
    actions = ["rerank"]

    @override
    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Re-rank the selected open needs"))
    def rerank(self, request, queryset):
        count = 0
        with transaction.atomic():
            # The changelist's joins (a higher app may add outer ones) are left out of the lock.
            for need in (
                queryset.select_related(None).select_for_update(no_key=True).filter(state=Need.State.OPEN)
            ):
                need_changed.send(sender=Need, need=need)
                count += 1
        messages.success(
            request,
            ngettext("%(n)d need queued for ranking.", "%(n)d needs queued for ranking.", count)
            % {"n": count},
        )
