from django import forms
from django.utils.translation import gettext_lazy as _

from topfreelancer.formsets import BoundedFormSet
from topfreelancer.text import MESSAGE_MAX, WORK_SAMPLE_MAX

from .models import Application, Question, ScreeningExperience
from .uploads import validate_upload


class ScreeningForm(forms.ModelForm):
    """The application form: the resume basics plus the specialization's own questions."""

    class Meta:
        model = Application
        fields = ["headline", "years_experience", "summary"]
        labels = {"headline": _("Your headline"), "summary": _("About you and your work")}
        help_texts = {
            "headline": _("One line, e.g. “Backend developer, Python and PostgreSQL”."),
            "summary": _("What you do best, for whom, and how. Markdown is allowed."),
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, specialization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["years_experience"].max_value = 60
        self.fields["years_experience"].widget.attrs.update(min=0, max=60)
        self.questions = list(specialization.screening_questions.all())
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = forms.CharField(
                label=question.text,
                required=question.required,
                max_length=MESSAGE_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def clean_years_experience(self):
        value = self.cleaned_data["years_experience"]
        if value is not None and value > 60:
            raise forms.ValidationError(_("Enter at most 60 years."))
        return value

    def answers(self) -> dict[str, str]:
        return {str(q.pk): self.cleaned_data.get(f"q_{q.pk}", "") for q in self.questions}

    def question_fields(self):
        return [self[f"q_{q.pk}"] for q in self.questions]


class ExperienceForm(forms.ModelForm):
    class Meta:
        model = ScreeningExperience
        fields = ["organization", "role", "years", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_years(self):
        value = self.cleaned_data["years"]
        if value is not None and value > 60:
            raise forms.ValidationError(_("Enter at most 60 years."))
        return value


ExperienceFormSet = forms.formset_factory(
    ExperienceForm,
    formset=BoundedFormSet,
    extra=1,
    min_num=1,
    max_num=5,
    validate_min=True,
    validate_max=True,
    absolute_max=5,  # the most forms ever built; a forged TOTAL_FORMS builds none
)


class _ExperienceDraftFormSet(ExperienceFormSet):
    def initial_form_count(self):
        return 0  # every entry is new when the form is finally sent: an empty one may stay empty


def experience_formset_plus_one(data) -> ExperienceFormSet:
    """The entries of `data` (a POST) as typed, plus one empty entry, at most `max_num`; unbound,
    so nothing is validated before the person sends the form."""
    try:
        typed = int(data.get("exp-TOTAL_FORMS", 0))
    except ValueError:
        typed = 0
    typed = max(0, min(typed, ExperienceFormSet.max_num - 1))
    fields = list(ExperienceForm.base_fields)
    entries = [{name: data.get(f"exp-{i}-{name}", "") for name in fields} for i in range(typed)]
    formset = _ExperienceDraftFormSet(initial=entries, prefix="exp")
    formset.extra = max(typed + 1 - formset.min_num, 1)
    return formset


class TestAttemptForm(forms.Form):
    """One radio group per drawn question; an unanswered question counts as wrong."""

    def __init__(self, *args, attempt, **kwargs):
        super().__init__(*args, **kwargs)
        questions = Question.objects.filter(pk__in=attempt.question_ids).prefetch_related("choices")
        by_id = {q.pk: q for q in questions}
        self.questions = [by_id[pk] for pk in attempt.question_ids if pk in by_id]
        for number, question in enumerate(self.questions, start=1):
            self.fields[f"q_{question.pk}"] = forms.TypedChoiceField(
                label=f"{number}. {question.text}",
                choices=[(c.pk, c.text) for c in question.choices.all()],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )

    def answers(self) -> dict[str, int]:
        return {
            str(q.pk): self.cleaned_data[f"q_{q.pk}"]
            for q in self.questions
            if self.cleaned_data.get(f"q_{q.pk}") not in (None, "")
        }


class WorkSubmissionForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        required=False,
        max_length=WORK_SAMPLE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown is allowed."),
    )
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = forms.FileField(
        label=_("File"),
        required=False,
        validators=[validate_upload],
        help_text=_("PDF, PNG, JPEG, ZIP or plain text, up to 5 MB."),
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("text", "").strip() or data.get("link") or data.get("file")):
            raise forms.ValidationError(_("Give an answer, a link or a file."))
        return data


class ReviewForm(forms.Form):
    """A moderator's scorecard: one score per rubric criterion of the current stage."""

    private_note = forms.CharField(
        label=_("Private note (moderators only)"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, stage, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(stage.criteria.all())
        for criterion in self.criteria:
            self.fields[f"c_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                choices=[(n, str(n)) for n in range(1, criterion.max_score + 1)],
                coerce=int,
                widget=forms.RadioSelect,
            )
        self.order_fields([f"c_{c.pk}" for c in self.criteria] + ["private_note"])

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c_{c.pk}"] for c in self.criteria}
