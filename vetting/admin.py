from django.contrib import admin

from .models import Level, Specialization


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
