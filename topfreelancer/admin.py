from django.contrib import admin
from django.contrib.auth.models import Permission
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .formsets import BoundedInlineFormSet
from .ids import IdChoiceField, IdMultipleChoiceField

# Django stores a permission's name in English when it creates it ("Can add skill"); the choices
# name the default ones from their action and the model's translated name, and the project's own
# (Meta.permissions, marked for translation) through the catalogue.
DEFAULT_PERMISSIONS = {
    "add": _("Can add: %(model)s"),
    "change": _("Can change: %(model)s"),
    "delete": _("Can delete: %(model)s"),
    "view": _("Can view: %(model)s"),
}


def permission_label(permission: Permission) -> str:
    """ "Application | Can add: skill" in the active language."""
    model = permission.content_type.model_class()
    if model is None:  # a model since removed: its stored name is all there is
        return str(permission)
    action = permission.codename.split("_", 1)[0]
    if action in DEFAULT_PERMISSIONS and permission.codename == f"{action}_{model._meta.model_name}":
        name = DEFAULT_PERMISSIONS[action] % {"model": model._meta.verbose_name}
    else:
        name = f"{capfirst(model._meta.verbose_name)}: {gettext(permission.name)}"
    return f"{capfirst(model._meta.app_config.verbose_name)} | {name}"


class PermissionChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


class IdFieldsAdmin:
    """A ModelAdmin mixin: the generated foreign-key and many-to-many fields take ids through
    `topfreelancer.ids`, like every other form (a 25-digit permission id was a 500 on SQLite)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", IdChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        permissions = db_field.remote_field.model is Permission
        kwargs.setdefault("form_class", PermissionChoiceField if permissions else IdMultipleChoiceField)
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
