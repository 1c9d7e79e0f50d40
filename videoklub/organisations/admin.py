from django.contrib import admin

from videoklub.organisations.models import Klub, Membership, Programme, School, Wave


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["klub", "school", "programme"]


class KlubMembershipInline(admin.TabularInline):
    model = Membership
    fields = ["user", "role"]
    extra = 0
    autocomplete_fields = ["user"]


class WaveInline(admin.TabularInline):
    model = Wave
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "school_year", "funder"]
    search_fields = ["name", "funder"]
    inlines = [WaveInline]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "town"]
    list_filter = ["level"]
    search_fields = ["name", "town"]


@admin.register(Klub)
class KlubAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "programme", "wave"]
    list_filter = ["programme", "wave", "school__level"]
    search_fields = ["name", "school__name"]
    inlines = [KlubMembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "klub", "school", "programme", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__full_name", "user__email"]
    autocomplete_fields = ["user", "klub", "school", "programme"]
