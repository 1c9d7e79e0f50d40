"""What every part of the media layer shares: errors with their messages, the probe result,
the limits and encoder settings, and writing a file atomically."""

from __future__ import annotations

import math
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from django.utils.translation import gettext_lazy as _

StrPath = str | os.PathLike


MESSAGES = {
    "empty": _("This file is empty. Choose the video file again and upload it once more."),
    "not_video": _(
        "This file is not a video. Choose a video file, such as an MP4 or MOV file from a "
        "phone or camera."
    ),
    "unreadable": _(
        "This video could not be read; the file may be damaged. Copy or export it again from "
        "the phone or camera and upload it anew."
    ),
    "truncated": _(
        "This video file is incomplete: it was probably not copied or recorded to the end. "
        "Upload the complete file."
    ),
    "no_video": _("This file contains no video image, only sound. Choose a video file."),
    "too_short": _("This video is too short to work with. Choose a longer recording."),
}


# Browsers play these as they are inside MP4.
PLAYABLE_VIDEO_CODECS = {"h264"}


PLAYABLE_PIX_FMTS = {"yuv420p", "yuvj420p"}


PLAYABLE_AUDIO_CODECS = {"aac"}


# A browser-playable video is still re-encoded when it would be too heavy to stream to a
# classroom: 4K phone videos, or a camera's very high bit rate.
REMUX_MAX_SHORT_SIDE = 1080


REMUX_MAX_BIT_RATE = 25_000_000


MIN_DURATION = 0.5


MAX_OUTPUT_FPS = 60


KEYFRAME_INTERVAL = 2.0  # seconds: browsers seek and fragments cut at keyframes


X264_OPTIONS = {"preset": "veryfast", "crf": "23", "profile": "high"}


AUDIO_RATE = 48000


AUDIO_FRAME = 1024


PROGRESS_EVERY = 0.5  # seconds between progress calls


VFR_SAMPLE = 600  # packets looked at when the container has no index of every frame


COPY_TOLERANCE = 0.05  # seconds: a fragment starting this close to a keyframe is copied


JPEG_QUALITY = 85


_ISO_BOXES = {
    b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot", b"uuid", b"styp", b"sidx",
    b"moof",
}  # fmt: skip


# ISO BMFF files that are pictures or sound: HEIF/AVIF photos, Canon raw, M4A audio.
_IMAGE_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"mif1", b"msf1", b"avif", b"avis",
                 b"jp2 ", b"crx "}  # fmt: skip


_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "}


class MediaError(Exception):
    """A problem with the file itself, explained to the teacher in `message`."""

    def __init__(self, code: str, message=None) -> None:
        self.code = code
        self.message = message if message is not None else MESSAGES[code]
        super().__init__(code)

    def __str__(self) -> str:
        try:
            return f"{self.code}: {self.message}"
        except Exception:  # a lazy message needs Django settings, a log line should not
            return self.code


@dataclass
class ProbeResult:
    container: str
    duration: float
    width: int  # as displayed: after rotation and with square pixels
    height: int
    coded_width: int
    coded_height: int
    frame_rate: float
    variable_frame_rate: bool
    video_codec: str
    audio_codec: str  # "" without sound
    pix_fmt: str
    rotation: int  # clockwise degrees: 0, 90, 180 or 270
    has_audio: bool
    bit_rate: int
    interlaced: bool = False
    sample_aspect_ratio: Fraction = Fraction(1)
    audio_channels: int = 0


def _fit(width: int, height: int, max_height: int | None) -> tuple[int, int]:
    """Even dimensions with the short side at most max_height, never enlarged."""
    scale = 1.0
    if max_height and min(width, height) > max_height:
        scale = max_height / min(width, height)
    return max(2, round(width * scale / 2) * 2), max(2, round(height * scale / 2) * 2)


class _Throttle:
    def __init__(self, callback: Callable[[float], None] | None) -> None:
        self.callback = callback
        self.last = -math.inf

    def __call__(self, fraction: float, *, force: bool = False) -> None:
        if self.callback is None:
            return
        now = time.monotonic()
        if force or now - self.last >= PROGRESS_EVERY:
            self.last = now
            self.callback(max(0.0, min(1.0, fraction)))


@contextmanager
def _atomic(dst: StrPath) -> Iterator[str]:
    """A temporary path beside dst, moved onto dst only when the block succeeds."""
    dst = Path(dst)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".part", dir=dst.parent)
    os.close(descriptor)
    try:
        yield temporary
        os.chmod(temporary, 0o644)  # mkstemp makes it private; dst is an ordinary file
        os.replace(temporary, dst)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
