"""The media layer on a 20 s 1280x720 H.264/AAC video, against a remux of the same file.

Reference: make_rendition as a remux (stream copy into a faststart MP4), the cheapest way
through PyAV. The forced transcode (libx264 veryfast, CRF 23) and the thumbnail sprite are
reported as ratios to it, so the numbers compare across machines; the transcode also as
"x realtime" (seconds of video per second of work).
"""

import os
import shutil
import tempfile
import time
from pathlib import Path

from bench.setup import median_seconds

SECONDS = 20
WIDTH, HEIGHT = 1280, 720


def main() -> None:
    from videoklub import media
    from videoklub.media.synth import make_video

    directory = Path(tempfile.mkdtemp(prefix="videoklub-bench-media-"))
    try:
        started = time.perf_counter()
        source = make_video(
            directory / "lesson.mp4",
            seconds=SECONDS,
            width=WIDTH,
            height=HEIGHT,
            fps=25,
            gop=25,  # a keyframe a second, as phones write
            noise=6,  # camera grain: a realistic bit rate (about 4 Mbit/s) for the copy to move
            preset="veryfast",
        )
        made_in = time.perf_counter() - started
        result = media.probe(source)
        size_mb = source.stat().st_size / 1e6
        print(
            f"source: {result.duration:.1f} s {result.width}x{result.height} "
            f"{result.video_codec}/{result.audio_codec} {size_mb:.1f} MB "
            f"({result.bit_rate / 1e6:.1f} Mbit/s) "
            f"(synthesised in {made_in:.1f} s), {os.cpu_count()} CPUs"
        )

        remuxed, transcoded = directory / "remux.mp4", directory / "transcode.mp4"
        sprite = directory / "sprite.jpg"

        def remux() -> None:
            assert media.make_rendition(source, remuxed, result) == "remux"

        def transcode() -> None:
            method = media.make_rendition(source, transcoded, result, force_transcode=True)
            assert method == "transcode"

        def thumbnails() -> None:
            media.make_thumbnail_sprite(source, sprite, duration=result.duration, count=40)

        reference = median_seconds(remux, repeat=9, warmup=1)
        transcode_seconds = median_seconds(transcode, repeat=3, warmup=0)
        sprite_seconds = median_seconds(thumbnails, repeat=5, warmup=1)
        probe_seconds = median_seconds(lambda: media.probe(source), repeat=9, warmup=1)

        print(f"reference remux:       {reference * 1000:8.1f} ms")
        print(
            f"transcode (forced):    {transcode_seconds * 1000:8.1f} ms  "
            f"{transcode_seconds / reference:7.1f}x remux  "
            f"{result.duration / transcode_seconds:5.1f}x realtime  "
            f"{result.duration * 25 / transcode_seconds:6.1f} fps  "
            f"{transcoded.stat().st_size / 1e6:.1f} MB"
        )
        print(
            f"thumbnail sprite (40): {sprite_seconds * 1000:8.1f} ms  "
            f"{sprite_seconds / reference:7.1f}x remux"
        )
        print(
            f"probe:                 {probe_seconds * 1000:8.1f} ms  "
            f"{probe_seconds / reference:7.1f}x remux"
        )
    finally:
        shutil.rmtree(directory, ignore_errors=True)
