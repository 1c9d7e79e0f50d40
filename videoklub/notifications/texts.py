"""The words of a notification, made when it is read (in the reader's language) from its kind,
who did it and the non-secret names in its context."""

from __future__ import annotations

from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

from videoklub.notifications.models import Kind, Notification


def _date(value: str | None) -> str:
    if not value:
        return ""
    return formats.date_format(date.fromisoformat(value))  # DATE_FORMAT, as every page


def notification_text(notification: Notification) -> str:
    context = notification.context or {}
    actor = notification.actor.full_name if notification.actor else _("Someone")
    values = {
        "actor": actor,
        "klub": context.get("klub", ""),
        "teacher": context.get("teacher", ""),
        "date": _date(context.get("date")),
    }
    kind = notification.kind
    if kind == Kind.SHARED:
        if context.get("item") == "recording":
            text = _("%(actor)s shared a recording with you in %(klub)s.")
        else:
            text = _("%(actor)s shared a fragment with you in %(klub)s.")
    elif kind == Kind.ANNOTATION:
        text = _("%(actor)s annotated your recording.")
    elif kind == Kind.REPLY:
        text = _("%(actor)s replied to your annotation.")
    elif kind == Kind.QUESTION_COMMENT:
        if values["teacher"]:
            text = _("%(actor)s commented on the learning question of %(teacher)s.")
        else:
            text = _("%(actor)s commented on your learning question.")
    elif kind == Kind.SESSION_PLANNED:
        text = _("%(actor)s planned a klub session on %(date)s in %(klub)s.")
    elif kind == Kind.SESSION_CHANGED:
        text = _("The klub session of %(date)s in %(klub)s was changed.")
    elif kind == Kind.ACTION_AGREED:
        text = _("An action for you was agreed in the klub session of %(klub)s.")
    elif kind == Kind.ACTION_DUE:
        text = _("One of your actions is due on %(date)s.")
    elif kind == Kind.RECORDING_READY:
        text = _("Your recording is ready to watch.")
    elif kind == Kind.RECORDING_FAILED:
        text = _("Your recording could not be processed.")
    elif kind == Kind.INVITATION_ACCEPTED:
        text = _("%(actor)s accepted your invitation.")
    elif kind == Kind.RETENTION_WARNING:
        text = _("One of your recordings will be deleted on %(date)s.")
    else:  # a kind from a later version, read by an older one
        text = str(notification.get_kind_display())
    return text % values
