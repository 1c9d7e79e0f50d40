from django.contrib import admin

from videoklub.observations.models import (
    Domain,
    Framework,
    FrameworkVersion,
    Indicator,
    Observation,
    ScaleLevel,
    Score,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class VersionInline(ReadOnlyInline):
    model = FrameworkVersion
    fields = ["number", "created_at", "created_by"]


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    # Content is edited through the builder (new versions), never in place here.
    list_display = ["name", "code", "core_practice", "klub", "school", "programme", "archived"]
    list_filter = ["archived", "core_practice"]
    search_fields = ["name", "code"]
    readonly_fields = [f.name for f in Framework._meta.fields if f.name not in ("archived", "name")]
    inlines = [VersionInline]

    def has_add_permission(self, request):
        return False


class ScaleLevelInline(ReadOnlyInline):
    model = ScaleLevel
    fields = ["value", "label", "anchor"]


class IndicatorInline(ReadOnlyInline):
    model = Indicator
    fk_name = "version"
    fields = ["domain", "key", "text", "description", "order"]


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    list_display = ["framework", "number", "created_at", "created_by"]
    readonly_fields = [f.name for f in FrameworkVersion._meta.fields]
    inlines = [ScaleLevelInline, IndicatorInline]

    def has_add_permission(self, request):
        return False


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "order"]
    readonly_fields = [f.name for f in Domain._meta.fields]

    def has_add_permission(self, request):
        return False


class ScoreInline(ReadOnlyInline):
    model = Score
    fields = ["indicator", "value", "note"]
    show_change_link = False


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    # Bookkeeping only: the fragment's video is never shown here.
    list_display = ["id", "version", "observer", "created_at"]
    readonly_fields = [f.name for f in Observation._meta.fields]
    inlines = [ScoreInline]

    def has_add_permission(self, request):
        return False
