"""The worker's media pipeline (PyAV, FFmpeg 8.1 inside the wheel) against the FFmpeg CLI.

Three figures, each against a reference measured in the same run on the same files:

1. Time-to-playable of a 45-minute 1080p25 H.264/AAC recording (moov at the end, as a phone
   writes it) on the remux path: probe + validate + make_rendition (stream copy into a faststart
   MP4) vs `ffmpeg -i in.mp4 -c copy -movflags +faststart out.mp4`. Target <= 1.2x.
   Poster and thumbnail sprite (made after the rendition is playable) are printed apart.
2. A 1080p -> 720p transcode by make_rendition(force_transcode=True) vs the FFmpeg CLI with the
   settings media.py uses (libx264 veryfast CRF 23 high profile, keyframe every 2 s, scale to
   1280x720, square pixels, yuv420p; AAC sound is copied as media.py copies it). Target <= 1.1x.
3. Peak memory (RSS) of a subprocess that does the worker's job on a ~2 GB upload: join 64 MB
   parts with shutil.copyfileobj (as tasks._assemble_original), probe, validate, remux, poster,
   sprite (media.py only: no database, no storage backend). Measured after the process exits
   (wait4 through a small launcher, see LAUNCHER) and cross-checked with its own VmHWM.
   Reference: a bare `python -c "import av, PIL"`. Target < 500 MB.

The FFmpeg CLI is the static binary of the imageio-ffmpeg package (a dev dependency). The inputs
are synthesised once into var/bench/ffmpeg/: 60 s of 1080p25 with camera grain (about 6 Mbit/s),
then repeated packet for packet with shifted timestamps up to 45 minutes (about 2 GB, which also
serves as the 2 GB upload). Each timed step runs BENCH_FFMPEG_RUNS times (default 3), ours and
the CLI taking turns, each after os.sync() with the input in the page cache (the remux after one
untimed warm-up run of each); the best run counts, the ratio of the medians is printed too.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench" / "ffmpeg"

WIDTH, HEIGHT, FPS = 1920, 1080, 25
SEGMENT_SECONDS = 60
GOP = 25  # a keyframe a second, as phones write
NOISE = 5.2  # camera grain: about 6 Mbit/s at 1080p with x264 veryfast
LESSON_MINUTES = 45
BIG_BYTES = 2_000_000_000  # the upload whose processing must stay under MEMORY_TARGET
PART_BYTES = 64 * 1024 * 1024
MAX_DURATION = 180 * 60  # settings.RECORDING_MAX_DURATION_MINUTES' default
RUNS = max(2, int(os.environ.get("BENCH_FFMPEG_RUNS", "3")))

PLAYABLE_TARGET = 1.2
TRANSCODE_TARGET = 1.1
MEMORY_TARGET = 500e6


def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def ffmpeg_version(exe: str) -> str:
    output = subprocess.run([exe, "-version"], capture_output=True, text=True, check=True).stdout
    first = output.splitlines()[0]  # "ffmpeg version n9.0.2-... Copyright ..."
    return first.split(" Copyright")[0].removeprefix("ffmpeg version ").strip()


def run_ffmpeg(exe: str, *args: str | Path) -> None:
    command = [exe, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *map(str, args)]
    subprocess.run(command, check=True)


# --- Inputs --------------------------------------------------------------------------------


def segment_path() -> Path:
    return WORK / f"segment-{HEIGHT}p{FPS}-{SEGMENT_SECONDS}s-gop{GOP}-noise{NOISE}.mp4"


def make_segment() -> Path:
    """60 s of 1080p25 H.264/AAC with grain, moov at the end (cached)."""
    from videoklub.media.synth import make_video

    path = segment_path()
    if not path.exists():
        started = time.perf_counter()
        temporary = path.with_suffix(".part.mp4")
        make_video(
            temporary, seconds=SEGMENT_SECONDS, width=WIDTH, height=HEIGHT, fps=FPS, gop=GOP,
            noise=NOISE, preset="veryfast",
        )  # fmt: skip
        temporary.rename(path)
        print(f"  (made {path.name} in {time.perf_counter() - started:.0f} s)")
    return path


def repeated_path(count: int) -> Path:
    return segment_path().with_name(segment_path().stem + f"-x{count}.mp4")


def make_repeated(count: int) -> Path:
    """The segment's packets `count` times in a row, timestamps shifted: a long recording
    without encoding it. Written without faststart: the moov comes last, as from a phone."""
    import av

    from videoklub.media import mp4_atoms

    path = repeated_path(count)
    if path.exists():
        return path
    started = time.perf_counter()
    segment = make_segment()
    with av.open(str(segment)) as source:
        video = source.streams.video[0]
        start, end = None, 0
        for packet in source.demux(video):
            if packet.pts is not None:
                start = packet.pts if start is None else min(start, packet.pts)
                end = max(end, packet.pts + (packet.duration or 0))
        span = (end - (start or 0)) * video.time_base  # seconds, exact
    temporary = path.with_suffix(".part.mp4")
    with av.open(str(temporary), "w", format="mp4") as output:
        outputs: dict[int, object] = {}
        last_dts: dict[int, int] = {}
        for index in range(count):
            with av.open(str(segment)) as source:
                if not outputs:
                    for stream in source.streams:
                        outputs[stream.index] = output.add_stream_from_template(stream)
                firsts: dict[int, int] = {}
                for packet in source.demux():
                    if packet.pts is None or packet.dts is None:
                        continue
                    time_base = packet.stream.time_base
                    first = firsts.setdefault(packet.stream.index, packet.pts)
                    if (packet.pts - first) * time_base >= span:
                        continue  # sound past the pictures' end: the next copy takes over
                    shift = round(index * span / time_base)
                    packet.pts += shift
                    packet.dts += shift
                    if packet.dts <= last_dts.get(packet.stream.index, -(2**62)):
                        continue  # would overlap the previous copy's last packet
                    last_dts[packet.stream.index] = packet.dts
                    packet.stream = outputs[packet.stream.index]
                    output.mux(packet)
    if mp4_atoms(temporary)[-1][0] != "moov":
        raise AssertionError("expected the moov at the end")
    temporary.rename(path)
    print(f"  (made {path.name} in {time.perf_counter() - started:.0f} s)")
    return path


def read_through(path: Path) -> None:
    """Put the file in the page cache, so that no contender pays for the first read."""
    with open(path, "rb") as file:
        while file.read(16 * 1024 * 1024):
            pass


# --- Timing --------------------------------------------------------------------------------


def timed(action: Callable[[], object], output: Path) -> float:
    output.unlink(missing_ok=True)  # deleting a 2 GB file takes a while: not part of the work
    os.sync()  # the previous run's dirty pages must not slow this one down
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def alternate(
    ours: Callable[[], object],
    ours_dst: Path,
    theirs: Callable[[], object],
    theirs_dst: Path,
    *,
    warmup: bool = False,
) -> tuple[list[float], list[float]]:
    """RUNS timings of each, taking turns: the CLI first in even rounds, ours in odd ones.

    With `warmup`, each runs once untimed first: on this virtual machine the kernel pages out
    idle memory (DAMON "pageout"), and the first run that writes gigabytes afterwards spends
    seconds more in the kernel, whichever program it is.
    """
    if warmup:
        timed(theirs, theirs_dst)
        timed(ours, ours_dst)
    ours_runs, theirs_runs = [], []
    for index in range(RUNS):
        if index % 2:
            ours_runs.append(timed(ours, ours_dst))
            theirs_runs.append(timed(theirs, theirs_dst))
        else:
            theirs_runs.append(timed(theirs, theirs_dst))
            ours_runs.append(timed(ours, ours_dst))
    return ours_runs, theirs_runs


def runs_text(runs: list[float]) -> str:
    return "runs " + " ".join(f"{value:.2f}" for value in runs)


def median_ratio(ours: list[float], theirs: list[float]) -> str:
    return f"{statistics.median(ours) / statistics.median(theirs):.2f}x"


def verdict(ratio: float, target: float) -> str:
    return f"target <= {target}x: {'met' if ratio <= target else 'NOT met'}"


# --- 1. Time-to-playable -------------------------------------------------------------------


def bench_playable(exe: str, lesson: Path, out: Path) -> None:
    from videoklub import media

    ours_dst, cli_dst = out / "lesson-ours.mp4", out / "lesson-cli.mp4"
    result = media.probe(lesson)
    size = lesson.stat().st_size
    print(
        f"1. time-to-playable, remux path: {result.duration / 60:.1f} min "
        f"{result.width}x{result.height} {result.video_codec}/{result.audio_codec} "
        f"{size / 1e9:.2f} GB ({result.bit_rate / 1e6:.1f} Mbit/s), moov at the end"
    )

    def ours() -> None:
        probed = media.probe(lesson)
        media.validate(probed, max_duration=MAX_DURATION)
        assert media.make_rendition(lesson, ours_dst, probed, progress=lambda _: None) == "remux"

    def theirs() -> None:
        run_ffmpeg(exe, "-i", lesson, "-c", "copy", "-movflags", "+faststart", cli_dst)

    read_through(lesson)
    ours_runs, theirs_runs = alternate(ours, ours_dst, theirs, cli_dst, warmup=True)
    ours_best, theirs_best = min(ours_runs), min(theirs_runs)
    ratio = ours_best / theirs_best
    for name, path in (("ours", ours_dst), ("CLI", cli_dst)):
        if media.mp4_atoms(path)[1][0] != "moov":
            raise AssertionError(f"{name}: the moov should come right after ftyp")
    print(
        f"   ffmpeg -c copy -movflags +faststart: {theirs_best:7.2f} s  "
        f"(best of {RUNS}; {runs_text(theirs_runs)})"
    )
    print(
        f"   ours probe+validate+remux:           {ours_best:7.2f} s  "
        f"(best of {RUNS}; {runs_text(ours_runs)})"
    )
    print(
        f"   ratio ours / CLI: {ratio:.2f}x (best runs; "
        f"medians {median_ratio(ours_runs, theirs_runs)})"
        f"  {verdict(ratio, PLAYABLE_TARGET)}  ({size / 1e6 / ours_best:.0f} MB/s of input)"
    )

    poster, sprite = out / "poster.jpg", out / "sprite.jpg"
    pictures_runs = []
    for _ in range(2):
        started = time.perf_counter()
        media.make_poster(ours_dst, poster, at=min(result.duration / 3, 10.0))
        poster_seconds = time.perf_counter() - started
        media.make_thumbnail_sprite(ours_dst, sprite, duration=result.duration)
        pictures_runs.append((time.perf_counter() - started, poster_seconds))
    total, poster_seconds = min(pictures_runs)
    print(
        f"   extra (after playable, not counted): poster + 40-tile sprite {total:.2f} s "
        f"(poster {poster_seconds:.2f} s; best of 2)"
    )
    cli_dst.unlink(missing_ok=True)
    ours_dst.unlink(missing_ok=True)


# --- 2. Transcode --------------------------------------------------------------------------


def bench_transcode(exe: str, segment: Path, out: Path) -> None:
    import av

    from videoklub import media

    result = media.probe(segment)
    ours_dst, cli_dst = out / "transcode-ours.mp4", out / "transcode-cli.mp4"
    width, height = media._fit(result.width, result.height, 720)
    rate = round(result.frame_rate)
    gop = max(1, round(media.KEYFRAME_INTERVAL * rate))
    options = media.X264_OPTIONS
    # The same work as media._VideoEncode: its filter chain, encoder and options; AAC sound is
    # copied by make_rendition (it only re-encodes sound that browsers cannot play).
    cli_args = [
        "-i", segment,
        "-vf", f"scale={width}:{height},setsar=1,format=yuv420p",
        "-c:v", "libx264", "-preset", options["preset"], "-crf", options["crf"],
        "-profile:v", options["profile"], "-g", str(gop), "-pix_fmt", "yuv420p",
        "-c:a", "copy" if result.audio_codec in media.PLAYABLE_AUDIO_CODECS else "aac",
        "-movflags", "+faststart", cli_dst,
    ]  # fmt: skip
    print(
        f"2. transcode {result.duration:.0f} s {result.width}x{result.height}p{rate} "
        f"({result.bit_rate / 1e6:.1f} Mbit/s) to {width}x{height}: "
        f"libx264 {options['preset']} crf {options['crf']} {options['profile']} g {gop}"
    )
    print("   CLI: ffmpeg " + " ".join(str(arg) for arg in cli_args))

    def ours() -> None:
        method = media.make_rendition(
            segment, ours_dst, result, max_height=720, force_transcode=True,
            progress=lambda _: None,
        )  # fmt: skip
        assert method == "transcode"

    def theirs() -> None:
        run_ffmpeg(exe, *cli_args)

    read_through(segment)
    ours_runs, theirs_runs = alternate(ours, ours_dst, theirs, cli_dst)
    ours_best, theirs_best = min(ours_runs), min(theirs_runs)
    ratio = ours_best / theirs_best
    frames = {}
    for name, path in (("ours", ours_dst), ("CLI", cli_dst)):
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            size = (stream.codec_context.width, stream.codec_context.height)
            frames[name] = (stream.frames, size, path.stat().st_size / 1e6)
    print(
        f"   FFmpeg CLI:             {theirs_best:7.2f} s  "
        f"{result.duration / theirs_best:5.2f}x realtime  "
        f"{frames['CLI'][0] / theirs_best:6.1f} fps  {frames['CLI'][2]:.1f} MB  "
        f"(best of {RUNS}; {runs_text(theirs_runs)})"
    )
    print(
        f"   ours make_rendition:    {ours_best:7.2f} s  "
        f"{result.duration / ours_best:5.2f}x realtime  "
        f"{frames['ours'][0] / ours_best:6.1f} fps  {frames['ours'][2]:.1f} MB  "
        f"(best of {RUNS}; {runs_text(ours_runs)})"
    )
    print(
        f"   ratio ours / CLI: {ratio:.2f}x (best runs; "
        f"medians {median_ratio(ours_runs, theirs_runs)})"
        f"  {verdict(ratio, TRANSCODE_TARGET)}  "
        f"(real-time factor of ours on {os.cpu_count()} CPUs: "
        f"{result.duration / ours_best:.2f} s of video per s)"
    )
    if frames["ours"][:2] != frames["CLI"][:2]:
        print(f"   WARNING: outputs differ (frames, size): {frames}")
    ours_dst.unlink(missing_ok=True)
    cli_dst.unlink(missing_ok=True)


# --- 3. Peak memory ------------------------------------------------------------------------


def vm_hwm() -> int:
    """This process's own peak RSS in bytes (Linux: VmHWM of its memory map)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def worker(parts: str, workdir: str) -> None:
    """The worker's job in this process (run as a subprocess): prints a JSON report."""
    from videoklub import media

    timings = {}
    started = time.perf_counter()
    original = os.path.join(workdir, "original")
    with open(original, "wb") as target:  # as tasks._assemble_original
        for part in sorted(os.listdir(parts)):
            with open(os.path.join(parts, part), "rb") as source:
                shutil.copyfileobj(source, target, length=4 * 1024 * 1024)
    media.sniff(original)
    timings["assemble"] = time.perf_counter() - started
    started = time.perf_counter()
    result = media.probe(original)
    media.validate(result, max_duration=MAX_DURATION)
    rendition = os.path.join(workdir, "rendition.mp4")
    method = media.make_rendition(original, rendition, result, progress=lambda _: None)
    timings["playable"] = time.perf_counter() - started
    started = time.perf_counter()
    media.make_poster(
        rendition, os.path.join(workdir, "poster.jpg"), at=min(result.duration / 3, 10.0)
    )
    media.make_thumbnail_sprite(
        rendition, os.path.join(workdir, "sprite.jpg"), duration=result.duration
    )
    timings["pictures"] = time.perf_counter() - started
    print(json.dumps({"method": method, "timings": timings, "vm_hwm": vm_hwm()}))


# Linux starts a child's ru_maxrss at the RSS of the process it was forked from (exec records
# the old memory map's peak), so this benchmark's own few hundred MB would show up as the
# child's peak. A small launcher process starts the measured command and reports its wait4
# ru_maxrss; the command also reports its own VmHWM, which is not inherited.
LAUNCHER = (
    "import os, subprocess, sys\n"
    "process = subprocess.Popen(sys.argv[1:])\n"
    "_, status, usage = os.wait4(process.pid, 0)\n"
    "print('maxrss', usage.ru_maxrss, os.waitstatus_to_exitcode(status), flush=True)\n"
)
BARE = "import av, PIL\nfrom bench.bench_ffmpeg import vm_hwm\nprint(vm_hwm())"
IMPORTS = (
    "import videoklub.media, videoklub.media.synth\n"
    "from bench.bench_ffmpeg import vm_hwm\nprint(vm_hwm())"
)


def peak_rss(command: list[str]) -> tuple[int, list[str]]:
    """The command's peak RSS in bytes, measured after it exited, and its output lines."""
    output = subprocess.run(
        [sys.executable, "-S", "-c", LAUNCHER, *command],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True,
    ).stdout.strip().splitlines()  # fmt: skip
    _, maxrss, code = output[-1].split()
    if int(code):
        raise subprocess.CalledProcessError(int(code), command, "\n".join(output))
    return int(maxrss) * 1024, output[:-1]  # Linux counts kilobytes


def bench_memory(big: Path, out: Path) -> None:
    size = big.stat().st_size
    parts = out / "parts"
    workdir = out / "work"
    count = math.ceil(size / PART_BYTES)
    print(
        f"3. peak worker memory: {size / 1e9:.2f} GB upload in {count} parts of 64 MiB; "
        "join + probe + validate + remux + poster + sprite in a subprocess"
    )
    shutil.rmtree(parts, ignore_errors=True)
    parts.mkdir(parents=True)
    with open(big, "rb") as source:
        for index in range(count):
            (parts / f"{index:05d}").write_bytes(source.read(PART_BYTES))
    command = [sys.executable, "-c", "import sys; from bench.bench_ffmpeg import worker; "
               "worker(sys.argv[1], sys.argv[2])", str(parts), str(workdir)]  # fmt: skip
    runs = []
    try:
        bare, bare_output = peak_rss([sys.executable, "-c", BARE])
        imports, _ = peak_rss([sys.executable, "-c", IMPORTS])
        for _ in range(2):
            shutil.rmtree(workdir, ignore_errors=True)
            workdir.mkdir()
            peak, output = peak_rss(command)
            runs.append((peak, json.loads(output[-1])))
    finally:
        shutil.rmtree(parts, ignore_errors=True)
        shutil.rmtree(workdir, ignore_errors=True)
    peak, report = max(runs, key=lambda run: run[0])
    timings = report["timings"]
    print(
        f'   reference `python -c "import av, PIL"`: peak RSS {bare / 1e6:6.1f} MB '
        f"(own VmHWM {int(bare_output[-1]) / 1e6:.1f} MB); the worker's imports "
        f"(media.py with Django's i18n): {imports / 1e6:.1f} MB"
    )
    print(
        f"   worker ({report['method']}): peak RSS {peak / 1e6:6.1f} MB, the higher of 2 runs "
        f"({' '.join(f'{run[0] / 1e6:.1f}' for run in runs)}; own VmHWM "
        f"{report['vm_hwm'] / 1e6:.1f} MB); {peak / bare:.1f}x the bare imports"
    )
    print(
        f"   input size / peak RSS = {size / peak:.1f}  target < {MEMORY_TARGET / 1e6:.0f} MB: "
        f"{'met' if peak < MEMORY_TARGET else 'NOT met'}"
    )
    print(
        f"   worker times: assemble {timings['assemble']:.1f} s, probe+validate+remux "
        f"{timings['playable']:.1f} s, poster + sprite {timings['pictures']:.1f} s"
    )


def main() -> None:
    import av

    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (1/5/15 min) at start")
    try:
        exe = ffmpeg_exe()
    except ImportError:
        print("skipped: pip install imageio-ffmpeg (a dev dependency) for the FFmpeg CLI")
        return
    print(
        f"FFmpeg CLI: {ffmpeg_version(exe)} (static, imageio-ffmpeg); "
        f"PyAV {av.__version__} bundles FFmpeg {av.ffmpeg_version_info}"
    )
    WORK.mkdir(parents=True, exist_ok=True)
    out = WORK / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    try:
        segment = make_segment()
        lesson = make_repeated(LESSON_MINUTES * 60 // SEGMENT_SECONDS)
        # The 45-minute lesson is already about 2 GB: it is then the upload too.
        big = lesson
        if lesson.stat().st_size < BIG_BYTES:
            big = make_repeated(math.ceil(BIG_BYTES / segment.stat().st_size))
        bench_playable(exe, lesson, out)
        bench_transcode(exe, segment, out)
        bench_memory(big, out)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average at the end: {load}")
