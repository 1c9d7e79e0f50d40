"""The screening package: a zip that plays the festival in the venue without a network.

It holds `index.html` (self-contained: its style, script and the introductions inline), the
fragments' video files under `video/` and a WebVTT caption file per fragment under `captions/`
(the introduction, for players that show tracks; the page shows the same text itself, because
browsers refuse `<track>` files opened from disk).

Streamed, not built by a worker: the zip is written while it is sent, from the stored files,
with no copy kept anywhere. A stored package would be one more derived file of pupils' video
that a withdrawn consent or a withdrawn submission would have to find and delete; streamed, it
always holds exactly what the festival shows at that moment. Video does not compress, so the
entries are stored (no CPU spent) and the download starts at once. With object storage the
bytes pass through the app: acceptable for a handful of downloads a year.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from videoklub.recordings import storage

if TYPE_CHECKING:
    from videoklub.festival.models import Block, Festival, Submission

CHUNK = 1024 * 1024


class _Pipe:
    """A write-only file for `zipfile` whose bytes are taken away by the generator."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def _vtt(text: str, seconds: float) -> str:
    end = max(int(seconds), 8)
    body = text.strip() or "…"
    return f"WEBVTT\n\n00:00:00.000 --> 00:{end // 60:02d}:{end % 60:02d}.000\n{body}\n"


def package_entries(
    festival: Festival, blocks: list[Block]
) -> tuple[list[dict], list[tuple[str, Submission]]]:
    """The screening's items (for the page) and the video files to add, named by position."""
    items = []
    files = []
    number = 0
    for block in blocks:
        for submission in block.shown:  # type: ignore[attr-defined]
            number += 1
            video = f"video/{number:02d}.mp4"
            captions = f"captions/{number:02d}.vtt"
            items.append(
                {
                    "block": block.title,
                    "block_introduction": block.introduction,
                    "title": submission.title,
                    "introduction": submission.introduction,
                    "school": submission.fragment.recording.klub.school.name
                    if submission.fragment.recording.klub
                    else "",
                    "video": video,
                    "captions": captions,
                }
            )
            files.append((video, submission))
    return items, files


def _static(path: str) -> str:
    found = finders.find(path)
    assert isinstance(found, str), path
    return Path(found).read_text()


def package_html(festival: Festival, items: list[dict]) -> str:
    """The offline page: the screening page's own script and style, inlined (no network)."""
    return render_to_string(
        "festival/package_index.html",
        {
            "festival": festival,
            "items": items,
            "script": mark_safe(_static("festival/screening.js")),  # noqa: S308  (our own file)
            "style": mark_safe(_static("festival/screening.css")),  # noqa: S308  (our own file)
        },
    )


def stream_package(festival: Festival, blocks: list[Block]) -> Iterable[bytes]:
    """The zip, piece by piece (see the module's docstring)."""
    items, files = package_entries(festival, blocks)
    html = package_html(festival, items)
    return _zip(html, items, files)


def _zip(html: str, items: list[dict], files: list[tuple[str, Submission]]) -> Iterator[bytes]:
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_STORED) as archive:  # type: ignore[call-overload]
        archive.writestr("index.html", html.encode())
        yield pipe.take()
        for item, (name, submission) in zip(items, files, strict=True):
            fragment = submission.fragment
            archive.writestr(
                item["captions"], _vtt(item["introduction"], fragment.end - fragment.start)
            )
            file = fragment.anonymised if submission.anonymised else fragment.export
            with (
                storage.storage().open(file.name, "rb") as source,
                archive.open(name, "w", force_zip64=True) as target,
            ):
                while block := source.read(CHUNK):
                    target.write(block)
                    yield pipe.take()
            yield pipe.take()
    yield pipe.take()
