"""Writes for recordings: uploads, processing state, fragments and deletion."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.accounts.models import User
from videoklub.audit.models import Action
from videoklub.audit.services import audit_record
from videoklub.recordings import storage
from videoklub.recordings.models import Fragment, Recording, Upload
from videoklub.recordings.selectors import recording_has_source
from videoklub.recordings.signals import (
    anonymised_copy_discarding,
    class_group_changed,
    recording_filed,
)
from videoklub.recordings.uploads import check_room_for_copy

if TYPE_CHECKING:
    from videoklub.consent.models import ClassGroup
    from videoklub.cycles.models import Cycle


def _recording_remove(
    recording: Recording, *, actor: User | None, action: str, **details: Any
) -> None:
    """Delete `recording` and every file derived from it (original, rendition, poster,
    thumbnails, fragment exports, any upload parts); its owner's log gets `action` in the same
    transaction as the deletion."""
    upload = Upload.objects.filter(recording=recording).first()
    prefixes = [recording.prefix] + ([upload.prefix] if upload else [])
    with transaction.atomic():
        audit_record(actor=actor, action=action, item=recording, **details)
        if upload:
            upload.delete()
        recording.delete()
    for prefix in prefixes:
        storage.delete_prefix(prefix)


def recording_delete(*, recording: Recording, by: User) -> None:
    """Delete a recording with all its files and log DELETE by `by`: the owner's delete button,
    an administrator, or the owner erasing their account (whose log goes with them)."""
    _recording_remove(recording, actor=by, action=Action.DELETE)


def recording_expire(*, recording: Recording, deletion_date: date) -> None:
    """Delete a recording past its programme's retention, logged as RETENTION by no one."""
    _recording_remove(
        recording, actor=None, action=Action.RETENTION, deletion_date=deletion_date.isoformat()
    )


@transaction.atomic
def fragment_create(
    *, recording: Recording, author: User, title: str, reason: str, start: float, end: float
) -> Fragment:
    fragment = Fragment(
        recording=recording, created_by=author, title=title, reason=reason, start=start, end=end
    )
    fragment.full_clean()
    fragment.save()
    return fragment


@transaction.atomic
def fragment_export_queue(*, fragment: Fragment) -> Fragment:
    """Queue the fragment's own file (cut from the rendition); asking twice queues it once.

    Not an access of its own: sharing cuts the file for the audience and logs the share; the
    owner asking for a download goes through `fragment_export_request`.
    """
    from videoklub.recordings.tasks import export_fragment

    locked = Fragment.objects.select_for_update().select_related("recording").get(pk=fragment.pk)
    if not locked.recording.is_ready:
        raise ValidationError(_("The recording is not ready yet: try again when it can be played."))
    if locked.export_status in (Fragment.ExportStatus.QUEUED, Fragment.ExportStatus.PROCESSING):
        return locked
    if locked.export_status == Fragment.ExportStatus.READY and locked.export:
        return locked
    check_room_for_copy(locked)
    locked.export_status = Fragment.ExportStatus.QUEUED
    locked.export_error = ""
    locked.save(update_fields=["export_status", "export_error"])
    transaction.on_commit(lambda: export_fragment.enqueue(locked.pk))
    return locked


@transaction.atomic
def fragment_export_request(*, fragment: Fragment, by: User) -> Fragment:
    """`by` asks for a downloadable file of the fragment: queue it (once) and log EXPORT."""
    locked = fragment_export_queue(fragment=fragment)
    audit_record(actor=by, action=Action.EXPORT, item=locked)
    return locked


def fragment_delete(*, fragment: Fragment, by: User) -> None:
    """Delete a fragment with its files (the export and the anonymised copy) and log DELETE by
    `by` for its owner: the owner's delete button or an administrator."""
    # The files as stored now: a task may have finished since `fragment` was read.
    fragment.refresh_from_db(fields=["export", "anonymised"])
    names = [f.name for f in (fragment.export, fragment.anonymised) if f]
    with transaction.atomic():
        audit_record(actor=by, action=Action.DELETE, item=fragment)
        fragment.delete()
    for name in names:
        storage.storage().delete(name)


_ANONYMISATION_FIELDS = [
    "anonymised",
    "anonymised_size",
    "anonymisation_status",
    "anonymisation_progress",
    "anonymisation_error",
    "faces_found",
    "anonymisation_approved_at",
]


@transaction.atomic
def fragment_anonymise_request(*, fragment: Fragment) -> Fragment:
    """Queue a copy of the fragment with the faces blurred; asking twice queues it once.

    A copy waiting for review or approved stays as it is: discard it first to make a new one.
    """
    from videoklub.recordings.tasks import anonymise_fragment

    locked = Fragment.objects.select_for_update().select_related("recording").get(pk=fragment.pk)
    if not locked.recording.is_ready:
        raise ValidationError(_("The recording is not ready yet: try again when it can be played."))
    if locked.anonymisation_status not in (
        Fragment.Anonymisation.NONE,
        Fragment.Anonymisation.FAILED,
    ):
        return locked
    check_room_for_copy(locked)
    locked.anonymisation_status = Fragment.Anonymisation.QUEUED
    locked.anonymisation_progress = 0
    locked.anonymisation_error = ""
    locked.faces_found = 0
    locked.anonymisation_approved_at = None
    locked.save(update_fields=_ANONYMISATION_FIELDS)
    transaction.on_commit(lambda: anonymise_fragment.enqueue(locked.pk))
    return locked


@transaction.atomic
def fragment_anonymisation_approve(*, fragment: Fragment, by: User) -> Fragment:
    """The teacher watched the blurred copy and vouches for it: it may now be shared with
    audiences the pupils' consent does not cover. Only a copy waiting for review."""
    locked = Fragment.objects.select_for_update().select_related("recording").get(pk=fragment.pk)
    if locked.anonymisation_status != Fragment.Anonymisation.REVIEW or not locked.anonymised:
        raise ValidationError(
            _("Only a blurred version that is waiting for your review can be approved.")
        )
    locked.anonymisation_status = Fragment.Anonymisation.APPROVED
    locked.anonymisation_approved_at = timezone.now()
    locked.save(update_fields=["anonymisation_status", "anonymisation_approved_at"])
    audit_record(actor=by, action=Action.ANONYMISE, item=locked, faces_found=locked.faces_found)
    return locked


def fragment_anonymisation_discard(*, fragment: Fragment, by: User | None = None) -> int:
    """Throw the blurred copy away (or stop one being made) and go back to none.

    An approved copy may be what active anonymised shares show: those shares are revoked
    first. Returns how many were revoked, so the teacher can be told.
    """
    with transaction.atomic():
        locked = (
            Fragment.objects.select_for_update().select_related("recording").get(pk=fragment.pk)
        )
        name = locked.anonymised.name if locked.anonymised else ""
        # The sharing app takes the shares of this copy down (and says how many).
        answers = anonymised_copy_discarding.send(sender=Fragment, fragment=locked, by=by)
        revoked = sum(cast(int, count) for _receiver, count in answers)
        locked.anonymised = ""
        locked.anonymised_size = 0
        locked.anonymisation_status = Fragment.Anonymisation.NONE
        locked.anonymisation_progress = 0
        locked.anonymisation_error = ""
        locked.faces_found = 0
        locked.anonymisation_approved_at = None
        locked.save(update_fields=_ANONYMISATION_FIELDS)
    # After the commit: a rollback must not leave a row that names a deleted file. A task
    # still running finds the status changed and deletes what it made itself.
    if name:
        storage.storage().delete(name)
    fragment.refresh_from_db()
    return revoked


@transaction.atomic
def recording_retry(*, recording: Recording) -> bool:
    """Process a failed recording again from its kept original; False if there is none."""
    from videoklub.recordings.tasks import process_recording

    locked = Recording.objects.select_for_update().get(pk=recording.pk)
    if locked.status != Recording.Status.FAILED or not recording_has_source(locked):
        return False
    locked.status = Recording.Status.QUEUED
    locked.progress = 0
    locked.processing_attempts = 0
    locked.error_code = ""
    locked.error_message = ""
    locked.save(
        update_fields=["status", "progress", "processing_attempts", "error_code", "error_message"]
    )
    transaction.on_commit(lambda: process_recording.enqueue(locked.pk))
    return True


@transaction.atomic
def recording_class_group_set(*, recording: Recording, class_group: ClassGroup | None) -> Recording:
    """Which class group is in the recording (None: not said). The caller checked that the
    owner may manage the class group's consent."""
    if recording.class_group_id != (class_group.pk if class_group else None):
        recording.class_group = class_group
        recording.save(update_fields=["class_group"])
        # Shares made under the old answer may not hold for this class group.
        class_group_changed.send(sender=Recording, recording=recording, by=recording.owner)
    return recording


@transaction.atomic
def recording_cycle_set(*, recording: Recording, cycle: Cycle, by: User) -> Recording:
    """File the recording under a development cycle. The caller (the cycles app) checked that
    the cycle is the owner's and open; the cycle is told, to move on to analysing."""
    if recording.owner_id != by.pk:
        raise ValidationError(_("Only the teacher who filmed this can file it under a cycle."))
    if recording.cycle_id != cycle.pk:
        recording.cycle = cycle
        recording.save(update_fields=["cycle"])
    recording_filed.send(sender=Recording, recording=recording, by=by)
    return recording
