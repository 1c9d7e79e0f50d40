from django.contrib import admin

from videoklub.recordings.models import Fragment, Recording, Upload


@admin.register(Recording)
class RecordingAdmin(admin.ModelAdmin):
    # Administrators see the bookkeeping of a recording, never its video.
    list_display = ["uuid", "owner", "status", "duration", "rendition_method", "created_at"]
    list_filter = ["status", "rendition_method"]
    readonly_fields = [f.name for f in Recording._meta.fields]
    search_fields = ["owner__email"]

    def has_add_permission(self, request):
        return False


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    list_display = ["id", "owner", "offset", "length", "created_at", "expires_at", "completed_at"]
    readonly_fields = [f.name for f in Upload._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Fragment)
class FragmentAdmin(admin.ModelAdmin):
    list_display = ["id", "recording", "start", "end", "export_status"]
    readonly_fields = [f.name for f in Fragment._meta.fields]

    def has_add_permission(self, request):
        return False
