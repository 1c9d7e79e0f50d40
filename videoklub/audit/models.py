"""An append-only log of what happened to recordings and fragments, and who did it.

The owner of an item reads its log. Rows are never changed: `save` refuses an existing row and
the admin is read-only. When a person erases their account, the rows about their own items go
with them and their name is removed from rows about others' items (actor becomes empty).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW = "view", _("viewed")
    STREAM = "stream", _("started watching")
    DOWNLOAD = "download", _("downloaded")
    SHARE = "share", _("shared")
    REVOKE = "revoke", _("revoked a share")
    EXPORT = "export", _("exported")
    DELETE = "delete", _("deleted")
    ANONYMISE = "anonymise", _("anonymised")
    RETENTION = "retention", _("deleted after the retention period")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("what"), max_length=12, choices=Action.choices)
    # Whose item it is: the owner reads the log of their items.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_events"
    )
    # The item, kept as a reference that outlives it (a deleted recording keeps its log).
    item_type = models.CharField(max_length=20)
    item_id = models.CharField(max_length=40)
    item_label = models.CharField(_("item"), max_length=200, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["owner", "-at"]),
            models.Index(fields=["item_type", "item_id", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.item_label}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("Audit events are never changed.")
        super().save(*args, **kwargs)
