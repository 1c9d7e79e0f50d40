from django.http import HttpRequest

from videoklub.notifications.selectors import unread_count


def unread(request: HttpRequest) -> dict:
    """The count of unread notifications in the header (one query per page)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}
