"""The recording pages tell the owner who read and who downloaded what."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from videoklub.audit.models import Action, AuditEvent
from videoklub.recordings.models import Fragment
from videoklub.sharing.models import Audience, Share
from videoklub.testing.factories import FragmentFactory, RecordingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recording(world):
    """The teacher's recording, shared whole with the coach."""
    recording = RecordingFactory(owner=world.teacher, klub=world.klub)
    Share.objects.create(
        recording=recording, audience=Audience.COACH, klub=world.klub, created_by=world.teacher
    )
    return recording


def logged(action: str, detail: str) -> list[tuple]:
    """Who did `action` to what of whose, with one more field (a detail of the entry)."""
    return list(
        AuditEvent.objects.filter(action=action).values_list(
            "actor", "owner", "item_type", "item_id", detail
        )
    )


def test_opening_the_recording_page_is_logged_for_the_owner(client, world, recording):
    client.force_login(world.coach)
    url = reverse("recordings:detail", args=[recording.uuid])

    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # a reload within the hour adds nothing

    assert logged(Action.VIEW, "details__page") == [
        (world.coach.pk, world.teacher.pk, "recording", str(recording.uuid), "recording")
    ]


def test_downloading_a_fragment_is_logged_for_the_owner(client, world, recording):
    fragment = FragmentFactory(recording=recording)
    fragment.export = default_storage.save(
        recording.prefix + f"fragments/{fragment.pk}.mp4", ContentFile(b"\0" * 64)
    )
    fragment.export_status = Fragment.ExportStatus.READY
    fragment.save(update_fields=["export", "export_status"])
    client.force_login(world.coach)

    response = client.get(
        reverse("recordings:fragment_download", args=[recording.uuid, fragment.pk])
    )

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert logged(Action.DOWNLOAD, "item_label") == [
        (world.coach.pk, world.teacher.pk, "fragment", str(fragment.pk), fragment.title)
    ]


def test_a_fragment_whose_file_is_being_made_again_is_not_downloaded(client, world, recording):
    fragment = FragmentFactory(recording=recording)
    fragment.export = default_storage.save(
        recording.prefix + f"fragments/{fragment.pk}.mp4", ContentFile(b"\0" * 64)
    )
    fragment.export_status = Fragment.ExportStatus.QUEUED  # the old file is still there
    fragment.save(update_fields=["export", "export_status"])
    client.force_login(world.coach)

    response = client.get(
        reverse("recordings:fragment_download", args=[recording.uuid, fragment.pk])
    )

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=Action.DOWNLOAD).exists()


def test_a_failed_recording_can_be_tried_again_only_from_its_own_complete_upload(world):
    from datetime import timedelta

    from django.utils import timezone

    from videoklub.recordings.models import Upload
    from videoklub.recordings.selectors import recording_has_source

    def upload(recording, offset: int) -> Upload:
        return Upload.objects.create(
            owner=world.teacher,
            length=100,
            offset=offset,
            recording=recording,
            expires_at=timezone.now() + timedelta(days=1),
        )

    complete, cut_short = (RecordingFactory(owner=world.teacher) for _ in range(2))
    upload(complete, 100)
    upload(cut_short, 40)
    assert recording_has_source(complete)
    assert not recording_has_source(cut_short)


def _stored_copy(fragment, kind: str) -> str:
    return default_storage.save(
        fragment.recording.prefix + f"fragments/{fragment.pk}-{kind}.mp4", ContentFile(b"\0" * 64)
    )


def test_an_audience_plays_no_copy_that_is_not_ready(client, world):
    """Files left from before (a copy being blurred again, a cut being made again) are not
    played until they are ready again."""
    recording = RecordingFactory(owner=world.teacher, klub=world.klub)
    fragment = FragmentFactory(recording=recording)
    fragment.export = _stored_copy(fragment, "export")
    fragment.anonymised = _stored_copy(fragment, "blurred")
    fragment.export_status = Fragment.ExportStatus.QUEUED
    fragment.anonymisation_status = Fragment.Anonymisation.REVIEW
    fragment.save()
    Share.objects.create(
        fragment=fragment, audience=Audience.COACH, klub=world.klub, created_by=world.teacher
    )
    Share.objects.create(
        fragment=fragment,
        audience=Audience.SCHOOL,
        klub=world.klub,
        created_by=world.teacher,
        anonymised=True,
    )
    url = reverse("recordings:fragment_video", args=[recording.uuid, fragment.pk])
    for person in (world.coach, world.school_leader):  # the cut, the blurred copy
        client.force_login(person)
        assert client.get(url).status_code == 404
    fragment.export_status = Fragment.ExportStatus.READY
    fragment.anonymisation_status = Fragment.Anonymisation.APPROVED
    fragment.save()
    for person in (world.coach, world.school_leader):
        client.force_login(person)
        assert client.get(url).status_code == 200


def test_a_stream_plays_inline_and_a_download_is_an_attachment(client, world, recording):
    fragment = FragmentFactory(recording=recording)
    fragment.export = _stored_copy(fragment, "export")
    fragment.export_status = Fragment.ExportStatus.READY
    fragment.save(update_fields=["export", "export_status"])
    client.force_login(world.teacher)
    args = [recording.uuid, fragment.pk]
    played = client.get(reverse("recordings:fragment_video", args=args))
    assert played["Content-Disposition"] == "inline"
    taken = client.get(reverse("recordings:fragment_download", args=args))
    assert taken["Content-Disposition"].startswith("attachment;")
