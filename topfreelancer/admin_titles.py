"""Admin page titles that read right in Russian.

Django builds "Select %s to change", "Add %s", "Change %s" from the model's verbose name in the
nominative ("Выберите заявка для изменения"); Russian needs the accusative there ("заявку",
"пользователя"). A ModelAdmin with this mixin names its accusative (`accusative`, translated with
the "accusative" context) and the titles use it.
"""

from django.utils.translation import gettext as _


class AccusativeTitles:
    accusative = None  # e.g. pgettext_lazy("accusative", "application"); default: the verbose name

    def _name(self):
        return self.accusative or self.opts.verbose_name

    def changelist_view(self, request, extra_context=None):
        phrase = _("Select %s to change") if self.has_change_permission(request) else _("Select %s to view")
        return super().changelist_view(request, {"title": phrase % self._name(), **(extra_context or {})})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is None:
            phrase = _("Add %s")
        elif self.has_change_permission(request):
            phrase = _("Change %s")
        else:
            phrase = _("View %s")
        context = {"title": phrase % self._name(), **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, context)
