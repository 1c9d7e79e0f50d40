"""Erasing an account: everything of the person goes, what they gave to others stays nameless.

What happens to each reference to a user (decided per foreign key, checked by
`tests/test_erasure.py::test_every_foreign_key_to_the_user_has_a_decision`):

deleted with the person (their own things)
    Recording.owner, Upload.owner, DataExport.owner, Membership.user, Cycle.teacher (with its
    learning question, comments, actions and reflections), Reflection.author,
    CoachingVisit.teacher, TeacherNote.teacher, Attendance.user, AuditEvent.owner (the log of
    their items), admin LogEntry.user, invitations sent to their address.
kept, author emptied (what they gave to others: a colleague's discussion stays readable)
    Annotation.author ("former user" in the panel), QuestionComment.author,
    Observation.observer, Fragment.created_by, Share.created_by, Action.created_by,
    CoachingVisit.coach, TeacherNote.author, Meeting.created_by, Invitation.invited_by and
    accepted_by, Framework(Version).created_by, ClassGroup.created_by, Consent.recorded_by and
    withdrawal_recorded_by, AuditEvent.actor.
"""

from __future__ import annotations

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from videoklub.accounts.models import DataExport, Invitation, User
from videoklub.recordings import storage


def _sessions_of(user: User) -> list[str]:
    """Session keys of the person's logins on every device (sessions live in the database)."""
    key = str(user.pk)
    return [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == key
    ]


def account_erase(*, user: User) -> None:
    """Delete the person's account and everything of theirs, files included.

    Recordings go one by one through `recording_delete` (each deletes its storage prefix), then
    the rest in one transaction, then the remaining files. Safe to run again after a failure
    halfway: what is gone stays gone and the rest is found again.
    """
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from videoklub.cycles.models import Cycle
    from videoklub.recordings.models import Recording, Upload
    from videoklub.recordings.services import recording_delete

    for recording in Recording.objects.filter(owner=user):
        # Logged as the person's own delete, in the log that goes with them below.
        recording_delete(recording=recording, by=user)

    prefixes: list[str] = []
    with transaction.atomic():
        for upload in Upload.objects.filter(owner=user):
            prefixes.append(upload.prefix)
            upload.delete()
        for export in DataExport.objects.filter(owner=user):
            prefixes.append(export.prefix)
            export.delete()
        # Cycles cascade to the learning question, comments, actions and reflections.
        Cycle.objects.filter(teacher=user).delete()
        Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_by=user)).delete()
        # The admin's history of changes to this account names the person in `object_repr`.
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
        ).delete()
        # Failed and successful logins are kept by the address.
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username__iexact=user.email).delete()
        Session.objects.filter(session_key__in=_sessions_of(user)).delete()
        # Memberships, coaching visits and notes about them, attendance and the audit log of
        # their items cascade; their name on what they gave to others is set to NULL.
        user.delete()

    for prefix in prefixes:
        storage.delete_prefix(prefix)
