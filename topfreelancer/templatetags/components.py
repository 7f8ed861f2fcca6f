"""`{% load components %}`: the little logic the shared components (templates/components/) need."""

from django import template

register = template.Library()

# One colour per kind of state, for every stateful thing a person sees (needs, invitations,
# engagements, applications, stages): the badge's tone (static/css/site.css, .badge-*).
STATUS_TONES = {
    "open": "ok",
    "active": "ok",
    "accepted": "ok",
    "passed": "ok",
    "paused": "warn",
    "sent": "warn",
    "expired": "warn",
    "declined": "bad",
    "rejected": "bad",
    "failed": "bad",
    "closed": "muted",
    "ended": "muted",
    "withdrawn": "muted",
    "cancelled": "muted",
}


@register.filter
def status_tone(state) -> str:
    """The badge tone of a state ("" for the neutral accent)."""
    return STATUS_TONES.get(str(state), "")


@register.filter
def minus(value, other) -> int:
    """{{ skills|length|minus:limit }}: how many are left over."""
    return int(value) - int(other)
