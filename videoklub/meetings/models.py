"""Klub sessions (bijeenkomsten): schedule, agenda of shared fragments, work form, attendance.

The coach runs a session in "session mode": the agenda's fragments full screen with the klub's
annotations, a timer, and notes and agreed actions per teacher captured live (the actions are
cycles.Action rows pointing at the meeting).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkForm(models.Model):
    """A discussion format from the library (think-pair-share, placemat, ...)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    summary = models.TextField(_("short description"))
    how_to = models.TextField(_("how to run it"))
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=20)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("work form")
        verbose_name_plural = _("work forms")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return str(_(self.name))


class Meeting(models.Model):
    """A klub session. Other kinds (coach community, intervision, festival) come later."""

    class Kind(models.TextChoices):
        KLUB_SESSION = "klub_session", _("klub session")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("in progress")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    klub = models.ForeignKey(
        "organisations.Klub",
        verbose_name=_("klub"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.KLUB_SESSION)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    work_form = models.ForeignKey(
        WorkForm,
        verbose_name=_("work form"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Kept stable across edits, so a calendar that imported the .ics updates the event.
    ical_uid = models.CharField(max_length=100, unique=True)

    class Meta:
        verbose_name = _("klub session")
        verbose_name_plural = _("klub sessions")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    """A fragment discussed in a session; it must be shared with the klub."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    fragment = models.ForeignKey(
        "recordings.Fragment", on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(default=0)
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=15)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "fragment"], name="agenda_item_unique_fragment"
            ),
        ]

    def __str__(self) -> str:
        return str(self.fragment)


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance records")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="attendance_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.meeting}"


class TeacherNote(models.Model):
    """What the coach noted for one teacher during a session."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="teacher_notes")
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "created_at"]

    def __str__(self) -> str:
        return self.body[:60]


def _feed_token() -> str:
    import secrets

    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's calendar subscription: a secret URL their calendar app reads every few hours.

    The secret is the only key (calendar apps cannot log in), so it can be reset: the old URL
    then stops working at once. The feed carries dates, titles and places, never an agenda's
    fragment titles or anything written about someone.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=40, unique=True, default=_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"
