"""Anonymised fragments: faces blurred on a real face photo, the task, the review and the pages.

The face is skimage's astronaut portrait (a photo that ships inside scikit-image), pasted into a
small synthetic video where it moves a little, so the detector meets a real face.
"""

import io
from pathlib import Path

import av
import cv2
import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from skimage import data

from videoklub import media
from videoklub.recordings import services, storage, uploads
from videoklub.recordings.anonymise import blur_faces, detect_faces
from videoklub.recordings.models import Fragment, Recording
from videoklub.recordings.tasks import anonymise_fragment, anonymised_name
from videoklub.sharing.models import Audience
from videoklub.testing.factories import FragmentFactory, RecordingFactory, ShareFactory

WIDTH, HEIGHT, FPS, SECONDS, FACE = 640, 480, 25, 3, 280
SAMPLE_EVERY = 5  # frames looked at in the source and the output


def face_position(index: int, frames: int) -> tuple[int, int]:
    """Top-left corner of the pasted portrait in frame `index`: it sways and bobs a little."""
    x = round((WIDTH - FACE) / 2 + 40 * np.sin(index / frames * 2 * np.pi))
    y = (HEIGHT - FACE) // 2 + index % 10
    return x, y


def make_face_video(path: Path) -> Path:
    """A video of the astronaut's head and shoulders on a plain background, with a tone."""
    # Head and shoulders: the rocket and flags beside him are left out (they are no faces).
    portrait = cv2.resize(data.astronaut()[0:300, 80:380], (FACE, FACE), cv2.INTER_AREA)
    frames = FPS * SECONDS
    with av.open(str(path), "w", format="mp4") as output:
        video = output.add_stream("libx264", rate=FPS)
        video.width, video.height, video.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        video.codec_context.options = {"preset": "ultrafast"}
        audio = output.add_stream("aac", rate=48000)
        audio.layout = "mono"
        samples = 0
        for index in range(frames):
            picture = np.empty((HEIGHT, WIDTH, 3), np.uint8)
            picture[:] = (70, 110, 150)
            x, y = face_position(index, frames)
            picture[y : y + FACE, x : x + FACE] = portrait
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            frame.pts = index
            output.mux(video.encode(frame))
            while samples < (index + 1) * 48000 / FPS:
                t = (np.arange(1024) + samples) / 48000
                tone = (0.1 * np.sin(2 * np.pi * 375 * t)).astype(np.float32)[None, :]
                sound = av.AudioFrame.from_ndarray(tone, format="fltp", layout="mono")
                sound.sample_rate, sound.pts = 48000, samples
                samples += 1024
                output.mux(audio.encode(sound))
        output.mux(video.encode(None))
        output.mux(audio.encode(None))
    return path


def sampled_faces(path: Path) -> list[list[tuple[int, int, int, int]]]:
    """The detector's boxes on every SAMPLE_EVERY-th frame."""
    found = []
    with av.open(str(path)) as container:
        for index, frame in enumerate(container.decode(video=0)):
            if index % SAMPLE_EVERY == 0:
                found.append(detect_faces(frame.to_ndarray(format="gray")))
    return found


def faces_on_the_portrait(path: Path, *, first_frame: int = 0) -> list[tuple[int, list]]:
    """(frame, boxes) for the sampled frames where a box lies on the portrait's head."""
    frames = FPS * SECONDS
    on_head = []
    for sample, boxes in enumerate(sampled_faces(path)):
        x, y = face_position(first_frame + sample * SAMPLE_EVERY, frames)
        hits = [
            box
            for box in boxes
            if x + 0.2 * FACE < box[0] + box[2] / 2 < x + 0.8 * FACE
            and y < box[1] + box[3] / 2 < y + 0.75 * FACE
        ]
        if hits:
            on_head.append((sample * SAMPLE_EVERY, hits))
    return on_head


@pytest.fixture(scope="module")
def face_video(tmp_path_factory) -> Path:
    return make_face_video(tmp_path_factory.mktemp("faces") / "gezicht.mp4")


@pytest.fixture(scope="module")
def blurred(face_video) -> tuple[Path, int, list[float]]:
    target = face_video.with_name("geanonimiseerd.mp4")
    calls: list[float] = []
    detections = blur_faces(face_video, target, progress=calls.append)
    return target, detections, calls


# --- The media function ------------------------------------------------------------------


def test_the_detector_finds_the_face_in_most_frames_of_the_source(face_video):
    found = sampled_faces(face_video)
    assert sum(1 for boxes in found if boxes) >= 0.8 * len(found)
    frames = FPS * SECONDS
    # And it is the face it finds: within the portrait's head.
    x, y = face_position(0, frames)
    assert any(x < bx < x + FACE and y < by < y + FACE / 2 for bx, by, _w, _h in found[0])


def test_blurring_reports_the_detections_and_leaves_no_face_to_find(face_video, blurred):
    target, detections, calls = blurred
    passes = FPS * SECONDS / 3
    assert detections >= 0.8 * passes
    found = sampled_faces(target)
    assert found and all(boxes == [] for boxes in found), found
    assert calls[-1] == 1.0


def test_the_face_is_changed_and_the_rest_of_the_picture_is_not(face_video, blurred):
    target, _detections, _calls = blurred
    with av.open(str(face_video)) as source, av.open(str(target)) as output:
        before = next(source.decode(video=0)).to_ndarray(format="gray").astype(int)
        after = next(output.decode(video=0)).to_ndarray(format="gray").astype(int)
    x, y = face_position(0, FPS * SECONDS)
    face = (slice(y + 70, y + 140), slice(x + 95, x + 175))  # eyes to mouth
    corner = (slice(0, 60), slice(0, 60))
    assert np.abs(before[face] - after[face]).mean() > 8
    # The blurred face keeps no detail: its variation is a fraction of the original's.
    assert after[face].std() < 0.5 * before[face].std()
    assert np.abs(before[corner] - after[corner]).mean() < 2


def test_the_blurred_copy_is_a_browser_mp4_of_the_same_length_with_its_sound(face_video, blurred):
    target, _detections, _calls = blurred
    source, result = media.probe(face_video), media.probe(target)
    assert (result.video_codec, result.pix_fmt, result.container) == ("h264", "yuv420p", "mp4")
    assert (result.width, result.height, result.rotation) == (WIDTH, HEIGHT, 0)
    assert result.duration == pytest.approx(source.duration, abs=0.1)
    assert result.has_audio and result.audio_codec == "aac"
    atoms = [name for name, _offset, _size in media.mp4_atoms(target)]
    assert atoms.index("moov") < atoms.index("mdat")  # faststart


def test_a_portrait_phone_video_is_blurred_upright(tmp_path):
    """A rendition may keep a phone's display rotation: the copy is turned upright."""
    from videoklub.media import synth

    source = synth.make_video(
        tmp_path / "staand.mp4", seconds=1, width=320, height=240, rotation=90
    )
    target = tmp_path / "uit.mp4"
    blur_faces(source, target)
    result = media.probe(target)
    assert (result.width, result.height, result.rotation) == (240, 320, 0)
    with av.open(str(target)) as container:
        picture = next(container.decode(video=0)).to_ndarray(format="rgb24")
    assert tuple(picture[4, 4]) == pytest.approx(synth.MARKER, abs=40)  # red top-left: upright


# --- Task and services -------------------------------------------------------------------


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def face_fragment(world, face_video, run_tasks, media_storage) -> Fragment:
    """A processed recording of the face video, and a fragment of it."""
    data_bytes = face_video.read_bytes()
    upload = uploads.upload_create(
        owner=world.teacher,
        length=len(data_bytes),
        metadata={"filename": "les.mp4", "filetype": "video/mp4"},
    )
    with run_tasks():
        uploads.upload_append(
            upload=upload, offset=0, body=io.BytesIO(data_bytes), content_length=len(data_bytes)
        )
    recording = Recording.objects.get(pk=upload.recording_id)
    assert recording.status == Recording.Status.READY, recording.error_message
    return services.fragment_create(
        recording=recording, author=world.teacher, title="Uitleg", reason="strength", start=0.5,
        end=1.5,
    )  # fmt: skip


@pytest.mark.django_db
def test_the_task_blurs_a_fragment_for_review(face_fragment, run_tasks):
    with run_tasks():
        services.fragment_anonymise_request(fragment=face_fragment)
    face_fragment.refresh_from_db()
    assert face_fragment.anonymisation_status == Fragment.Anonymisation.REVIEW, (
        face_fragment.anonymisation_error
    )
    assert face_fragment.anonymisation_progress == 100
    assert face_fragment.faces_found > 0
    assert face_fragment.anonymised.name == anonymised_name(face_fragment)
    result = media.probe(storage.local_path(face_fragment.anonymised.name))
    assert result.duration == pytest.approx(1.0, abs=0.15)
    # No box on the face (the detector may see a "face" in the plain wall beside it).
    path = storage.local_path(anonymised_name(face_fragment))
    assert faces_on_the_portrait(path, first_frame=round(0.5 * FPS)) == []

    # Delivered again (a retry of the queue): nothing happens, the copy stays.
    anonymise_fragment.call(face_fragment.pk)
    face_fragment.refresh_from_db()
    assert face_fragment.anonymisation_status == Fragment.Anonymisation.REVIEW


@pytest.mark.django_db
def test_the_task_uses_the_exported_fragment_when_there_is_one(face_fragment, run_tasks):
    with run_tasks():
        services.fragment_export_queue(fragment=face_fragment)
    with run_tasks():
        services.fragment_anonymise_request(fragment=face_fragment)
    face_fragment.refresh_from_db()
    assert face_fragment.anonymisation_status == Fragment.Anonymisation.REVIEW
    assert face_fragment.export_status == Fragment.ExportStatus.READY
    assert default_storage.exists(face_fragment.export.name)


@pytest.mark.django_db
def test_a_fragment_that_cannot_be_read_fails_with_a_message(world, run_tasks, media_storage):
    recording = RecordingFactory(owner=world.teacher, duration=10)
    recording.rendition = default_storage.save(
        recording.prefix + "rendition.mp4", ContentFile(b"no video at all")
    )
    recording.save(update_fields=["rendition"])
    fragment = FragmentFactory(recording=recording, start=1, end=3)
    with run_tasks():
        services.fragment_anonymise_request(fragment=fragment)
    fragment.refresh_from_db()
    assert fragment.anonymisation_status == Fragment.Anonymisation.FAILED
    assert fragment.anonymisation_error
    assert not fragment.anonymised
    # A failed attempt may be asked again.
    with run_tasks():
        services.fragment_anonymise_request(fragment=fragment)
    fragment.refresh_from_db()
    assert fragment.anonymisation_status == Fragment.Anonymisation.FAILED


@pytest.mark.django_db
def test_asking_twice_queues_once(world, django_capture_on_commit_callbacks):
    fragment = FragmentFactory(recording__owner=world.teacher)
    with django_capture_on_commit_callbacks() as callbacks:
        services.fragment_anonymise_request(fragment=fragment)
        services.fragment_anonymise_request(fragment=fragment)
    assert len(callbacks) == 1
    fragment.refresh_from_db()
    assert fragment.anonymisation_status == Fragment.Anonymisation.QUEUED


@pytest.mark.django_db
def test_a_recording_that_is_not_ready_cannot_be_anonymised(world):
    fragment = FragmentFactory(recording__owner=world.teacher, recording__status="processing")
    with pytest.raises(ValidationError):
        services.fragment_anonymise_request(fragment=fragment)
    fragment.refresh_from_db()
    assert fragment.anonymisation_status == Fragment.Anonymisation.NONE


def in_review(owner) -> Fragment:
    fragment = FragmentFactory(recording__owner=owner)
    fragment.anonymised = default_storage.save(
        anonymised_name(fragment), ContentFile(b"blurred video")
    )
    fragment.anonymisation_status = Fragment.Anonymisation.REVIEW
    fragment.faces_found = 12
    fragment.save()
    return fragment


@pytest.mark.django_db
def test_only_a_copy_in_review_can_be_approved(world, media_storage):
    fragment = FragmentFactory(recording__owner=world.teacher)
    for status in ("", "queued", "processing", "failed"):
        Fragment.objects.filter(pk=fragment.pk).update(anonymisation_status=status)
        with pytest.raises(ValidationError):
            services.fragment_anonymisation_approve(fragment=fragment, by=world.teacher)
    fragment = in_review(world.teacher)
    approved = services.fragment_anonymisation_approve(fragment=fragment, by=world.teacher)
    assert approved.anonymisation_status == Fragment.Anonymisation.APPROVED
    assert approved.anonymisation_approved_at is not None
    with pytest.raises(ValidationError):  # approving twice is no second approval
        services.fragment_anonymisation_approve(fragment=fragment, by=world.teacher)


@pytest.mark.django_db
def test_discarding_deletes_the_copy_and_revokes_the_shares_that_show_it(world, media_storage):
    fragment = in_review(world.teacher)
    services.fragment_anonymisation_approve(fragment=fragment, by=world.teacher)
    name = anonymised_name(fragment)
    blurred_share = ShareFactory(
        fragment=fragment, audience=Audience.KLUB, klub=world.klub, anonymised=True
    )
    plain_share = ShareFactory(fragment=fragment, audience=Audience.KLUB, klub=world.klub)

    revoked = services.fragment_anonymisation_discard(fragment=fragment, by=world.teacher)

    assert revoked == 1
    blurred_share.refresh_from_db()
    plain_share.refresh_from_db()
    assert blurred_share.revoked_at is not None
    assert plain_share.revoked_at is None  # the consent-covered share of the fragment stays
    fragment.refresh_from_db()
    assert fragment.anonymisation_status == Fragment.Anonymisation.NONE
    assert not fragment.anonymised and fragment.anonymisation_approved_at is None
    assert not default_storage.exists(name)


@pytest.mark.django_db
def test_a_task_finishing_after_a_discard_keeps_nothing(
    face_fragment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():  # queued, the worker has not started yet
        services.fragment_anonymise_request(fragment=face_fragment)
    services.fragment_anonymisation_discard(fragment=face_fragment)
    anonymise_fragment.call(face_fragment.pk)
    face_fragment.refresh_from_db()
    assert face_fragment.anonymisation_status == Fragment.Anonymisation.NONE
    assert not default_storage.exists(anonymised_name(face_fragment))


@pytest.mark.django_db
def test_deleting_the_fragment_or_recording_deletes_the_blurred_copy(world, media_storage):
    fragment = in_review(world.teacher)
    recording = fragment.recording
    Fragment.objects.filter(pk=fragment.pk).update(
        export=default_storage.save(f"{recording.prefix}fragments/1.mp4", ContentFile(b"x")),
        export_status=Fragment.ExportStatus.READY,
    )
    fragments = f"{recording.prefix}fragments/"
    assert len(storage.list_prefix(fragments)) == 2

    # `fragment` was read before the export: still both files go.
    services.fragment_delete(fragment=fragment, by=world.teacher)
    assert storage.list_prefix(fragments) == []

    other = in_review(world.teacher)
    services.recording_delete(recording=other.recording, by=world.teacher)
    assert storage.list_prefix(other.recording.prefix) == []
    assert storage.list_prefix("recordings/") == []


# --- Pages -------------------------------------------------------------------------------


@pytest.fixture
def english_client(client):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _url(name: str, fragment: Fragment) -> str:
    return reverse(f"recordings:{name}", args=[fragment.recording.uuid, fragment.pk])


@pytest.mark.django_db
def test_the_owner_can_ask_for_a_blurred_version_on_the_fragment_page(
    world, english_client, django_capture_on_commit_callbacks
):
    fragment = FragmentFactory(recording__owner=world.teacher)
    english_client.force_login(world.teacher)
    page = english_client.get(_url("fragment_detail", fragment)).content.decode()
    assert 'id="anonymisation"' in page and "Blur the faces" in page

    with django_capture_on_commit_callbacks() as callbacks:
        response = english_client.post(_url("fragment_anonymise", fragment))
    assert response.status_code == 302 and len(callbacks) == 1
    Fragment.objects.filter(pk=fragment.pk).update(
        anonymisation_status="processing", anonymisation_progress=42
    )
    status = english_client.get(
        _url("fragment_anonymisation_status", fragment), HTTP_HX_REQUEST="true"
    )
    html = status.content.decode()
    assert "42%" in html and "every 2s" in html


@pytest.mark.django_db
def test_the_owner_reviews_and_approves_the_blurred_version(world, english_client, media_storage):
    fragment = in_review(world.teacher)
    english_client.force_login(world.teacher)
    page = english_client.get(_url("fragment_detail", fragment)).content.decode()
    assert _url("fragment_anonymised_video", fragment) in page
    assert "Watch the whole clip" in page and "12 times" in page
    video = english_client.get(_url("fragment_anonymised_video", fragment), HTTP_RANGE="bytes=0-3")
    assert video.status_code == 206 and b"".join(video.streaming_content) == b"blur"

    response = english_client.post(_url("fragment_anonymisation_approve", fragment))
    assert response.status_code == 302
    fragment.refresh_from_db()
    assert fragment.anonymisation_status == Fragment.Anonymisation.APPROVED


@pytest.mark.django_db
def test_discarding_an_approved_copy_says_which_shares_were_revoked(
    world, english_client, media_storage
):
    fragment = in_review(world.teacher)
    services.fragment_anonymisation_approve(fragment=fragment, by=world.teacher)
    ShareFactory(fragment=fragment, audience=Audience.KLUB, klub=world.klub, anonymised=True)
    english_client.force_login(world.teacher)
    response = english_client.post(_url("fragment_anonymisation_discard", fragment), follow=True)
    with translation.override("en"):
        assert "the 1 share that showed it was revoked" in response.content.decode()


@pytest.mark.django_db
def test_approving_what_is_not_in_review_is_refused_with_a_message(world, english_client):
    fragment = FragmentFactory(recording__owner=world.teacher)
    english_client.force_login(world.teacher)
    response = english_client.post(_url("fragment_anonymisation_approve", fragment), follow=True)
    assert "waiting for your review" in response.content.decode()
    fragment.refresh_from_db()
    assert fragment.anonymisation_status == Fragment.Anonymisation.NONE


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["colleague", "coach"])
def test_only_the_owner_sees_the_blurred_version(world, client, media_storage, who):
    fragment = in_review(world.teacher)
    ShareFactory(fragment=fragment, audience=Audience.KLUB, klub=world.klub)
    client.force_login(getattr(world, who))
    assert client.get(_url("fragment_anonymised_video", fragment)).status_code == 404
    assert client.post(_url("fragment_anonymisation_approve", fragment)).status_code == 404
    assert client.post(_url("fragment_anonymisation_discard", fragment)).status_code == 404
    fragment.refresh_from_db()
    assert fragment.anonymisation_status == Fragment.Anonymisation.REVIEW
