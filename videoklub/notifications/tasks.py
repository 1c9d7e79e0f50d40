"""The e-mails: one per notification for people who want them at once, a daily digest for the
others. Each claims its rows (emailed_at) before sending, so a task delivered twice, or a digest
run twice, sends once."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from videoklub.notifications.models import Notification, NotificationSettings
from videoklub.notifications.services import settings_for
from videoklub.notifications.texts import notification_text

Email = NotificationSettings.Email


def _message(preferences: NotificationSettings, template: str, context: dict) -> EmailMessage:
    unsubscribe = settings.SITE_URL + reverse(
        "notifications:unsubscribe", kwargs={"token": preferences.unsubscribe_token}
    )
    context = {
        **context,
        "unsubscribe_url": unsubscribe,
        "settings_url": settings.SITE_URL + reverse("notifications:settings"),
    }
    with translation.override(preferences.language):
        subject = render_to_string(f"notifications/email/{template}_subject.txt", context)
        body = render_to_string(f"notifications/email/{template}_body.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[preferences.user.email],
        # One click in the mail program ends the e-mails (RFC 8058).
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _item(notification: Notification, language: str) -> dict:
    with translation.override(language):
        return {
            "text": notification_text(notification),
            "url": settings.SITE_URL + reverse("notifications:open", args=[notification.pk]),
        }


@task()
def send_notification_email(notification_id: int) -> None:
    """E-mail one notification to someone who wants them at once."""
    notification = (
        Notification.objects.select_related("recipient", "actor")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None:
        return
    preferences = settings_for(notification.recipient)
    if preferences.email == Email.DAILY:
        return  # the digest takes it along
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed or preferences.email == Email.NEVER or not notification.recipient.is_active:
        return
    message = _message(
        preferences, "notification", {"item": _item(notification, preferences.language)}
    )
    if notification.calendar:
        message.attach("bijeenkomst.ics", notification.calendar, "text/calendar")
    message.send()


def digests_send(*, now=None) -> int:
    """One e-mail per person on the daily digest with unread notifications not yet e-mailed,
    at most once a day and not before DIGEST_HOUR. Returns the number of e-mails sent."""
    now = now or timezone.now()
    if timezone.localtime(now).hour < settings.NOTIFICATION_DIGEST_HOUR:
        return 0
    waiting = (
        Notification.objects.filter(emailed_at__isnull=True, recipient__is_active=True)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for user_id in list(waiting):
        with transaction.atomic():
            preferences = (
                NotificationSettings.objects.select_for_update()
                .select_related("user")
                .filter(user_id=user_id)
                .first()
            )
            if preferences is None:
                from videoklub.accounts.models import User

                preferences = settings_for(User.objects.get(pk=user_id))
            if preferences.email != Email.DAILY:
                continue
            if preferences.last_digest_at and preferences.last_digest_at > now - timedelta(
                hours=20
            ):
                continue
            rows = list(
                Notification.objects.select_related("actor")
                .filter(recipient_id=user_id, emailed_at__isnull=True)
                .order_by("created_at")
            )
            Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=now)
            preferences.last_digest_at = now
            preferences.save(update_fields=["last_digest_at"])
            # Read in the app already: no need to e-mail those.
            unread = [n for n in rows if n.read_at is None]
        if unread:
            items = [_item(n, preferences.language) for n in unread]
            message = _message(preferences, "digest", {"items": items, "count": len(items)})
            for n in unread:
                if n.calendar:
                    message.attach(f"bijeenkomst-{n.pk}.ics", n.calendar, "text/calendar")
            message.send()
            sent += 1
    return sent
