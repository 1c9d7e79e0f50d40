"""The shipped expert videos: example lessons written as scripts (courses/content/videos/*.toml,
passed in as a folder) and synthesised here into a video of captions, with subtitles, chapters
and expert commentary, then published as kennisbank video pages.

Loading again never duplicates: a video page is matched on its slug and left as it is (its
video is only synthesised when the page is missing). The video is processed synchronously, as
the demo's recordings are, so `make run` shows it ready at once.
"""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction

from videoklub.cycles.models import CorePractice
from videoklub.knowledge import vtt
from videoklub.knowledge.editors import knowledge_root
from videoklub.knowledge.models import KnowledgeVideo, VideoPage
from videoklub.knowledge.presentation import shipped_indicators
from videoklub.knowledge.starter import rich_text
from videoklub.knowledge.tasks import process_knowledge_video
from videoklub.media.synth import make_captioned_video


def _subtitles(data: dict[str, Any]) -> str:
    """The script's spoken lines, or else its scene captions, as WebVTT."""
    lines = data.get("subtitles") or [
        {"start": s["start"], "end": s["end"], "text": s["caption"]} for s in data["scenes"]
    ]
    return vtt.write([vtt.Cue(float(c["start"]), float(c["end"]), c["text"]) for c in lines])


def _chapters(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The script's chapters, or else its scenes that carry a `chapter` title."""
    chapters = data.get("chapters") or [
        {"at": s["start"], "title": s["chapter"]} for s in data["scenes"] if s.get("chapter")
    ]
    return [("chapter", {"at": float(c["at"]), "title": c["title"]}) for c in chapters]


def _commentary(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    known = shipped_indicators()
    for item in data.get("commentary", []):
        if item["indicator"] not in known:
            raise ValueError(f"{data['slug']}: unknown kijkwijzer indicator {item['indicator']}")
    return [
        (
            "comment",
            {"at": float(c["at"]), "indicator": c["indicator"], "body": rich_text(c["text"])},
        )
        for c in data.get("commentary", [])
    ]


def _video(data: dict[str, Any]) -> KnowledgeVideo:
    scenes = [(float(s["start"]), float(s["end"]), s["caption"]) for s in data["scenes"]]
    with tempfile.TemporaryDirectory(prefix="starter-video-") as work:
        path = make_captioned_video(
            Path(work) / "video.mp4", scenes=scenes, seconds=float(data["duration"])
        )
        video = KnowledgeVideo(title=data["title"][:200], status=KnowledgeVideo.Status.QUEUED)
        with path.open("rb") as file:
            video.original.save("video.mp4", File(file), save=False)
        video.subtitles.save("subtitles.vtt", ContentFile(_subtitles(data).encode()), save=False)
        video.save()
    # Synchronously (the task's own code, without a worker): the page is ready when published.
    process_knowledge_video.call(video.pk)
    video.refresh_from_db()
    return video


@transaction.atomic
def starter_videos_load(*, folder: Path) -> list[VideoPage]:
    """Synthesise and publish the shipped expert videos whose page is missing."""
    published = []
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as file:
            data = tomllib.load(file)
        if VideoPage.objects.filter(slug=data["slug"]).exists():
            continue
        commentary = _commentary(data)
        practice = (
            CorePractice.objects.get(code=data["core_practice"])
            if data.get("core_practice")
            else None
        )
        page = VideoPage(
            slug=data["slug"],
            title=data["title"],
            kind=VideoPage.Kind.EXPERT,
            summary=data["description"].strip(),
            core_practice=practice,
            school_levels=[data["school_level"]] if data.get("school_level") else [],
            indicator_keys=list(dict.fromkeys(c[1]["indicator"] for c in commentary)),
            is_open=bool(data.get("open", True)),
            licence=data.get("licence", "CC BY-NC-SA 4.0"),
            chapters=_chapters(data),
            commentary=commentary,
            video=_video(data),
        )
        knowledge_root().add_child(instance=page)
        page.tags.set(list(data.get("topics", [])))
        page.save_revision().publish()
        published.append(page)
    return published
