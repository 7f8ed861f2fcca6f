from django.utils.functional import SimpleLazyObject

from .services.conversations import unread_count


def unread_messages(request) -> dict:
    """The navigation's unread count: one query, and only on pages that show it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not (user.is_customer or user.is_applicant):
        return {}
    return {"unread_messages": SimpleLazyObject(lambda: unread_count(user=user))}
