from django import forms
from django.utils.translation import gettext_lazy as _

from topfreelancer.text import SingleLineField

from .models import User


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form: who you are here."""

    full_name = SingleLineField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(
        label=_("I am joining as"),
        choices=User.Role.choices,
        widget=forms.RadioSelect,
        initial=User.Role.CUSTOMER,
    )

    field_order = ["full_name", "email", "role", "password1", "password2"]

    def signup(self, request, user):
        """allauth calls this after saving; the adapter already stored role and name."""
