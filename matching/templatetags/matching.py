"""`{% load matching %}{% invitations_summary user %}`: a specialist's open invitations, for dashboards."""

from django import template

from ..models import Invitation
from ..selectors import invitations_for_specialist

register = template.Library()


@register.inclusion_tag("matching/_invitations_summary.html")
def invitations_summary(user, limit: int = 3):
    waiting = invitations_for_specialist(user=user).filter(state=Invitation.State.SENT)
    return {"invitations": list(waiting[:limit]), "waiting": waiting.count()}
