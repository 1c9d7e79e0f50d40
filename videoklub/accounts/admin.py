"""Accounts in the admin: who may log in, their roles and administrator rights, nothing more.

The administrator holds no key (see videoklub/accounts/administration.py): there is no password
field and the password page answers 403; a new account gets a link to choose its own password.
Accounts are deactivated here, never deleted: deleting one would take the person's recordings,
cycles and reflections with it, outside the erasure that removes their files and that only the
person starts ("Delete my account"). Every change is written to the person's audit log.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as BaseTOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from videoklub.accounts import administration
from videoklub.accounts.models import Invitation, User
from videoklub.accounts.organisation_admin import MembershipInline, record_membership_formset
from videoklub.admin_privacy import BookkeepingAdmin
from videoklub.organisations.models import Membership

PRIVILEGES = ["is_staff", "is_superuser", "groups"]


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "full_name", "is_active", "is_staff", "is_superuser", "groups"]


class AccountCreationForm(forms.ModelForm):
    """Name and address only: the person chooses their password through the e-mailed link."""

    class Meta:
        model = User
        fields = ["email", "full_name"]


@admin.register(User)
class UserAdmin(BookkeepingAdmin, BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_active", "memberships__role"]
    search_fields = ["full_name", "email"]
    inlines = [MembershipInline]
    form = AccountForm
    add_form = AccountCreationForm
    add_form_template = "admin/accounts/user/add_form.html"
    fieldsets = (
        (None, {"fields": ("email", "full_name")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name")}),)
    readonly_fields = ["last_login", "date_joined"]
    actions = ["send_password_link", "deactivate", "reactivate"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # Staff with the "change user" permission cannot make themselves superuser.
        if not request.user.is_superuser:
            fields += PRIVILEGES
        return fields

    def user_change_password(self, request, id, form_url=""):
        # Nobody chooses a password for someone else (they could then log in as them).
        raise PermissionDenied

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            administration.account_create(user=obj, by=request.user)
            return
        super().save_model(request, obj, form, change)
        administration.account_changes_record(
            user=obj,
            by=request.user,
            changed=form.changed_data,
            old_email=form.initial.get("email", ""),
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Membership:
            record_membership_formset(request, formset)

    @admin.action(description=_("Send a link to choose a new password"))
    def send_password_link(self, request, queryset):
        sent = sum(
            administration.account_password_link_send(user=user, by=request.user)
            for user in queryset
        )
        self.message_user(
            request,
            ngettext(
                "A link to choose a new password was sent to %(count)d person.",
                "A link to choose a new password was sent to %(count)d people.",
                sent,
            )
            % {"count": sent},
        )

    @admin.action(description=_("Deactivate (the person can no longer log in)"))
    def deactivate(self, request, queryset):
        done = sum(
            administration.account_deactivate(user=user, by=request.user)
            for user in queryset.exclude(pk=request.user.pk)
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d account was deactivated.", "%(count)d accounts were deactivated.", done
            )
            % {"count": done},
        )

    @admin.action(description=_("Reactivate"))
    def reactivate(self, request, queryset):
        done = sum(
            administration.account_reactivate(user=user, by=request.user) for user in queryset
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d account was reactivated.", "%(count)d accounts were reactivated.", done
            )
            % {"count": done},
        )


@admin.register(Invitation)
class InvitationAdmin(BookkeepingAdmin):
    list_display = [
        "email",
        "role",
        "target",
        "invited_by",
        "created_at",
        "expires_at",
        "sent_at",
        "accepted_at",
    ]
    list_filter = ["role"]
    search_fields = ["email", "full_name"]
    fields = [
        "email",
        "full_name",
        "role",
        "programme",
        "school",
        "klub",
        "invited_by",
        "created_at",
        "expires_at",
        "sent_at",
        "accepted_at",
        "accepted_by",
    ]
    raw_id_fields = ["invited_by", "accepted_by"]
    readonly_fields = ["sent_at", "accepted_at", "accepted_by"]


admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(BookkeepingAdmin, BaseTOTPDeviceAdmin):
    """A lost phone is the one reason to be here: the device can be removed (the person sets up
    a new one at their next login), never added or changed (its secret is the second key)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        administration.two_factor_device_delete(device=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for device in queryset.select_related("user"):
            administration.two_factor_device_delete(device=device, by=request.user)
