"""Writes of the kennisbank's videos: adding a video file, replacing its subtitles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from videoklub.knowledge import vtt
from videoklub.knowledge.models import KnowledgeVideo, VideoWatch
from videoklub.knowledge.tasks import process_knowledge_video

if TYPE_CHECKING:
    from videoklub.accounts.models import User


def subtitles_check(file: UploadedFile | ContentFile) -> bytes:
    """The bytes of an uploaded .vtt after checking it is WebVTT (ValidationError if not)."""
    file.seek(0)
    data = file.read()
    vtt.parse(data)
    file.seek(0)
    return data


def knowledge_video_queue(*, video: KnowledgeVideo) -> None:
    """Queue the processing of a video whose file was (re)placed, once the row is committed:
    a worker that started earlier would not find it."""
    KnowledgeVideo.objects.filter(pk=video.pk).update(
        status=KnowledgeVideo.Status.QUEUED, error_message="", processing_attempts=0
    )
    video.status = KnowledgeVideo.Status.QUEUED
    transaction.on_commit(lambda: process_knowledge_video.enqueue(video.pk))


@transaction.atomic
def knowledge_video_create(
    *, title: str, file: UploadedFile | ContentFile, subtitles: bytes | None = None
) -> KnowledgeVideo:
    """Store a new video (and its subtitles, checked first) and queue its processing."""
    if subtitles is not None:
        vtt.parse(subtitles)
    video = KnowledgeVideo(title=title)
    video.original.save(file.name or "video.mp4", file, save=False)
    if subtitles is not None:
        video.subtitles.save("subtitles.vtt", ContentFile(subtitles), save=False)
    video.full_clean()
    video.save()
    knowledge_video_queue(video=video)
    return video


@transaction.atomic
def knowledge_video_subtitles_set(*, video: KnowledgeVideo, data: bytes) -> KnowledgeVideo:
    """Replace the video's subtitles. A file that is not valid WebVTT is refused before
    anything is written, so the subtitles shown until now stay."""
    try:
        vtt.parse(data)
    except ValidationError as error:
        raise ValidationError({"subtitles": error.messages}) from error
    old = video.subtitles.name
    video.subtitles.save("subtitles.vtt", ContentFile(data), save=False)
    video.save(update_fields=["subtitles"])
    if old and old != video.subtitles.name:
        video.subtitles.storage.delete(old)
    return video


def video_watch_record(*, user: User, video: KnowledgeVideo) -> None:
    """Note that a signed-in member started watching (the first request of a playback): one
    row per person and video, its last time moved on. Two requests at once make one row."""
    now = timezone.now()
    updated = VideoWatch.objects.filter(user=user, video=video).update(last_watched_at=now)
    if not updated:
        VideoWatch.objects.get_or_create(
            user=user, video=video, defaults={"first_watched_at": now, "last_watched_at": now}
        )
