"""Uploads (the tus protocol's writes): creating an upload within the quotas and limits,
receiving its bytes durably in parts, completing and terminating it. The protocol itself (the
headers) is in tus.py; the recording an upload becomes, in services.py."""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import os
import re
import tempfile
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from videoklub.accounts.models import User
from videoklub.organisations.models import School
from videoklub.recordings import quotas, storage
from videoklub.recordings.models import Fragment, Recording, Upload
from videoklub.recordings.signals import recording_filed

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    from videoklub.consent.models import ClassGroup
    from videoklub.cycles.models import Cycle
    from videoklub.organisations.models import Klub


# A PATCH holds its upload for this long, renewed while bytes keep arriving.
UPLOAD_LOCK = timedelta(seconds=60)


READ_BLOCK = 4 * 1024 * 1024


CHECKSUM_ALGORITHMS = {"md5": hashlib.md5, "sha1": hashlib.sha1, "sha256": hashlib.sha256}


class UploadError(Exception):
    """A request the tus endpoint refuses; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str | StrPromise) -> None:
        super().__init__(str(message))
        self.status = status
        self.message = message


def safe_filename(name: str, *, max_length: int = 120) -> str:
    """A display name without paths, control characters or surprises; keeps unicode letters."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", name).strip(" .")
    if len(name) > max_length:
        stem, ext = os.path.splitext(name)
        ext = ext[:10]
        name = stem[: max_length - len(ext)].rstrip() + ext
    return name or "video"


def _printable(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc")


def parse_metadata(header: str) -> dict[str, str]:
    """tus Upload-Metadata: comma-separated `key base64value` pairs."""
    metadata: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in header.split(","))):
        key, _sep, value = item.partition(" ")
        if not key or key in metadata:
            raise UploadError(400, _("The upload's metadata cannot be read."))
        try:
            metadata[key] = base64.b64decode(value, validate=True).decode("utf-8") if value else ""
        except (binascii.Error, UnicodeDecodeError) as error:
            raise UploadError(400, _("The upload's metadata cannot be read.")) from error
    return metadata


def _check_length(length: int) -> None:
    if length > settings.UPLOAD_MAX_BYTES:
        raise UploadError(
            413,
            _("This file is too large: the maximum is %(max)s GB.")
            % {"max": formats.number_format(round(settings.UPLOAD_MAX_BYTES / 1024**3, 1), 1)},
        )
    if length <= 0:
        raise UploadError(400, _("This file is empty. Choose a video file."))


def _gigabytes(usage: quotas.Usage) -> dict[str, str]:
    """Used and quota as the reader writes numbers (16,5 in Dutch). Rounded first: Django's
    number_format cuts a float's decimals (0.89 GB would read "0,8")."""
    return {
        "used": formats.number_format(round(usage.used_gb, 1), 1),
        "quota": formats.number_format(usage.quota_gb, 0),
    }


def _check_room(*, owner: User, klub: Klub | None, adding: int) -> int | None:
    """Refuse (413) `adding` more bytes when they do not fit the owner's or the school's quota;
    else the room that is left after them (None: no quota applies).

    The caller holds the locks of _lock_quotas, so two uploads cannot both take the last room.
    """
    room: list[int] = []
    usage = quotas.teacher_usage(owner)
    if usage.free is not None and adding > usage.free:
        raise UploadError(
            413,
            _(
                "There is not enough storage space left for this: you use %(used)s GB of your "
                "%(quota)s GB. Delete recordings you no longer need, or ask your project staff "
                "for more space."
            )
            % _gigabytes(usage),
        )
    if usage.free is not None:
        room.append(usage.free - adding)
    if klub is None:
        return min(room, default=None)
    usage = quotas.school_usage(klub.school)
    if usage.free is not None and adding > usage.free:
        raise UploadError(
            413,
            _(
                "Your school does not have enough storage space left for this: it uses "
                "%(used)s GB of its %(quota)s GB. Ask your coach or project staff to make room."
            )
            % _gigabytes(usage),
        )
    if usage.free is not None:
        room.append(usage.free - adding)
    return min(room, default=None)


def _lock_quotas(owner: User, klub: Klub | None) -> None:
    """Lock the owner's row, then the school's (always in this order), for a quota check and
    the write it allows. On SQLite the IMMEDIATE transaction has locked the database already."""
    User.objects.select_for_update().filter(pk=owner.pk).first()
    if klub is not None:
        School.objects.select_for_update().filter(pk=klub.school_id).first()


def check_room_for_copy(fragment: Fragment) -> None:
    """A fragment's export or blurred copy counts for the quotas too. Each is cut from the
    rendition, so its size is about the rendition's share of the fragment's duration; without
    this check, fragments spanning a whole lesson could copy it without end."""
    recording = fragment.recording
    owner = User.objects.get(pk=recording.owner_id)
    estimate = 0
    if recording.duration:
        estimate = int(recording.rendition_size * min(1.0, fragment.duration / recording.duration))
    _lock_quotas(owner, recording.klub)
    try:
        _check_room(owner=owner, klub=recording.klub, adding=estimate)
    except UploadError as error:
        raise ValidationError(error.message) from error


def _check_unfinished(owner: User) -> None:
    count = quotas.unfinished_uploads(owner)
    if count >= settings.UPLOAD_MAX_UNFINISHED:
        raise UploadError(
            429,
            ngettext(
                "You already have %(count)d unfinished upload. Let it finish, or delete it from "
                "your recordings, before you start another one.",
                "You already have %(count)d unfinished uploads. Let one finish, or delete it "
                "from your recordings, before you start another one.",
                count,
            )
            % {"count": count},
        )


def _title_from(filename: str) -> str:
    stem = os.path.splitext(filename)[0].replace("_", " ").strip()
    return stem[:200] or str(_("Lesson recording"))


@transaction.atomic
def upload_create(
    *,
    owner: User,
    length: int | None,
    metadata: dict[str, str],
    klub: Klub | None = None,
    cycle: Cycle | None = None,
    class_group: ClassGroup | None = None,
) -> Upload:
    """Start a resumable upload and the recording it will become. `length` is None while a
    recording is still being filmed in the browser (tus creation-defer-length)."""
    if length is not None:
        _check_length(length)
    filename = safe_filename(metadata.get("filename") or metadata.get("name") or "")
    filetype = _printable(metadata.get("filetype") or metadata.get("type") or "")
    extension = os.path.splitext(filename)[1].lower().lstrip(".")
    # A first, cheap judgement on what the client says; the content decides at the first bytes.
    if extension:
        declared_video = extension in settings.UPLOAD_ALLOWED_EXTENSIONS
    else:
        declared_video = filetype.startswith("video/")
    if not declared_video:
        raise UploadError(
            415, _("Only video files can be uploaded (for example MP4 or MOV from a phone).")
        )
    title = _printable(metadata.get("title") or "").strip()[:200] or _title_from(filename)
    _lock_quotas(owner, klub)
    _check_unfinished(owner)
    if length is not None:
        _check_room(owner=owner, klub=klub, adding=length)
    recording = Recording.objects.create(
        owner=owner,
        klub=klub,
        cycle=cycle,
        class_group=class_group,
        title=title,
        original_filename=filename,
        original_size=length or 0,
    )
    return Upload.objects.create(
        owner=owner,
        klub=klub,
        length=length,
        filename=filename,
        filetype=filetype[:100],
        # Control characters go: PostgreSQL cannot even store a NUL in JSON.
        metadata={_printable(k)[:100]: _printable(v)[:500] for k, v in metadata.items()},
        expires_at=timezone.now() + timedelta(hours=settings.UPLOAD_EXPIRY_HOURS),
        recording=recording,
    )


def _claim(upload: Upload, offset: int) -> uuid.UUID:
    """Take the upload for one PATCH, or refuse: wrong offset or another PATCH is writing."""
    now = timezone.now()
    token = uuid.uuid4()
    claimed = (
        Upload.objects.filter(pk=upload.pk, offset=offset, completed_at__isnull=True)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=now + UPLOAD_LOCK, lock_token=token)
    )
    upload.refresh_from_db(fields=["offset", "length", "parts", "locked_until", "completed_at"])
    if not claimed:
        if upload.offset != offset:
            raise UploadError(
                409,
                _("The upload continues at byte %(offset)s, not %(sent)s.")
                % {"offset": upload.offset, "sent": offset},
            )
        raise UploadError(409, _("Another request is already sending this upload."))
    return token


def _release(upload: Upload, token: uuid.UUID) -> None:
    Upload.objects.filter(pk=upload.pk, lock_token=token).update(locked_until=None, lock_token=None)


@dataclass
class Received:
    path: str
    size: int
    complete: bool  # all announced bytes arrived (the client did not drop the connection)


def _receive(
    upload: Upload,
    token: uuid.UUID,
    offset: int,
    body: BinaryIO,
    content_length: int | None,
    checksum: str,
    ceiling: int | None = None,
) -> Received:
    """Stream the body to a temporary file, renewing the lock, verifying a checksum. A
    deferred-length upload stops at `ceiling` bytes, or else at the largest upload allowed."""
    if upload.length is not None:
        length = upload.length
    elif ceiling is not None:
        length = min(settings.UPLOAD_MAX_BYTES, ceiling)
    else:
        length = settings.UPLOAD_MAX_BYTES
    remaining = length - offset
    if content_length is not None and content_length > remaining:
        raise UploadError(413, _("The upload sends more bytes than it announced."))
    digest = None
    expected = b""
    if checksum:
        algorithm, _sep, encoded = checksum.partition(" ")
        if algorithm not in CHECKSUM_ALGORITHMS:
            raise UploadError(400, _("This checksum algorithm is not supported."))
        try:
            expected = base64.b64decode(encoded, validate=True)
        except binascii.Error as error:
            raise UploadError(400, _("The checksum cannot be read.")) from error
        digest = CHECKSUM_ALGORITHMS[algorithm]()
    limit = min(remaining, content_length) if content_length is not None else remaining
    size, last_renewal = 0, timezone.now()
    # Closed and removed by hand: the file outlives this function on success.
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
        prefix="upload-", dir=storage.incoming_dir(), delete=False
    )
    try:
        # The offset we acknowledge must survive a crash of this machine: on disk first.
        with handle, storage.DurableWriter(handle) as writer:
            while size < limit:
                try:
                    block = body.read(min(READ_BLOCK, limit - size))
                except OSError:  # the client went away mid-request
                    break
                if not block:
                    break
                writer.write(block)
                size += len(block)
                if digest is not None:
                    digest.update(block)
                if timezone.now() - last_renewal > UPLOAD_LOCK / 3:
                    last_renewal = timezone.now()
                    Upload.objects.filter(pk=upload.pk, lock_token=token).update(
                        locked_until=last_renewal + UPLOAD_LOCK
                    )
        complete = content_length is None or size == content_length
        if digest is not None and (not complete or digest.digest() != expected):
            # A partial or corrupted chunk is dropped whole: the client sends it again.
            raise UploadError(460, _("The data arrived damaged. It will be sent again."))
        return Received(handle.name, size, complete)
    except BaseException:
        os.unlink(handle.name)
        raise


def upload_append(
    *,
    upload: Upload,
    offset: int,
    body: BinaryIO,
    content_length: int | None,
    checksum: str = "",
    final_length: int | None = None,
) -> Upload:
    """Append one PATCH body at `offset`. Bytes that arrived before a dropped connection are
    kept, so the client resumes exactly where the data stopped. `final_length` announces the
    total size of a deferred-length upload (the end of an in-browser recording)."""
    token = _claim(upload, offset)
    try:
        if final_length is not None:
            _set_final_length(upload, final_length, offset + (content_length or 0))
        ceiling = None
        if upload.length is None:
            # Still being filmed: the bytes count as they come, and stop at the quota.
            ceiling = _deferred_ceiling(upload, offset, content_length)
        received = _receive(upload, token, offset, body, content_length, checksum, ceiling)
        part = f"{upload.prefix}part-{offset:015d}-{token.hex[:8]}"
        try:
            if received.size and offset == 0:
                _refuse_non_video(upload, received.path)
            if received.size:
                storage.save_file(part, received.path, move=True)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(received.path)
        if received.size:
            _commit_part(upload, token, offset, received.size, part)
        elif final_length is not None:
            # A last PATCH that only announces the length (an in-browser recording whose last
            # piece was already sent) may complete the upload without adding any bytes.
            _commit_length(upload, token, offset)
    finally:
        _release(upload, token)
    upload.refresh_from_db()
    return upload


def _commit_part(upload: Upload, token: uuid.UUID, offset: int, size: int, part: str) -> None:
    with transaction.atomic():
        committed = Upload.objects.filter(pk=upload.pk, lock_token=token, offset=offset).update(
            offset=offset + size,
            parts=[*upload.parts, part],
            expires_at=timezone.now() + timedelta(hours=settings.UPLOAD_EXPIRY_HOURS),
        )
        if committed:
            upload.refresh_from_db()
            if upload.is_complete:
                upload_complete(upload)
    if not committed:
        # This request took too long and another one has taken over: its bytes are not used.
        storage.storage().delete(part)
        raise UploadError(409, _("This upload was continued by another request."))


def _commit_length(upload: Upload, token: uuid.UUID, offset: int) -> None:
    """Complete an upload whose final length, just announced, equals the bytes already in."""
    with transaction.atomic():
        still_ours = Upload.objects.filter(
            pk=upload.pk, lock_token=token, offset=offset, completed_at__isnull=True
        ).exists()
        if still_ours:
            upload.refresh_from_db()
            if upload.is_complete:
                upload_complete(upload)


def _deferred_ceiling(upload: Upload, offset: int, content_length: int | None) -> int | None:
    """The most bytes a deferred-length upload may reach now; 413 when this PATCH would pass
    it. The upload's own bytes so far already count in the usage."""
    owner = User.objects.get(pk=upload.owner_id)
    adding = content_length or 0
    with transaction.atomic():
        _lock_quotas(owner, upload.klub)
        room = _check_room(owner=owner, klub=upload.klub, adding=adding)
    return None if room is None else offset + adding + room


def _set_final_length(upload: Upload, length: int, at_least: int) -> None:
    if upload.length is not None:
        if upload.length != length:
            raise UploadError(400, _("The upload's length cannot change."))
        return
    _check_length(length)
    if length < at_least:
        raise UploadError(400, _("The upload's length is smaller than the data sent."))
    owner = User.objects.get(pk=upload.owner_id)
    with transaction.atomic():
        # The bytes received so far count already; the rest of the announced length is new.
        _lock_quotas(owner, upload.klub)
        _check_room(owner=owner, klub=upload.klub, adding=length - upload.offset)
        Upload.objects.filter(pk=upload.pk).update(length=length)
        Recording.objects.filter(upload=upload).update(original_size=length)
    upload.length = length


def _refuse_non_video(upload: Upload, path: str) -> None:
    """Judge the first bytes by their content, never the name: a photo or a text renamed to
    .mp4 is refused at once instead of after the whole file has been sent."""
    from videoklub import media

    try:
        media.sniff(path)
    except media.MediaError as error:
        recording = upload.recording
        with transaction.atomic():
            upload.delete()
            if recording is not None:
                Recording.objects.filter(pk=recording.pk).update(
                    status=Recording.Status.FAILED,
                    error_code=error.code,
                    error_message=str(error.message),
                )
        raise UploadError(415, error.message) from error


def upload_parts(upload: Upload) -> list[str]:
    """The stored parts in byte order."""
    return list(upload.parts)


def upload_complete(upload: Upload) -> None:
    """All bytes are in: queue the recording for processing (assembly happens in the worker)."""
    from videoklub.recordings.tasks import process_recording

    now = timezone.now()
    Upload.objects.filter(pk=upload.pk).update(completed_at=now)
    upload.completed_at = now
    recording = upload.recording
    if recording is None:
        return
    Recording.objects.filter(pk=recording.pk).update(status=Recording.Status.QUEUED, progress=0)
    transaction.on_commit(lambda: process_recording.enqueue(recording.pk))
    if recording.cycle_id is not None:
        # Filmed for a cycle and all there: the cycle moves on to analysing (cycles listens).
        recording_filed.send(sender=Recording, recording=recording, by=upload.owner)


@transaction.atomic
def upload_terminate(*, upload: Upload) -> None:
    """tus termination: the client gives up; the parts and the unfinished recording go."""
    if upload.completed_at is not None:
        raise UploadError(409, _("This upload is complete; delete the recording instead."))
    recording = upload.recording
    prefix = upload.prefix
    upload.delete()
    if recording is not None and recording.status == Recording.Status.UPLOADING:
        recording.delete()
    transaction.on_commit(lambda: storage.delete_prefix(prefix))
