"""Administration of the reference data only.

Learning questions, comments, actions, reflections and coaching visits are a teacher's own
professional writing: like their videos, the platform's administrators do not read them.
"""

from django.contrib import admin

from videoklub.admin_privacy import BookkeepingAdmin
from videoklub.cycles.models import CorePractice, Cycle


@admin.register(CorePractice)
class CorePracticeAdmin(BookkeepingAdmin):
    list_display = ["name", "code", "order"]
    ordering = ["order"]


@admin.register(Cycle)
class CycleAdmin(BookkeepingAdmin):
    """Who is in which phase, for support; no content."""

    list_display = ["__str__", "teacher", "klub", "phase", "created_at", "last_activity_at"]
    list_filter = ["phase", "core_practice"]
    search_fields = ["teacher__email", "teacher__full_name", "klub__name"]
    fields = ("teacher", "klub", "number", "core_practice", "phase", "created_at")
    readonly_fields = fields
