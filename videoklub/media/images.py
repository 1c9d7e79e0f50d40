"""Pictures: the poster and the thumbnail strip the player shows while seeking."""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

import av
import av.error
import av.filter
from PIL import Image

from videoklub.media.base import JPEG_QUALITY, MediaError, StrPath, _atomic
from videoklub.media.probe import _clockwise, _sample_aspect_ratio, _video_stream


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
