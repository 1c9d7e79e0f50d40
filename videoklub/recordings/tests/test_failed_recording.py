"""A failed recording offers "try again" only when the file it was made from is still there;
a file refused at its first bytes was never kept, so the page says to upload it again."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from videoklub.recordings import selectors, services
from videoklub.recordings.models import Recording
from videoklub.recordings.tests.conftest import tus_metadata
from videoklub.testing.factories import RecordingFactory

pytestmark = pytest.mark.django_db
TUS = {"HTTP_TUS_RESUMABLE": "1.0.0"}


def nl(message: str) -> str:
    with translation.override("nl-be"):
        return gettext(message)


NOT_KEPT = nl(
    "The file was not kept, so trying again is not possible. Delete this recording and "
    "upload the video again."
)
KEPT = nl("The original file is kept: you can try again or delete it.")


def _refused_at_the_first_bytes(client) -> Recording:
    """A text file named les.mp4, sent through tus as the browser would."""
    content = b"Dit is een lesvoorbereiding, geen video.\n" * 50
    created = client.post(
        reverse("recordings:tus_collection"),
        HTTP_UPLOAD_LENGTH=str(len(content)),
        HTTP_UPLOAD_METADATA=tus_metadata(filename="les.mp4", filetype="video/mp4"),
        **TUS,
    )
    assert created.status_code == 201
    response = client.generic(
        "PATCH",
        created["Location"],
        content,
        content_type="application/offset+octet-stream",
        HTTP_UPLOAD_OFFSET="0",
        **TUS,
    )
    assert response.status_code == 415
    return Recording.objects.get()


def test_a_file_refused_at_its_first_bytes_offers_uploading_again_not_a_retry(client, world):
    client.force_login(world.teacher)
    recording = _refused_at_the_first_bytes(client)
    assert recording.status == Recording.Status.FAILED
    assert not selectors.recording_has_source(recording)

    page = client.get(reverse("recordings:detail", args=[recording.uuid])).content.decode()

    assert reverse("recordings:retry", args=[recording.uuid]) not in page
    assert NOT_KEPT in page and KEPT not in page
    assert f'href="{reverse("recordings:list")}#add-heading"' in page
    assert reverse("recordings:delete", args=[recording.uuid]) in page


def test_the_polled_status_says_the_same(client, world):
    client.force_login(world.teacher)
    recording = _refused_at_the_first_bytes(client)

    status = client.get(
        reverse("recordings:status", args=[recording.uuid]), HTTP_HX_REQUEST="true"
    ).content.decode()

    assert NOT_KEPT in status and KEPT not in status


def test_a_recording_whose_original_was_kept_offers_a_retry_that_works(client, world):
    recording = RecordingFactory(
        owner=world.teacher,
        klub=world.klub,
        status=Recording.Status.FAILED,
        error_code="decode",
        error_message="Deze video kon niet gelezen worden.",
    )
    name = default_storage.save(f"{recording.prefix}original.mp4", ContentFile(b"\0" * 100))
    Recording.objects.filter(pk=recording.pk).update(original=name)
    client.force_login(world.teacher)

    page = client.get(reverse("recordings:detail", args=[recording.uuid])).content.decode()

    assert reverse("recordings:retry", args=[recording.uuid]) in page
    assert KEPT in page and NOT_KEPT not in page
    recording.refresh_from_db()
    assert services.recording_retry(recording=recording)


def test_the_page_offers_a_retry_exactly_when_the_service_would_do_it(client, world):
    client.force_login(world.teacher)
    recording = _refused_at_the_first_bytes(client)

    response = client.post(reverse("recordings:retry", args=[recording.uuid]), follow=True)

    assert nl("This recording cannot be processed again.") in response.content.decode()
    recording.refresh_from_db()
    assert recording.status == Recording.Status.FAILED
