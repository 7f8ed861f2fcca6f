from django import forms
from django.utils.translation import gettext_lazy as _

from topfreelancer.text import MESSAGE_MAX


class InviteForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MESSAGE_MAX,
        help_text=_("Say what the need is about and why you think they fit. Markdown is allowed."),
    )
