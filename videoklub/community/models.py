"""The coaches' learning community (leergemeenschap) of a programme: the events of the coaches'
year (start days "Première", learning-community sessions, intervision rounds, study days), who
registers and who came, and each coach's own learning log (leerlogboek).

Choices, and why:
- An event belongs to one programme; its project staff plan it, its coaches (a coach membership
  in one of its klubs) register. Nobody else sees it: another programme's coach gets a 404.
- Date and times are separate fields: staff think in "Tuesday 14 October, 13:30–16:30", and the
  year plan groups by month; `starts_at`/`ends_at` give the aware datetimes for calendars.
- Cancelling keeps the row (`cancelled_at`): registered coaches are told, the year plan shows it
  struck through, and an intervision round linked to it keeps its link.
- Attendance is its own row per coach and event (present, absent, excused), recorded once for
  the whole list; `attendance_taken_at` on the event marks it held for monitoring.
- Materials are files, web links, or links to knowledge-base items (a Wagtail page: dossier,
  clip or course; or a practice example), one row each, in the staff's order.
- A learning-log entry is private to its coach: staff see how many, never what.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _new_ical_uid() -> str:
    return f"community-{uuid.uuid4()}@videoklub"


class Event(models.Model):
    class Kind(models.TextChoices):
        START_DAY = "start_day", _("start day (Première)")
        LC_SESSION = "session", _("learning-community session")
        INTERVISION = "intervision", _("intervision round")
        STUDY_DAY = "study_day", _("study day")

    programme = models.ForeignKey(
        "organisations.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="community_events",
    )
    wave = models.ForeignKey(
        "organisations.Wave",
        verbose_name=_("wave"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="community_events",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), max_length=500, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty when there is no limit."),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attendance_taken_at = models.DateTimeField(_("attendance taken at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # Kept stable across edits, so a calendar that imported the .ics updates the event.
    ical_uid = models.CharField(max_length=100, unique=True, default=_new_ical_uid)

    class Meta:
        verbose_name = _("community event")
        verbose_name_plural = _("community events")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="community_event_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["programme", "date"], name="community_event_prog_date")]

    def __str__(self) -> str:
        return f"{self.title} · {self.date:%Y-%m-%d}"

    @property
    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.end_time))

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_held(self) -> bool:
        """Held, for monitoring: the date has passed and staff took the attendance."""
        return self.attendance_taken_at is not None and self.date <= timezone.localdate()


def _material_file_name(material: EventMaterial, filename: str) -> str:
    return f"community/{material.event_id}/{uuid.uuid4().hex}/{filename}"


class EventMaterial(models.Model):
    class Kind(models.TextChoices):
        FILE = "file", _("file")
        LINK = "link", _("link")
        KNOWLEDGE = "knowledge", _("knowledge base")
        PRACTICE = "practice", _("practice example")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    file = models.FileField(_("file"), max_length=300, blank=True, upload_to=_material_file_name)
    url = models.URLField(_("link"), max_length=500, blank=True)
    # A dossier, clip or course of the knowledge base (Wagtail pages).
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("knowledge-base item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    practice_example = models.ForeignKey(
        "practice.PracticeExample",
        verbose_name=_("practice example"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["event", "added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="file", page__isnull=True, practice_example__isnull=True) & ~Q(file="")
                )
                | Q(kind="link", page__isnull=True, practice_example__isnull=True) & ~Q(url="")
                | Q(kind="knowledge", page__isnull=False, practice_example__isnull=True)
                | Q(kind="practice", page__isnull=True, practice_example__isnull=False),
                name="community_material_fits_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_registrations",
    )
    registered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="community_registration_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.event}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("present")
        ABSENT = "absent", _("absent")
        EXCUSED = "excused", _("excused")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_attendances"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["event", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="community_attendance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.event}: {self.get_status_display()}"


class LearningLogEntry(models.Model):
    """An entry in a coach's leerlogboek: what they take away, private to them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_log_entries"
    )
    programme = models.ForeignKey(
        "organisations.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="learning_log_entries",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="log_entries",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("what I take away"))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("learning log entry")
        verbose_name_plural = _("learning log entries")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]
