"""Lesson recordings, their resumable uploads and the fragments chosen from them.

Storage layout (one prefix per object, so deleting an object deletes every derived file):
    uploads/<upload id>/part-<offset>           chunks of a tus upload, until it is assembled
    recordings/<recording uuid>/original.<ext>  the file as uploaded, kept for retries
    recordings/<recording uuid>/rendition.mp4   H.264/AAC MP4 with faststart, for the browser
    recordings/<recording uuid>/poster.jpg      poster image
    recordings/<recording uuid>/thumbnails.jpg  sprite of thumbnails for scrubbing the timeline
    recordings/<recording uuid>/fragments/<id>.mp4  fragment exports
"""

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def recording_prefix(recording_uuid: uuid.UUID | str) -> str:
    return f"recordings/{recording_uuid}/"


def upload_prefix(upload_id: uuid.UUID | str) -> str:
    return f"uploads/{upload_id}/"


class Upload(models.Model):
    """A resumable upload through the tus 1.0 protocol."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="uploads"
    )
    klub = models.ForeignKey(
        "organisations.Klub", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # None until the client tells (creation-defer-length: a recording still being filmed).
    length = models.BigIntegerField(null=True, blank=True)
    offset = models.BigIntegerField(default=0)
    filename = models.CharField(max_length=255, blank=True)
    filetype = models.CharField(max_length=100, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    # Stored chunks in byte order. Only a PATCH that still holds the lock may add one, so a
    # request that outlived its lock (a phone that vanished mid-request) adds nothing.
    parts = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    # Set while a PATCH writes; a second PATCH meanwhile is refused instead of interleaving.
    locked_until = models.DateTimeField(null=True, blank=True)
    lock_token = models.UUIDField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    recording = models.OneToOneField(
        "Recording", on_delete=models.SET_NULL, null=True, blank=True, related_name="upload"
    )

    class Meta:
        verbose_name = _("upload")
        verbose_name_plural = _("uploads")
        constraints = [
            models.CheckConstraint(
                condition=Q(offset__gte=0) & (Q(length__isnull=True) | Q(offset__lte=F("length"))),
                name="upload_offset_within_length",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename or self.id} ({self.offset}/{self.length})"

    @property
    def is_complete(self) -> bool:
        return self.length is not None and self.offset == self.length

    @property
    def prefix(self) -> str:
        return upload_prefix(self.id)


class Recording(models.Model):
    """A lesson video. Private to its owner until the owner shares it."""

    class Status(models.TextChoices):
        UPLOADING = "uploading", _("uploading")
        QUEUED = "queued", _("waiting for processing")
        PROCESSING = "processing", _("processing")
        READY = "ready", _("ready")
        FAILED = "failed", _("could not be processed")

    class RenditionMethod(models.TextChoices):
        REMUX = "remux", _("repackaged without re-encoding")
        TRANSCODE = "transcode", _("re-encoded")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="recordings",
    )
    klub = models.ForeignKey(
        "organisations.Klub",
        verbose_name=_("klub"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recordings",
    )
    # The development cycle it was filmed for (optional: a recording can stand on its own).
    cycle = models.ForeignKey(
        "cycles.Cycle",
        verbose_name=_("development cycle"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recordings",
    )
    # Which class is on it: the consent register of that class decides how far it may be shared.
    class_group = models.ForeignKey(
        "consent.ClassGroup",
        verbose_name=_("class group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recordings",
    )
    title = models.CharField(_("title"), max_length=200)
    original_filename = models.CharField(_("file name"), max_length=255, blank=True)
    original = models.FileField(max_length=300, blank=True)
    original_size = models.BigIntegerField(default=0)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.UPLOADING)
    progress = models.PositiveSmallIntegerField(default=0)
    error_code = models.CharField(max_length=40, blank=True)
    error_message = models.TextField(blank=True)

    # What probing found.
    container = models.CharField(max_length=100, blank=True)
    duration = models.FloatField(null=True, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    frame_rate = models.FloatField(null=True, blank=True)
    variable_frame_rate = models.BooleanField(default=False)
    video_codec = models.CharField(max_length=40, blank=True)
    audio_codec = models.CharField(max_length=40, blank=True)
    rotation = models.SmallIntegerField(default=0)

    rendition = models.FileField(max_length=300, blank=True)
    rendition_method = models.CharField(max_length=10, choices=RenditionMethod.choices, blank=True)
    rendition_size = models.BigIntegerField(default=0)
    poster = models.FileField(max_length=300, blank=True)
    thumbnails = models.FileField(max_length=300, blank=True)
    thumbnail_count = models.PositiveSmallIntegerField(default=0)
    thumbnail_interval = models.FloatField(default=0)

    created_at = models.DateTimeField(_("added on"), default=timezone.now)
    processing_attempts = models.PositiveSmallIntegerField(default=0)
    processing_heartbeat_at = models.DateTimeField(null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    # Set when the owner was warned that the retention period is about to delete it.
    retention_warned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lesson recording")
        verbose_name_plural = _("lesson recordings")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def prefix(self) -> str:
        return recording_prefix(self.uuid)

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY


class RetentionRun(models.Model):
    """What one run of the retention task deleted: the report project staff read."""

    ran_at = models.DateTimeField(default=timezone.now)
    programme = models.ForeignKey(
        "organisations.Programme",
        on_delete=models.CASCADE,
        related_name="retention_runs",
    )
    deleted = models.PositiveIntegerField(default=0)
    warned = models.PositiveIntegerField(default=0)
    # Per deleted recording: uuid, title, recorded on, size; no owner names.
    details = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"{self.programme} {self.ran_at:%Y-%m-%d}: {self.deleted}"


def cycles() -> Any:
    """The manager of development cycles, as the recording's `cycle` foreign key names them.

    Recordings sit on a floor below cycles and do not import them; the foreign key (a string)
    is where the two meet, so a recording filed under a cycle is checked through it."""
    return Recording._meta.get_field("cycle").related_model._default_manager  # type: ignore[union-attr]


class Fragment(models.Model):
    """A time range of a recording chosen for analysis (klasfragment)."""

    class Reason(models.TextChoices):
        STRENGTH = "strength", _("it went well")
        QUESTION = "question", _("I have a question about it")
        LEARNING_QUESTION = "learning_question", _("it shows my learning question")
        SURPRISE = "surprise", _("it surprised me")
        OTHER = "other", _("other")

    class ExportStatus(models.TextChoices):
        NONE = "", _("not exported")
        QUEUED = "queued", _("waiting")
        PROCESSING = "processing", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    recording = models.ForeignKey(
        Recording, verbose_name=_("recording"), on_delete=models.CASCADE, related_name="fragments"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    reason = models.CharField(_("why this fragment"), max_length=20, choices=Reason.choices)
    start = models.FloatField(_("start (seconds)"))
    end = models.FloatField(_("end (seconds)"))
    created_at = models.DateTimeField(default=timezone.now)
    export = models.FileField(max_length=300, blank=True)
    export_status = models.CharField(
        max_length=12, choices=ExportStatus.choices, blank=True, default=ExportStatus.NONE
    )
    export_method = models.CharField(max_length=10, blank=True)
    export_error = models.TextField(blank=True)
    # Bytes of the stored export and blurred copy: they count for the storage quotas.
    export_size = models.BigIntegerField(default=0)
    anonymised_size = models.BigIntegerField(default=0)

    class Anonymisation(models.TextChoices):
        NONE = "", _("not anonymised")
        QUEUED = "queued", _("waiting")
        PROCESSING = "processing", _("faces are being blurred")
        REVIEW = "review", _("ready for your review")
        APPROVED = "approved", _("approved")
        FAILED = "failed", _("failed")

    # A copy of the fragment with the faces blurred, for sharing beyond what consent covers;
    # usable only once the teacher has reviewed and approved it.
    anonymised = models.FileField(max_length=300, blank=True)
    anonymisation_status = models.CharField(
        max_length=12, choices=Anonymisation.choices, blank=True, default=Anonymisation.NONE
    )
    anonymisation_progress = models.PositiveSmallIntegerField(default=0)
    faces_found = models.PositiveIntegerField(default=0)
    anonymisation_error = models.TextField(blank=True)
    anonymisation_approved_at = models.DateTimeField(null=True, blank=True)
    # Written when a worker takes up the export or the anonymisation (and as the blurring
    # progresses): without it for too long, the worker was killed and the job is queued again.
    work_heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("fragment")
        verbose_name_plural = _("fragments")
        ordering = ["recording", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(end__gt=F("start")), name="fragment_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def duration(self) -> float:
        return self.end - self.start

    def clean(self) -> None:
        if self.start is None or self.end is None:
            return
        if self.start < 0:
            raise ValidationError({"start": _("The start cannot be before the beginning.")})
        if self.end <= self.start:
            raise ValidationError({"end": _("The end must come after the start.")})
        duration = self.recording.duration if self.recording_id else None
        if duration is not None and self.end > duration + 0.05:
            raise ValidationError(
                {
                    "end": _("The end lies after the end of the recording (%(duration)s s).")
                    % {"duration": round(duration, 1)}
                }
            )
