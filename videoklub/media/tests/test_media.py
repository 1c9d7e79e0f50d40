"""The media layer on real (synthetic) files: PyAV does the work, nothing is mocked."""

import io
import zipfile

import av
import pytest
from django.utils import translation
from PIL import Image

from videoklub import media
from videoklub.media.synth import MARKER, make_audio_only, make_truncated_mp4, make_video

# --- Fixtures: each file is made once for the module, every test reads it. ----------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="module")
def plain_mp4(folder):
    """H.264/AAC in MP4, 3 s, 320x240, as most phones and cameras write it."""
    return make_video(folder / "plain.mp4", seconds=3)


@pytest.fixture(scope="module")
def portrait_mov(folder):
    """A phone held upright: coded 320x240, display matrix turning it 90 degrees clockwise."""
    return make_video(folder / "portrait.mov", seconds=2, rotation=90)


@pytest.fixture(scope="module")
def keyframe_each_second(folder):
    """Keyframes at whole seconds, and B-frames (pictures that refer to later ones)."""
    return make_video(folder / "gop.mp4", seconds=4, gop=25, fps=25, preset="veryfast")


@pytest.fixture
def out(tmp_path):
    return tmp_path / "out.mp4"


def error_code(action) -> str:
    with pytest.raises(media.MediaError) as caught:
        action()
    return caught.value.code


def video_packets(path) -> list[bytes]:
    return [data for data, _, _ in video_packet_info(path)]


def video_packet_info(path) -> list[tuple[bytes, float, bool]]:
    """(data, presentation time, keyframe) of each video packet, in decoding order."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return [
            (bytes(packet), float(packet.pts * stream.time_base), packet.is_keyframe)
            for packet in container.demux(stream)
            if packet.size
        ]


def decoded_frame_count(path) -> int:
    with av.open(str(path)) as container:
        return sum(1 for _ in container.decode(video=0))


def is_marker(pixel) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(pixel, MARKER, strict=True))


def assert_upright(path, at=0.5):
    """The red marker the synthetic scene draws at its top-left is at the top-left."""
    poster = path.with_suffix(".jpg")
    media.make_poster(path, poster, at=at)
    image = Image.open(poster).convert("RGB")
    width, height = image.size
    assert is_marker(image.getpixel((2, 2)))
    assert not is_marker(image.getpixel((width - 3, 2)))
    assert not is_marker(image.getpixel((2, height - 3)))


# --- Recognising and refusing ------------------------------------------------------------


def test_an_empty_file_is_refused_as_empty(tmp_path):
    path = tmp_path / "les.mp4"
    path.write_bytes(b"")
    assert error_code(lambda: media.sniff(path)) == "empty"
    assert error_code(lambda: media.probe(path)) == "empty"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "green").save(buffer, format="PNG")
    return buffer.getvalue()


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "green").save(buffer, format="JPEG")
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("les.txt", "hallo")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"Dit is geen video, maar een lesvoorbereiding.\n" * 20, id="text"),
        pytest.param(_png(), id="png"),
        pytest.param(_jpeg(), id="jpeg"),
        pytest.param(b"GIF89a" + b"\x00" * 100, id="gif"),
        pytest.param(b"%PDF-1.7\n" + b"\x00" * 100, id="pdf"),
        pytest.param(_zip(), id="zip"),
        pytest.param(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64, id="heic"),
    ],
)
def test_a_file_that_is_no_video_is_refused_whatever_its_name(tmp_path, content):
    path = tmp_path / "les.mp4"
    path.write_bytes(content)
    assert error_code(lambda: media.sniff(path)) == "not_video"
    assert error_code(lambda: media.probe(path)) == "not_video"


def test_the_refusal_is_a_whole_sentence_for_the_teacher(tmp_path):
    path = tmp_path / "les.mp4"
    path.write_bytes(_png())
    with pytest.raises(media.MediaError) as caught:
        media.probe(path)
    with translation.override("en"):
        message = str(caught.value.message)
    assert message.startswith("This file is not a video.")
    assert message.endswith(".")


@pytest.mark.parametrize(
    ("name", "options", "kind"),
    [
        ("a.mp4", {}, "mp4"),
        ("a.mov", {}, "mp4"),
        ("a.mkv", {}, "matroska"),
        ("a.webm", {"codec": "vp9"}, "webm"),
    ],
)
def test_sniff_tells_the_container_from_the_first_bytes_only(tmp_path, name, options, kind):
    source = make_video(tmp_path / name, seconds=1, **options)
    first_chunk = tmp_path / "part-0"  # what the upload has received so far, without a name
    first_chunk.write_bytes(source.read_bytes()[:4096])
    assert media.sniff(first_chunk) == kind


def test_a_truncated_mp4_without_moov_is_refused_as_truncated(tmp_path):
    path = make_truncated_mp4(tmp_path / "les.mp4")
    assert "moov" not in [name for name, _, _ in media.mp4_atoms(path)]
    assert media.sniff(path) == "mp4"  # it does look like a video
    assert error_code(lambda: media.probe(path)) == "truncated"


def test_an_mp4_cut_off_in_its_media_data_is_refused_as_truncated(tmp_path, plain_mp4, out):
    media.make_rendition(plain_mp4, out, media.probe(plain_mp4))  # moov first, then mdat
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(out.read_bytes()[: out.stat().st_size * 2 // 3])
    assert error_code(lambda: media.probe(cut)) == "truncated"


def test_sound_without_pictures_is_refused_as_no_video(tmp_path):
    path = make_audio_only(tmp_path / "les.mp4", seconds=1)
    assert error_code(lambda: media.probe(path)) == "no_video"


# --- Probing -----------------------------------------------------------------------------


def test_probe_describes_a_plain_phone_video(plain_mp4):
    result = media.probe(plain_mp4)
    assert (result.container, result.video_codec, result.audio_codec) == ("mp4", "h264", "aac")
    assert (result.width, result.height) == (320, 240)
    assert (result.coded_width, result.coded_height) == (320, 240)
    assert result.duration == pytest.approx(3.0, abs=0.05)
    assert result.frame_rate == pytest.approx(25)
    assert result.pix_fmt == "yuv420p"
    assert result.rotation == 0
    assert result.has_audio and result.bit_rate > 0
    assert not result.variable_frame_rate
    assert media.can_remux(result)


def test_probe_reports_a_portrait_phone_video_as_displayed(portrait_mov):
    result = media.probe(portrait_mov)
    assert result.container == "mov"
    assert result.rotation == 90
    assert (result.coded_width, result.coded_height) == (320, 240)
    assert (result.width, result.height) == (240, 320)


def test_probe_flags_a_variable_frame_rate(tmp_path):
    result = media.probe(make_video(tmp_path / "vfr.mp4", seconds=2, variable_frame_rate=True))
    assert result.variable_frame_rate
    assert result.frame_rate == pytest.approx(25, abs=1)


def test_a_recording_longer_than_allowed_is_refused(plain_mp4):
    result = media.probe(plain_mp4)
    media.validate(result, max_duration=60)
    with pytest.raises(media.MediaError) as caught:
        media.validate(result, max_duration=2)
    assert caught.value.code == "too_long"
    with translation.override("en"):
        assert "0:03" in str(caught.value.message) and "0:02" in str(caught.value.message)


# --- Renditions --------------------------------------------------------------------------


def test_an_h264_aac_mp4_is_remuxed_with_the_very_same_video_packets(plain_mp4, out):
    result = media.probe(plain_mp4)
    assert media.make_rendition(plain_mp4, out, result) == "remux"
    assert video_packets(out) == video_packets(plain_mp4)
    assert out.stat().st_size <= plain_mp4.stat().st_size
    assert media.probe(out).duration == pytest.approx(result.duration, abs=0.05)


def test_the_rendition_has_its_index_before_the_media_data(plain_mp4, tmp_path):
    names = [name for name, _, _ in media.mp4_atoms(plain_mp4)]
    assert names.index("moov") > names.index("mdat")  # the source has it last
    result = media.probe(plain_mp4)
    for force in (False, True):
        out = tmp_path / f"out-{force}.mp4"
        media.make_rendition(plain_mp4, out, result, force_transcode=force)
        names = [name for name, _, _ in media.mp4_atoms(out)]
        assert names.index("moov") < names.index("mdat")


def test_a_transcode_places_its_own_keyframes(tmp_path, out):
    """Decoded pictures keep their type: left as it is, every I-picture of the source (here
    five a second) would become a keyframe of the rendition, doubling its size."""
    source = make_video(tmp_path / "many-keyframes.mp4", seconds=3, gop=5)
    assert len(media.keyframe_times(source)) == 15
    assert media.make_rendition(source, out, media.probe(source), force_transcode=True)
    assert media.keyframe_times(out) == pytest.approx([0.0, 2.0])


def test_a_remuxed_portrait_video_keeps_its_rotation_and_shows_upright(portrait_mov, out):
    result = media.probe(portrait_mov)
    assert media.make_rendition(portrait_mov, out, result) == "remux"
    rendition = media.probe(out)
    assert rendition.rotation == 90
    assert (rendition.width, rendition.height) == (240, 320)
    assert_upright(out)


def test_a_transcoded_portrait_video_is_turned_upright(portrait_mov, out):
    result = media.probe(portrait_mov)
    assert media.make_rendition(portrait_mov, out, result, force_transcode=True) == "transcode"
    rendition = media.probe(out)
    assert rendition.rotation == 0
    assert (rendition.coded_width, rendition.coded_height) == (240, 320)
    assert (rendition.width, rendition.height) == (240, 320)
    assert_upright(out)


def test_a_variable_frame_rate_video_keeps_its_timing_when_transcoded(tmp_path, out):
    source = make_video(tmp_path / "vfr.mkv", seconds=3, variable_frame_rate=True)
    result = media.probe(source)
    assert media.make_rendition(source, out, result, force_transcode=True) == "transcode"
    rendition = media.probe(out)
    assert rendition.duration == pytest.approx(result.duration, abs=0.1)
    assert rendition.variable_frame_rate  # the original timestamps, not a made-up rate
    assert len(video_packets(out)) == len(video_packets(source))


def test_hevc_is_transcoded_to_h264(tmp_path, out):
    source = make_video(tmp_path / "hevc.mp4", seconds=2, codec="hevc")
    result = media.probe(source)
    assert result.video_codec == "hevc"
    assert not media.can_remux(result)
    assert media.make_rendition(source, out, result) == "transcode"
    rendition = media.probe(out)
    assert (rendition.video_codec, rendition.audio_codec) == ("h264", "aac")
    assert rendition.duration == pytest.approx(result.duration, abs=0.1)


def test_a_webm_from_a_browser_is_transcoded_with_its_opus_sound(tmp_path, out):
    source = make_video(tmp_path / "camera.webm", seconds=2, codec="vp9")
    result = media.probe(source)
    assert (result.video_codec, result.audio_codec) == ("vp9", "opus")
    assert media.make_rendition(source, out, result) == "transcode"
    rendition = media.probe(out)
    assert (rendition.video_codec, rendition.audio_codec) == ("h264", "aac")


def test_a_camera_video_with_pcm_sound_keeps_its_pictures_and_gets_aac_sound(tmp_path, out):
    source = make_video(tmp_path / "camera.mov", seconds=2, audio_codec="pcm_s16le")
    result = media.probe(source)
    assert (result.video_codec, result.audio_codec) == ("h264", "pcm_s16le")
    assert not media.can_remux(result)
    assert media.make_rendition(source, out, result) == "remux"  # the pictures are copied
    assert video_packets(out) == video_packets(source)
    rendition = media.probe(out)
    assert rendition.audio_codec == "aac"
    assert rendition.duration == pytest.approx(result.duration, abs=0.05)


def test_an_mpeg_ts_from_a_camcorder_is_remuxed_to_start_at_zero(tmp_path, out):
    source = make_video(tmp_path / "camcorder.ts", seconds=2)
    assert media.sniff(source) == "mpegts"
    result = media.probe(source)
    assert media.make_rendition(source, out, result) == "remux"
    with av.open(str(out)) as container:
        assert [stream.start_time for stream in container.streams] == [0, 0]
    assert media.probe(out).duration == pytest.approx(result.duration, abs=0.05)


def test_10_bit_h264_is_transcoded_to_8_bit(tmp_path, out):
    source = make_video(tmp_path / "ten-bit.mp4", seconds=1, pix_fmt="yuv420p10le")
    result = media.probe(source)
    assert (result.video_codec, result.pix_fmt) == ("h264", "yuv420p10le")
    assert media.make_rendition(source, out, result) == "transcode"
    assert media.probe(out).pix_fmt == "yuv420p"


def test_a_1080p_video_that_must_be_transcoded_comes_out_at_720p(tmp_path, out):
    source = make_video(tmp_path / "hd.mp4", seconds=1, width=1920, height=1080, codec="mpeg4")
    result = media.probe(source)
    assert media.make_rendition(source, out, result, max_height=720) == "transcode"
    rendition = media.probe(out)
    assert (rendition.width, rendition.height) == (1280, 720)


def test_an_interlaced_video_is_deinterlaced(tmp_path, out):
    source = make_video(tmp_path / "camcorder.mp4", seconds=1, interlaced=True)
    result = media.probe(source)
    assert result.interlaced and not media.can_remux(result)
    assert media.make_rendition(source, out, result) == "transcode"
    rendition = media.probe(out)
    assert not rendition.interlaced
    assert rendition.duration == pytest.approx(result.duration, abs=0.1)


@pytest.mark.parametrize(
    ("size", "max_height", "expected"),
    [
        ((320, 240), 720, (320, 240)),  # never enlarged
        ((1920, 1080), 720, (1280, 720)),
        ((1080, 1920), 720, (720, 1280)),  # portrait: the short side is limited
        ((1440, 1080), 720, (960, 720)),
        ((853, 481), 480, (852, 480)),  # even, for yuv420p
    ],
)
def test_the_rendition_size_keeps_the_aspect_ratio(size, max_height, expected):
    assert media._fit(*size, max_height) == expected


def test_progress_goes_up_to_one(plain_mp4, out):
    seen = []
    media.make_rendition(
        plain_mp4, out, media.probe(plain_mp4), progress=seen.append, force_transcode=True
    )
    assert seen[-1] == 1.0
    assert seen == sorted(seen)
    assert all(0 <= fraction <= 1 for fraction in seen)


def test_a_failed_conversion_leaves_nothing_behind(tmp_path, plain_mp4):
    result = media.probe(plain_mp4)
    folder = tmp_path / "work"
    folder.mkdir()
    broken = folder / "broken.mp4"
    broken.write_bytes(b"not a video at all" * 100)
    with pytest.raises(av.error.FFmpegError):
        media.make_rendition(broken, folder / "rendition.mp4", result, force_transcode=True)
    assert sorted(path.name for path in folder.iterdir()) == ["broken.mp4"]


# --- Pictures ----------------------------------------------------------------------------


def test_the_poster_is_an_upright_jpeg_never_enlarged(plain_mp4, tmp_path):
    poster = tmp_path / "poster.jpg"
    media.make_poster(plain_mp4, poster, at=1.0)
    image = Image.open(poster)
    assert (image.format, image.size) == ("JPEG", (320, 240))
    assert is_marker(image.convert("RGB").getpixel((2, 2)))
    media.make_poster(plain_mp4, poster, at=1.0, width=160)
    assert Image.open(poster).size == (160, 120)


def test_the_poster_of_a_portrait_video_is_upright(portrait_mov):
    assert_upright(portrait_mov)


def test_the_thumbnail_sprite_covers_the_whole_video(tmp_path):
    source = make_video(tmp_path / "five.mp4", seconds=5, gop=25)
    duration = media.probe(source).duration
    sprite = tmp_path / "sprite.jpg"
    count, interval = media.make_thumbnail_sprite(source, sprite, duration=duration, count=4)
    assert count == 4
    assert count * interval == pytest.approx(duration)
    image = Image.open(sprite)
    assert (image.format, image.size) == ("JPEG", (4 * 160, 120))
    image = image.convert("RGB")
    # The white square moves left to right: the tiles show different moments.
    first, last = image.crop((0, 0, 160, 120)), image.crop((480, 0, 640, 120))
    assert first.tobytes() != last.tobytes()


def test_a_short_video_gets_a_thumbnail_a_second_at_most(plain_mp4, tmp_path):
    sprite = tmp_path / "sprite.jpg"
    count, interval = media.make_thumbnail_sprite(plain_mp4, sprite, duration=3.0)
    assert (count, interval) == (3, 1.0)
    assert Image.open(sprite).size == (3 * 160, 120)


def test_the_thumbnails_of_a_portrait_video_are_upright(portrait_mov, tmp_path):
    sprite = tmp_path / "sprite.jpg"
    media.make_thumbnail_sprite(portrait_mov, sprite, duration=2.0, count=2)
    image = Image.open(sprite).convert("RGB")
    assert image.size == (2 * 160, round(160 * 320 / 240))
    assert is_marker(image.getpixel((2, 2)))
    assert not is_marker(image.getpixel((157, 2)))


# --- Fragments ---------------------------------------------------------------------------


def test_a_fragment_starting_at_a_keyframe_is_copied(keyframe_each_second, out):
    assert media.keyframe_times(keyframe_each_second) == pytest.approx([0, 1, 2, 3])
    assert media.export_fragment(keyframe_each_second, out, start=1.02, end=2.5) == "copy"
    fragment = media.probe(out)
    assert fragment.duration == pytest.approx(2.5 - 1.0, abs=0.1)  # from the keyframe on
    assert media.keyframe_times(out)[0] == 0
    # The source's packets in decoding order, from the keyframe at 1.0 s to the last picture
    # before 2.5 s, including a later picture that B-frames before 2.5 s refer to.
    source = video_packet_info(keyframe_each_second)
    first = next(i for i, (_, at, key) in enumerate(source) if key and at == pytest.approx(1))
    last = max(i for i, (_, at, _) in enumerate(source) if at < 2.5)
    assert any(at >= 2.5 for _, at, _ in source[first : last + 1])  # B-frames are in play
    assert video_packets(out) == [data for data, _, _ in source[first : last + 1]]
    # Every copied picture decodes: 1.0 s up to 2.5 s is 38 pictures, plus the one after.
    assert decoded_frame_count(out) == last + 1 - first
    names = [name for name, _, _ in media.mp4_atoms(out)]
    assert names.index("moov") < names.index("mdat")


def test_a_fragment_starting_between_keyframes_is_reencoded_to_the_frame(keyframe_each_second, out):
    assert media.export_fragment(keyframe_each_second, out, start=1.5, end=2.7) == "reencode"
    fragment = media.probe(out)
    assert fragment.duration == pytest.approx(1.2, abs=0.1)
    # The picture on screen at 1.5 s (shown from 1.48 s) opens the fragment at 0.
    with av.open(str(out)) as container:
        assert container.streams.video[0].start_time == 0
    assert (fragment.video_codec, fragment.audio_codec) == ("h264", "aac")
    names = [name for name, _, _ in media.mp4_atoms(out)]
    assert names.index("moov") < names.index("mdat")


def test_a_fragment_of_a_portrait_video_shows_upright(portrait_mov, out):
    assert media.export_fragment(portrait_mov, out, start=0.5, end=1.5) == "reencode"
    fragment = media.probe(out)
    assert (fragment.width, fragment.height) == (240, 320)
    assert_upright(out, at=0.2)
