"""Small synthetic media for tests and benchmarks, written with PyAV.

Every picture is drawn upright (as the viewer should see it) with a red block in its top-left
corner, then turned into the coded orientation when a rotation is asked for. A test can so check
that a rendition, poster or thumbnail shows the picture upright: the top-left pixel is red.
"""

from __future__ import annotations

import array
import math
import os
from fractions import Fraction
from pathlib import Path
from typing import cast

import av
from av.audio.stream import AudioStream
from av.video.stream import VideoStream
from PIL import Image, ImageChops, ImageDraw, ImageFont

from videoklub.media import mp4_atoms

MARKER = (220, 20, 20)
# A tone whose period (128 samples at 48 kHz) divides the AAC frame size: every frame is equal.
TONE_HZ = 375
AUDIO_RATE = 48000
AUDIO_FRAME = 1024

_ENCODERS = {"h264": "libx264", "hevc": "libx265", "mpeg4": "mpeg4", "vp9": "libvpx-vp9"}
_FORMATS = {"mp4": "mp4", "mov": "mov", "webm": "webm", "mkv": "matroska", "ts": "mpegts"}
# Irregular frame intervals (as multiples of the nominal one) whose mean is 1.
_VFR_PATTERN = (0.5, 1.0, 1.5, 1.0, 0.5, 1.5)


def make_video(
    path: str | os.PathLike,
    *,
    seconds: float = 3,
    width: int = 320,
    height: int = 240,
    fps: int = 25,
    codec: str = "h264",
    container: str | None = None,
    audio: bool = True,
    audio_codec: str | None = None,
    rotation: int = 0,
    variable_frame_rate: bool = False,
    gop: int | None = None,
    pix_fmt: str | None = None,
    interlaced: bool = False,
    noise: float = 0,
    preset: str = "ultrafast",
) -> Path:
    """Write a video of colour bars with a moving square and, with `audio`, a sine tone.

    `width` x `height` is the coded size. `rotation` (0, 90, 180, 270) is the clockwise turn a
    player must make to show it upright, stored as a display matrix, like a phone filming in
    portrait. `gop` fixes the keyframe interval in frames (keyframes at multiples of it).
    `container` (mp4, mov, webm, mkv, ts) defaults to the file's suffix, else mp4.
    `audio_codec` defaults to AAC (Opus in WebM); a camera's "pcm_s16le" works in MOV.
    `interlaced` (H.264 only) codes the pictures as fields, as camcorders filming 1080i do.
    `noise` adds camera grain (standard deviation in levels; 6 gives a 720p H.264 of about
    4 Mbit/s) so that a benchmark's file has a realistic bit rate.
    """
    path = Path(path)
    if container is None:
        suffix = path.suffix.lstrip(".").lower()
        container = suffix if suffix in _FORMATS else "mp4"
    fmt = _FORMATS[container]
    pix_fmt = pix_fmt or "yuv420p"
    rotation %= 360
    upright = (height, width) if rotation in (90, 270) else (width, height)
    scene = _Scene(*upright, rotation=rotation, noise=noise)

    with av.open(str(path), "w", format=fmt) as output:
        video = cast(VideoStream, output.add_stream(_ENCODERS[codec], rate=fps))
        video.width, video.height, video.pix_fmt = width, height, pix_fmt
        context = video.codec_context
        # Millisecond ticks let a variable frame rate be expressed exactly.
        context.time_base = Fraction(1, 1000) if variable_frame_rate else Fraction(1, fps)
        if gop:
            context.gop_size = gop
        context.options = _encoder_options(codec, gop, preset, interlaced)
        if rotation:
            # PyAV's degrees are counter-clockwise (as VideoFrame.rotation reads them back).
            video.set_display_rotation(-rotation)
        sound = None
        if audio:
            audio_codec = audio_codec or ("libopus" if container == "webm" else "aac")
            sound = cast(AudioStream, output.add_stream(audio_codec, rate=AUDIO_RATE))
            sound.layout = "mono"

        frame_count = round(seconds * fps)
        pts = 0
        for index in range(frame_count):
            frame = av.VideoFrame.from_image(scene.draw(index / frame_count))
            if variable_frame_rate:
                frame.pts = pts
                pts += round(1000 / fps * _VFR_PATTERN[index % len(_VFR_PATTERN)])
            else:
                frame.pts = index
            output.mux(video.encode(frame))
        output.mux(video.encode(None))

        if sound is not None:
            samples = _tone()
            for index in range(math.ceil(seconds * AUDIO_RATE / AUDIO_FRAME)):
                output.mux(sound.encode(_audio_frame(samples, index * AUDIO_FRAME)))
            output.mux(sound.encode(None))
    return path


def make_captioned_video(
    path: str | os.PathLike,
    *,
    scenes: list[tuple[float, float, str]],
    seconds: float,
    width: int = 640,
    height: int = 360,
    fps: int = 5,
    font: str | None = None,
) -> Path:
    """Write a calm video of captions: each scene (start, end, text) a still, softly coloured
    background with its text wrapped, and a running timecode at the bottom. Silent, H.264.

    Made for scripted example lessons: a reader follows the lesson through the captions while
    subtitles and commentary run beside it. Only the timecode changes between frames, so at a
    low frame rate the encoder has little to do.
    """
    path = Path(path)
    title_font = _font(font, 22)
    clock_font = _font(font, 18)
    stills: list[tuple[float, float, Image.Image]] = []
    for index, (start, end, text) in enumerate(scenes):
        image = Image.new("RGB", (width, height), _CALM[index % len(_CALM)])
        draw = ImageDraw.Draw(image)
        lines = _wrap(draw, text, title_font, width - 80)
        line_height = title_font.size + 8 if hasattr(title_font, "size") else 30
        top = max(20, (height - 40 - line_height * len(lines)) // 2)
        for number, line in enumerate(lines):
            draw.text((40, top + number * line_height), line, fill=(30, 35, 40), font=title_font)
        stills.append((start, end, image))
    blank = Image.new("RGB", (width, height), _CALM[0])

    with av.open(str(path), "w", format="mp4") as output:
        video = cast(VideoStream, output.add_stream("libx264", rate=fps))
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.codec_context.time_base = Fraction(1, fps)
        # A keyframe every two seconds: a learner's seek lands close to where it was asked.
        video.codec_context.options = {"preset": "ultrafast", "x264-params": f"keyint={2 * fps}"}
        for index in range(round(seconds * fps)):
            at = index / fps
            still = next((img for start, end, img in stills if start <= at < end), blank)
            image = still.copy()
            clock = f"{int(at) // 60}:{int(at) % 60:02d}"
            ImageDraw.Draw(image).text(
                (width - 80, height - 34), clock, fill=(30, 35, 40), font=clock_font
            )
            frame = av.VideoFrame.from_image(image)
            frame.pts = index
            output.mux(video.encode(frame))
        output.mux(video.encode(None))
    return path


# Soft backgrounds with dark text well above WCAG contrast, in turn per scene.
_CALM = ((233, 240, 246), (238, 244, 236), (246, 240, 230), (240, 236, 246))
_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


def _font(path: str | None, size: int):
    for candidate in (path, *_FONTS):
        if candidate and os.path.exists(candidate):
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def make_audio_only(path: str | os.PathLike, seconds: float = 2) -> Path:
    """Write AAC sound in an MP4 container (as a voice memo app would), without any video."""
    path = Path(path)
    with av.open(str(path), "w", format="mp4") as output:
        sound = cast(AudioStream, output.add_stream("aac", rate=AUDIO_RATE))
        sound.layout = "mono"
        samples = _tone()
        for index in range(math.ceil(seconds * AUDIO_RATE / AUDIO_FRAME)):
            output.mux(sound.encode(_audio_frame(samples, index * AUDIO_FRAME)))
        output.mux(sound.encode(None))
    return path


def make_truncated_mp4(path: str | os.PathLike, *, seconds: float = 2) -> Path:
    """An MP4 cut off before its moov atom: what an interrupted copy or recording leaves."""
    path = Path(path)
    # Without faststart the muxer writes moov last, after the media data.
    make_video(path, seconds=seconds, container="mp4")
    atoms = mp4_atoms(path)
    names = [name for name, _, _ in atoms]
    if names[-1] != "moov":
        raise AssertionError(f"expected moov last, found {names}")
    _, moov_offset, _ = atoms[-1]
    with open(path, "r+b") as file:
        file.truncate(moov_offset)
    return path


class _Scene:
    """Colour bars, a red marker at the top left and a white square moving left to right."""

    BARS = ((192, 192, 192), (192, 192, 0), (0, 192, 192), (0, 192, 0), (192, 0, 192), (0, 0, 192))

    def __init__(self, width: int, height: int, *, rotation: int, noise: float = 0) -> None:
        self.width, self.height, self.rotation = width, height, rotation
        # A few grain patterns in turn: as costly to encode as fresh ones, far cheaper to make.
        self.grain = [
            Image.effect_noise((width, height), noise).convert("RGB")
            for _ in range(5 if noise else 0)
        ]
        self.count = 0
        self.background = Image.new("RGB", (width, height))
        draw = ImageDraw.Draw(self.background)
        bar = math.ceil(width / len(self.BARS))
        for index, colour in enumerate(self.BARS):
            draw.rectangle((index * bar, 0, (index + 1) * bar, height), fill=colour)
        self.marker = max(8, min(width, height) // 6)
        draw.rectangle((0, 0, self.marker - 1, self.marker - 1), fill=MARKER)
        self.square = max(8, min(width, height) // 5)

    def draw(self, progress: float) -> Image.Image:
        image = self.background.copy()
        x = round((self.width - self.square) * progress)
        y = (self.height - self.square) // 2
        ImageDraw.Draw(image).rectangle(
            (x, y, x + self.square - 1, y + self.square - 1), fill=(255, 255, 255)
        )
        if self.grain:
            grain = self.grain[self.count % len(self.grain)]
            image = ImageChops.add(image, grain, scale=1.0, offset=-128)
            self.count += 1
        if self.rotation:
            # The player turns clockwise by `rotation`: store it turned the other way.
            image = image.rotate(self.rotation, expand=True)
        return image


def _encoder_options(codec: str, gop: int | None, preset: str, interlaced: bool) -> dict[str, str]:
    if codec == "h264":
        params = [f"keyint={gop}:min-keyint={gop}:scenecut=0"] if gop else []
        if interlaced:
            params.append("interlaced=1")
        options = {"preset": preset}
        if params:
            options["x264-params"] = ":".join(params)
        return options
    if codec == "hevc":
        x265 = "log-level=error"
        if gop:
            x265 += f":keyint={gop}:min-keyint={gop}:scenecut=0"
        return {"preset": preset, "x265-params": x265}
    if codec == "vp9":
        return {"deadline": "realtime", "cpu-used": "8"}
    return {}


def _tone() -> bytes:
    samples = array.array(
        "f", (0.3 * math.sin(2 * math.pi * TONE_HZ * i / AUDIO_RATE) for i in range(AUDIO_FRAME))
    )
    return samples.tobytes()


def _audio_frame(samples: bytes, pts: int) -> av.AudioFrame:
    frame = av.AudioFrame(format="fltp", layout="mono", samples=AUDIO_FRAME)
    frame.planes[0].update(samples)
    frame.sample_rate = AUDIO_RATE
    frame.pts = pts
    frame.time_base = Fraction(1, AUDIO_RATE)
    return frame
