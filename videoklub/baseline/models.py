"""A school's track through a programme: the baseline analysis (beginsituatieanalyse) and the
implementation phase on the EEF model, one `SchoolTrack` per (programme, school).

The track belongs to the pair, not to a klub: a school may run several klubs in one programme,
but it has one intake, one analysis, one focus and one action plan for all of them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImplementationPhase(models.TextChoices):
    """The four phases of the EEF guide "Putting Evidence to Work" (2019/2024), in order."""

    EXPLORE = "explore", _("Explore")
    PREPARE = "prepare", _("Prepare")
    DELIVER = "deliver", _("Deliver")
    SUSTAIN = "sustain", _("Sustain")


PHASE_ORDER = [phase.value for phase in ImplementationPhase]


class SchoolTrack(models.Model):
    class ReportStatus(models.TextChoices):
        DRAFT = "draft", _("draft")
        FINAL = "final", _("final")

    programme = models.ForeignKey(
        "organisations.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="school_tracks",
    )
    school = models.ForeignKey(
        "organisations.School",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        related_name="school_tracks",
    )
    # Intake conversation.
    intake_on = models.DateField(_("date of the intake"), null=True, blank=True)
    intake_participants = models.TextField(_("who took part"), blank=True)
    intake_notes = models.TextField(_("notes of the intake"), blank=True)
    # Questionnaire (the priorities per core practice are `PracticePriority` rows).
    pupil_population = models.TextField(_("pupil population"), blank=True)
    team_size = models.PositiveSmallIntegerField(
        _("number of teachers"), null=True, blank=True, validators=[MaxValueValidator(2000)]
    )
    school_context = models.TextField(_("other context"), blank=True)
    earlier_development = models.TextField(_("earlier professional development"), blank=True)
    result_trends = models.TextField(_("trends in results"), blank=True)
    classroom_observations = models.TextField(_("classroom observations"), blank=True)
    # Analysis report.
    report = models.TextField(_("analysis report"), blank=True)
    report_status = models.CharField(
        _("status of the report"),
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
    )
    report_finalised_at = models.DateTimeField(null=True, blank=True)
    # Feedback conversation.
    feedback_on = models.DateField(_("date of the feedback conversation"), null=True, blank=True)
    feedback_participants = models.TextField(_("who took part"), blank=True)
    feedback_notes = models.TextField(_("notes of the feedback conversation"), blank=True)
    # The one chosen focus: a field on the track, so there can never be two.
    focus_practice = models.ForeignKey(
        "cycles.CorePractice",
        verbose_name=_("core practice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    focus_statement = models.CharField(_("focus"), max_length=300, blank=True)
    # Implementation.
    phase = models.CharField(
        _("implementation phase"),
        max_length=10,
        choices=ImplementationPhase.choices,
        default=ImplementationPhase.EXPLORE,
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("school track")
        verbose_name_plural = _("school tracks")
        constraints = [
            models.UniqueConstraint(fields=["programme", "school"], name="school_track_unique"),
            models.CheckConstraint(
                condition=Q(focus_practice__isnull=True) | ~Q(focus_statement=""),
                name="school_track_focus_has_statement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} – {self.programme}"

    @property
    def report_is_final(self) -> bool:
        return self.report_status == self.ReportStatus.FINAL

    @property
    def baseline_done(self) -> bool:
        """Done when the final report was discussed with the school and a focus chosen."""
        return self.report_is_final and self.focus_practice_id is not None


class PracticePriority(models.Model):
    """How urgent the school finds one core practice (1 = low, 4 = high), with a comment."""

    track = models.ForeignKey(SchoolTrack, on_delete=models.CASCADE, related_name="priorities")
    core_practice = models.ForeignKey(
        "cycles.CorePractice", on_delete=models.CASCADE, related_name="+"
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        ordering = ["core_practice__order", "core_practice__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["track", "core_practice"], name="practice_priority_unique"
            ),
            models.CheckConstraint(
                condition=Q(priority__gte=1, priority__lte=4), name="practice_priority_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.core_practice}: {self.priority}"


class ActionPlanItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    track = models.ForeignKey(SchoolTrack, on_delete=models.CASCADE, related_name="action_items")
    goal = models.CharField(_("goal"), max_length=300)
    action = models.TextField(_("action"))
    # A person on the platform, or a name or group ("the core team") typed as text.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    owner_text = models.CharField(_("who (name or group)"), max_length=200, blank=True)
    due_on = models.DateField(_("when"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("action plan item")
        verbose_name_plural = _("action plan items")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.goal

    @property
    def owner_label(self) -> str:
        if self.owner is not None:
            return self.owner.full_name or self.owner.email
        return self.owner_text


class PhaseChange(models.Model):
    """One move between implementation phases: the track's phase history."""

    track = models.ForeignKey(SchoolTrack, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(max_length=10, choices=ImplementationPhase.choices)
    to_phase = models.CharField(max_length=10, choices=ImplementationPhase.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    # Items of the phase that was left that were not ticked: the move was confirmed anyway.
    unticked_items = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.from_phase} → {self.to_phase}"


class ChecklistTick(models.Model):
    """A ticked item of the EEF checklist (`content/eef_checklist.toml`) for one track."""

    track = models.ForeignKey(SchoolTrack, on_delete=models.CASCADE, related_name="ticks")
    item_key = models.SlugField(max_length=60)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ticked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["track", "item_key"], name="checklist_tick_unique"),
        ]

    def __str__(self) -> str:
        return self.item_key


class EvidenceLink(models.Model):
    """Evidence of the implementation: a web address (a document, a kennisbank dossier) or a
    session of one of the school's klubs in the programme."""

    track = models.ForeignKey(SchoolTrack, on_delete=models.CASCADE, related_name="evidence")
    phase = models.CharField(
        _("phase"), max_length=10, choices=ImplementationPhase.choices, blank=True
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("klub session"),
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
        ordering = ["-added_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(meeting__isnull=False) & Q(url=""))
                | (Q(meeting__isnull=True) & ~Q(url="")),
                name="evidence_link_url_or_meeting",
            ),
        ]

    def __str__(self) -> str:
        return self.title
