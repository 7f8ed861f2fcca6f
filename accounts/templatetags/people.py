from django import template

from accounts.names import avatar_svg, person_name

register = template.Library()


@register.filter(name="person_name")
def person_name_filter(user, revealed=False) -> str:
    """The naming rule: {{ user|person_name }}; {{ user|person_name:invitation }} (the invitation
    between the viewer and the user, or None) gives the full name once it is accepted."""
    return person_name(user, revealed=bool(getattr(revealed, "is_accepted", revealed)))


@register.simple_tag
def avatar(user, size: int = 40) -> str:
    """{% avatar profile.user %}: the initials avatar (decorative: the name is always beside it)."""
    return avatar_svg(user, size=size)
