"""A programme's targets and milestones, as the funder agreed them.

What was achieved is never stored here: every figure is computed from what happened in the app
(`indicators.py`), so a report can be made again for any date and always agrees with the data.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from videoklub.monitoring.catalogue import INDICATOR_CHOICES


class Target(models.Model):
    """A target range for one indicator: "40 to 90 coaches trained", for the whole programme or
    for one wave of schools."""

    programme = models.ForeignKey(
        "organisations.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    indicator = models.CharField(_("indicator"), max_length=40, choices=INDICATOR_CHOICES)
    wave = models.ForeignKey(
        "organisations.Wave",
        verbose_name=_("wave"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the target of the whole programme."),
    )
    minimum = models.DecimalField(_("at least"), max_digits=8, decimal_places=1)
    maximum = models.DecimalField(
        _("at most"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("The upper end of a range (“40 to 90”); empty for a single number."),
    )

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "wave__number"]
        constraints = [
            # Two constraints rather than `nulls_distinct=False`, which SQLite cannot enforce.
            models.UniqueConstraint(
                fields=["programme", "indicator", "wave"], name="target_unique_per_wave"
            ),
            models.UniqueConstraint(
                fields=["programme", "indicator"],
                condition=Q(wave__isnull=True),
                name="target_unique_for_programme",
            ),
            models.CheckConstraint(condition=Q(minimum__gte=0), name="target_minimum_positive"),
            models.CheckConstraint(
                condition=Q(maximum__isnull=True) | Q(maximum__gte=F("minimum")),
                name="target_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()}: {self.minimum}"

    def clean(self) -> None:
        if self.maximum is not None and self.minimum is not None and self.maximum < self.minimum:
            raise ValidationError({"maximum": _("The upper end is below the lower end.")})
        if self.wave is not None and self.wave.programme_id != self.programme_id:
            raise ValidationError({"wave": _("This wave belongs to another programme.")})


class Milestone(models.Model):
    """A date the programme reports on ("December: evaluation of the start"), with what is due."""

    programme = models.ForeignKey(
        "organisations.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    due_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    deliverables = models.TextField(
        _("what is due"),
        blank=True,
        help_text=_("For example: interim evaluation with recommendations; 30 practice examples."),
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.due_on}: {self.title}"
