"""The media layer for lesson recordings: recognise, probe, convert, picture and cut videos.

Pure functions over local files, built on PyAV (FFmpeg). No models and no storage here: callers
pass paths and get dataclasses back; problems a teacher must act on are `MediaError`s whose
message is a whole sentence ready to show.

Conventions:
- Rotation is the clockwise turn (0, 90, 180, 270) a player makes to show the picture upright:
  a phone filming in portrait stores landscape pictures with rotation 90 in a display matrix.
  (FFmpeg's av_display_rotation_get, and so PyAV's VideoFrame.rotation, count counter-clockwise:
  such a phone video reads -90 there.)
- `max_height` limits the short side (the "720" of 720p), so a portrait video becomes 720x1280
  and not a narrow 405x720.
- Every output is written to a temporary file beside its destination and moved into place at
  the end, so a killed process never leaves a half-written file under the final name.
"""

from __future__ import annotations

import collections
import itertools
import math
import os
import queue
import struct
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import av.error
import av.filter
from av.video.frame import PictureType
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image

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


# --- Recognising -------------------------------------------------------------------------


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


# --- Probing -----------------------------------------------------------------------------


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


# --- Converting --------------------------------------------------------------------------


def make_rendition(
    src: StrPath,
    dst: StrPath,
    result: ProbeResult,
    *,
    max_height: int = 720,
    progress: Callable[[float], None] | None = None,
    threads: int = 0,
    force_transcode: bool = False,
) -> str:
    """Write the browser rendition: an H.264/AAC MP4 with its index (moov) first.

    Returns "remux" when the video stream is copied as it is (sound that is not AAC is then
    re-encoded alone), "transcode" when the pictures are re-encoded with libx264: scaled to at
    most `max_height` on the short side, turned upright (rotation 0) and with square pixels.
    `threads` 0 lets FFmpeg choose. `progress(fraction)` is called at most twice a second.
    """
    copy_video = (
        not force_transcode and _video_copyable(result) and not _too_heavy(result, max_height)
    )
    if copy_video:
        try:
            _convert(
                src, dst, result, copy_video=True, max_height=max_height,
                progress=progress, threads=threads,
            )  # fmt: skip
            return "remux"
        except av.error.FFmpegError:
            pass  # some streams only look copyable: re-encoding both always works
    _convert(
        src, dst, result, copy_video=False, copy_audio=not copy_video, max_height=max_height,
        progress=progress, threads=threads,
    )  # fmt: skip
    return "transcode"


def export_fragment(src: StrPath, dst: StrPath, *, start: float, end: float) -> str:
    """Cut start..end (seconds on the video's timeline) into an MP4 of its own.

    Returns "copy" when start lies within COPY_TOLERANCE of a keyframe: the packets are copied
    from that keyframe on, without any loss. Otherwise "reencode": the pictures from start to
    end are re-encoded, accurate to the frame.
    """
    if end <= start:
        raise ValueError("end must come after start")
    result = probe(src)
    keyframe = _keyframe_near(src, start, COPY_TOLERANCE)
    if keyframe is not None and _video_copyable(result):
        try:
            _convert(src, dst, result, copy_video=True, start=keyframe, end=end, max_height=None)
            return "copy"
        except av.error.FFmpegError:
            pass  # re-encoding always works
    _convert(
        src, dst, result, copy_video=False, copy_audio=False, start=start, end=end,
        max_height=None,
    )  # fmt: skip
    return "reencode"


def keyframe_times(path: StrPath) -> list[float]:
    """Presentation times of every keyframe (reads all video packets; decodes nothing)."""
    with av.open(str(path)) as container:
        video = _video_stream(container)
        if video is None:
            return []
        return sorted(
            float(packet.pts * video.time_base)
            for packet in container.demux(video)
            if packet.is_keyframe and packet.pts is not None
        )


def _keyframe_near(path: StrPath, at: float, tolerance: float) -> float | None:
    with av.open(str(path)) as container:
        video = _video_stream(container)
        time_base = video.time_base
        container.seek(max(0, int((at - tolerance) / time_base)), stream=video, backward=True)
        for packet in container.demux(video):
            if packet.pts is None:
                continue
            if packet.is_keyframe and abs(float(packet.pts * time_base) - at) <= tolerance:
                return float(packet.pts * time_base)
            # Decoding order: once decoding times pass the window, no picture lies in it.
            if packet.dts is not None and packet.dts * time_base > at + tolerance:
                break
    return None


def _convert(
    src: StrPath,
    dst: StrPath,
    result: ProbeResult,
    *,
    copy_video: bool,
    copy_audio: bool = True,
    max_height: int | None,
    start: float | None = None,
    end: float | None = None,
    progress: Callable[[float], None] | None = None,
    threads: int = 0,
) -> None:
    """Write the video (copied or encoded) and the first sound stream of src into dst.

    Without start, the whole file is written and its timeline moved to begin at 0. With start
    (and end), only that part; a copied video must then start at a keyframe.
    """
    report = _Throttle(progress)
    with _atomic(dst) as target, av.open(str(src), metadata_errors="ignore") as source:
        video = _video_stream(source)
        audio = _audio_stream(source)
        copy_audio = copy_audio and result.audio_codec in PLAYABLE_AUDIO_CODECS
        video.thread_type = "AUTO"
        video.codec_context.thread_count = threads
        origin = start if start is not None else _origin(source, video)
        span = (end if end is not None else origin + result.duration) - origin
        with av.open(target, "w", format="mp4", options={"movflags": "+faststart"}) as output:
            writer: _VideoCopy | _VideoEncode
            if copy_video:
                writer = _VideoCopy(output, video, origin, end, cut=start is not None)
            else:
                writer = _VideoEncode(output, video, result, origin, end, max_height, threads)
            sound = None
            if audio is not None:
                sound_cls = _AudioCopy if copy_audio else _AudioEncode
                sound = sound_cls(output, audio, origin, end)
            if start is not None:
                source.seek(max(0, int(start / video.time_base)), stream=video, backward=True)
            streams = [video] + ([audio] if audio is not None else [])
            try:
                for packet in source.demux(streams):
                    if packet.stream is video:
                        if writer.done:
                            if sound is None or sound.done:
                                break
                            continue
                        at = writer.write(packet)
                        if at is not None and span > 0:
                            report((at - origin) / span)
                    elif sound is not None and not sound.done:
                        sound.write(packet)
                writer.close()
                if sound is not None:
                    sound.close()
            finally:
                writer.stop()  # no encoder thread may outlive the output it encodes for
    report(1.0, force=True)


def _origin(source, video) -> float:
    """Where the timeline starts: the first picture (MPEG-TS starts at any clock value)."""
    if video.start_time is not None:
        return float(video.start_time * video.time_base)
    return (source.start_time or 0) / av.time_base


class _VideoCopy:
    """Copies video packets, moved so that `origin` becomes 0; a cut from the keyframe at
    `origin` up to `end`."""

    def __init__(self, output, video, origin: float, end: float | None, *, cut: bool) -> None:
        # The template's codec parameters carry the display matrix (rotation and any flip)
        # over: browsers turn the picture as the source asked.
        self.stream = output.add_stream_from_template(video)
        self.time_base = video.time_base
        self.seconds_per_tick = float(self.time_base)
        self.shift = round(origin / self.time_base)
        self.end = end
        self.origin = origin
        self.cut = cut
        self.started = False
        self.done = False
        # Packets after `end` that pictures before `end` may still refer to (B-frames).
        self.pending: list = []

    def write(self, packet) -> float | None:
        if packet.pts is None or self.done:
            return None
        if packet.dts is None:
            packet.dts = packet.pts
        if not self.cut:  # the whole video: every packet, as it is
            # Only for progress: a float product is enough, and far cheaper than a Fraction
            # (a 45-minute video has some 200,000 packets).
            at = packet.pts * self.seconds_per_tick
            self._mux(packet)
            return at
        at = float(packet.pts * self.time_base)
        if not self.started:
            # Wait for the keyframe the cut starts at; leading pictures before it cannot decode.
            if not packet.is_keyframe or at < self.origin - 0.001:
                return None
            self.started = True
        elif at < self.origin - 0.001:
            return None
        if self.end is not None and at >= self.end:
            if packet.is_keyframe or float(packet.dts * self.time_base) > self.end + 2:
                self.done = True
            else:
                self.pending.append(packet)
            return None
        for held in self.pending:
            self._mux(held)
        self.pending.clear()
        self._mux(packet)
        return at

    def _mux(self, packet) -> None:
        if self.shift:
            packet.pts -= self.shift
            packet.dts -= self.shift
        packet.stream = self.stream
        self.stream.container.mux(packet)

    def close(self) -> None:
        self.pending.clear()

    def stop(self) -> None:
        pass


class _VideoEncode:
    """Decodes, turns upright, scales and encodes the pictures with libx264."""

    def __init__(
        self, output, video, result: ProbeResult, origin: float, end: float | None,
        max_height: int | None, threads: int,
    ) -> None:  # fmt: skip
        self.video, self.result, self.origin, self.end = video, result, origin, end
        self.time_base = video.time_base
        self.shift = round(origin / self.time_base)
        self.width, self.height = _fit(result.width, result.height, max_height)
        rate = video.average_rate or video.guessed_rate or Fraction(25)
        rate = min(Fraction(rate).limit_denominator(1001), Fraction(MAX_OUTPUT_FPS))
        self.min_interval = 0.9 / MAX_OUTPUT_FPS
        self.stream = output.add_stream("libx264", rate=rate)
        self.stream.width, self.stream.height = self.width, self.height
        self.stream.pix_fmt = "yuv420p"
        context = self.stream.codec_context
        # The source's own clock: a variable frame rate keeps its timestamps.
        context.time_base = self.time_base
        context.gop_size = max(1, round(KEYFRAME_INTERVAL * float(rate)))
        context.thread_count = threads
        context.thread_type = "FRAME"
        context.options = dict(X264_OPTIONS)
        self.encoder = _EncoderThread(self.stream)
        self.graph: av.filter.Graph | None = None
        self.graph_key: tuple[int, int, str] | None = None
        self.last_pts: int | None = None
        self.last_kept: float | None = None
        # The last picture before the start: it is on screen at the start, so it opens a cut.
        self.held = None
        self.done = False

    def write(self, packet) -> float | None:
        try:
            frames = self.video.decode(packet)
        except av.error.InvalidDataError:
            return None  # a damaged packet: skip its picture rather than fail the video
        at = None
        for frame in frames:
            at = self._take(frame)
        return at

    def _take(self, frame) -> float | None:
        if self.done or (frame.pts is None and self.last_pts is None):
            return None
        pts = frame.pts
        if pts is None:  # some containers leave timestamps out: continue the frame clock
            pts = self.last_pts + round(1 / (self.stream.codec_context.framerate * self.time_base))
        at = float(pts * self.time_base)
        if at < self.origin - 0.001:
            frame.pts, self.held = pts, frame
            return None
        if self.end is not None and at >= self.end - 0.001:
            self.done = True
            return None
        if self.held is not None:
            held, self.held = self.held, None
            if at > self.origin + 0.001:
                held.pts = self.last_pts = self.shift
                self.last_kept = self.origin
                self._filter(held)
        if self.last_pts is not None and pts <= self.last_pts:
            return None  # a repeated timestamp would break the MP4 muxer
        if self.last_kept is not None and at - self.last_kept < self.min_interval:
            return None  # above 60 frames a second: drop, browsers gain nothing from more
        self.last_pts, self.last_kept = pts, at
        frame.pts = pts
        self._filter(frame)
        return at

    def _filter(self, frame) -> None:
        key = (frame.width, frame.height, frame.format.name)
        if self.graph is None or key != self.graph_key:
            self._drain()
            self.graph, self.graph_key = self._build_graph(frame), key
        self.graph.push(frame)
        self._pull()

    def _build_graph(self, frame) -> av.filter.Graph:
        graph = av.filter.Graph()
        nodes = [
            graph.add_buffer(
                width=frame.width, height=frame.height, format=frame.format,
                time_base=self.time_base,
            )
        ]  # fmt: skip
        if self.result.interlaced:
            nodes.append(graph.add("bwdif", "mode=send_frame:deint=interlaced"))
        rotation = self.result.rotation
        if rotation == 90:
            nodes.append(graph.add("transpose", "clock"))
        elif rotation == 180:
            nodes += [graph.add("hflip"), graph.add("vflip")]
        elif rotation == 270:
            nodes.append(graph.add("transpose", "cclock"))
        nodes += [
            graph.add("scale", f"{self.width}:{self.height}"),
            graph.add("setsar", "1"),
            graph.add("format", "yuv420p"),
            graph.add("buffersink"),
        ]
        graph.link_nodes(*nodes).configure()
        return graph

    def _pull(self) -> None:
        if self.graph is None:
            return
        while True:
            try:
                frame = self.graph.vpull()
            except (av.error.BlockingIOError, av.error.EOFError):
                return
            # A decoded picture keeps its type; libx264 would make every I a keyframe.
            frame.pict_type = PictureType.NONE
            pts = frame.pts or 0
            if frame.time_base is not None and frame.time_base != self.time_base:
                pts = round(pts * frame.time_base / self.time_base)  # deinterlacers: half ticks
            frame.pts = pts - self.shift
            frame.time_base = self.time_base
            self.stream.container.mux(self.encoder.encode(frame))

    def _drain(self) -> None:
        if self.graph is not None:
            self.graph.push(None)
            self._pull()

    def close(self) -> None:
        if not self.done:
            try:
                for frame in self.video.decode(None):
                    self._take(frame)
            except av.error.FFmpegError:
                pass
        self._drain()
        self.stream.container.mux(self.encoder.finish())

    def stop(self) -> None:
        self.encoder.stop()


class _EncoderThread:
    """Runs an encoder on a thread of its own, as the FFmpeg command line does.

    libx264 encodes on its own threads, but its encode call often waits for them: meanwhile
    the caller's thread decodes and scales the next pictures (5-10% faster on 2 cores).
    Only this thread touches the encoder. The packets go back to the caller, which muxes them:
    a container is muxed from one thread only.
    """

    QUEUE = 8  # pictures waiting: enough to ride out a slow one, little memory (12 MB at 720p)
    _STOP = object()

    def __init__(self, stream) -> None:
        self.stream = stream
        self.frames: queue.Queue = queue.Queue(maxsize=self.QUEUE)
        self.packets: collections.deque = collections.deque()
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None

    def encode(self, frame) -> list:
        """Queue the frame; returns the packets encoded so far."""
        if self.thread is None:
            # Open every stream and write the header here, so that the thread never races
            # the first mux to open the encoder.
            self.stream.container.start_encoding()
            self.thread = threading.Thread(target=self._run, name="encoder", daemon=True)
            self.thread.start()
        while True:
            if self.error is not None:
                raise self.error
            try:
                self.frames.put(frame, timeout=0.1)
                break
            except queue.Full:
                continue
        return self._ready()

    def finish(self) -> list:
        """Flush the encoder; returns the remaining packets."""
        if self.thread is None:
            return list(self.stream.encode(None))
        packets = self.encode(None)
        self.thread.join()
        self.thread = None
        if self.error is not None:
            raise self.error
        return packets + self._ready()

    def stop(self) -> None:
        """End the thread without flushing (after an error elsewhere); idempotent."""
        thread, self.thread = self.thread, None
        if thread is None:
            return
        while thread.is_alive():
            try:
                self.frames.put(self._STOP, timeout=0.1)
                break
            except queue.Full:
                continue
        thread.join()

    def _ready(self) -> list:
        packets = []
        while self.packets:
            packets.append(self.packets.popleft())
        return packets

    def _run(self) -> None:
        try:
            while True:
                frame = self.frames.get()
                if frame is self._STOP:
                    return
                self.packets.extend(self.stream.encode(frame))
                if frame is None:
                    return
        except BaseException as error:  # raised in the caller's thread at its next call
            self.error = error


class _AudioCopy:
    def __init__(self, output, audio, origin: float, end: float | None) -> None:
        self.stream = output.add_stream_from_template(audio)
        self.time_base = audio.time_base
        self.seconds_per_tick = float(self.time_base)
        self.shift = round(origin / self.time_base)
        self.origin, self.end = origin, end
        self.done = False

    def write(self, packet) -> None:
        if packet.pts is None or packet.dts is None:
            return
        if self.end is None:
            # Only compared with a millisecond's tolerance: a float product is exact enough,
            # and far cheaper than a Fraction for the thousands of packets of a long video.
            at = packet.pts * self.seconds_per_tick
        else:
            at = float(packet.pts * self.time_base)
        if at < self.origin - 0.001:
            return
        if self.end is not None and at >= self.end:
            self.done = True
            return
        if self.shift:
            packet.pts -= self.shift
            packet.dts -= self.shift
        packet.stream = self.stream
        self.stream.container.mux(packet)

    def close(self) -> None:
        pass


class _AudioEncode:
    """Decodes the sound and encodes it as AAC at 48 kHz, mono or stereo."""

    def __init__(self, output, audio, origin: float, end: float | None) -> None:
        self.audio, self.origin, self.end = audio, origin, end
        layout = "stereo" if audio.codec_context.channels >= 2 else "mono"
        self.stream = output.add_stream("aac", rate=AUDIO_RATE)
        self.stream.layout = layout
        self.stream.bit_rate = 128_000 if layout == "stereo" else 96_000
        self.resampler = av.AudioResampler(
            format="fltp", layout=layout, rate=AUDIO_RATE, frame_size=AUDIO_FRAME
        )
        self.next_pts: int | None = None
        self.done = False

    def write(self, packet) -> None:
        try:
            frames = self.audio.decode(packet)
        except av.error.InvalidDataError:
            return
        for frame in frames:
            self._take(frame)

    def _take(self, frame) -> None:
        if self.done or frame.pts is None:
            return
        at = float(frame.pts * frame.time_base)
        if at + frame.samples / frame.sample_rate <= self.origin:
            return
        if self.end is not None and at >= self.end:
            self.done = True
            return
        if self.next_pts is None:
            self.next_pts = round((at - self.origin) * AUDIO_RATE)
        self._encode(self.resampler.resample(frame))

    def _encode(self, frames) -> None:
        for frame in frames:
            frame.pts, frame.time_base = self.next_pts, Fraction(1, AUDIO_RATE)
            self.next_pts += frame.samples
            if frame.pts < 0:
                continue  # sound from before the start: drop, at most one frame
            self.stream.container.mux(self.stream.encode(frame))

    def close(self) -> None:
        if self.next_pts is None:
            return
        if not self.done:
            try:
                for frame in self.audio.decode(None):
                    self._take(frame)
            except av.error.FFmpegError:
                pass
        self._encode(self.resampler.resample(None))
        self.stream.container.mux(self.stream.encode(None))


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


# --- Pictures ----------------------------------------------------------------------------


def make_poster(src: StrPath, dst: StrPath, *, at: float, width: int = 1280) -> None:
    """A JPEG of the picture at `at` seconds, upright, at most `width` wide (never enlarged)."""
    with av.open(str(src)) as container:
        video = _video_stream(container)
        if video is None:
            raise MediaError("no_video")
        video.thread_type = "AUTO"
        sar = _sample_aspect_ratio(video)
        frame = _frame_at(container, video, at)
        if frame is None:
            container.seek(0)
            frame = _frame_at(container, video, 0)
        if frame is None:
            raise MediaError("unreadable")
        image = _upright_image(frame, sar, max_width=width)
    with _atomic(dst) as target:
        image.save(target, format="JPEG", quality=JPEG_QUALITY)


def make_thumbnail_sprite(
    src: StrPath,
    dst: StrPath,
    *,
    duration: float,
    count: int = 40,
    tile_width: int = 160,
    columns: int = 10,
) -> tuple[int, float]:
    """A JPEG grid of `count` thumbnails, tile i showing the picture at i * interval.

    Returns (count, interval): count * interval == duration, so the player shows tile
    floor(t / interval) for time t. Short videos get fewer tiles (at most one a second).
    Each tile seeks to the keyframe before its time; only when that keyframe was already
    used does it decode on to the exact time.
    """
    count = max(1, min(count, math.floor(duration)))
    interval = duration / count
    tiles: list[Image.Image] = []
    with av.open(str(src)) as container:
        video = _video_stream(container)
        if video is None:
            raise MediaError("no_video")
        video.thread_type = "AUTO"
        sar = _sample_aspect_ratio(video)
        time_base = video.time_base
        origin = float((video.start_time or 0) * time_base)
        previous_keyframe = None
        for index in range(count):
            target = origin + index * interval
            container.seek(int(target / time_base), stream=video, backward=True)
            frame = _first_decoded(container, video)
            if frame is None:
                break
            if frame.pts == previous_keyframe:
                frame = _decode_until(container, video, target, frame)
            else:
                previous_keyframe = frame.pts
            tiles.append(_upright_image(frame, sar, max_width=tile_width, enlarge=True))
    if not tiles:
        raise MediaError("unreadable")
    tile_w, tile_h = tiles[0].size
    columns = min(columns, count)
    rows = math.ceil(count / columns)
    sprite = Image.new("RGB", (columns * tile_w, rows * tile_h))
    for index in range(count):
        tile = tiles[min(index, len(tiles) - 1)]
        if tile.size != (tile_w, tile_h):
            tile = tile.resize((tile_w, tile_h))
        sprite.paste(tile, ((index % columns) * tile_w, (index // columns) * tile_h))
    with _atomic(dst) as temporary:
        sprite.save(temporary, format="JPEG", quality=80)
    return count, interval


def _decoded(container, video) -> Iterator:
    for packet in container.demux(video):
        try:
            yield from video.decode(packet)
        except av.error.InvalidDataError:
            continue
    try:
        yield from video.decode(None)
    except av.error.FFmpegError:
        return


def _first_decoded(container, video):
    for frame in _decoded(container, video):
        if frame.pts is not None:
            return frame
    return None


def _decode_until(container, video, target: float, frame):
    half_frame = 0.5 / float(video.average_rate or 25)
    if frame.time >= target - half_frame:
        return frame
    for later in _decoded(container, video):
        if later.pts is None:
            continue
        frame = later
        if later.time >= target - half_frame:
            break
    return frame


def _frame_at(container, video, at: float):
    container.seek(max(0, int(at / video.time_base)), stream=video, backward=True)
    first = _first_decoded(container, video)
    return _decode_until(container, video, at, first) if first is not None else None


def _upright_image(frame, sar: Fraction, *, max_width: int, enlarge: bool = False):
    rotation = _clockwise(frame.rotation)
    width, height = frame.width * sar, Fraction(frame.height)
    shown_width = height if rotation in (90, 270) else width
    scale = Fraction(max_width) / shown_width
    if not enlarge:
        scale = min(scale, Fraction(1))
    image = frame.reformat(
        width=max(1, round(width * scale)), height=max(1, round(height * scale)), format="rgb24"
    ).to_image()
    turn = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
            270: Image.Transpose.ROTATE_90}.get(rotation)  # fmt: skip
    return image.transpose(turn) if turn is not None else image
