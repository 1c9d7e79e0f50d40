"""An append-only log of what happened to recordings, fragments and accounts, and who did it.

The owner of an item reads its log; for an account (what an administrator did to it) the owner
is the person concerned. Rows are never changed: `save` refuses an existing row and
the admin is read-only. When a person erases their account, the rows about their own items go
with them and their name is removed from rows about others' items (actor becomes empty).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from videoklub.organisations.models import Role

# The item_type of events about a person's account (the owner is that person).
ACCOUNT = "account"

# Where a "viewed" entry was read (details["page"], written by audit_view), for the owner's log.
VIEW_PAGES = {
    "recording": _("the recording"),
    "workspace": _("the analysis workspace"),
    "annotations": _("the annotations"),
    "observations": _("the observations"),
    "observation": _("an observation"),
    "session": _("klub session mode"),
    "intervision": _("an intervision case"),
}


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
    # What an administrator did to a person's account (item_type "account").
    ACCOUNT_CREATE = "acct_create", _("created your account")
    ACCOUNT_CHANGE = "acct_change", _("changed your account")
    DEACTIVATE = "deactivate", _("deactivated your account")
    REACTIVATE = "reactivate", _("reactivated your account")
    PASSWORD_MAIL = "reset_mail", _("sent you a link to choose a new password")
    PRIVILEGES = "privileges", _("changed your administrator rights")
    ROLE_ADD = "role_add", _("gave you a role")
    ROLE_CHANGE = "role_change", _("changed your role")
    ROLE_REMOVE = "role_remove", _("took away a role")
    DEVICE_DELETE = "otp_delete", _("removed your two-step verification")
    # The coaches' learning community (item_type "community_event"): staff's writes.
    EVENT_PLAN = "ev_plan", _("planned a learning-community event")
    EVENT_CHANGE = "ev_change", _("changed a learning-community event")
    EVENT_CANCEL = "ev_cancel", _("cancelled a learning-community event")
    ATTENDANCE = "attendance", _("recorded your attendance")
    # A person's place in a book club (item_type "book_club", the owner is that person).
    CLUB_REMOVE = "club_remove", _("removed you from the book club")
    CLUB_LEAVE = "club_leave", _("left the book club")


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

    @property
    def page_label(self) -> str:
        """Where a view happened ("" for other events and for views logged before pages were)."""
        page = (self.details or {}).get("page", "")
        return str(VIEW_PAGES.get(page, "")) if self.action == Action.VIEW else ""

    @property
    def account_summary(self) -> str:
        """What an event about an account changed, in the reader's language ("" otherwise).

        Stored as codes (field names, a role, true/false), so each reader gets their language.
        """
        if self.item_type != ACCOUNT:
            return ""
        details = self.details or {}
        if details.get("role") in Role.values:
            return gettext("%(role)s in %(organisation)s") % {
                "role": Role(details["role"]).label,
                "organisation": self.item_label,
            }
        user_fields = {field.name: field for field in get_user_model()._meta.get_fields()}
        if self.action == Action.PRIVILEGES:
            rights = [
                str(getattr(user_fields[name], "verbose_name", name))
                for name in ("is_staff", "is_superuser")
                if details.get(name)
            ]
            return gettext("from now on %(rights)s") % {
                "rights": ", ".join(rights) or gettext("none")
            }
        names = [
            str(getattr(user_fields[name], "verbose_name", name))
            for name in details.get("fields", [])
            if name in user_fields
        ]
        return ", ".join(names)
