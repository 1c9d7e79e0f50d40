"""The words of a notification, made when it is read (in the reader's language) from its kind,
who did it and the non-secret names in its context."""

from __future__ import annotations

from datetime import date

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from videoklub.notifications.models import Kind, Notification


def _date(value: str | None) -> str:
    if not value:
        return ""
    return formats.date_format(date.fromisoformat(value))  # DATE_FORMAT, as every page


# One sentence per kind, in the reader's language when it is read.
TEXTS: dict[str, Promise] = {
    Kind.SHARED: gettext_lazy("%(actor)s shared a fragment with you in %(klub)s."),
    Kind.ANNOTATION: gettext_lazy("%(actor)s annotated your recording."),
    Kind.REPLY: gettext_lazy("%(actor)s replied to your annotation."),
    Kind.QUESTION_COMMENT: gettext_lazy("%(actor)s commented on your learning question."),
    Kind.SESSION_PLANNED: gettext_lazy("%(actor)s planned a klub session on %(date)s in %(klub)s."),
    Kind.SESSION_CHANGED: gettext_lazy("The klub session of %(date)s in %(klub)s was changed."),
    Kind.ACTION_AGREED: gettext_lazy(
        "An action for you was agreed in the klub session of %(klub)s."
    ),
    Kind.ACTION_DUE: gettext_lazy("One of your actions is due on %(date)s."),
    Kind.RECORDING_READY: gettext_lazy("Your recording is ready to watch."),
    Kind.RECORDING_FAILED: gettext_lazy("Your recording could not be processed."),
    Kind.INVITATION_ACCEPTED: gettext_lazy("%(actor)s accepted your invitation."),
    Kind.RETENTION_WARNING: gettext_lazy("One of your recordings will be deleted on %(date)s."),
    Kind.PRACTICE_PUBLISHED: gettext_lazy(
        "%(actor)s published your fragment as a practice example in the knowledge base."
    ),
    Kind.PRACTICE_DECLINED: gettext_lazy(
        "%(actor)s did not publish your fragment as a practice example: read why."
    ),
    Kind.SURVEY_INVITED: gettext_lazy("A short survey waits for you (open until %(date)s)."),
    Kind.SURVEY_REMINDER: gettext_lazy(
        "Reminder: you have not filled in a survey yet (open until %(date)s)."
    ),
    Kind.BOOK_CLUB_JOINED: gettext_lazy("%(actor)s added you to the book club %(klub)s."),
    Kind.BOOK_CLUB_MEETING: gettext_lazy(
        "%(actor)s planned a meeting of the book club %(klub)s on %(date)s."
    ),
    # For the learning community, "klub" holds the event's title.
    Kind.COMMUNITY_EVENT: gettext_lazy(
        "%(actor)s planned %(klub)s for the coaches' learning community on %(date)s."
    ),
    Kind.COMMUNITY_CANCELLED: gettext_lazy("%(actor)s cancelled %(klub)s of %(date)s."),
    Kind.COMMUNITY_REMINDER: gettext_lazy("Tomorrow: %(klub)s (%(date)s). You registered."),
    Kind.INTERVISION_CASE: gettext_lazy(
        "%(actor)s brought a case to your intervision group %(klub)s."
    ),
    # "klub" holds the festival's title: no secret to anyone in the programme.
    Kind.FESTIVAL_CALL: gettext_lazy(
        "The call for %(klub)s is open: submit a fragment before %(date)s."
    ),
    Kind.FESTIVAL_SELECTED: gettext_lazy("Your fragment was selected for %(klub)s."),
    Kind.FESTIVAL_DECLINED: gettext_lazy("Your fragment was not selected for %(klub)s."),
    Kind.FESTIVAL_PRACTICE: gettext_lazy(
        "%(actor)s asks whether your fragment of %(klub)s may become a practice example."
    ),
}


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
    if kind == Kind.SHARED and context.get("item") == "recording":
        text = _("%(actor)s shared a recording with you in %(klub)s.")
    elif kind == Kind.QUESTION_COMMENT and values["teacher"]:
        text = _("%(actor)s commented on the learning question of %(teacher)s.")
    elif kind in TEXTS:
        text = str(TEXTS[kind])
    else:  # a kind from a later version, read by an older one
        text = str(notification.get_kind_display())
    return text % values
