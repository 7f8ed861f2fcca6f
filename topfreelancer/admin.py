from django.contrib import admin

from .formsets import BoundedInlineFormSet
from .ids import IdChoiceField, IdMultipleChoiceField


class IdFieldsAdmin:
    """A ModelAdmin mixin: the generated foreign-key and many-to-many fields take ids through
    `topfreelancer.ids`, like every other form (a 25-digit permission id was a 500 on SQLite)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", IdChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", IdMultipleChoiceField)
        kwargs.setdefault("max_choices", 1000)  # an operator may grant every permission at once
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class BoundedInline(admin.TabularInline):
    """An admin inline whose formset builds at most `absolute_max` forms, and none for a forged
    TOTAL_FORMS (Django's default is max_num + 1,000). Editable inlines set `max_num` no larger."""

    formset = BoundedInlineFormSet
    absolute_max = 200

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("absolute_max", self.absolute_max)
        return super().get_formset(request, obj, **kwargs)
