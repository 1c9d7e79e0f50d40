"""A person's notifications and e-mail choices go with them; as the one who acted, they stay in
others' inboxes without the name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from videoklub.core.personal_data import Contributor, ExportPart, register
from videoklub.notifications.models import Notification, NotificationSettings
from videoklub.notifications.texts import notification_text

if TYPE_CHECKING:
    import zipfile

    from videoklub.accounts.models import User


def _notifications(user: User, zf: zipfile.ZipFile) -> dict:
    found = NotificationSettings.objects.filter(user=user).first()
    return {
        "e_mail": found.get_email_display() if found else None,
        "taal": found.language if found else None,
        "meldingen": [
            {
                "wanneer": n.created_at,
                "wat": notification_text(n),
                "gelezen_op": n.read_at,
                "gemaild_op": n.emailed_at,
            }
            for n in Notification.objects.filter(recipient=user).select_related("actor")
        ],
    }


register(
    Contributor(
        app="notifications",
        deleted=("notifications.Notification.recipient", "notifications.NotificationSettings.user"),
        anonymised=("notifications.Notification.actor",),
        exports=(ExportPart("meldingen.json", _notifications, order=90),),
    )
)
