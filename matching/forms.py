from django import forms
from django.utils.translation import gettext_lazy as _


class InviteForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("Say what the need is about and why you think they fit. Markdown is allowed."),
    )
