"""Praktijkvoorbeelden: a teacher's fragment released to the kennisbank for teacher training.

A teacher offers one of their fragments with their explicit permission; a reviewer (who may
edit the kennisbank) publishes or declines it; the teacher can withdraw it at any time. Only
with the pupils' consent for reuse in training, or through the fragment's approved anonymised
copy. Whether a published example is shown is decided again at every read (`selectors.py`),
so a withdrawn consent or a discarded copy takes it off the kennisbank at once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from videoklub.knowledge.models import SchoolLevel
from videoklub.knowledge.presentation import shipped_indicators


class PracticeExample(index.Indexed, models.Model):
    class Status(models.TextChoices):
        OFFERED = "offered", _("waiting for review")
        PUBLISHED = "published", _("published")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    # The statuses that hold a fragment: it can be offered again once declined or withdrawn.
    ACTIVE = (Status.OFFERED, Status.PUBLISHED)

    fragment = models.ForeignKey(
        "recordings.Fragment",
        verbose_name=_("fragment"),
        on_delete=models.CASCADE,
        related_name="practice_examples",
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("offered by"),
        on_delete=models.CASCADE,
        related_name="practice_examples",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("what to look at"),
        help_text=_("The context of the lesson and what a viewer can learn from this fragment."),
    )
    core_practice = models.ForeignKey(
        "cycles.CorePractice",
        verbose_name=_("core practice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    school_level = models.CharField(
        _("school level"), max_length=10, choices=SchoolLevel.choices, blank=True
    )
    subject = models.CharField(_("subject"), max_length=100, blank=True)
    # Keys of shipped kijkwijzer indicators (as DossierPage.indicator_keys).
    indicator_keys = models.JSONField(_("kijkwijzer indicators"), default=list, blank=True)
    # Show the approved copy with blurred faces instead of the fragment itself.
    use_anonymised = models.BooleanField(_("show the anonymised version"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OFFERED
    )
    # When the teacher ticked the permission box: the proof of their explicit permission.
    permission_given_at = models.DateTimeField(_("permission given on"))
    offered_at = models.DateTimeField(_("offered on"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)
    review_note = models.TextField(_("note from the reviewer"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)

    # Found by the kennisbank's one search (knowledge/finding.py) with the dossiers and courses.
    # Indexing every status is harmless: who sees an example is decided at every read.
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.SearchField("subject"),
    ]

    class Meta:
        verbose_name = _("practice example")
        verbose_name_plural = _("practice examples")
        ordering = ["-offered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["fragment"],
                condition=Q(status__in=["offered", "published"]),
                name="practice_example_one_active_per_fragment",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        known = shipped_indicators()
        if not isinstance(self.indicator_keys, list) or any(
            key not in known for key in self.indicator_keys
        ):
            raise ValidationError(
                {"indicator_keys": _("Choose indicators of the shipped kijkwijzers only.")}
            )
