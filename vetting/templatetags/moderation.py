"""The moderator's queue on the admin's home page (the index view has no hook for extra context)."""

from django import template

from ..selectors import moderator_queue

register = template.Library()


@register.simple_tag
def queue_for(user):
    if not user.has_perm("vetting.view_application"):
        return None
    return moderator_queue(user=user)
