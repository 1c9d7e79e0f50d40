import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from videoklub.audit.models import Action, AuditEvent
from videoklub.recordings.models import Recording

pytestmark = pytest.mark.django_db
DATA = bytes(range(256)) * 40  # 10,240 bytes


@pytest.fixture
def recording(teacher):
    recording = Recording.objects.create(
        owner=teacher, title="Les", status=Recording.Status.READY, duration=5
    )
    recording.rendition = default_storage.save(
        recording.prefix + "rendition.mp4", ContentFile(DATA)
    )
    recording.save(update_fields=["rendition"])
    return recording


def stream(client, recording, **headers):
    response = client.get(reverse("recordings:stream", args=[recording.uuid]), headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_the_whole_file_with_accept_ranges(client, teacher, recording):
    client.force_login(teacher)
    response, body = stream(client, recording)
    assert response.status_code == 200
    assert body == DATA
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Length"] == str(len(DATA))
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-", 100, len(DATA) - 1),
        ("bytes=-256", len(DATA) - 256, len(DATA) - 1),
        ("bytes=10000-99999", 10000, len(DATA) - 1),
        ("bytes=-99999", 0, len(DATA) - 1),  # more than the whole file: all of it
        ("bytes=5-5", 5, 5),  # one byte
        ("bytes=-1", len(DATA) - 1, len(DATA) - 1),
    ],
)
def test_a_range_answers_206_with_exactly_those_bytes(
    client, teacher, recording, header, first, last
):
    client.force_login(teacher)
    response, body = stream(client, recording, Range=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(DATA)}"
    assert body == DATA[first : last + 1]
    assert response["Content-Length"] == str(last - first + 1)


@pytest.mark.parametrize("header", [f"bytes={len(DATA)}-", "bytes=-0", "bytes=20-10"])
def test_an_unsatisfiable_range_answers_416(client, teacher, recording, header):
    client.force_login(teacher)
    response, _ = stream(client, recording, Range=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(DATA)}"


def test_a_malformed_range_gets_the_whole_file(client, teacher, recording):
    client.force_login(teacher)
    response, body = stream(client, recording, Range="pages=1-2")
    assert (response.status_code, body) == (200, DATA)


def test_every_range_request_is_permission_checked(client, other_teacher, recording):
    client.force_login(other_teacher)
    response, body = stream(client, recording, Range="bytes=0-99")
    assert response.status_code == 404
    assert DATA[:100] not in body


def test_starting_playback_is_logged_and_seeking_is_not(client, teacher, recording):
    def logged() -> int:
        return AuditEvent.objects.filter(
            action=Action.STREAM, actor=teacher, item_id=str(recording.uuid)
        ).count()

    client.force_login(teacher)
    new_entries = {}
    # Browsers open a video with no Range or with `bytes=0-`; later ranges come from seeking.
    for header in ("bytes=0-", "bytes=1000-", ""):
        before = logged()
        response, _ = stream(client, recording, **({"Range": header} if header else {}))
        assert response.status_code in (200, 206)
        new_entries[header or "no Range"] = logged() - before
    assert new_entries == {"bytes=0-": 1, "bytes=1000-": 0, "no Range": 1}


def test_media_have_no_public_url(client, recording, settings):
    assert settings.STORAGES["default"]["OPTIONS"]["base_url"] is None
    assert client.get("/media/" + recording.rendition.name).status_code == 404
    assert client.get("/" + recording.rendition.name).status_code == 404


def test_behind_nginx_the_bytes_come_from_an_internal_location(
    client, teacher, recording, settings
):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    client.force_login(teacher)
    response, body = stream(client, recording)
    assert response["X-Accel-Redirect"] == "/protected-media/" + recording.rendition.name
    assert body == b""


def test_head_answers_the_headers_of_the_range_without_a_body(client, teacher, recording):
    client.force_login(teacher)
    url = reverse("recordings:stream", args=[recording.uuid])
    whole = client.head(url)
    assert (whole.status_code, whole.content) == (200, b"")
    assert whole["Content-Length"] == str(len(DATA))
    assert whole["Cache-Control"] == "private, no-store"
    part = client.head(url, headers={"Range": "bytes=0-99"})
    assert (part.status_code, part.content) == (206, b"")
    assert (part["Content-Length"], part["Content-Range"]) == ("100", f"bytes 0-99/{len(DATA)}")


def test_behind_nginx_the_app_checks_and_nginx_sends_the_bytes(
    client, teacher, recording, settings
):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    client.force_login(teacher)
    response, body = stream(client, recording, Range="bytes=0-99")
    assert response.status_code == 200 and body == b""
    assert response["X-Accel-Redirect"] == "/protected-media/" + recording.rendition.name
    assert response["Content-Type"] == "video/mp4"
    assert response["Cache-Control"] == "private, no-store"


def test_an_empty_file_is_served_as_zero_bytes(client, teacher, recording):
    recording.rendition = default_storage.save(recording.prefix + "empty.mp4", ContentFile(b""))
    recording.save(update_fields=["rendition"])
    client.force_login(teacher)
    response, body = stream(client, recording)
    assert (response.status_code, body, response["Content-Length"]) == (200, b"", "0")
