"""`{% load matching %}{% invitations_summary user %}`: a specialist's open invitations, for dashboards;
`{{ profile|level_for:need }}`: the specialist's level in the need's specialization."""

from django import template

from ..models import Invitation
from ..selectors import invitations_for_specialist

register = template.Library()


@register.filter
def level_for(profile, need):
    """The level of the profile's qualification in the need's specialization (the primary level
    when it holds none there). Reads prefetched qualifications when the page's selector has them
    (the shortlist), else one query."""
    qualifications = getattr(profile, "_prefetched_objects_cache", {}).get("qualifications")
    if qualifications is None:
        qualifications = profile.qualifications.select_related("level")
    for qualification in qualifications:
        if qualification.specialization_id == need.specialization_id:
            return qualification.level
    return profile.level


@register.inclusion_tag("matching/_invitations_summary.html")
def invitations_summary(user, limit: int = 3):
    waiting = invitations_for_specialist(user=user).filter(state=Invitation.State.SENT)
    return {"invitations": list(waiting[:limit]), "waiting": waiting.count()}
