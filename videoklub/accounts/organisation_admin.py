"""Programmes, schools, klubs and who has which role in them.

Roles given, changed or taken away here are written to the person's audit log. A programme,
school or klub is deleted here only once nothing refers to it any more: deleting one that still
holds people, recordings, cycles, sessions or a consent register would take their work with it
(or orphan it) without the services that delete files and keep the log.

It lives with the people's admin (registered by accounts/admin.py), not in organisations: the
organisations app is a floor below accounts and the audit log, which this admin writes to.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from videoklub.accounts.administration import membership_record
from videoklub.admin_privacy import BookkeepingAdmin, references_to
from videoklub.audit.models import Action
from videoklub.organisations.models import Klub, Membership, Programme, School, Wave


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "role", "klub", "school", "programme"]

    def clean_user(self):
        user = self.cleaned_data["user"]
        if self.instance.pk and user is not None and self.instance.user_id != user.pk:
            # Each person's log tells what happened to their roles: a moved role would not.
            raise forms.ValidationError(
                _("A role belongs to one person: remove it and give the other person their own.")
            )
        return user


def record_membership_formset(request, formset) -> None:
    """Log the roles an inline formset of memberships added, changed or removed."""
    for membership in formset.new_objects:
        membership_record(membership=membership, by=request.user, action=Action.ROLE_ADD)
    for membership, _fields in formset.changed_objects:
        membership_record(membership=membership, by=request.user, action=Action.ROLE_CHANGE)
    for membership in formset.deleted_objects:
        membership_record(membership=membership, by=request.user, action=Action.ROLE_REMOVE)


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    extra = 0
    autocomplete_fields = ["klub", "school", "programme"]


class KlubMembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    fields = ["user", "role"]
    extra = 0
    autocomplete_fields = ["user"]


class WaveInline(admin.TabularInline):
    model = Wave
    extra = 0


class OrganisationAdmin(BookkeepingAdmin):
    """Deleted only when nothing but `deleted_with_it` refers to it; otherwise the deletion
    page says what it still holds and deletes nothing."""

    # Bookkeeping that may go with it: invitations to it (accepted ones are history only).
    deleted_with_it: tuple[str, ...] = ("accounts.Invitation",)

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        held = [
            f"{obj}: {line}"
            for obj in objs
            for line in references_to(obj, ignore=self.deleted_with_it)
        ]
        if held:
            messages.error(
                request,
                gettext(
                    "This cannot be deleted here: it still holds people, recordings or other "
                    "work (listed below). Move or remove those first."
                ),
            )
        return to_delete, model_count, perms_needed, [*protected, *held]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Membership:
            record_membership_formset(request, formset)


@admin.register(Programme)
class ProgrammeAdmin(OrganisationAdmin):
    list_display = ["name", "school_year", "funder"]
    search_fields = ["name", "funder"]
    fields = [
        "name",
        "school_year",
        "funder",
        "description",
        "starts_on",
        "ends_on",
        "retention_days",
    ]
    inlines = [WaveInline]
    # Its own waves and retention reports.
    deleted_with_it = ("accounts.Invitation", "organisations.Wave", "recordings.RetentionRun")


@admin.register(School)
class SchoolAdmin(OrganisationAdmin):
    list_display = ["name", "level", "town"]
    list_filter = ["level"]
    search_fields = ["name", "town"]
    fields = ["name", "level", "town"]


@admin.register(Klub)
class KlubAdmin(OrganisationAdmin):
    list_display = ["name", "school", "programme", "wave"]
    list_filter = ["programme", "wave", "school__level"]
    search_fields = ["name", "school__name"]
    fields = ["name", "school", "programme", "wave"]
    inlines = [KlubMembershipInline]


@admin.register(Membership)
class MembershipAdmin(BookkeepingAdmin):
    form = MembershipForm
    list_display = ["user", "role", "klub", "school", "programme", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__full_name", "user__email"]
    autocomplete_fields = ["user", "klub", "school", "programme"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            membership_record(membership=obj, by=request.user, action=Action.ROLE_ADD)
        elif form.changed_data:
            membership_record(membership=obj, by=request.user, action=Action.ROLE_CHANGE)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        membership_record(membership=obj, by=request.user, action=Action.ROLE_REMOVE)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user", "klub", "school", "programme"):
            self.delete_model(request, membership)
