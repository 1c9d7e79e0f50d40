"""Pupils' consent to filming and showing, as Belgian schools must keep it.

Written, specific, provable and separate per purpose: a class group lists its pupils by a
pseudonymous code (no names are needed), and each consent names the purpose, who gave it (a
parent, or the pupil when old enough), when, and who recorded it. A withdrawal is a date on the
consent row, never a deletion, so the register shows what held when.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    # From narrow to wide; each purpose covers sharing with the matching audiences.
    KLUB = "klub", _("filming for reflection in the klub")
    SCHOOL = "school", _("sharing within the school")
    TRAINING = "training", _("reuse in training")
    PUBLIC = "public", _("public showing (Filmfestival)")


class ClassGroup(models.Model):
    school = models.ForeignKey(
        "organisations.School",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        related_name="class_groups",
    )
    name = models.CharField(_("class group"), max_length=100, help_text=_("For example 3B."))
    school_year = models.CharField(_("school year"), max_length=9)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        verbose_name = _("class group")
        verbose_name_plural = _("class groups")
        ordering = ["school", "-school_year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year", "name"], name="class_group_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.school_year})"


class Pupil(models.Model):
    """A pupil known by a pseudonymous code only (the school keeps the key to names)."""

    class_group = models.ForeignKey(ClassGroup, on_delete=models.CASCADE, related_name="pupils")
    code = models.CharField(_("code"), max_length=20)
    # Pupils who may give consent themselves (in Belgium from about 12 years, for their image).
    may_consent_self = models.BooleanField(_("gives consent themselves"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # A pupil who left the class group stays in the register (their consents are the proof of
    # what held), but no longer counts for what may be filmed or shown.
    archived = models.BooleanField(_("left the class group"), default=False)

    class Meta:
        verbose_name = _("pupil")
        verbose_name_plural = _("pupils")
        ordering = ["class_group", "code"]
        constraints = [
            models.UniqueConstraint(fields=["class_group", "code"], name="pupil_unique_code"),
        ]

    def __str__(self) -> str:
        return self.code


class Consent(models.Model):
    class GivenBy(models.TextChoices):
        PARENT = "parent", _("a parent or guardian")
        PUPIL = "pupil", _("the pupil")

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    given_by = models.CharField(_("given by"), max_length=10, choices=GivenBy.choices)
    given_on = models.DateField(_("given on"))
    # Where the signed form is kept (a reference, not the document itself).
    evidence = models.CharField(_("proof"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["pupil", "purpose", "-given_on"]
        constraints = [
            # One standing consent per pupil and purpose; a new one follows a withdrawal.
            models.UniqueConstraint(
                fields=["pupil", "purpose"],
                condition=Q(withdrawn_on__isnull=True),
                name="consent_one_standing_per_purpose",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pupil} – {self.get_purpose_display()}"
