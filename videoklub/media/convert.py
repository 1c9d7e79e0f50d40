"""Converting: the browser rendition (remux or transcode), cutting fragments, keyframes."""

from __future__ import annotations

import collections
import queue
import threading
from collections.abc import Callable
from fractions import Fraction

import av
import av.error
import av.filter
from av.video.frame import PictureType

from videoklub.media.base import (
    AUDIO_FRAME,
    AUDIO_RATE,
    COPY_TOLERANCE,
    KEYFRAME_INTERVAL,
    MAX_OUTPUT_FPS,
    PLAYABLE_AUDIO_CODECS,
    X264_OPTIONS,
    ProbeResult,
    StrPath,
    _atomic,
    _fit,
    _Throttle,
)
from videoklub.media.probe import _audio_stream, _too_heavy, _video_copyable, _video_stream, probe


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
