"""Kijkwijzers in the admin (reference content), and the bookkeeping of observations: who
observed what with which kijkwijzer, never their notes or scores."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from videoklub.admin_privacy import BookkeepingAdmin
from videoklub.observations.models import (
    Domain,
    Framework,
    FrameworkVersion,
    Indicator,
    Observation,
    ScaleLevel,
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
class FrameworkAdmin(BookkeepingAdmin):
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
class FrameworkVersionAdmin(BookkeepingAdmin):
    list_display = ["framework", "number", "created_at", "created_by"]
    readonly_fields = [f.name for f in FrameworkVersion._meta.fields]
    inlines = [ScaleLevelInline, IndicatorInline]

    def has_add_permission(self, request):
        return False


@admin.register(Domain)
class DomainAdmin(BookkeepingAdmin):
    list_display = ["name", "version", "order"]
    readonly_fields = [f.name for f in Domain._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Observation)
class ObservationAdmin(BookkeepingAdmin):
    # Bookkeeping only: the fragment's video, the notes and the scores are never shown here.
    list_display = ["id", "version", "observer", "created_at"]
    fields = readonly_fields = ("fragment", "version", "observer", "created_at", "score_count")

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("scores"))
    def score_count(self, obj: Observation) -> int:
        return obj.scores.count()
