"""Processing of the kennisbank's videos, written as recordings.tasks.process_recording is:
the task takes an id, claims its row and can run again. A video delivered twice, or queued
again after a worker was killed, is processed once; a ready video is left alone."""

from __future__ import annotations

import logging
import os
import tempfile
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from videoklub import media
from videoklub.knowledge.models import KnowledgeVideo
from videoklub.recordings import storage

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
# An expert lesson runs longer than a teacher's fragment, but it is still one lesson.
MAX_DURATION = 2 * 60 * 60


def _stale_before() -> datetime:
    return timezone.now() - timedelta(seconds=settings.RECORDING_STALE_SECONDS)


def _abandoned() -> Q:
    """Processing that stopped: a failed attempt (no heartbeat) or a killed worker (old one)."""
    return Q(status=KnowledgeVideo.Status.PROCESSING) & (
        Q(processing_heartbeat_at__isnull=True) | Q(processing_heartbeat_at__lt=_stale_before())
    )


def _claim(video_id: int) -> KnowledgeVideo | None:
    """Move a queued (or abandoned) video to processing; None if it is ready, failed or taken.
    One UPDATE with the state in its WHERE: two workers cannot both win."""
    claimed = (
        KnowledgeVideo.objects.filter(pk=video_id)
        .filter(Q(status=KnowledgeVideo.Status.QUEUED) | _abandoned())
        .update(
            status=KnowledgeVideo.Status.PROCESSING,
            processing_attempts=F("processing_attempts") + 1,
            processing_heartbeat_at=timezone.now(),
        )
    )
    return KnowledgeVideo.objects.filter(pk=video_id).first() if claimed else None


def _heartbeat(video: KnowledgeVideo):
    last = [0.0]

    def beat(fraction: float) -> None:
        now = timezone.now().timestamp()
        if now - last[0] >= 1.0 or fraction >= 1:
            last[0] = now
            KnowledgeVideo.objects.filter(pk=video.pk).update(
                processing_heartbeat_at=timezone.now()
            )

    return beat


def _fail(video: KnowledgeVideo, message: object) -> None:
    # Stored in the platform's language: the editor reads it in Dutch whatever the worker's.
    with translation.override(settings.LANGUAGE_CODE):
        text = str(message)
    KnowledgeVideo.objects.filter(pk=video.pk).update(
        status=KnowledgeVideo.Status.FAILED, error_message=text, processing_heartbeat_at=None
    )


@task()
def process_knowledge_video(video_id: int) -> None:
    """Probe and validate the video, make its browser rendition and its poster."""
    video = _claim(video_id)
    if video is None:
        return  # ready, failed, or being processed by another worker: nothing to do
    try:
        with (
            tempfile.TemporaryDirectory(prefix="kb-video-", dir=storage.incoming_dir()) as work,
            storage.local_copy(video.original.name) as source,
        ):
            _process(video, source, work)
    except media.MediaError as error:
        _fail(video, error.message)
    except Exception:
        logger.exception("processing kennisbank video %s failed", video_id)
        if video.processing_attempts >= MAX_ATTEMPTS:
            _fail(video, _("This video could not be processed. Try again or upload it anew."))
        else:
            # No heartbeat marks it abandoned: `recover_stalled_knowledge_videos` retries it.
            KnowledgeVideo.objects.filter(pk=video.pk).update(processing_heartbeat_at=None)
        raise


def _process(video: KnowledgeVideo, source: str, work: str) -> None:
    result = media.probe(source)
    media.validate(result, max_duration=MAX_DURATION)
    rendition = os.path.join(work, "rendition.mp4")
    media.make_rendition(
        source, rendition, result, max_height=settings.RENDITION_MAX_HEIGHT,
        progress=_heartbeat(video),
    )  # fmt: skip
    poster = os.path.join(work, "poster.jpg")
    media.make_poster(rendition, poster, at=min(result.duration / 3, 10.0))
    # Stored under fixed names: a second run replaces them instead of adding copies.
    rendition_name = storage.save_file(f"{video.prefix}rendition.mp4", rendition, move=True)
    poster_name = storage.save_file(f"{video.prefix}poster.jpg", poster, move=True)
    KnowledgeVideo.objects.filter(pk=video.pk).update(
        rendition=rendition_name,
        poster=poster_name,
        duration=result.duration,
        width=result.width,
        height=result.height,
        status=KnowledgeVideo.Status.READY,
        error_message="",
        processing_heartbeat_at=None,
    )


def recover_stalled_knowledge_videos() -> int:
    """Queue again what a killed or failing worker left behind; give up after MAX_ATTEMPTS."""
    abandoned = KnowledgeVideo.objects.filter(_abandoned())
    for video in abandoned.filter(processing_attempts__gte=MAX_ATTEMPTS):
        _fail(video, _("This video could not be processed. Try again or upload it anew."))
    count = 0
    for video_id in abandoned.values_list("pk", flat=True):
        process_knowledge_video.enqueue(video_id)
        count += 1
    return count
