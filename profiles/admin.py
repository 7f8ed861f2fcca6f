from django.contrib import admin
from django.db import transaction
from typing_extensions import override

from .models import ExchangeRate, ProfileEvent, Synonym
from .services import exchange_rates_apply


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    """Operators keep the rates current; every save or delete recomputes the profiles' normalized
    rates after commit (the catalogue's filter and sort and the matching compare them)."""

    list_display = ["currency", "units_per_base", "valid_from"]
    list_filter = ["currency"]
    date_hierarchy = "valid_from"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: exchange_rates_apply(edited=True))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(lambda: exchange_rates_apply(edited=True))

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        transaction.on_commit(lambda: exchange_rates_apply(edited=True))


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """The catalogue search's thesaurus: applied when a query is read, no reindex needed."""

    list_display = ["terms"]
    search_fields = ["terms"]


@admin.register(ProfileEvent)
class ProfileEventAdmin(admin.ModelAdmin):
    """The history of profiles (read-only): grants, the owners' edits, publication."""

    list_display = ["at", "profile", "kind", "actor", "detail"]
    list_filter = ["kind"]
    search_fields = ["profile__user__email"]
    list_select_related = ["profile__user", "actor"]
    date_hierarchy = "at"

    @override
    def has_add_permission(self, request):
        return False

    @override
    def has_change_permission(self, request, obj=None):
        return False

    @override
    def has_delete_permission(self, request, obj=None):
        return False
