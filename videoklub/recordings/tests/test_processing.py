"""From uploaded bytes to a playable recording, with real videos made by PyAV."""

import io
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from videoklub.media import synth
from videoklub.recordings import services, uploads
from videoklub.recordings.models import Fragment, Recording, Upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Tasks (immediate backend in tests) run when the surrounding transaction commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def upload_file(owner, path: Path, run_tasks, filetype="video/mp4") -> Recording:
    data = path.read_bytes()
    upload = uploads.upload_create(
        owner=owner, length=len(data), metadata={"filename": path.name, "filetype": filetype}
    )
    with run_tasks():
        uploads.upload_append(
            upload=upload, offset=0, body=io.BytesIO(data), content_length=len(data)
        )
    return Recording.objects.get(pk=upload.recording_id)


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def test_an_h264_upload_is_remuxed_and_gets_poster_and_thumbnails(
    teacher, tmp_path, run_tasks, media_storage
):
    source = tmp_path / "les.mp4"
    synth.make_video(source, seconds=3, width=320, height=240)
    recording = upload_file(teacher, source, run_tasks)

    assert recording.status == Recording.Status.READY, recording.error_message
    assert recording.progress == 100
    assert recording.rendition_method == Recording.RenditionMethod.REMUX
    assert (recording.width, recording.height) == (320, 240)
    assert recording.duration == pytest.approx(3, abs=0.2)
    for field in ("original", "rendition", "poster", "thumbnails"):
        assert default_storage.exists(getattr(recording, field).name), field
    assert recording.thumbnail_count > 0
    # The parts of the upload are gone once the original is stored.
    assert not list(media_storage.rglob("part-*"))


def test_hevc_is_transcoded(teacher, tmp_path, run_tasks):
    source = tmp_path / "iphone.mov"
    synth.make_video(source, seconds=2, codec="hevc", container="mov")
    recording = upload_file(teacher, source, run_tasks, filetype="video/quicktime")
    assert recording.status == Recording.Status.READY, recording.error_message
    assert recording.video_codec == "hevc"
    assert recording.rendition_method == Recording.RenditionMethod.TRANSCODE


def test_a_portrait_phone_video_plays_upright(teacher, tmp_path, run_tasks):
    source = tmp_path / "staand.mov"
    synth.make_video(source, seconds=2, width=320, height=240, rotation=90, container="mov")
    recording = upload_file(teacher, source, run_tasks, filetype="video/quicktime")
    assert recording.status == Recording.Status.READY, recording.error_message
    assert recording.rotation in (90, -90, 270)
    assert (recording.width, recording.height) == (240, 320)


def test_variable_frame_rate_is_processed(teacher, tmp_path, run_tasks):
    source = tmp_path / "vfr.mp4"
    synth.make_video(source, seconds=3, variable_frame_rate=True)
    recording = upload_file(teacher, source, run_tasks)
    assert recording.status == Recording.Status.READY, recording.error_message
    assert recording.variable_frame_rate


@pytest.mark.parametrize("kind", ["audio_only", "truncated"])
def test_an_unusable_video_fails_clearly_and_keeps_the_original(teacher, tmp_path, run_tasks, kind):
    source = tmp_path / "les.mp4"
    if kind == "audio_only":
        synth.make_audio_only(source, seconds=2)
    else:
        synth.make_truncated_mp4(source)
    recording = upload_file(teacher, source, run_tasks)
    assert recording.status == Recording.Status.FAILED
    assert recording.error_code in {"no_video", "truncated", "unreadable"}
    assert recording.error_message
    assert default_storage.exists(recording.original.name), "the original is kept for a retry"

    with run_tasks():
        assert services.recording_retry(recording=recording)
    recording.refresh_from_db()
    assert recording.status == Recording.Status.FAILED  # still unusable, still explained


def test_a_too_long_video_is_refused_with_a_message(teacher, tmp_path, run_tasks, settings):
    settings.RECORDING_MAX_DURATION_MINUTES = 0
    source = tmp_path / "les.mp4"
    synth.make_video(source, seconds=2)
    recording = upload_file(teacher, source, run_tasks)
    assert (recording.status, recording.error_code) == (Recording.Status.FAILED, "too_long")


def test_fragments_export_by_stream_copy_or_re_encoding(teacher, tmp_path, run_tasks):
    source = tmp_path / "les.mp4"
    synth.make_video(source, seconds=4, fps=25, gop=25)
    recording = upload_file(teacher, source, run_tasks)
    assert recording.status == Recording.Status.READY, recording.error_message
    on_keyframe = services.fragment_create(
        recording=recording, author=teacher, title="a", reason="strength", start=1.0, end=3.0
    )
    mid_gop = services.fragment_create(
        recording=recording, author=teacher, title="b", reason="question", start=1.5, end=2.5
    )
    with run_tasks():
        services.fragment_export_queue(fragment=on_keyframe)
        services.fragment_export_queue(fragment=mid_gop)
    on_keyframe.refresh_from_db()
    mid_gop.refresh_from_db()
    assert on_keyframe.export_status == Fragment.ExportStatus.READY, on_keyframe.export_error
    assert (on_keyframe.export_method, mid_gop.export_method) == ("copy", "reencode")
    assert default_storage.exists(mid_gop.export.name)


def test_deleting_a_recording_leaves_nothing_in_storage(
    teacher, tmp_path, run_tasks, media_storage
):
    source = tmp_path / "les.mp4"
    synth.make_video(source, seconds=3)
    recording = upload_file(teacher, source, run_tasks)
    fragment = services.fragment_create(
        recording=recording, author=teacher, title="a", reason="strength", start=0, end=2
    )
    with run_tasks():
        services.fragment_export_queue(fragment=fragment)
    assert len(stored_files(media_storage)) >= 5

    services.recording_delete(recording=recording, by=teacher)
    assert stored_files(media_storage) == []
    assert not list(media_storage.glob("recordings/*"))
    assert not Recording.objects.exists() and not Fragment.objects.exists()
    assert not Upload.objects.exists()


def test_deleting_an_unfinished_upload_removes_its_parts(teacher, tmp_path, media_storage):
    source = tmp_path / "les.mp4"
    synth.make_video(source, seconds=2)
    data = source.read_bytes()
    upload = uploads.upload_create(
        owner=teacher, length=len(data), metadata={"filename": "les.mp4", "filetype": "video/mp4"}
    )
    uploads.upload_append(upload=upload, offset=0, body=io.BytesIO(data[:500]), content_length=500)
    services.recording_delete(recording=upload.recording, by=teacher)
    assert stored_files(media_storage) == []


def test_a_fragment_must_end_after_it_starts_and_within_the_video(teacher):
    from django.core.exceptions import ValidationError

    recording = Recording.objects.create(
        owner=teacher, title="x", duration=10, status=Recording.Status.READY
    )
    with pytest.raises(ValidationError) as error:
        services.fragment_create(
            recording=recording, author=teacher, title="x", reason="other", start=5, end=5
        )
    assert "end" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.fragment_create(
            recording=recording, author=teacher, title="x", reason="other", start=5, end=11
        )
    assert not Fragment.objects.exists()


def test_abandoned_uploads_are_cleaned_up_after_they_expire(
    teacher, tmp_path, media_storage, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from videoklub.recordings.tasks import cleanup_expired_uploads

    source = tmp_path / "les.mp4"
    synth.make_video(source, seconds=2)
    data = source.read_bytes()
    stale, fresh = (
        uploads.upload_create(owner=teacher, length=len(data), metadata={"filename": "les.mp4"})
        for _ in range(2)
    )
    for upload in (stale, fresh):
        uploads.upload_append(
            upload=upload, offset=0, body=io.BytesIO(data[:300]), content_length=300
        )
    Upload.objects.filter(pk=stale.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert cleanup_expired_uploads() == 1
    assert list(Upload.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert list(Recording.objects.values_list("pk", flat=True)) == [fresh.recording_id]
    assert not (media_storage / "uploads" / str(stale.pk)).exists()
    assert (media_storage / "uploads" / str(fresh.pk)).exists()


def test_a_patch_that_lost_its_lock_adds_nothing(teacher, tmp_path, media_storage):
    """A phone that vanished mid-request: after the lock expired another request took over;
    when the old request finally ends, its bytes must not be counted."""
    from django.utils import timezone

    source = tmp_path / "les.mp4"
    synth.make_video(source, seconds=2)
    data = source.read_bytes()
    upload = uploads.upload_create(
        owner=teacher, length=len(data), metadata={"filename": "les.mp4"}
    )

    class TakenOverMidway(io.BytesIO):
        taken_over = False

        def read(self, size=-1):
            if not self.taken_over:
                # While this request reads, its lock expires and a new PATCH takes over.
                self.taken_over = True
                Upload.objects.filter(pk=upload.pk).update(locked_until=timezone.now())
                uploads.upload_append(
                    upload=Upload.objects.get(pk=upload.pk),
                    offset=0,
                    body=io.BytesIO(data[:100]),
                    content_length=100,
                )
            return super().read(size)

    with pytest.raises(uploads.UploadError) as error:
        uploads.upload_append(
            upload=upload, offset=0, body=TakenOverMidway(data[:500]), content_length=500
        )
    assert error.value.status == 409
    upload.refresh_from_db()
    assert upload.offset == 100
    assert len(upload.parts) == 1
    assert len([p for p in media_storage.rglob("part-*")]) == 1


def test_a_fragment_of_a_recording_still_being_prepared_cannot_be_exported(client, world):
    from videoklub.testing.factories import FragmentFactory, RecordingFactory

    recording = RecordingFactory(owner=world.teacher, status=Recording.Status.PROCESSING)
    fragment = FragmentFactory(recording=recording)
    client.force_login(world.teacher)
    response = client.post(
        reverse("recordings:fragment_export", args=[recording.uuid, fragment.pk]), follow=True
    )
    assert response.status_code == 200
    fragment.refresh_from_db()
    assert fragment.export_status == Fragment.ExportStatus.NONE
    assert [str(m) for m in response.context["messages"]]
