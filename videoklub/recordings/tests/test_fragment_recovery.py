"""A worker killed while it cut or blurred a fragment: the sweep queues the job again and the
fragment still gets its file; a job whose worker is alive is left alone."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from videoklub.media import synth
from videoklub.recordings import services, uploads
from videoklub.recordings.models import Fragment, Recording
from videoklub.recordings.tasks import EXPORT_STALE_FACTOR, recover_stalled_fragments

pytestmark = pytest.mark.django_db


@pytest.fixture
def fragment(world, tmp_path, django_capture_on_commit_callbacks) -> Fragment:
    data = synth.make_video(tmp_path / "les.mp4", seconds=3, width=320, height=240).read_bytes()
    upload = uploads.upload_create(
        owner=world.teacher,
        length=len(data),
        metadata={"filename": "les.mp4", "filetype": "video/mp4"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        uploads.upload_append(
            upload=upload, offset=0, body=io.BytesIO(data), content_length=len(data)
        )
    recording = Recording.objects.get(pk=upload.recording_id)
    assert recording.is_ready, recording.error_message
    return services.fragment_create(
        recording=recording, author=world.teacher, title="Uitleg", reason="strength", start=0.5,
        end=2,
    )  # fmt: skip


def left_behind(fragment: Fragment, *, seconds_ago: float, **status) -> None:
    """As a worker leaves a fragment when it is killed mid-job."""
    Fragment.objects.filter(pk=fragment.pk).update(
        work_heartbeat_at=timezone.now() - timedelta(seconds=seconds_ago), **status
    )


def test_a_killed_export_is_queued_again_and_finishes(fragment, settings):
    stale = settings.RECORDING_STALE_SECONDS * EXPORT_STALE_FACTOR
    left_behind(fragment, seconds_ago=stale + 5, export_status=Fragment.ExportStatus.PROCESSING)
    assert recover_stalled_fragments() == 1
    fragment.refresh_from_db()
    assert fragment.export_status == Fragment.ExportStatus.READY, fragment.export_error
    assert fragment.export.storage.exists(fragment.export.name)


def test_a_killed_blurring_is_queued_again_and_ends_in_review(fragment, settings):
    left_behind(
        fragment,
        seconds_ago=settings.RECORDING_STALE_SECONDS + 5,
        anonymisation_status=Fragment.Anonymisation.PROCESSING,
    )
    assert recover_stalled_fragments() == 1
    fragment.refresh_from_db()
    assert fragment.anonymisation_status == Fragment.Anonymisation.REVIEW, (
        fragment.anonymisation_error
    )
    assert fragment.anonymised.storage.exists(fragment.anonymised.name)


def test_a_job_with_a_recent_heartbeat_is_left_to_its_worker(fragment, settings):
    left_behind(
        fragment,
        seconds_ago=settings.RECORDING_STALE_SECONDS - 30,
        export_status=Fragment.ExportStatus.PROCESSING,
        anonymisation_status=Fragment.Anonymisation.PROCESSING,
    )
    assert recover_stalled_fragments() == 0
    fragment.refresh_from_db()
    assert fragment.export_status == Fragment.ExportStatus.PROCESSING
    assert fragment.anonymisation_status == Fragment.Anonymisation.PROCESSING
