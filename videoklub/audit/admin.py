from django.contrib import admin

from videoklub.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only: the log is evidence, nobody edits or deletes it by hand."""

    list_display = ["at", "actor", "action", "item_type", "item_label"]
    list_filter = ["action", "item_type"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
