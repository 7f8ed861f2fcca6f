"""Formsets that cost nothing when their count is forged.

Every formset sets `max_num` with `validate_max=True` and a small `absolute_max`. Django then builds
(and the page renders) up to `absolute_max` forms for a TOTAL_FORMS of 100,000; these build none:
the answer is the formset's "Please submit at most N forms." and the rest of the page.
"""

from django.forms import BaseFormSet, BaseInlineFormSet
from django.forms.formsets import TOTAL_FORM_COUNT


class BoundedFormSetMixin:
    def total_form_count(self):
        if self.is_bound and self.management_form.cleaned_data[TOTAL_FORM_COUNT] > self.absolute_max:
            return 0  # full_clean() still reports the count as "too many forms"
        return super().total_form_count()


class BoundedFormSet(BoundedFormSetMixin, BaseFormSet):
    pass


class BoundedInlineFormSet(BoundedFormSetMixin, BaseInlineFormSet):
    pass
