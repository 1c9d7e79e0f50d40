"""Kijkwijzers (observation frameworks), observations made with them, and annotations.

A kijkwijzer is versioned: its domains, indicators and scale hang off a FrameworkVersion, and
editing a kijkwijzer publishes a new version. An observation points at the version it was made
with, so past observations keep the indicators and scale they were scored on.

Annotations are timestamped comments on a recording, in the recording's own time (seconds from
its start), optionally tied to a fragment (then the fragment's audience sees them), to a time
range and to an indicator; replies form one level of thread.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Framework(models.Model):
    """A kijkwijzer. Shipped ones have no owner; coaches and schools build their own."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    core_practice = models.ForeignKey(
        "cycles.CorePractice",
        verbose_name=_("core practice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="frameworks",
    )
    # Who may use it: shipped (all None), a school's, a klub's, or a programme's.
    school = models.ForeignKey(
        "organisations.School",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="frameworks",
    )
    klub = models.ForeignKey(
        "organisations.Klub",
        verbose_name=_("klub"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="frameworks",
    )
    programme = models.ForeignKey(
        "organisations.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="frameworks",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Shipped kijkwijzers are identified by a code, so seeding them again updates, never doubles.
    code = models.SlugField(max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        verbose_name = _("kijkwijzer")
        verbose_name_plural = _("kijkwijzers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="framework_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_shipped(self) -> bool:
        return self.school_id is None and self.klub_id is None and self.programme_id is None


class FrameworkVersion(models.Model):
    """A frozen state of a kijkwijzer: what observations are scored against."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kijkwijzer version")
        verbose_name_plural = _("kijkwijzer versions")
        ordering = ["framework", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="framework_version_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework.name} v{self.number}"


class ScaleLevel(models.Model):
    """One point of a version's scale, with its anchor (what that level looks like)."""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="scale_levels"
    )
    value = models.SmallIntegerField(_("value"))
    label = models.CharField(_("label"), max_length=100)
    anchor = models.TextField(_("anchor"), blank=True)

    class Meta:
        ordering = ["version", "value"]
        constraints = [
            models.UniqueConstraint(fields=["version", "value"], name="scale_level_unique_value"),
        ]

    def __str__(self) -> str:
        return f"{self.value} {self.label}"


class Domain(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="domains")
    name = models.CharField(_("domain"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        ordering = ["version", "order"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="indicators")
    # Denormalised from the domain: checking "is this indicator part of that kijkwijzer
    # version" is then one comparison, without a join.
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="indicators"
    )
    # Stable across versions: the before/after comparison matches indicators by key.
    key = models.SlugField(max_length=60)
    text = models.CharField(_("indicator"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["domain__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="indicator_unique_key"),
        ]

    def __str__(self) -> str:
        return self.text


class Observation(models.Model):
    """A filled-in kijkwijzer for a fragment, by its teacher or a colleague."""

    fragment = models.ForeignKey(
        "recordings.Fragment",
        verbose_name=_("fragment"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("kijkwijzer"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("observer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="observations",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.version} – {self.fragment}"


class Score(models.Model):
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="scores")
    value = models.SmallIntegerField(_("score"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["observation", "indicator"], name="score_unique_indicator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class Annotation(models.Model):
    """A timestamped comment on a recording, in the recording's time."""

    class Kind(models.TextChoices):
        OBSERVATION = "observation", _("observation")
        QUESTION = "question", _("question")
        STRENGTH = "strength", _("strength")
        SUGGESTION = "suggestion", _("suggestion")

    recording = models.ForeignKey(
        "recordings.Recording", on_delete=models.CASCADE, related_name="annotations"
    )
    # Annotations on a fragment are seen by whoever may see the fragment; the others only by
    # the recording's owner (and their author).
    fragment = models.ForeignKey(
        "recordings.Fragment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="annotations",
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="annotations",
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.OBSERVATION
    )
    at_seconds = models.FloatField(_("at (seconds)"))
    end_seconds = models.FloatField(_("until (seconds)"), null=True, blank=True)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annotations",
    )
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("annotation")
        verbose_name_plural = _("annotations")
        ordering = ["at_seconds", "created_at"]
        indexes = [
            models.Index(fields=["recording", "at_seconds"]),
            models.Index(fields=["fragment", "at_seconds"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(at_seconds__gte=0)
                & (Q(end_seconds__isnull=True) | Q(end_seconds__gt=F("at_seconds"))),
                name="annotation_time_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]

    def clean(self) -> None:
        if self.end_seconds is not None and self.end_seconds <= self.at_seconds:
            raise ValidationError({"end_seconds": _("The end must come after the start.")})
