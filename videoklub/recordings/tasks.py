"""Background work on recordings. Every task takes ids, claims its row and can run again:
a task delivered twice, or re-queued after a worker was killed, finishes the job once."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from videoklub import media
from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify
from videoklub.recordings import storage
from videoklub.recordings.models import Fragment, Recording, Upload
from videoklub.recordings.uploads import upload_parts

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 3


def _stale_before() -> datetime:
    return timezone.now() - timedelta(seconds=settings.RECORDING_STALE_SECONDS)


def _abandoned() -> Q:
    """Processing that stopped: a failed attempt (no heartbeat) or a killed worker (old one)."""
    return Q(status=Recording.Status.PROCESSING) & (
        Q(processing_heartbeat_at__isnull=True) | Q(processing_heartbeat_at__lt=_stale_before())
    )


def _claim_recording(recording_id: int) -> Recording | None:
    """Move a queued (or abandoned) recording to processing; None if someone else has it."""
    now = timezone.now()
    claimed = (
        Recording.objects.filter(pk=recording_id)
        .filter(Q(status=Recording.Status.QUEUED) | _abandoned())
        .update(
            status=Recording.Status.PROCESSING,
            processing_attempts=F("processing_attempts") + 1,
            processing_heartbeat_at=now,
            progress=0,
        )
    )
    return Recording.objects.filter(pk=recording_id).first() if claimed else None


class _Progress:
    """Writes progress and a heartbeat at most once a second."""

    def __init__(self, recording: Recording, start: int, end: int) -> None:
        self.recording, self.start, self.end = recording, start, end
        self.last = 0.0

    def __call__(self, fraction: float) -> None:
        now = time.monotonic()
        if now - self.last < 1.0 and fraction < 1:
            return
        self.last = now
        percent = self.start + round((self.end - self.start) * max(0.0, min(1.0, fraction)))
        Recording.objects.filter(pk=self.recording.pk).update(
            progress=percent, processing_heartbeat_at=timezone.now()
        )


def _assemble_original(recording: Recording, workdir: str) -> str:
    """Join the upload's parts into the stored original (once); returns a local path."""
    if recording.original and storage.storage().exists(recording.original.name):
        return ""
    upload = Upload.objects.filter(recording=recording).first()
    if upload is None or not upload.is_complete:
        raise media.MediaError("unreadable", _("The upload of this recording is incomplete."))
    path = os.path.join(workdir, "original")
    with open(path, "wb") as target:
        for part in upload_parts(upload):
            with storage.storage().open(part, "rb") as source:
                shutil.copyfileobj(source, target, length=4 * 1024 * 1024)
    if os.path.getsize(path) != upload.length:
        raise media.MediaError("unreadable", _("The upload of this recording is incomplete."))
    try:
        kind = media.sniff(path)
    except media.MediaError:
        kind = "bin"
    name = f"{recording.prefix}original.{kind}"
    storage.save_file(name, path, move=True)
    Recording.objects.filter(pk=recording.pk).update(original=name)
    recording.original.name = name
    # Only now that the original is safely stored may the parts go.
    storage.delete_prefix(upload.prefix)
    # On object storage the local copy stays useful for processing; locally it was moved.
    return path if os.path.exists(path) else ""


def _fail(recording: Recording, error: media.MediaError) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        message = str(error.message)
    Recording.objects.filter(pk=recording.pk).update(
        status=Recording.Status.FAILED, error_code=error.code, error_message=message
    )
    _tell_owner(recording, Kind.RECORDING_FAILED)


def _tell_owner(recording: Recording, kind: str) -> None:
    notify(
        recipients=[recording.owner_id],
        kind=kind,
        url=reverse("recordings:detail", args=[recording.uuid]),
        # Once per outcome of a recording, however often a task is delivered.
        key=f"{kind}:{recording.pk}:{recording.processing_attempts}",
    )


@task()
def process_recording(recording_id: int) -> None:
    """Probe, validate and make the browser rendition, poster and thumbnail strip."""
    recording = _claim_recording(recording_id)
    if recording is None:
        return
    try:
        with tempfile.TemporaryDirectory(prefix="process-", dir=storage.incoming_dir()) as workdir:
            source = _assemble_original(recording, workdir)
            with (
                storage.local_copy(recording.original.name)
                if not source
                else contextlib.nullcontext(source)
            ) as source_path:
                _process(recording, source_path, workdir)
    except media.MediaError as error:
        _fail(recording, error)
    except Exception:
        logger.exception("processing recording %s failed", recording_id)
        if recording.processing_attempts >= MAX_ATTEMPTS:
            _fail(
                recording,
                media.MediaError(
                    "unreadable",
                    _("This video could not be processed. Try again or upload it anew."),
                ),
            )
        else:
            # No heartbeat marks it abandoned: the recovery sweep queues another attempt.
            Recording.objects.filter(pk=recording.pk).update(processing_heartbeat_at=None)
        raise


def _process(recording: Recording, source: str, workdir: str) -> None:
    result = media.probe(source)
    media.validate(result, max_duration=settings.RECORDING_MAX_DURATION_MINUTES * 60)
    Recording.objects.filter(pk=recording.pk).update(
        container=result.container[:100],
        duration=result.duration,
        width=result.width,
        height=result.height,
        frame_rate=result.frame_rate,
        variable_frame_rate=result.variable_frame_rate,
        video_codec=result.video_codec[:40],
        audio_codec=result.audio_codec[:40],
        rotation=result.rotation,
        progress=5,
    )
    rendition = os.path.join(workdir, "rendition.mp4")
    method = media.make_rendition(
        source,
        rendition,
        result,
        max_height=settings.RENDITION_MAX_HEIGHT,
        progress=_Progress(recording, 5, 99),
    )
    name = storage.save_file(f"{recording.prefix}rendition.mp4", rendition, move=True)
    # Playable now: the teacher need not wait for the pictures below.
    Recording.objects.filter(pk=recording.pk).update(
        rendition=name,
        rendition_method=method,
        rendition_size=storage.storage().size(name),
        status=Recording.Status.READY,
        progress=100,
        error_code="",
        error_message="",
        processed_at=timezone.now(),
    )
    _tell_owner(recording, Kind.RECORDING_READY)
    playable = storage.local_path(name) or rendition  # moved locally, still here otherwise
    try:
        _pictures(recording, playable, result.duration, workdir)
    except Exception:
        # A missing poster or timeline strip is a blemish, not a reason to fail the video.
        logger.exception("pictures for recording %s failed", recording.pk)


def _pictures(recording: Recording, rendition: str, duration: float, workdir: str) -> None:
    poster = os.path.join(workdir, "poster.jpg")
    media.make_poster(rendition, poster, at=min(duration / 3, 10.0))
    sprite = os.path.join(workdir, "thumbnails.jpg")
    count, interval = media.make_thumbnail_sprite(rendition, sprite, duration=duration)
    Recording.objects.filter(pk=recording.pk).update(
        poster=storage.save_file(f"{recording.prefix}poster.jpg", poster, move=True),
        thumbnails=storage.save_file(f"{recording.prefix}thumbnails.jpg", sprite, move=True),
        thumbnail_count=count,
        thumbnail_interval=interval,
    )


@task()
def export_fragment(fragment_id: int) -> None:
    """Cut the fragment out of the rendition into a file of its own."""
    claimed = Fragment.objects.filter(
        pk=fragment_id, export_status=Fragment.ExportStatus.QUEUED
    ).update(export_status=Fragment.ExportStatus.PROCESSING, work_heartbeat_at=timezone.now())
    if not claimed:
        return
    fragment = Fragment.objects.select_related("recording").get(pk=fragment_id)
    recording = fragment.recording
    try:
        with (
            tempfile.TemporaryDirectory(prefix="fragment-", dir=storage.incoming_dir()) as workdir,
            storage.local_copy(recording.rendition.name, suffix=".mp4") as source,
        ):
            target = os.path.join(workdir, "fragment.mp4")
            method = media.export_fragment(source, target, start=fragment.start, end=fragment.end)
            name = storage.save_file(
                f"{recording.prefix}fragments/{fragment.pk}.mp4", target, move=True
            )
    except Exception as error:
        message = (
            error.message
            if isinstance(error, media.MediaError)
            else _("The fragment could not be exported. Try again.")
        )
        with translation.override(settings.LANGUAGE_CODE):
            Fragment.objects.filter(pk=fragment_id).update(
                export_status=Fragment.ExportStatus.FAILED, export_error=str(message)
            )
        raise
    Fragment.objects.filter(pk=fragment_id).update(
        export=name,
        export_size=storage.storage().size(name),
        export_method=method,
        export_status=Fragment.ExportStatus.READY,
    )


class _AnonymisationProgress:
    """Writes a fragment's anonymisation progress at most once a second."""

    def __init__(self, fragment_id: int) -> None:
        self.fragment_id = fragment_id
        self.last = 0.0

    def __call__(self, fraction: float) -> None:
        now = time.monotonic()
        if now - self.last < 1.0 and fraction < 1:
            return
        self.last = now
        Fragment.objects.filter(
            pk=self.fragment_id, anonymisation_status=Fragment.Anonymisation.PROCESSING
        ).update(
            anonymisation_progress=round(99 * max(0.0, min(1.0, fraction))),
            work_heartbeat_at=timezone.now(),
        )


def anonymised_name(fragment: Fragment) -> str:
    return f"{fragment.recording.prefix}fragments/{fragment.pk}-anonymised.mp4"


@task()
def anonymise_fragment(fragment_id: int) -> None:
    """Blur the faces in a fragment into a copy the teacher reviews before it may be shared.

    Safe to run twice: only a queued fragment is claimed, so a second delivery finds nothing to
    do; the copy is stored under a fixed name (a retry replaces it); and the result is kept
    only if the fragment is still being processed at the end (the teacher may have discarded
    the request, or deleted the fragment, meanwhile).
    """
    # OpenCV and numpy load only in the worker, not in every web process.
    from videoklub.recordings import anonymise

    claimed = Fragment.objects.filter(
        pk=fragment_id, anonymisation_status=Fragment.Anonymisation.QUEUED
    ).update(
        anonymisation_status=Fragment.Anonymisation.PROCESSING,
        anonymisation_progress=0,
        anonymisation_error="",
        work_heartbeat_at=timezone.now(),
    )
    if not claimed:
        return
    fragment = Fragment.objects.select_related("recording").get(pk=fragment_id)
    try:
        with tempfile.TemporaryDirectory(prefix="anonymise-", dir=storage.incoming_dir()) as work:
            target = os.path.join(work, "anonymised.mp4")
            with _fragment_source(fragment, work) as source:
                faces = anonymise.blur_faces(
                    source, target, progress=_AnonymisationProgress(fragment_id)
                )
            name = storage.save_file(anonymised_name(fragment), target, move=True)
    except Exception as error:
        expected = isinstance(error, media.MediaError)
        message = (
            error.message
            if isinstance(error, media.MediaError)
            else _("The faces in this fragment could not be blurred. Try again.")
        )
        with translation.override(settings.LANGUAGE_CODE):
            Fragment.objects.filter(
                pk=fragment_id, anonymisation_status=Fragment.Anonymisation.PROCESSING
            ).update(
                anonymisation_status=Fragment.Anonymisation.FAILED,
                anonymisation_error=str(message),
            )
        if expected:
            return  # the teacher reads why; nothing for the logs
        raise
    kept = Fragment.objects.filter(
        pk=fragment_id, anonymisation_status=Fragment.Anonymisation.PROCESSING
    ).update(
        anonymised=name,
        anonymised_size=storage.storage().size(name),
        anonymisation_status=Fragment.Anonymisation.REVIEW,
        anonymisation_progress=100,
        faces_found=faces,
    )
    if not kept:
        storage.storage().delete(name)


@contextlib.contextmanager
def _fragment_source(fragment: Fragment, workdir: str) -> Iterator[str]:
    """A local file of just the fragment: its export when there is one, else cut anew."""
    if fragment.export_status == Fragment.ExportStatus.READY and fragment.export:
        with storage.local_copy(fragment.export.name, suffix=".mp4") as path:
            yield path
        return
    cut = os.path.join(workdir, "fragment.mp4")
    with storage.local_copy(fragment.recording.rendition.name, suffix=".mp4") as rendition:
        media.export_fragment(rendition, cut, start=fragment.start, end=fragment.end)
    yield cut


def recover_stalled_recordings() -> int:
    """Queue again what a killed or failing worker left behind; give up after MAX_ATTEMPTS."""
    abandoned = Recording.objects.filter(_abandoned())
    for recording in abandoned.filter(processing_attempts__gte=MAX_ATTEMPTS):
        _fail(
            recording,
            media.MediaError(
                "unreadable", _("This video could not be processed. Try again or upload it anew.")
            ),
        )
    count = 0
    for recording_id in abandoned.values_list("pk", flat=True):
        process_recording.enqueue(recording_id)
        count += 1
    return count


# An export writes its heartbeat once, when it starts (media.export_fragment reports no
# progress): it is given far longer than the blurring, which writes one every second.
EXPORT_STALE_FACTOR = 10


def recover_stalled_fragments() -> int:
    """Queue again the exports and anonymisations of fragments whose worker was killed."""
    now = timezone.now()
    stale = timedelta(seconds=settings.RECORDING_STALE_SECONDS)
    exports = Fragment.objects.filter(
        export_status=Fragment.ExportStatus.PROCESSING,
    ).filter(
        Q(work_heartbeat_at__isnull=True)
        | Q(work_heartbeat_at__lt=now - stale * EXPORT_STALE_FACTOR)
    )
    blurring = Fragment.objects.filter(
        anonymisation_status=Fragment.Anonymisation.PROCESSING,
    ).filter(Q(work_heartbeat_at__isnull=True) | Q(work_heartbeat_at__lt=now - stale))
    count = 0
    for fragment_id in list(exports.values_list("pk", flat=True)):
        # Only from PROCESSING: a worker that finished meanwhile keeps its result.
        if Fragment.objects.filter(
            pk=fragment_id, export_status=Fragment.ExportStatus.PROCESSING
        ).update(export_status=Fragment.ExportStatus.QUEUED):
            export_fragment.enqueue(fragment_id)
            count += 1
    for fragment_id in list(blurring.values_list("pk", flat=True)):
        if Fragment.objects.filter(
            pk=fragment_id, anonymisation_status=Fragment.Anonymisation.PROCESSING
        ).update(anonymisation_status=Fragment.Anonymisation.QUEUED):
            anonymise_fragment.enqueue(fragment_id)
            count += 1
    return count


def cleanup_expired_uploads() -> int:
    """Delete uploads abandoned past their expiry, with their parts and unfinished recording."""
    from videoklub.recordings.uploads import upload_terminate

    count = 0
    for upload in Upload.objects.filter(
        completed_at__isnull=True, expires_at__lt=timezone.now()
    ).select_related("recording"):
        upload_terminate(upload=upload)
        count += 1
    return count
