"""Blurring the faces in a fragment, so that it may be shown beyond what the pupils' consent
covers (an anonymised copy, used only after the teacher approved it).

Faces are found with OpenCV's Haar cascades (frontal, and profile looking either way) on a
downscaled grey picture every few frames; the boxes of the last detections stay in place for
the frames in between, grown by a margin, and are washed out to a few blended colours on the
picture's own planes (no colour conversion of the whole frame). The video streams from decoder
to encoder one picture at a time: it is never held in memory.

Detection can miss faces: a face turned further than the profile cascade knows, a small face at
the back of the class, a face half hidden behind a hand, a book or hair, a face in poor light or
moving fast. That is why the teacher watches the whole result and approves it before it can be
shared: this module makes a proposal, never a guarantee.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import av
import av.error
import cv2
import numpy as np

from videoklub import media
from videoklub.media import StrPath

DETECT_INTERVAL = 0.12  # seconds between detections (every 3rd frame at 25 a second)
DETECT_HEIGHT = 480  # pixels: the short side of the picture the cascades look at
MIN_FACE = 20  # pixels at DETECT_HEIGHT: about a pupil's face at the back of a classroom
SCALE_FACTOR = 1.1  # finer steps find more faces; recall matters more than speed here
MIN_NEIGHBOURS = 4
# A box stays for this many detection passes, so a face the detector misses once (a blink, a
# turn of the head) is not shown for a moment. Boxes move with the detections, not between them.
HOLD_PASSES = 3
# Haar boxes cover brows to mouth: grow them to take in forehead, hair, ears and chin.
MARGIN_X = 0.3
MARGIN_TOP = 0.45
MARGIN_BOTTOM = 0.4
BLUR_SAMPLES = 4  # a grown box keeps this many average colours across: no face survives that
FADE = 6  # the outer sixth of a grown box on each side fades from picture to blur

Box = tuple[int, int, int, int]  # x, y, width, height


@functools.cache
def _cascades() -> tuple[cv2.CascadeClassifier, cv2.CascadeClassifier]:
    folder = cv2.data.haarcascades  # type: ignore[attr-defined]  # not in OpenCV's stubs
    frontal = cv2.CascadeClassifier(folder + "haarcascade_frontalface_default.xml")
    profile = cv2.CascadeClassifier(folder + "haarcascade_profileface.xml")
    if frontal.empty() or profile.empty():  # pragma: no cover - a broken OpenCV install
        raise RuntimeError("OpenCV's Haar cascades are missing (opencv-python-headless 4.x)")
    return frontal, profile


def detect_faces(grey: np.ndarray, *, profiles: tuple[str, ...] = ("left", "right")) -> list[Box]:
    """Faces in a grey picture (any size), as boxes in its own pixels; overlaps merged.

    `profiles` says which side faces the profile cascade looks for ("left": as the cascade
    was trained, "right": on the mirrored picture); () looks for frontal faces only.
    """
    height, width = grey.shape[:2]
    scale = min(1.0, DETECT_HEIGHT / min(height, width))
    small = grey
    if scale < 1:
        small = cv2.resize(
            grey, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA
        )
    frontal_cascade, profile_cascade = _cascades()

    def detect(cascade: cv2.CascadeClassifier, picture: np.ndarray) -> list[Box]:
        boxes = cascade.detectMultiScale(
            picture,
            scaleFactor=SCALE_FACTOR,
            minNeighbors=MIN_NEIGHBOURS,
            minSize=(MIN_FACE, MIN_FACE),
        )
        return [(int(x), int(y), int(w), int(h)) for x, y, w, h in boxes]

    found = detect(frontal_cascade, small)
    if "left" in profiles:
        found += detect(profile_cascade, small)
    if "right" in profiles:
        # The profile cascade knows faces looking one way only: the mirror finds the others.
        mirrored = cv2.flip(small, 1)
        small_width = small.shape[1]
        found += [
            (small_width - x - w, y, w, h) for x, y, w, h in detect(profile_cascade, mirrored)
        ]
    boxes = [
        (round(x / scale), round(y / scale), round(w / scale), round(h / scale))
        for x, y, w, h in found
    ]
    return _merge(boxes)


def _merge(boxes: list[Box]) -> list[Box]:
    """One box per face: a box whose centre lies inside a larger one is the same face."""
    kept: list[Box] = []
    for box in sorted(boxes, key=lambda b: b[2] * b[3], reverse=True):
        cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
        if not any(x <= cx <= x + w and y <= cy <= y + h for x, y, w, h in kept):
            kept.append(box)
    return kept


def _grow(box: Box, width: int, height: int) -> tuple[int, int, int, int]:
    """The box with its margin, clipped to the picture, on even pixels (chroma is halved)."""
    x, y, w, h = box
    x0 = max(0, int(x - w * MARGIN_X)) & ~1
    y0 = max(0, int(y - h * MARGIN_TOP)) & ~1
    x1 = min(width, int(x + w * (1 + MARGIN_X)) + 1) & ~1
    y1 = min(height, int(y + h * (1 + MARGIN_BOTTOM)) + 1) & ~1
    return x0, y0, x1, y1


def _obscure(plane: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> None:
    """Replace the region by a smooth wash of its few average colours, in place.

    A mosaic of fine blocks still shows where the eyes, nose and mouth are (the detector
    itself finds a face in a 7x7 mosaic); a handful of samples across, blended smoothly,
    leaves a skin-coloured blur and nothing to recognise.
    """
    region = plane[y0:y1, x0:x1]
    h, w = region.shape
    if h < 2 or w < 2:
        return
    across = max(1, min(BLUR_SAMPLES, w))
    down = max(1, min(h, round(across * h / w)))
    small = cv2.resize(region, (across, down), interpolation=cv2.INTER_AREA)
    washed = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    # Fade in from the border (inside the margin, well clear of the face): a hard edge would
    # itself look like the contrast of a face to a detector, and to the eye like a patch.
    mask = np.outer(_ramp(h), _ramp(w))
    region[:] = (region * (1 - mask) + washed * mask + 0.5).astype(np.uint8)


def _ramp(length: int) -> np.ndarray:
    width = max(1, length // FADE)
    steps = np.arange(length, dtype=np.float32)
    return np.clip(np.minimum(steps + 1, length - steps) / width, 0, 1)


class _Planes:
    """The Y, U and V planes of a yuv420p picture as views of one array."""

    def __init__(self, data: np.ndarray, width: int, height: int) -> None:
        flat = data.reshape(-1)
        luma, chroma = width * height, (width // 2) * (height // 2)
        self.data, self.width, self.height = data, width, height
        self.y = flat[:luma].reshape(height, width)
        self.u = flat[luma : luma + chroma].reshape(height // 2, width // 2)
        self.v = flat[luma + chroma : luma + 2 * chroma].reshape(height // 2, width // 2)

    @classmethod
    def upright(cls, frame, coded_width: int, coded_height: int, rotation: int) -> _Planes:
        data = frame.to_ndarray(format="yuv420p", width=coded_width, height=coded_height)
        planes = cls(data, coded_width, coded_height)
        if not rotation:
            return planes
        turns = -rotation // 90  # numpy turns counter-clockwise, rotation is clockwise
        y, u, v = (np.rot90(p, turns) for p in (planes.y, planes.u, planes.v))
        width, height = y.shape[1], y.shape[0]
        data = np.concatenate([y.reshape(-1), u.reshape(-1), v.reshape(-1)])
        return cls(data.reshape(-1, width), width, height)

    def obscure(self, box: Box) -> None:
        x0, y0, x1, y1 = _grow(box, self.width, self.height)
        _obscure(self.y, x0, y0, x1, y1)
        _obscure(self.u, x0 // 2, y0 // 2, x1 // 2, y1 // 2)
        _obscure(self.v, x0 // 2, y0 // 2, x1 // 2, y1 // 2)


@dataclass
class _Held:
    box: Box
    passes_left: int


class _FaceBlur:
    """Decides per picture which boxes to obscure; counts the detections."""

    def __init__(self, every: int) -> None:
        self.every = every
        self.index = 0
        self.held: list[_Held] = []
        self.detections = 0

    def apply(self, planes: _Planes) -> None:
        if self.index % self.every == 0:
            # Frontal faces every pass, profiles each side every other pass (the held boxes
            # bridge the gap): a third less work than every cascade every pass.
            side = "left" if self.index // self.every % 2 == 0 else "right"
            found = detect_faces(planes.y, profiles=(side,))
            self.detections += len(found)
            self.held = [_Held(h.box, h.passes_left - 1) for h in self.held if h.passes_left > 1]
            self.held += [_Held(box, HOLD_PASSES) for box in found]
        self.index += 1
        for held in self.held:
            planes.obscure(held.box)


def blur_faces(
    source: StrPath, target: StrPath, *, progress: Callable[[float], None] | None = None
) -> int:
    """Write `target`: `source` with every face found blurred beyond recognition.

    The output is an H.264 (yuv420p) MP4 with faststart, upright (a display rotation of the
    source is applied to the pictures), on the source's timeline moved to start at 0; the
    sound is copied as it is. Returns the number of face detections (summed over the frames
    looked at: one face seen in ten detection passes counts ten). `progress(fraction)` is
    called at most twice a second.
    """
    result = media.probe(source)
    report = media._Throttle(progress)
    # A face moves little in a tenth of a second: faster videos are looked at as often.
    blur = _FaceBlur(every=max(1, round(result.frame_rate * DETECT_INTERVAL)))
    with (
        media._atomic(target) as temporary,
        av.open(str(source), metadata_errors="ignore") as container,
    ):
        video = media._video_stream(container)
        audio = media._audio_stream(container)
        video.thread_type = "AUTO"
        origin = media._origin(container, video)
        with av.open(temporary, "w", format="mp4", options={"movflags": "+faststart"}) as output:
            encoder = _Encoder(output, video, result, origin)
            sound = media._AudioCopy(output, audio, origin, None) if audio is not None else None
            try:
                streams = [video] + ([audio] if audio is not None else [])
                for packet in container.demux(streams):
                    if packet.stream is video:
                        try:
                            frames = packet.decode()
                        except av.error.InvalidDataError:
                            continue  # a damaged packet: skip its picture, keep the video
                        for frame in frames:
                            at = encoder.write(frame, blur)
                            if at is not None and result.duration:
                                report((at - origin) / result.duration)
                    elif sound is not None:
                        sound.write(packet)
                # Demuxing ends with an empty packet per stream that drains the decoder; a
                # decoder left with pictures (a source cut short) is drained here.
                with contextlib.suppress(av.error.EOFError):
                    for frame in video.decode(None):
                        encoder.write(frame, blur)
                encoder.close()
            finally:
                encoder.stop()
    report(1.0, force=True)
    return blur.detections


class _Encoder:
    def __init__(self, output, video, result: media.ProbeResult, origin: float) -> None:
        self.time_base = video.time_base
        self.shift = round(origin / self.time_base)
        self.rotation = result.rotation
        # Coded size as the decoder gives it, even for yuv420p; upright size after turning.
        self.coded_width = result.coded_width & ~1
        self.coded_height = result.coded_height & ~1
        width, height = self.coded_width, self.coded_height
        if self.rotation in (90, 270):
            width, height = height, width
        rate = video.average_rate or video.guessed_rate or Fraction(25)
        rate = min(Fraction(rate).limit_denominator(1001), Fraction(media.MAX_OUTPUT_FPS))
        self.stream = output.add_stream("libx264", rate=rate)
        self.stream.width, self.stream.height = width, height
        self.stream.pix_fmt = "yuv420p"
        context = self.stream.codec_context
        context.time_base = self.time_base
        context.gop_size = max(1, round(media.KEYFRAME_INTERVAL * float(rate)))
        context.thread_type = "FRAME"
        context.options = dict(media.X264_OPTIONS)
        self.encoder = media._EncoderThread(self.stream)
        self.last_pts: int | None = None

    def write(self, frame, blur: _FaceBlur) -> float | None:
        if frame.pts is None or (self.last_pts is not None and frame.pts <= self.last_pts):
            return None  # no place on the timeline, or a repeat the MP4 muxer would refuse
        self.last_pts = frame.pts
        planes = _Planes.upright(frame, self.coded_width, self.coded_height, self.rotation)
        blur.apply(planes)
        picture = av.VideoFrame.from_ndarray(planes.data, format="yuv420p")
        picture.pts = frame.pts - self.shift
        picture.time_base = self.time_base
        self.stream.container.mux(self.encoder.encode(picture))
        return float(frame.pts * self.time_base)

    def close(self) -> None:
        self.stream.container.mux(self.encoder.finish())

    def stop(self) -> None:
        self.encoder.stop()
