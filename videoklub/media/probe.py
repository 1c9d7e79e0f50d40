"""Recognising and probing videos: what a file is, whether it is complete, what is in it, and
whether the browser can play it as it is."""

from __future__ import annotations

import itertools
import os
import struct
from fractions import Fraction

import av
import av.error
import av.filter
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from videoklub.media.base import (
    _AUDIO_BRANDS,
    _IMAGE_BRANDS,
    _ISO_BOXES,
    MIN_DURATION,
    PLAYABLE_AUDIO_CODECS,
    PLAYABLE_PIX_FMTS,
    PLAYABLE_VIDEO_CODECS,
    REMUX_MAX_BIT_RATE,
    REMUX_MAX_SHORT_SIDE,
    VFR_SAMPLE,
    MediaError,
    ProbeResult,
    StrPath,
)


def sniff(path: StrPath) -> str:
    """The container kind judged from the first bytes (never the name).

    Returns "mp4" (ISO BMFF and QuickTime), "webm", "matroska", "avi", "mpegts", "mpeg",
    "ogg", "flv" or "asf". Raises MediaError "empty" for an empty file, "no_video" for a known
    sound-only format and "not_video" for anything else (text, pictures, PDF, archives...).
    Works on the first chunk of an upload too: a few kilobytes are enough.
    """
    with open(path, "rb") as file:
        head = file.read(8192)
    if not head:
        raise MediaError("empty")
    kind = _iso_bmff_kind(head)
    if kind:
        return kind
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm" if b"webm" in head[:128] else "matroska"
    if head[:4] == b"RIFF" and head[8:12] in (b"AVI ", b"AVIX"):
        return "avi"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        raise MediaError("no_video")
    if _is_transport_stream(head):
        return "mpegts"
    if head.startswith(b"\x00\x00\x01\xba"):
        return "mpeg"
    if head.startswith(b"OggS"):
        if b"\x80theora" in head:
            return "ogg"
        raise MediaError("no_video")
    if head.startswith(b"FLV\x01"):
        return "flv"
    if head.startswith(b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"):
        return "asf"
    if (
        head.startswith((b"ID3", b"fLaC", b"#!AMR", b"caff"))
        or (head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"))
        or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)  # MP3 / ADTS sync
    ):
        raise MediaError("no_video")
    raise MediaError("not_video")


def _iso_bmff_kind(head: bytes) -> str:
    if len(head) < 8 or head[4:8] not in _ISO_BOXES:
        return ""
    size = struct.unpack(">I", head[:4])[0]
    if size not in (0, 1) and size < 8:
        return ""
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _IMAGE_BRANDS:
            raise MediaError("not_video")
        if brand in _AUDIO_BRANDS:
            raise MediaError("no_video")
    return "mp4"


def _is_transport_stream(head: bytes) -> bool:
    for packet, offset in ((188, 0), (192, 4)):  # MPEG-TS, and M2TS/AVCHD with a time code
        positions = [offset + packet * i for i in range(3) if offset + packet * i < len(head)]
        # One 0x47 proves nothing ("G" starts a GIF): at least two packets in a row.
        if len(positions) >= 2 and all(head[p] == 0x47 for p in positions):
            return True
    return False


def mp4_atoms(path: StrPath) -> list[tuple[str, int, int]]:
    """The top-level atoms of an ISO BMFF / QuickTime file: (type, offset, size) in file order.

    The last one may claim more bytes than the file has: that file was cut off.
    """
    atoms: list[tuple[str, int, int]] = []
    file_size = os.path.getsize(path)
    with open(path, "rb") as file:
        offset = 0
        while offset + 8 <= file_size and len(atoms) < 10_000:
            file.seek(offset)
            size, kind = struct.unpack(">I4s", file.read(8))
            if size == 1:
                size = struct.unpack(">Q", file.read(8))[0]
            elif size == 0:
                size = file_size - offset
            if size < 8:
                break
            atoms.append((kind.decode("latin-1"), offset, size))
            offset += size
    return atoms


def probe(path: StrPath) -> ProbeResult:
    """What the video is: container, duration, displayed size, codecs, rotation, frame rate.

    Decodes the first picture, so a file that merely looks like a video is refused here.
    """
    kind = sniff(path)
    if kind == "mp4":
        _check_complete_mp4(path)
    try:
        container = av.open(str(path), metadata_errors="ignore")
    except av.error.FFmpegError as error:
        raise MediaError("unreadable") from error
    with container:
        video = _video_stream(container)
        if video is None:
            raise MediaError("no_video")
        audio = _audio_stream(container)
        return _probe_streams(container, kind, video, audio, path)


def _check_complete_mp4(path: StrPath) -> None:
    """An MP4 cut off: no moov (it comes last unless the file was made for streaming), or the
    media data or moov claims more bytes than the file has."""
    atoms = mp4_atoms(path)
    if "moov" not in {name for name, _, _ in atoms}:
        raise MediaError("truncated")
    name, offset, size = atoms[-1]
    if name in ("mdat", "moov") and offset + size > os.path.getsize(path):
        raise MediaError("truncated")


def _probe_streams(container, kind: str, video, audio, path: StrPath) -> ProbeResult:
    video.thread_type = "AUTO"
    time_base = video.time_base
    duration = _duration(container, video)
    # MP4 indexes every picture in its moov: timestamps without reading the media data.
    index = video.index_entries
    indexed = kind == "mp4" and bool(video.frames) and len(index) >= video.frames
    if indexed:
        _check_index_within_file(container, path)
    wanted = 0 if indexed else VFR_SAMPLE
    timestamps: list[int] = []
    first = None
    last_end = 0
    try:
        for packet in container.demux(video):
            if packet.pts is not None:
                timestamps.append(packet.pts)
                last_end = max(last_end, packet.pts + (packet.duration or 0))
            if first is None:
                first = _first_frame(video, packet)
            if first is not None and len(timestamps) >= wanted and duration:
                break
        if first is None:
            first = _first_frame(video, None)
    except av.error.FFmpegError as error:
        if first is None:
            raise MediaError("unreadable") from error
    if first is None:
        raise MediaError("unreadable")
    if not duration and timestamps:
        # No duration in the header (a WebM recorded in a browser): the packets tell it.
        start = video.start_time or min(timestamps)
        duration = float((last_end - start) * time_base)
    if indexed:
        timestamps = [entry.timestamp for entry in index]
    rotation = _clockwise(first.rotation)
    sar = _sample_aspect_ratio(video)
    width = round(first.width * sar)
    height = first.height
    if rotation in (90, 270):
        width, height = height, width
    rate = video.average_rate or video.guessed_rate or Fraction(0)
    return ProbeResult(
        container=_container_name(container, kind),
        duration=round(duration, 3),
        width=width,
        height=height,
        coded_width=first.width,
        coded_height=first.height,
        frame_rate=round(float(rate), 3),
        variable_frame_rate=_is_variable(timestamps),
        video_codec=video.codec_context.codec.canonical_name,
        audio_codec=audio.codec_context.codec.canonical_name if audio is not None else "",
        pix_fmt=first.format.name,
        rotation=rotation,
        has_audio=audio is not None,
        bit_rate=container.bit_rate or 0,
        interlaced=bool(first.interlaced_frame),
        sample_aspect_ratio=sar,
        audio_channels=audio.codec_context.channels if audio is not None else 0,
    )


def _first_frame(video, packet):
    try:
        frames = video.decode(packet)
    except av.error.FFmpegError:
        return None  # a damaged packet: the next keyframe may still decode
    return frames[0] if frames else None


def _check_index_within_file(container, path: StrPath) -> None:
    size = os.path.getsize(path)
    for stream in container.streams:
        if stream.type not in ("video", "audio"):
            continue
        for entry in stream.index_entries:
            if entry.pos + entry.size > size:
                raise MediaError("truncated")


def _duration(container, video) -> float:
    if container.duration:
        return container.duration / av.time_base
    if video.duration and video.time_base:
        return float(video.duration * video.time_base)
    return 0.0


def _video_stream(container):
    for stream in container.streams.video:
        # Cover art of a sound file shows up as a one-picture video stream.
        if not stream.disposition & av.stream.Disposition.attached_pic:
            return stream
    return None


def _audio_stream(container):
    for stream in container.streams.audio:
        if stream.codec_context.channels:
            return stream
    return None


def _container_name(container, kind: str) -> str:
    if kind == "mp4":
        brand = container.metadata.get("major_brand", "").strip()
        return "mov" if brand == "qt" else "mp4"
    return kind


def _clockwise(counter_clockwise: float) -> int:
    return round(-counter_clockwise / 90) % 4 * 90


def _sample_aspect_ratio(video) -> Fraction:
    sar = video.sample_aspect_ratio
    if not sar or sar <= 0 or not Fraction(1, 4) <= sar <= 4:
        return Fraction(1)
    return Fraction(sar)


def _is_variable(timestamps: list[int]) -> bool:
    """Whether frame intervals vary by more than timestamp rounding explains."""
    ordered = sorted(set(timestamps))
    deltas = [b - a for a, b in itertools.pairwise(ordered)]
    if len(deltas) < 3:
        return False
    median = sorted(deltas)[len(deltas) // 2]
    tolerance = max(median * 0.1, 1.5)  # ticks: a millisecond time base rounds 40/3 ms
    irregular = sum(1 for delta in deltas if abs(delta - median) > tolerance)
    return irregular > max(1, 0.02 * len(deltas))


def validate(result: ProbeResult, *, max_duration: float) -> None:
    """Refuse what the platform does not take: too long, too short, no picture."""
    if result.duration > max_duration + 0.5:
        raise MediaError(
            "too_long",
            format_lazy(
                _(
                    "This video lasts {duration}, longer than the {limit} allowed. Shorten it "
                    "or choose a shorter recording."
                ),
                duration=format_duration(result.duration),
                limit=format_duration(max_duration),
            ),
        )
    if result.duration < MIN_DURATION:
        raise MediaError("too_short")
    if result.width < 2 or result.height < 2:
        raise MediaError("unreadable")


def format_duration(seconds: float) -> str:
    """1:02:03 or 2:03: the same in every language."""
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def can_remux(result: ProbeResult) -> bool:
    """Whether browsers play the streams as they are once repackaged in MP4.

    A variable frame rate is fine (browsers follow the timestamps) and so is a rotation (the
    display matrix is kept). Interlaced pictures are not: they would show combing.
    """
    return _video_copyable(result) and (
        not result.has_audio or result.audio_codec in PLAYABLE_AUDIO_CODECS
    )


def _video_copyable(result: ProbeResult) -> bool:
    return (
        result.video_codec in PLAYABLE_VIDEO_CODECS
        and result.pix_fmt in PLAYABLE_PIX_FMTS
        and not result.interlaced
        and result.sample_aspect_ratio == 1
    )


def _too_heavy(result: ProbeResult, max_height: int) -> bool:
    short_side = min(result.width, result.height)
    return (
        short_side > max(max_height, REMUX_MAX_SHORT_SIDE) or result.bit_rate > REMUX_MAX_BIT_RATE
    )
