from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from typing_extensions import override

from topfreelancer.admin import IdFieldsAdmin
from topfreelancer.admin_titles import AccusativeTitles

from .models import OutboundEmail, User


@admin.register(User)
class UserAdmin(AccusativeTitles, IdFieldsAdmin, BaseUserAdmin):
    accusative = pgettext_lazy("accusative", "user")
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "is_staff", "is_active", "date_joined"]
    list_filter = ["role", "is_staff", "is_active", "groups"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "role", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "role", "password1", "password2"]})]


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AccusativeTitles, IdFieldsAdmin, BaseGroupAdmin):
    accusative = pgettext_lazy("accusative", "group")


class EmailStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    @override
    def lookups(self, request, model_admin):
        return [("pending", _("Pending")), ("sent", _("Sent")), ("failed", _("Failed"))]

    @override
    def queryset(self, request, queryset):
        return {
            "pending": queryset.filter(sent_at__isnull=True, failed_at__isnull=True),
            "sent": queryset.filter(sent_at__isnull=False),
            "failed": queryset.filter(failed_at__isnull=False),
        }.get(self.value(), queryset)


@admin.register(OutboundEmail)
class OutboundEmailAdmin(AccusativeTitles, admin.ModelAdmin):
    accusative = pgettext_lazy("accusative", "outbound email")
    list_display = ["to", "subject", "created_at", "sent_at", "failed_at", "attempts", "last_error"]
    list_filter = [EmailStatusFilter]
    search_fields = ["to", "subject", "last_error"]
    readonly_fields = [
        "to",
        "subject",
        "body",
        "created_at",
        "sent_at",
        "failed_at",
        "attempts",
        "last_error",
    ]

    @override
    def has_add_permission(self, request):
        return False

    @override
    def has_change_permission(self, request, obj=None):
        return False
