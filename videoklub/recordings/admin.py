"""Recordings in the admin: their bookkeeping, never their video, storage names or error texts.

Deleting here goes through the same services as the owner's delete button: every file derived
from the recording (original, rendition, poster, thumbnails, fragment exports, anonymised
copies, upload parts) leaves storage, and the owner's audit log names the administrator (the
services write it).
"""

from django.contrib import admin

from videoklub.admin_privacy import BookkeepingAdmin
from videoklub.recordings import services
from videoklub.recordings.models import Fragment, Recording, Upload

RECORDING_FIELDS = (
    "uuid",
    "owner",
    "klub",
    "cycle",
    "class_group",
    "title",
    "original_filename",
    "original_size",
    "status",
    "progress",
    "error_code",
    "container",
    "duration",
    "width",
    "height",
    "frame_rate",
    "variable_frame_rate",
    "video_codec",
    "audio_codec",
    "rotation",
    "rendition_method",
    "rendition_size",
    "thumbnail_count",
    "thumbnail_interval",
    "created_at",
    "processing_attempts",
    "processing_heartbeat_at",
    "processed_at",
    "retention_warned_at",
)


@admin.register(Recording)
class RecordingAdmin(BookkeepingAdmin):
    list_display = ["uuid", "owner", "status", "duration", "rendition_method", "created_at"]
    list_filter = ["status", "rendition_method"]
    fields = RECORDING_FIELDS
    readonly_fields = RECORDING_FIELDS
    search_fields = ["owner__email"]

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        services.recording_delete(recording=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for recording in queryset:
            self.delete_model(request, recording)


UPLOAD_FIELDS = (
    "id",
    "owner",
    "klub",
    "recording",
    "filename",
    "filetype",
    "length",
    "offset",
    "created_at",
    "expires_at",
    "locked_until",
    "completed_at",
)


@admin.register(Upload)
class UploadAdmin(BookkeepingAdmin):
    list_display = ["id", "owner", "offset", "length", "created_at", "expires_at", "completed_at"]
    fields = UPLOAD_FIELDS
    readonly_fields = UPLOAD_FIELDS

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # An unfinished upload goes with its parts when it expires (the maintenance sweep), a
        # finished one with its recording: deleting the row alone would strand the parts.
        return False


FRAGMENT_FIELDS = (
    "recording",
    "created_by",
    "title",
    "reason",
    "start",
    "end",
    "created_at",
    "export_status",
    "export_method",
    "anonymisation_status",
    "anonymisation_progress",
    "faces_found",
    "anonymisation_approved_at",
    "work_heartbeat_at",
)


@admin.register(Fragment)
class FragmentAdmin(BookkeepingAdmin):
    list_display = ["id", "recording", "start", "end", "export_status"]
    fields = FRAGMENT_FIELDS
    readonly_fields = FRAGMENT_FIELDS

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        services.fragment_delete(fragment=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for fragment in queryset.select_related("recording"):
            self.delete_model(request, fragment)
