from uuid import uuid4

from django import forms
from django.utils.translation import gettext_lazy as _

from profiles.choices import Language
from topfreelancer import formats
from topfreelancer.ids import IdChoiceField, IdMultipleChoiceField
from vetting.models import Level, Skill, Specialization

from .level_helper import QUESTIONS
from .models import Need

UTC_CHOICES = [("", "—")] + [(str(h), formats.utc_offset(h)) for h in range(-12, 15)]


class SkillChoiceField(IdMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class NeedForm(forms.ModelForm):
    """The need's content. The model's clean() says the same rules as its DB constraints."""

    specialization = IdChoiceField(queryset=Specialization.objects.all(), label=_("Specialization"))
    level = IdChoiceField(
        queryset=Level.objects.order_by("rank"),
        label=_("Required level"),
        widget=forms.RadioSelect,
        help_text=_("The level of the problems the need holds. Not sure? Use the level helper."),
    )
    must_have_skills = SkillChoiceField(
        queryset=Skill.objects.all(), required=False, label=_("Must-have skills")
    )
    nice_to_have_skills = SkillChoiceField(
        queryset=Skill.objects.all(), required=False, label=_("Nice-to-have skills")
    )
    languages = forms.MultipleChoiceField(
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Working languages"),
    )
    utc_offset_min = forms.TypedChoiceField(
        choices=UTC_CHOICES, coerce=int, empty_value=None, required=False, label=_("Time zone from")
    )
    utc_offset_max = forms.TypedChoiceField(
        choices=UTC_CHOICES, coerce=int, empty_value=None, required=False, label=_("Time zone to")
    )

    class Meta:
        model = Need
        fields = [
            "title",
            "specialization",
            "level",
            "description",
            "must_have_skills",
            "nice_to_have_skills",
            "hours_per_week",
            "duration",
            "start_date",
            "budget_min",
            "budget_max",
            "currency",
            "languages",
            "utc_offset_min",
            "utc_offset_max",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 6}),
            "hours_per_week": forms.NumberInput(attrs={"min": 1, "max": 80}),
            "budget_min": forms.NumberInput(attrs={"min": 0}),
            "budget_max": forms.NumberInput(attrs={"min": 0}),
        }
        help_texts = {
            "description": _("What the work is, the team, how you work. Markdown is allowed."),
            "budget_min": _("Per hour, optional."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # A new token per rendered create form; a resubmit of the same page carries it again.
            self.fields["form_token"] = forms.UUIDField(
                required=False, initial=uuid4, widget=forms.HiddenInput
            )

    def clean(self):
        cleaned = super().clean()
        must = set(cleaned.get("must_have_skills") or [])
        nice = set(cleaned.get("nice_to_have_skills") or [])
        if must & nice:
            self.add_error(
                "nice_to_have_skills",
                _("A skill is either a must-have or a nice-to-have: %(skills)s.")
                % {"skills": ", ".join(sorted(s.name for s in must & nice))},
            )
        return cleaned

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if "skills" not in name}


class LevelHelperForm(forms.Form):
    """A few questions that suggest a level; all optional (it is a helper, not a gate)."""

    prefix = "helper"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (question, answers) in QUESTIONS.items():
            self.fields[name] = forms.TypedChoiceField(
                label=question,
                choices=answers,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )

    def answers(self) -> dict[str, int]:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}
