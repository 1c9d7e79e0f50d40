"""Deleting in the admin leaves no file behind and tells the owner, as the owner's own button."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from videoklub.audit.models import Action, AuditEvent
from videoklub.observations.models import Annotation
from videoklub.recordings.models import Fragment, Recording, Upload
from videoklub.testing.factories import FragmentFactory, RecordingFactory

pytestmark = pytest.mark.django_db


def _store(name: str) -> str:
    return default_storage.save(name, ContentFile(b"0123456789"))


def _recording_with_every_file(owner) -> Recording:
    """Original, rendition, poster, thumbnails, a fragment export, its blurred copy, and the
    parts of the upload it came from."""
    recording = RecordingFactory(owner=owner)
    for field, name in [
        ("original", "original.mp4"),
        ("rendition", "rendition.mp4"),
        ("poster", "poster.jpg"),
        ("thumbnails", "thumbnails.jpg"),
    ]:
        setattr(recording, field, _store(recording.prefix + name))
    recording.save()
    fragment = FragmentFactory(recording=recording)
    fragment.export = _store(f"{recording.prefix}fragments/{fragment.pk}.mp4")
    fragment.anonymised = _store(f"{recording.prefix}fragments/{fragment.pk}-anonymised.mp4")
    fragment.save()
    Annotation.objects.create(
        recording=recording,
        fragment=fragment,
        author=owner,
        body="Hier wacht ik te kort",
        at_seconds=12,
    )
    upload = Upload.objects.create(
        owner=owner, recording=recording, length=10, offset=10, expires_at=timezone.now()
    )
    _store(f"{upload.prefix}part-0")
    return recording


def _stored_files(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def _deleted_in_the_log(recording: Recording, administrator) -> bool:
    return AuditEvent.objects.filter(
        owner=recording.owner,
        actor=administrator,
        action=Action.DELETE,
        item_type="recording",
        item_id=str(recording.uuid),
    ).exists()


def test_deleting_a_recording_in_the_admin_deletes_every_file_and_tells_the_owner(
    admin_client, administrator, world, media_storage
):
    recording = _recording_with_every_file(world.teacher)
    url = reverse("admin:recordings_recording_delete", args=[recording.pk])

    page = admin_client.get(url)
    assert page.status_code == 200
    assert "wacht ik" not in page.content.decode()  # the annotation is counted, not quoted
    response = admin_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not Recording.objects.filter(pk=recording.pk).exists()
    assert _stored_files(media_storage) == []
    assert _deleted_in_the_log(recording, administrator)


def test_the_delete_selected_action_deletes_every_file_of_each_recording(
    admin_client, administrator, world, media_storage
):
    recordings = [_recording_with_every_file(world.teacher) for _ in range(2)]
    recordings.append(_recording_with_every_file(world.colleague))

    response = admin_client.post(
        reverse("admin:recordings_recording_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [recording.pk for recording in recordings],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert not Recording.objects.exists()
    assert _stored_files(media_storage) == []
    assert all(_deleted_in_the_log(recording, administrator) for recording in recordings)


@pytest.mark.parametrize("path", ["single", "bulk"])
def test_deleting_a_fragment_in_the_admin_deletes_its_export_and_blurred_copy(
    admin_client, administrator, world, path
):
    recording = _recording_with_every_file(world.teacher)
    fragment = recording.fragments.get()
    names = [fragment.export.name, fragment.anonymised.name]

    if path == "single":
        url = reverse("admin:recordings_fragment_delete", args=[fragment.pk])
        response = admin_client.post(url, {"post": "yes"})
    else:
        response = admin_client.post(
            reverse("admin:recordings_fragment_changelist"),
            {"action": "delete_selected", "_selected_action": [fragment.pk], "post": "yes"},
        )

    assert response.status_code == 302
    assert not Fragment.objects.filter(pk=fragment.pk).exists()
    assert not any(default_storage.exists(name) for name in names)
    assert default_storage.exists(recording.rendition.name)  # the recording itself stays
    assert AuditEvent.objects.filter(
        owner=world.teacher,
        actor=administrator,
        action=Action.DELETE,
        item_type="fragment",
        item_id=str(fragment.pk),
    ).exists()


def test_uploads_are_not_deleted_in_the_admin(admin_client, world):
    recording = _recording_with_every_file(world.teacher)
    upload = Upload.objects.get(recording=recording)

    url = reverse("admin:recordings_upload_delete", args=[upload.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Upload.objects.filter(pk=upload.pk).exists()
    assert default_storage.exists(f"{upload.prefix}part-0")
