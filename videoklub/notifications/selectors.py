"""Reading notifications: only one's own."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from videoklub.accounts.models import User
from videoklub.notifications.models import Notification
from videoklub.policy import authorize


def notifications_of(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("actor")


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_get_for_user(user: User, pk: int) -> Notification:
    notification = get_object_or_404(Notification.objects.select_related("actor"), pk=pk)
    # Someone else's notification is not found, rather than forbidden.
    authorize(user, "view_notification", notification, hide_as="view_notification")
    return notification
