from django.contrib import admin

from videoklub.admin_privacy import BookkeepingAdmin
from videoklub.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(BookkeepingAdmin):
    """Read only: the log is evidence, nobody edits or deletes it by hand. The details (pages,
    audiences, changed fields) stay with the owner's own log page."""

    list_display = ["at", "actor", "action", "item_type", "item_label"]
    list_filter = ["action", "item_type"]
    fields = ["at", "actor", "action", "owner", "item_type", "item_id", "item_label"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
