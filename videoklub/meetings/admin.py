"""Klub sessions in the admin: schedule, agenda and attendance; the coach's notes stay out."""

from django.contrib import admin

from videoklub.admin_privacy import BookkeepingAdmin
from videoklub.meetings.models import AgendaItem, Attendance, Meeting, WorkForm


@admin.register(WorkForm)
class WorkFormAdmin(BookkeepingAdmin):
    list_display = ["name", "code", "minutes", "order"]
    list_editable = ["order"]
    search_fields = ["name", "code", "summary"]
    prepopulated_fields = {"code": ["name"]}


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ["fragment"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Meeting)
class MeetingAdmin(BookkeepingAdmin):
    list_display = ["title", "klub", "starts_at", "status", "work_form"]
    list_filter = ["status", "kind", "work_form"]
    search_fields = ["title", "klub__name", "place"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["klub", "created_by"]
    fields = [
        "klub",
        "kind",
        "title",
        "starts_at",
        "ends_at",
        "place",
        "work_form",
        "status",
        "created_by",
        "created_at",
        "ical_uid",
    ]
    readonly_fields = ["ical_uid", "created_at"]
    list_select_related = ["klub", "work_form"]
    # Agenda and attendance only: the session's notes and the notes about teachers stay out.
    inlines = [AgendaItemInline, AttendanceInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(BookkeepingAdmin):
    list_display = ["meeting", "fragment", "order", "minutes"]
    raw_id_fields = ["meeting", "fragment"]
    list_select_related = ["meeting", "fragment"]


@admin.register(Attendance)
class AttendanceAdmin(BookkeepingAdmin):
    list_display = ["meeting", "user", "present"]
    list_filter = ["present"]
    raw_id_fields = ["meeting", "user"]
    list_select_related = ["meeting", "user"]
