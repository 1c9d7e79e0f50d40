"""The person's account in their data: the profile in the export; erasing the account's own
rows (data exports, invitations to their address, the admin's history of the account, login
records, sessions on every device)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone

from videoklub.accounts.models import DataExport, Invitation, User
from videoklub.core.personal_data import Contributor, ExportPart, register
from videoklub.organisations.models import Membership

if TYPE_CHECKING:
    import zipfile


def _profile(user: User, zf: zipfile.ZipFile) -> dict:
    memberships = Membership.objects.filter(user=user).select_related(
        "klub__school", "klub__programme", "school", "programme"
    )
    return {
        "e-mail": user.email,
        "naam": user.full_name,
        "lid_sinds": user.date_joined,
        "laatst_aangemeld": user.last_login,
        "rollen": [
            {
                "rol": m.get_role_display(),
                "klub": m.klub.name if m.klub else None,
                "school": str(m.klub.school if m.klub else m.school or "") or None,
                "project": str(m.klub.programme if m.klub else m.programme or "") or None,
                "sinds": m.created_at,
            }
            for m in memberships
        ],
    }


def _sessions_of(user: User) -> list[str]:
    """Session keys of the person's logins on every device (sessions live in the database)."""
    key = str(user.pk)
    return [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == key
    ]


def _erase(user: User) -> list[str]:
    prefixes = []
    for export in DataExport.objects.filter(owner=user):
        prefixes.append(export.prefix)
        export.delete()
    Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user)).delete()
    # The admin's history of changes to this account names the person in `object_repr`.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()
    # Failed and successful logins are kept by the address.
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=user.email).delete()
    Session.objects.filter(session_key__in=_sessions_of(user)).delete()
    return prefixes


register(
    Contributor(
        app="accounts",
        deleted=("accounts.DataExport.owner", "admin.LogEntry.user", "otp_totp.TOTPDevice.user"),
        anonymised=("accounts.Invitation.invited_by", "accounts.Invitation.accepted_by"),
        exports=(ExportPart("profiel.json", _profile, order=10),),
        erase=_erase,
    )
)
