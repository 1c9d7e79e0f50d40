"""Survey instruments as data, their administrations, invitations and anonymous responses.

An instrument is versioned as a kijkwijzer is (`observations.Framework`/`FrameworkVersion`):
the `Instrument` row is its identity (a key, shipped or owned by a programme), each
`InstrumentVersion` holds the wording (items, scale, subscales). A published version never
changes: administrations point at it, so answers are always read against the items they
answered. Editing a published instrument starts a new draft version.

Anonymity rests on three choices:
- `Response` has no link to a person: only a pseudonym, an HMAC of (programme, person) under a
  key derived from SECRET_KEY (`services.pseudonym`), so a person's pre and post answers in one
  programme pair up while the database alone does not say whose they are;
- `Invitation` (who was asked, and whether they answered) never points at the response, and
  keeps no time of answering;
- a response keeps only the date it was submitted (a time could be matched against the
  invitations' or the web server's logs) and a random UUID key, so the order of rows does not
  follow the order of answering either.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_MIN_GROUP = 5


def default_min_group() -> int:
    """The smallest group whose results are shown (SURVEY_MIN_GROUP, 5 unless configured)."""
    return int(getattr(settings, "SURVEY_MIN_GROUP", DEFAULT_MIN_GROUP))


class Instrument(models.Model):
    """A questionnaire's identity; its wording lives in versions."""

    # Stable across versions; a shipped instrument is found again by its key when reloaded.
    key = models.SlugField(_("key"), max_length=60)
    programme = models.ForeignKey(
        "organisations.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_instruments",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("survey instrument")
        verbose_name_plural = _("survey instruments")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(programme__isnull=True), name="instrument_shipped_key"
            ),
            models.UniqueConstraint(fields=["programme", "key"], name="instrument_programme_key"),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def is_shipped(self) -> bool:
        return self.programme_id is None


class InstrumentVersion(models.Model):
    """One wording of an instrument. Published versions are immutable (services enforce it)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Where the constructs come from and under which licence the items are used.
    source_note = models.TextField(_("source and licence"), blank=True)
    sources = models.JSONField(default=list, blank=True)
    # {"min": 1, "max": 5, "labels": ["...", ...]}: one label per point, in the instrument's words.
    scale = models.JSONField(default=dict)
    # [{"key": "...", "label": "..."}]
    subscales = models.JSONField(default=list, blank=True)
    # [{"key", "text", "subscale", "reverse", "optional", "kind": "scale" | "open"}]
    items = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number"], name="instrument_version_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def scale_items(self) -> list[dict[str, Any]]:
        return [item for item in self.items if item.get("kind", "scale") == "scale"]

    @property
    def scale_points(self) -> list[tuple[int, str]]:
        low, high = int(self.scale["min"]), int(self.scale["max"])
        labels = list(self.scale.get("labels") or [])
        return [
            (value, labels[i] if i < len(labels) else "")
            for i, value in enumerate(range(low, high + 1))
        ]


class Administration(models.Model):
    """One round of asking: an instrument version, for an audience of a programme, at a moment."""

    class Moment(models.TextChoices):
        PRE = "pre", _("pre (at the start)")
        POST = "post", _("post (at the end)")
        ONCE = "once", _("once")

    class Audience(models.TextChoices):
        TEACHERS = "teachers", _("teachers")
        COACHES = "coaches", _("coaches")

    programme = models.ForeignKey(
        "organisations.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="survey_administrations",
    )
    version = models.ForeignKey(
        InstrumentVersion,
        verbose_name=_("instrument"),
        on_delete=models.PROTECT,
        related_name="administrations",
    )
    wave = models.ForeignKey(
        "organisations.Wave",
        verbose_name=_("wave"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_administrations",
    )
    title = models.CharField(_("title"), max_length=200)
    moment = models.CharField(_("moment"), max_length=10, choices=Moment.choices)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"), default=default_min_group
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("survey administration")
        verbose_name_plural = _("survey administrations")
        ordering = ["-opens_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, on: Any = None) -> bool:
        today = on or timezone.localdate()
        return self.opens_on <= today <= self.closes_on


class Invitation(models.Model):
    """Who was asked. Deliberately no link to the response and no time of answering."""

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    token = models.CharField(max_length=64, unique=True)
    invited_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)
    responded = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["administration", "user"], name="survey_invitation_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.administration} – {self.user_id}"


class Response(models.Model):
    """One anonymous set of answers (see the module docstring: no person, no time)."""

    # Random, so that the order of keys says nothing about the order of answering.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="responses"
    )
    pseudonym = models.CharField(max_length=64)
    # {item key: int (scale) | str (open)}; an optional item left out is absent.
    answers = models.JSONField(default=dict)
    submitted_on = models.DateField()

    class Meta:
        constraints = [
            # Once per person: also holds when two submissions race past the invitation check.
            models.UniqueConstraint(
                fields=["administration", "pseudonym"], name="survey_response_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.administration} – {self.submitted_on}"
