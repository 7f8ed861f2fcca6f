from uuid import uuid4

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from topfreelancer.formsets import BoundedInlineFormSet
from topfreelancer.ids import IdChoiceField
from vetting.models import Skill

from .models import Education, Experience, Profile, ProfileLanguage, ProfileSkill
from .services import EDITABLE_FIELDS


class ProfileForm(forms.ModelForm):
    """The owner's own fields. Level and specialization are not here: the vetting sets them."""

    # A new token per rendered page; a second save of the same page carries it again.
    form_token = forms.UUIDField(required=False, initial=uuid4, widget=forms.HiddenInput)

    class Meta:
        model = Profile
        fields = EDITABLE_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "summary": _("Markdown: **bold**, *italic*, lists, links."),
            "utc_offset": _("For example 3 for Moscow (UTC+3), -5 for New York."),
        }

    def clean(self):
        data = super().clean()
        low, high = data.get("rate_min"), data.get("rate_max")
        if low is not None and high is not None and low > high:
            self.add_error("rate_max", _("The upper rate must not be below the lower one."))
        return data


class ExperienceForm(forms.ModelForm):
    class Meta:
        model = Experience
        fields = [
            "organization",
            "role",
            "started_on",
            "ended_on",
            "task",
            "process",
            "team",
            "team_size",
            "contribution",
            "outcome",
        ]
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ended_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "task": forms.Textarea(attrs={"rows": 3}),
            "process": forms.Textarea(attrs={"rows": 3}),
            "contribution": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("The end cannot be before the start."))
        return data


class SkillForm(forms.ModelForm):
    skill = IdChoiceField(queryset=Skill.objects.all(), label=_("Skill"))

    class Meta:
        model = ProfileSkill
        fields = ["skill"]  # never "verified": only the vetting verifies


ExperienceFormSet = inlineformset_factory(
    Profile,
    Experience,
    form=ExperienceForm,
    formset=BoundedInlineFormSet,
    extra=0,
    can_delete=True,
    max_num=30,
    validate_max=True,
    absolute_max=30,  # the most forms ever built; a forged TOTAL_FORMS builds none
)


class BaseSkillFormSet(BoundedInlineFormSet):
    """Each skill once per profile (the database says so too), verified ones included."""

    def clean(self):
        super().clean()
        taken = set(
            ProfileSkill.objects.filter(profile=self.instance, verified=True).values_list(
                "skill_id", flat=True
            )
        )
        for form in self.forms:
            skill = getattr(form, "cleaned_data", {}).get("skill")
            if not skill or form.cleaned_data.get("DELETE"):
                continue
            if skill.pk in taken:
                form.add_error("skill", _("This skill is already in your profile."))
            taken.add(skill.pk)


SkillFormSet = inlineformset_factory(
    Profile,
    ProfileSkill,
    form=SkillForm,
    formset=BaseSkillFormSet,
    extra=1,
    can_delete=True,
    max_num=40,
    validate_max=True,
    absolute_max=40,
)
LanguageFormSet = inlineformset_factory(
    Profile,
    ProfileLanguage,
    fields=["language", "proficiency"],
    formset=BoundedInlineFormSet,
    extra=1,
    can_delete=True,
    max_num=10,
    validate_max=True,
    absolute_max=10,
)
EducationFormSet = inlineformset_factory(
    Profile,
    Education,
    fields=["institution", "degree", "year"],
    formset=BoundedInlineFormSet,
    extra=1,
    can_delete=True,
    max_num=10,
    validate_max=True,
    absolute_max=10,
)


def edit_formsets(data=None, *, profile: Profile) -> dict:
    """The child formsets of the edit page, by prefix. Verified skills stay out of reach."""
    return {
        "experiences": ExperienceFormSet(data, instance=profile, prefix="experiences"),
        "skills": SkillFormSet(
            data,
            instance=profile,
            prefix="skills",
            queryset=ProfileSkill.objects.filter(verified=False).select_related("skill"),
        ),
        "languages": LanguageFormSet(data, instance=profile, prefix="languages"),
        "education": EducationFormSet(data, instance=profile, prefix="education"),
    }
