from django.contrib import admin

from .models import Skill, Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """The catalogue search's thesaurus: applied when a query is read, no reindex needed."""

    list_display = ["terms"]
    search_fields = ["terms"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    """Both names are searched: the stored vectors pick a renamed skill up when a profile changes."""

    list_display = ["name", "name_ru", "slug"]
    search_fields = ["name", "name_ru", "slug"]
    prepopulated_fields = {"slug": ["name"]}
