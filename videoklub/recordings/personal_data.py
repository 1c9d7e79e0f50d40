"""A person's recordings in their data: the videos and fragments in the export (with the
files), and deleting every recording and upload with its files on erasure."""

from __future__ import annotations

import os
import shutil
import zipfile
from typing import TYPE_CHECKING

from django.utils import timezone

from videoklub.core.personal_data import Contributor, ExportPart, register
from videoklub.recordings import storage
from videoklub.recordings.models import Recording, Upload
from videoklub.recordings.services import recording_delete
from videoklub.recordings.uploads import safe_filename

if TYPE_CHECKING:
    from videoklub.accounts.models import User

COPY_BLOCK = 4 * 1024 * 1024


def _copy_stored(zf: zipfile.ZipFile, stored_name: str, arcname: str) -> bool:
    """Stream a stored file into the zip without compression (video does not compress) and
    without holding it in memory; False when it is missing."""
    store = storage.storage()
    if not stored_name or not store.exists(stored_name):
        return False
    info = zipfile.ZipInfo(arcname, date_time=timezone.localtime().timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED
    with store.open(stored_name, "rb") as source, zf.open(info, "w", force_zip64=True) as target:
        shutil.copyfileobj(source, target, length=COPY_BLOCK)
    return True


def _folder(recording: Recording) -> str:
    title = safe_filename(recording.title, max_length=60)
    return f"opnames/{recording.created_at:%Y-%m-%d} {title} ({str(recording.uuid)[:8]})"


def _recordings(user: User, zf: zipfile.ZipFile) -> list[dict]:
    entries = []
    recordings = (
        Recording.objects.filter(owner=user)
        .select_related("klub", "cycle")
        .prefetch_related("fragments")
        .order_by("created_at")
    )
    for recording in recordings:
        folder = _folder(recording)
        video = None
        if recording.rendition and _copy_stored(
            zf, recording.rendition.name, f"{folder}/video.mp4"
        ):
            video = f"{folder}/video.mp4"
        elif recording.original:
            extension = os.path.splitext(recording.original.name)[1] or ".bin"
            if _copy_stored(zf, recording.original.name, f"{folder}/origineel{extension}"):
                video = f"{folder}/origineel{extension}"
        fragments = []
        for fragment in recording.fragments.all():
            file = None
            arcname = f"{folder}/fragment-{fragment.pk}.mp4"
            if fragment.export and _copy_stored(zf, fragment.export.name, arcname):
                file = arcname
            fragments.append(
                {
                    "id": fragment.pk,
                    "titel": fragment.title,
                    "waarom": fragment.get_reason_display(),
                    "begin_seconden": fragment.start,
                    "einde_seconden": fragment.end,
                    "gemaakt_op": fragment.created_at,
                    "bestand": file,
                }
            )
        entries.append(
            {
                "id": str(recording.uuid),
                "titel": recording.title,
                "toegevoegd_op": recording.created_at,
                "bestandsnaam": recording.original_filename,
                "duur_seconden": recording.duration,
                "klub": recording.klub.name if recording.klub else None,
                "cyclus": recording.cycle.number if recording.cycle else None,
                "bestand": video,
                "fragmenten": fragments,
            }
        )
    return entries


def _erase_recordings(user: User) -> None:
    # One by one, each with its files; logged as the person's own delete, in the log that goes
    # with them.
    for recording in Recording.objects.filter(owner=user):
        recording_delete(recording=recording, by=user)


def _erase_uploads(user: User) -> list[str]:
    prefixes = []
    for upload in Upload.objects.filter(owner=user):
        prefixes.append(upload.prefix)
        upload.delete()
    return prefixes


register(
    Contributor(
        app="recordings",
        deleted=("recordings.Recording.owner", "recordings.Upload.owner"),
        anonymised=("recordings.Fragment.created_by",),
        exports=(ExportPart("opnames.json", _recordings, order=20),),
        erase_first=_erase_recordings,
        erase=_erase_uploads,
    )
)
