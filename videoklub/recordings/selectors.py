"""Reads of recordings, always for a user and checked by the policy.

The `*_for_viewing`, `*_for_playback` and `*_for_download` helpers are what views use to show,
play or download an item: they check access and write the owner's audit log in one place, so a
view cannot forget the entry (a test keeps `audit_record`/`audit_view` out of every view).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from videoklub import policy
from videoklub.audit.models import Action
from videoklub.audit.services import audit_record, audit_view
from videoklub.recordings.models import Fragment, Recording, Upload

if TYPE_CHECKING:
    from uuid import UUID

    from django.db.models.fields.files import FieldFile

    from videoklub.accounts.models import User


def recording_get_for_user(
    user: User, recording_uuid: UUID, *, action: str = "view_recording"
) -> Recording:
    recording = get_object_or_404(
        Recording.objects.select_related("owner", "klub", "cycle", "class_group"),
        uuid=recording_uuid,
    )
    _refuse_lost_access(user, recording, "view_recording")
    policy.authorize(user, action, recording, hide_as="view_recording")
    return recording


def _refuse_lost_access(user: User, item, action: str) -> None:
    """Someone whose share was revoked or ran out hears that (403), rather than a 404 that
    would suggest the item never existed."""
    if not policy.can(user, action, item) and policy.can(user, "was_shared_with", item):
        raise PermissionDenied(_("This is no longer shared with you."))


def fragment_get_for_user(
    user: User, recording_uuid: UUID, pk: int, *, action: str = "view_recording"
) -> Fragment:
    fragment = get_object_or_404(
        Fragment.objects.select_related("recording__owner"),
        pk=pk,
        recording__uuid=recording_uuid,
    )
    policy.authorize(user, action, fragment.recording, hide_as="view_recording")
    return fragment


def visible_fragment_get_for_user(
    user: User, recording_uuid: UUID, pk: int, *, action: str = "view_fragment"
) -> Fragment:
    """A fragment its owner or the audience of an active share may see (and act on)."""
    fragment = get_object_or_404(
        Fragment.objects.select_related("recording__owner", "recording__klub"),
        pk=pk,
        recording__uuid=recording_uuid,
    )
    _refuse_lost_access(user, fragment, "view_fragment")
    policy.authorize(user, action, fragment, hide_as="view_fragment")
    return fragment


def recording_for_viewing(user: User, recording_uuid: UUID) -> Recording:
    """The recording page: `recording_get_for_user`, logged as a view (once an hour)."""
    recording = recording_get_for_user(user, recording_uuid)
    audit_view(actor=user, item=recording, page="recording")
    return recording


def recording_for_playback(
    user: User, recording_uuid: UUID, *, starts_playback: bool
) -> Recording | None:
    """The recording whose rendition `user` may play, None while it has none (404). Logged as
    STREAM when this request starts playback (`streaming.starts_playback`), not for every Range
    request that follows while seeking."""
    recording = recording_get_for_user(user, recording_uuid)
    if not recording.rendition:
        return None
    if starts_playback:
        audit_record(actor=user, action=Action.STREAM, item=recording)
    return recording


def fragment_for_viewing(
    user: User, recording_uuid: UUID, pk: int, *, page: str, action: str = "view_fragment"
) -> Fragment:
    """A page showing the fragment (or its annotations, `page`) to its owner or audience:
    `visible_fragment_get_for_user`, logged as a view (once an hour)."""
    fragment = visible_fragment_get_for_user(user, recording_uuid, pk, action=action)
    audit_view(actor=user, item=fragment, page=page)
    return fragment


def fragment_video_for_playback(
    user: User, recording_uuid: UUID, pk: int, *, starts_playback: bool
) -> FieldFile | None:
    """The fragment's own video file for its owner or audience, None while it is not ready
    (404). Whom the pupils' consent does not cover gets the faces-blurred copy only. Logged as
    STREAM when this request starts playback."""
    fragment = visible_fragment_get_for_user(user, recording_uuid, pk)
    if not policy.can(user, "view_fragment_unblurred", fragment):
        file = fragment.anonymised
        ready = fragment.anonymisation_status == Fragment.Anonymisation.APPROVED and bool(file)
    else:
        file = fragment.export
        ready = fragment.export_status == Fragment.ExportStatus.READY and bool(file)
    if not ready:
        return None
    if starts_playback:
        audit_record(actor=user, action=Action.STREAM, item=fragment)
    return file


def fragment_for_download(user: User, recording_uuid: UUID, pk: int) -> Fragment | None:
    """The fragment whose downloadable file `user` may take, None while it is not ready (404).
    Logged as DOWNLOAD."""
    fragment = fragment_get_for_user(user, recording_uuid, pk)
    if fragment.export_status != Fragment.ExportStatus.READY or not fragment.export:
        return None
    audit_record(actor=user, action=Action.DOWNLOAD, item=fragment)
    return fragment


def recording_has_source(recording: Recording) -> bool:
    """Whether the file the recording was made from is still there to process again: the
    original, or an upload whose bytes all arrived. A file refused at its first bytes (not a
    video) was never kept, so trying again cannot work."""
    if recording.original:
        return True
    upload = Upload.objects.filter(recording=recording).first()
    return upload is not None and upload.is_complete


def recordings_of_owner(user: User) -> QuerySet[Recording]:
    return Recording.objects.filter(owner=user).select_related("klub").order_by("-created_at")
