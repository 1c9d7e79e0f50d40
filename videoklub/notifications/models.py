"""What concerns a person: an inbox of notifications and how they want to hear of them.

A notification holds no private writing: its kind, who did it, the klub and a link. Its text is
made when it is shown, in the reader's language; whoever opens the link meets the usual access
checks there. So an e-mail, which leaves the platform, never carries an item's content.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SHARED = "shared", _("Shared with you")
    ANNOTATION = "annotation", _("Annotation on your recording")
    REPLY = "reply", _("Reply to your annotation")
    QUESTION_COMMENT = "question_comment", _("Comment on a learning question")
    SESSION_PLANNED = "session_planned", _("Klub session planned")
    SESSION_CHANGED = "session_changed", _("Klub session changed")
    ACTION_AGREED = "action_agreed", _("Action agreed")
    ACTION_DUE = "action_due", _("Action due soon")
    RECORDING_READY = "recording_ready", _("Recording ready")
    RECORDING_FAILED = "recording_failed", _("Recording failed")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
    RETENTION_WARNING = "retention_warning", _("Recording will be deleted")
    PRACTICE_PUBLISHED = "practice_published", _("Practice example published")
    PRACTICE_DECLINED = "practice_declined", _("Practice example declined")
    SURVEY_INVITED = "survey_invited", _("Survey to fill in")
    SURVEY_REMINDER = "survey_reminder", _("Survey reminder")
    BOOK_CLUB_JOINED = "book_club_joined", _("Added to a book club")
    BOOK_CLUB_MEETING = "book_club_meeting", _("Book club meeting planned")
    COMMUNITY_EVENT = "community_event", _("Learning-community event planned")
    COMMUNITY_CANCELLED = "community_cancelled", _("Learning-community event cancelled")
    COMMUNITY_REMINDER = "community_reminder", _("Learning-community event tomorrow")
    INTERVISION_CASE = "intervision_case", _("Case for your intervision group")
    FESTIVAL_CALL = "festival_call", _("Filmfestival call published")
    FESTIVAL_SELECTED = "festival_selected", _("Festival submission selected")
    FESTIVAL_DECLINED = "festival_declined", _("Festival submission not selected")
    FESTIVAL_PRACTICE = "festival_practice", _("Festival fragment asked for the knowledge base")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # Who did it; kept without the name when that person leaves.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Names that are no secret to the recipient (a klub, a date): never an item's title or text.
    context = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300)
    # The session's calendar entry, attached to the e-mail of a planned or changed session.
    calendar = models.TextField(blank=True)
    # Makes a reminder once only (an action due: "action-due:<pk>:<due date>").
    key = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when an e-mail took it along (at once or in a digest), or when none is to be sent.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~Q(key=""), name="notification_once"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_id}"


def _token() -> str:
    return secrets.token_urlsafe(24)


class NotificationSettings(models.Model):
    class Email(models.TextChoices):
        IMMEDIATELY = "immediately", _("At once, one e-mail per notification")
        DAILY = "daily", _("Once a day, all together")
        NEVER = "never", _("Never: I look in the app")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email = models.CharField(_("e-mail"), max_length=12, choices=Email.choices, default=Email.DAILY)
    language = models.CharField(
        _("language of the e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    # The secret of the unsubscribe link in every e-mail; a new one voids old links.
    unsubscribe_token = models.CharField(max_length=40, unique=True, default=_token)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email}"
