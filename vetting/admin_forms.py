"""The decision page's form: one of the moves, with what that move needs."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Level, ReasonTemplate


class DecisionForm(forms.Form):
    """Which button was pressed and its inputs; each move checks only what it needs."""

    MOVES = {
        "review": _("Save the scorecard"),
        "advance": _("Advance"),
        "reject": _("Reject"),
        "accept": _("Accept"),
        "schedule": _("Schedule the interview"),
    }

    move = forms.ChoiceField(choices=list(MOVES.items()))
    reason_template = forms.ModelChoiceField(
        ReasonTemplate.objects.none(), required=False, widget=forms.RadioSelect, label=_("Reason")
    )
    level = forms.ModelChoiceField(
        Level.objects.all(), required=False, label=_("Level"), empty_label=_("— level —")
    )
    interview_at = forms.DateTimeField(
        required=False,
        label=_("Interview slot"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, specialization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason_template"].queryset = ReasonTemplate.objects.filter(
            specialization__isnull=True
        ) | ReasonTemplate.objects.filter(specialization=specialization)
        self.fields["interview_at"].help_text = _("Time zone: %(zone)s.") % {
            "zone": timezone.get_current_timezone_name()
        }

    def clean(self):
        data = super().clean()
        move = data.get("move")
        if move == "reject" and not data.get("reason_template"):
            self.add_error("reason_template", _("Choose the reason the applicant will read."))
        if move == "accept" and not data.get("level"):
            self.add_error("level", _("Choose the level to assign."))
        if move == "schedule" and not data.get("interview_at"):
            self.add_error("interview_at", _("Give the interview time."))
        return data
