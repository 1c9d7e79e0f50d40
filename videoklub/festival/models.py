"""The Filmfestival: per programme and year a call, teachers' submissions, the curated blocks.

A submission stands on a share of the fragment with the Filmfestival audience (sharing app):
the share is where the pupils' consent (or the approved anonymised copy) is checked, and
revoking it (the teacher withdraws, a parent withdraws consent, the blurred copy is discarded)
takes the fragment off the festival page and out of the screening package with the next request.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Festival(models.Model):
    class Visibility(models.TextChoices):
        PROGRAMME = "programme", _("members of the programme only")
        PUBLIC = "public", _("public: anyone with the link")

    programme = models.ForeignKey(
        "organisations.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="festivals",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("festival date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    call_text = models.TextField(
        _("call"), help_text=_("What teachers may submit, and why it is worth it.")
    )
    submission_deadline = models.DateField(_("submission deadline"))
    visibility = models.CharField(
        _("festival page"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PROGRAMME,
    )
    call_published_at = models.DateTimeField(_("call published on"), null=True, blank=True)
    # From this moment submissions can no longer be withdrawn and the programme is final.
    selection_closed_at = models.DateTimeField(_("selection closed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Filmfestival")
        verbose_name_plural = _("Filmfestivals")
        ordering = ["-year", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="festival_one_per_year")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    def call_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.call_published_at is not None
            and self.selection_closed_at is None
            and today <= self.submission_deadline
        )

    @property
    def selection_closed(self) -> bool:
        return self.selection_closed_at is not None and self.selection_closed_at <= timezone.now()


class Block(models.Model):
    """A part of the screening: fragments shown together, introduced once."""

    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="blocks")
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        SELECTED = "selected", _("selected")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    ACTIVE = (Status.SUBMITTED, Status.SELECTED)

    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="submissions")
    fragment = models.ForeignKey(
        "recordings.Fragment",
        verbose_name=_("fragment"),
        on_delete=models.CASCADE,
        related_name="festival_submissions",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="festival_submissions",
    )
    # The Filmfestival share the submission stands on; revoked when it is withdrawn.
    share = models.ForeignKey(
        "sharing.Share", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    anonymised = models.BooleanField(_("show the anonymised version"), default=False)
    title = models.CharField(_("title"), max_length=200)
    what_it_shows = models.TextField(_("what it shows"))
    why = models.TextField(_("why this fragment"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted on"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    # Curation: where and how the fragment is shown.
    block = models.ForeignKey(
        Block,
        verbose_name=_("block"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    order = models.PositiveSmallIntegerField(_("order in the block"), default=0)
    introduction = models.TextField(_("introduction"), blank=True)
    # After the festival: staff ask the teacher to offer it to the kennisbank.
    practice_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    practice_proposed_at = models.DateTimeField(null=True, blank=True)
    practice_example = models.ForeignKey(
        "practice.PracticeExample",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("festival submission")
        verbose_name_plural = _("festival submissions")
        ordering = ["block__order", "order", "submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["festival", "fragment"],
                condition=Q(status__in=["submitted", "selected"]),
                name="festival_submission_one_active",
            )
        ]

    def __str__(self) -> str:
        return self.title
