"""Telling people what concerns them: `notify` makes the inbox rows and queues the e-mails.

Feature apps call `notify` from their own services, after the work (apps below this one send a
signal that `events` turns into a call). The e-mail goes through the task queue after the
transaction commits, so a rolled-back change tells no one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from videoklub.accounts.models import User
from videoklub.notifications.models import Notification, NotificationSettings

if TYPE_CHECKING:
    from datetime import datetime


def notify(
    *,
    recipients: Iterable[User | int],
    kind: str,
    url: str,
    actor: User | None = None,
    context: dict[str, Any] | None = None,
    calendar: str = "",
    key: str = "",
    email: bool = True,
) -> list[Notification]:
    """One notification per recipient (never to the actor themself, never to an inactive
    account). With `key`, a recipient gets it once, however often this runs. `email=False`
    keeps it in the app only (the caller e-mails it in its own way)."""
    ids = {r.pk if isinstance(r, User) else r for r in recipients}
    if actor is not None:
        ids.discard(actor.pk)
    active = User.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True)
    made = []
    for recipient_id in sorted(active):
        row = Notification(
            recipient_id=recipient_id,
            kind=kind,
            actor=actor,
            url=url,
            context=context or {},
            calendar=calendar,
            key=key,
            emailed_at=None if email else timezone.now(),
        )
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            continue  # this reminder was given before (same key)
        made.append(row)
    if email and made:
        from videoklub.notifications.tasks import send_notification_email

        pks = [n.pk for n in made]
        transaction.on_commit(
            lambda: [send_notification_email.enqueue(pk) for pk in pks]  # type: ignore[func-returns-value]
        )
    return made


def settings_for(user: User) -> NotificationSettings:
    found, _created = NotificationSettings.objects.get_or_create(user=user)
    return found


def notification_settings_update(*, user: User, email: str, language: str) -> NotificationSettings:
    found = settings_for(user)
    found.email, found.language = email, language
    found.save(update_fields=["email", "language"])
    if email == NotificationSettings.Email.NEVER:
        # What waited for a digest is not sent later when they choose e-mail again.
        Notification.objects.filter(recipient=user, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
    return found


def notifications_unsubscribe(*, token: str) -> NotificationSettings | None:
    """The one-click unsubscribe of an e-mail: no more notification e-mails (the inbox stays)."""
    found = NotificationSettings.objects.filter(unsubscribe_token=token).select_related("user")
    settings_ = found.first()
    if settings_ is None:
        return None
    notification_settings_update(
        user=settings_.user, email=NotificationSettings.Email.NEVER, language=settings_.language
    )
    return settings_


def notification_mark_read(*, notification: Notification, at: datetime | None = None) -> None:
    if notification.read_at is None:
        notification.read_at = at or timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
