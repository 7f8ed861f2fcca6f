from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from needs.models import Need
from topfreelancer.ids import IdChoiceField
from topfreelancer.text import MESSAGE_MAX

from .models import FEEDBACK_COMMENT_MAX, LevelFit


class InviteForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MESSAGE_MAX,
        help_text=_("Say what the need is about and why you think they fit. Markdown is allowed."),
    )


class ProfileInviteForm(forms.Form):
    """Invite from a profile: one of the customer's open needs the specialist is not invited to yet.

    Any of the customer's needs validates here (someone else's is "not a valid choice"), so that a
    need paused or an invitation sent meanwhile gets the service's own words, on the field."""

    need = IdChoiceField(queryset=Need.objects.none(), label=_("Need"), empty_label=None)
    message = forms.CharField(
        label=_("Message (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MESSAGE_MAX,
        required=False,
        help_text=_("Say what the need is about and why you think they fit. Markdown is allowed."),
    )
    back_need = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def __init__(self, *args, customer, offered, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = Need.objects.of(customer)
        self.fields["need"].choices = [(need.pk, need.title) for need in offered]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MESSAGE_MAX,
        required=False,
        help_text=_("Markdown is allowed."),
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("PDF, PNG, JPEG, ZIP or plain text, up to 5 MB."),
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not ((data.get("body") or "").strip() or data.get("attachment")):
            raise forms.ValidationError(_("Write a message or attach a file."))
        return data


def _anchored(label, *anchors) -> forms.TypedChoiceField:
    """A 1-5 rating whose every score says what it means."""
    choices = [(n, format_lazy("{} · {}", n, anchor)) for n, anchor in enumerate(anchors, start=1)]
    return forms.TypedChoiceField(label=label, coerce=int, widget=forms.RadioSelect, choices=choices)


class CustomerFeedbackForm(forms.Form):
    level_fit = forms.ChoiceField(
        label=_("Compared with the need's level, the specialist worked"),
        choices=LevelFit.choices,
        widget=forms.RadioSelect,
    )
    quality = _anchored(
        _("Quality of the work"),
        _("unusable: it had to be redone"),
        _("below expectations: major fixes needed"),
        _("acceptable: minor fixes needed"),
        _("good: ready to use"),
        _("excellent: better than asked"),
    )
    communication = _anchored(
        _("Communication"),
        _("hard to reach, agreements missed"),
        _("often slow or unclear"),
        _("adequate"),
        _("clear and timely"),
        _("proactive: raised problems before they hurt"),
    )
    would_hire_again = forms.TypedChoiceField(
        label=_("Would you hire them again?"),
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        choices=[("yes", _("Yes")), ("no", _("No"))],
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=FEEDBACK_COMMENT_MAX,
        required=False,
    )


class SpecialistFeedbackForm(forms.Form):
    need_clarity = _anchored(
        _("Clarity of the need"),
        _("unclear: the goal kept changing"),
        _("vague: much had to be guessed"),
        _("workable, with questions"),
        _("clear"),
        _("crystal clear: goals, limits and what done means"),
    )
    responsiveness = _anchored(
        _("The customer's responsiveness"),
        _("answers took days or never came"),
        _("often slow"),
        _("adequate"),
        _("quick"),
        _("always quick, decisions without delay"),
    )
    comment = CustomerFeedbackForm.base_fields["comment"]


class FlagForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong with this feedback?"), max_length=500)
