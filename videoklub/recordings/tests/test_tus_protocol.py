"""The tus 1.0 endpoints, request by request (the real clients are in test_tus_clients.py)."""

import base64
import hashlib
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from videoklub.media.synth import make_video
from videoklub.recordings.models import Recording, Upload
from videoklub.recordings.tests.conftest import tus_metadata
from videoklub.testing.i18n import dutch

pytestmark = pytest.mark.django_db
COLLECTION = reverse("recordings:tus_collection")
TUS = {"HTTP_TUS_RESUMABLE": "1.0.0"}
OCTETS = "application/offset+octet-stream"


@pytest.fixture
def video_bytes(tmp_path) -> bytes:
    path = tmp_path / "les.mp4"
    make_video(path, seconds=2)
    return path.read_bytes()


def creation(client, length, **metadata):
    metadata = metadata or {"filename": "les.mp4", "filetype": "video/mp4"}
    return client.post(
        COLLECTION,
        HTTP_UPLOAD_LENGTH=str(length),
        HTTP_UPLOAD_METADATA=tus_metadata(**metadata),
        **TUS,
    )


def create(client, length, **metadata) -> tuple[int, str]:
    response = creation(client, length, **metadata)
    return response.status_code, response.get("Location", "")


def patch(client, url, offset, data: bytes, **headers):
    return client.generic(
        "PATCH", url, data, content_type=OCTETS, HTTP_UPLOAD_OFFSET=str(offset), **TUS, **headers
    )


def test_options_announce_version_extensions_and_limit(client, settings):
    response = client.options(COLLECTION)
    assert response.status_code == 204
    assert response["Tus-Version"] == "1.0.0"
    assert {"creation", "termination", "checksum", "expiration"} <= set(
        response["Tus-Extension"].split(",")
    )
    assert response["Tus-Max-Size"] == str(settings.UPLOAD_MAX_BYTES)


def test_a_whole_upload_in_two_patches_becomes_a_queued_recording(
    client, teacher, video_bytes, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(teacher)
    status, url = create(client, len(video_bytes))
    assert status == 201
    upload = Upload.objects.get()
    assert upload.recording.status == Recording.Status.UPLOADING
    assert url.endswith(f"/opnames/tus/{upload.pk}/")

    half = len(video_bytes) // 2
    first = patch(client, url, 0, video_bytes[:half])
    assert first.status_code == 204
    assert first["Upload-Offset"] == str(half)
    head = client.head(url, **TUS)
    assert (head.status_code, head["Upload-Offset"]) == (200, str(half))
    assert head["Upload-Length"] == str(len(video_bytes))

    with django_capture_on_commit_callbacks() as callbacks:
        last = patch(client, url, half, video_bytes[half:])
    assert last.status_code == 204
    assert last["Recording-Location"] == reverse("recordings:detail", args=[upload.recording.uuid])
    upload.refresh_from_db()
    assert upload.completed_at is not None
    assert upload.recording.status == Recording.Status.QUEUED
    assert len(callbacks) == 1  # processing is queued once the transaction commits


def test_a_patch_at_the_wrong_offset_is_refused_with_409(client, teacher, video_bytes):
    client.force_login(teacher)
    _, url = create(client, len(video_bytes))
    patch(client, url, 0, video_bytes[:100])
    response = patch(client, url, 50, video_bytes[50:200])
    assert response.status_code == 409
    assert Upload.objects.get().offset == 100, "nothing already stored is lost"


def test_someone_elses_upload_looks_like_it_does_not_exist(
    client, teacher, other_teacher, video_bytes
):
    client.force_login(teacher)
    _, url = create(client, len(video_bytes))
    client.force_login(other_teacher)
    assert patch(client, url, 0, video_bytes[:100]).status_code == 404
    assert client.head(url, **TUS).status_code == 404
    assert client.delete(url, **TUS).status_code == 404
    assert Upload.objects.get().offset == 0


def test_anonymous_uploads_are_refused(client):
    assert create(client, 1000)[0] == 401


def test_a_file_over_the_limit_is_refused_at_creation(client, teacher, settings):
    settings.UPLOAD_MAX_BYTES = 10_000
    client.force_login(teacher)
    status, _ = create(client, 10_001)
    assert status == 413
    assert not Upload.objects.exists() and not Recording.objects.exists()


def test_a_file_over_the_limit_is_told_the_limit_in_gigabytes_to_one_decimal(
    client, teacher, settings
):
    settings.UPLOAD_MAX_BYTES = int(2.052 * 1024**3)
    client.force_login(teacher)
    response = creation(client, settings.UPLOAD_MAX_BYTES + 1)
    assert response.status_code == 413
    # As a Dutch reader writes it (2,1), like the quota refusals.
    assert response.content.decode() == "Dit bestand is te groot: het maximum is 2,1 GB."


def test_a_zero_byte_file_is_refused(client, teacher):
    client.force_login(teacher)
    response = creation(client, 0)
    assert response.status_code == 400
    assert response.content.decode() == dutch(
        gettext_lazy("This file is empty. Choose a video file.")
    )
    assert not Recording.objects.exists()


def test_a_one_byte_file_is_not_refused_for_its_size(client, teacher):
    client.force_login(teacher)
    assert create(client, 1)[0] == 201


def test_a_declared_non_video_is_refused(client, teacher):
    client.force_login(teacher)
    response = creation(client, 100, filename="notities.txt", filetype="text/plain")
    assert response.status_code == 415
    assert response.content.decode() == dutch(
        gettext_lazy("Only video files can be uploaded (for example MP4 or MOV from a phone).")
    )


def test_a_recording_without_a_title_is_named_after_its_file(client, teacher):
    client.force_login(teacher)
    assert create(client, 100, filename="les_3B rekenen.mp4", filetype="video/mp4")[0] == 201
    assert Recording.objects.get().title == "les 3B rekenen"


def test_a_file_name_without_words_gives_the_title_lesson_recording(client, teacher):
    client.force_login(teacher)
    assert create(client, 100, filename="_.mp4", filetype="video/mp4")[0] == 201
    assert Recording.objects.get().title == dutch(gettext_lazy("Lesson recording"))


def test_a_long_title_keeps_its_first_200_characters(client, teacher):
    client.force_login(teacher)
    status, _ = create(client, 100, filename="les.mp4", filetype="video/mp4", title="t" * 300)
    assert status == 201
    assert Recording.objects.get().title == "t" * 200


def test_a_file_named_and_typed_with_name_and_type_is_accepted(client, teacher):
    """Some tus clients send `name` and `type` instead of `filename` and `filetype`; a file
    name without extension is judged by its type."""
    client.force_login(teacher)
    assert create(client, 100, name="opname", type="video/webm")[0] == 201
    assert Recording.objects.get().original_filename == "opname"
    assert Upload.objects.get().filetype == "video/webm"


def test_a_file_without_a_name_is_called_video(client, teacher):
    client.force_login(teacher)
    assert create(client, 100, filetype="video/mp4")[0] == 201
    recording = Recording.objects.get()
    assert recording.original_filename == recording.title == "video"
    assert Upload.objects.get().filename == "video"


def test_a_file_without_a_type_is_judged_by_its_extension_and_keeps_no_type(client, teacher):
    client.force_login(teacher)
    assert create(client, 100, filename="les.mp4")[0] == 201
    assert Upload.objects.get().filetype == ""


def test_the_upload_keeps_its_file_name_type_and_metadata_within_bounds(client, teacher):
    client.force_login(teacher)
    filetype = "video/" + "x" * 150
    status, _ = create(client, 100, filename="les.mp4", filetype=filetype, **{"k" * 150: "v" * 600})
    assert status == 201
    upload = Upload.objects.get()
    assert upload.filename == "les.mp4"
    assert upload.filetype == filetype[:100]
    assert upload.metadata == {"filename": "les.mp4", "filetype": filetype, "k" * 100: "v" * 500}


def test_the_recording_of_a_new_upload_has_the_announced_size(client, teacher):
    client.force_login(teacher)
    assert create(client, 1234)[0] == 201
    assert Recording.objects.get().original_size == 1234


def test_the_recording_of_a_deferred_length_upload_starts_at_size_zero(client, teacher):
    client.force_login(teacher)
    response = client.post(
        COLLECTION,
        HTTP_UPLOAD_DEFER_LENGTH="1",
        HTTP_UPLOAD_METADATA=tus_metadata(filename="opname.webm", filetype="video/webm"),
        **TUS,
    )
    assert response.status_code == 201
    assert Recording.objects.get().original_size == 0


@pytest.mark.parametrize(
    "content",
    [b"Dit is geen video maar een tekstbestand.\n" * 50, b"\x89PNG\r\n\x1a\n" + b"\0" * 500],
    ids=["text", "png"],
)
def test_content_that_is_not_video_is_refused_on_the_first_bytes(client, teacher, content):
    client.force_login(teacher)
    _, url = create(client, len(content))  # named les.mp4, typed video/mp4
    response = patch(client, url, 0, content)
    assert response.status_code == 415
    recording = Recording.objects.get()
    assert recording.status == Recording.Status.FAILED
    assert recording.error_message
    assert not Upload.objects.exists()


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.mp4", "passwd.mp4"),
        ("C:\\Users\\juf\\les.mp4", "les.mp4"),
        ("ﾚｯｽﾝ📹 klas 3B – ‘rekenen’.mp4", "ﾚｯｽﾝ📹 klas 3B – ‘rekenen’.mp4"),
        ("a" * 300 + ".mp4", "a" * 116 + ".mp4"),
        ("\x00\x1b[31mrood.mov", "[31mrood.mov"),
    ],
)
def test_hostile_file_names_are_made_harmless(client, teacher, sent, kept, media_storage):
    client.force_login(teacher)
    status, _ = create(client, 100, filename=sent, filetype="video/mp4")
    assert status == 201
    recording = Recording.objects.get()
    assert recording.original_filename == kept
    assert "/" not in recording.original_filename
    assert not any(Path(media_storage).parent.glob("etc*"))


def test_control_characters_in_title_and_type_are_dropped(client, teacher):
    client.force_login(teacher)
    status, _ = create(
        client, 100, filename="les.mp4", filetype="video/mp4\x00", title="Les\x00 3B\x07"
    )
    assert status == 201
    recording = Recording.objects.get()
    assert recording.title == "Les 3B"
    assert Upload.objects.get().filetype == "video/mp4"


def test_a_matching_checksum_is_accepted_and_a_wrong_one_refused(client, teacher, video_bytes):
    client.force_login(teacher)
    _, url = create(client, len(video_bytes))
    chunk = video_bytes[:1000]
    digest = base64.b64encode(hashlib.sha1(chunk).digest()).decode()
    wrong = base64.b64encode(hashlib.sha1(b"other").digest()).decode()
    assert patch(client, url, 0, chunk, HTTP_UPLOAD_CHECKSUM=f"sha1 {wrong}").status_code == 460
    assert Upload.objects.get().offset == 0
    assert patch(client, url, 0, chunk, HTTP_UPLOAD_CHECKSUM=f"sha1 {digest}").status_code == 204
    assert Upload.objects.get().offset == 1000


def test_a_patch_without_the_tus_header_is_refused(client, teacher, video_bytes):
    client.force_login(teacher)
    _, url = create(client, len(video_bytes))
    response = client.generic("PATCH", url, b"x", content_type=OCTETS, HTTP_UPLOAD_OFFSET="0")
    assert response.status_code == 412


def test_a_patch_with_another_content_type_is_refused(client, teacher, video_bytes):
    client.force_login(teacher)
    _, url = create(client, len(video_bytes))
    response = client.generic(
        "PATCH", url, b"x", content_type="video/mp4", HTTP_UPLOAD_OFFSET="0", **TUS
    )
    assert response.status_code == 415


def test_more_bytes_than_announced_are_refused(client, teacher, video_bytes):
    client.force_login(teacher)
    _, url = create(client, 100)
    assert patch(client, url, 0, video_bytes[:200]).status_code == 413
    assert Upload.objects.get().offset == 0


def test_termination_deletes_the_parts_and_the_unfinished_recording(
    client, teacher, video_bytes, media_storage, django_capture_on_commit_callbacks
):
    client.force_login(teacher)
    _, url = create(client, len(video_bytes))
    patch(client, url, 0, video_bytes[:500])
    assert any(media_storage.rglob("part-*"))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(url, **TUS).status_code == 204
    assert not Upload.objects.exists() and not Recording.objects.exists()
    assert not [p for p in media_storage.rglob("*") if p.is_file()]


def test_a_deferred_length_upload_learns_its_length_at_the_end(
    client, teacher, video_bytes, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(teacher)
    response = client.post(
        COLLECTION,
        HTTP_UPLOAD_DEFER_LENGTH="1",
        HTTP_UPLOAD_METADATA=tus_metadata(filename="opname.webm", filetype="video/webm"),
        **TUS,
    )
    assert response.status_code == 201
    url = response["Location"]
    assert client.head(url, **TUS)["Upload-Defer-Length"] == "1"
    patch(client, url, 0, video_bytes[:1000])
    end = patch(client, url, 1000, video_bytes[1000:], HTTP_UPLOAD_LENGTH=str(len(video_bytes)))
    assert end.status_code == 204
    upload = Upload.objects.get()
    assert (upload.length, upload.offset) == (len(video_bytes), len(video_bytes))
    assert upload.completed_at is not None
    assert upload.recording.original_size == len(video_bytes)


def test_a_deferred_length_upload_can_end_with_an_empty_patch(
    client, teacher, video_bytes, settings, django_capture_on_commit_callbacks
):
    """What the in-browser recorder does when its last piece was sent before it stopped: a
    PATCH without bytes that only announces the length completes the upload."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(teacher)
    response = client.post(
        COLLECTION,
        HTTP_UPLOAD_DEFER_LENGTH="1",
        HTTP_UPLOAD_METADATA=tus_metadata(filename="opname.webm", filetype="video/webm"),
        **TUS,
    )
    url = response["Location"]
    size = len(video_bytes)
    assert patch(client, url, 0, video_bytes).status_code == 204
    assert Upload.objects.get().completed_at is None
    with django_capture_on_commit_callbacks() as callbacks:
        # The test client leaves out the Content-Type of an empty body; a browser sends it.
        end = patch(client, url, size, b"", HTTP_UPLOAD_LENGTH=str(size), CONTENT_TYPE=OCTETS)
    assert end.status_code == 204
    assert (end["Upload-Offset"], end["Upload-Length"]) == (str(size), str(size))
    upload = Upload.objects.get()
    assert upload.completed_at is not None
    assert upload.recording.status == Recording.Status.QUEUED
    assert upload.recording.original_size == size
    assert len(callbacks) == 1  # processing is queued once


def test_an_expired_upload_is_gone(client, teacher, video_bytes):
    from django.utils import timezone

    client.force_login(teacher)
    _, url = create(client, len(video_bytes))
    Upload.objects.update(expires_at=timezone.now())
    assert patch(client, url, 0, video_bytes[:10]).status_code == 410


def test_a_person_without_klub_cannot_upload(client, world):
    client.force_login(world.school_leader)
    assert create(client, 1000)[0] == 403


def test_an_upload_for_a_cycle_files_the_recording_under_it_and_its_klub(client, world):
    from videoklub.testing.factories import CycleFactory

    cycle = CycleFactory(teacher=world.teacher, klub=world.klub)
    client.force_login(world.teacher)
    status, _ = create(client, 1000, filename="les.mp4", filetype="video/mp4", cycle=str(cycle.pk))
    assert status == 201
    recording = Recording.objects.get(owner=world.teacher)
    assert recording.cycle == cycle
    assert recording.klub == world.klub


@pytest.mark.parametrize("cycle_of", ["colleague", "other_teacher", "nonsense"])
def test_an_upload_for_someone_elses_cycle_is_refused(client, world, cycle_of):
    from videoklub.testing.factories import CycleFactory

    if cycle_of == "nonsense":
        wanted = "../1"
    else:
        owner = getattr(world, cycle_of)
        klub = world.klub if cycle_of == "colleague" else world.other_klub
        wanted = str(CycleFactory(teacher=owner, klub=klub).pk)
    client.force_login(world.teacher)
    status, _ = create(client, 1000, filename="les.mp4", filetype="video/mp4", cycle=wanted)
    assert status == 403
    assert not Recording.objects.filter(owner=world.teacher).exists()


def test_options_announce_the_checksum_algorithms(client):
    response = client.options(COLLECTION)
    assert sorted(response["Tus-Checksum-Algorithm"].split(",")) == ["md5", "sha1", "sha256"]


def deferred(client) -> str:
    return client.post(
        COLLECTION,
        HTTP_UPLOAD_DEFER_LENGTH="1",
        HTTP_UPLOAD_METADATA=tus_metadata(filename="opname.webm", filetype="video/webm"),
        **TUS,
    )["Location"]


def test_a_deferred_length_is_announced_once_and_not_below_what_was_sent(
    client, teacher, video_bytes
):
    client.force_login(teacher)
    url = deferred(client)
    assert patch(client, url, 0, video_bytes[:1000]).status_code == 204
    too_short = patch(client, url, 1000, b"", HTTP_UPLOAD_LENGTH="999", CONTENT_TYPE=OCTETS)
    assert too_short.status_code == 400
    assert too_short.content.decode() == dutch(
        gettext_lazy("The upload's length is smaller than the data sent.")
    )
    # The bytes of the PATCH that announces the length count as sent too.
    below_its_own_bytes = patch(
        client, url, 1000, video_bytes[1000:1100], HTTP_UPLOAD_LENGTH="1050"
    )
    assert below_its_own_bytes.status_code == 400
    assert below_its_own_bytes.content.decode() == too_short.content.decode()
    size = len(video_bytes)
    announced = patch(client, url, 1000, video_bytes[1000:2000], HTTP_UPLOAD_LENGTH=str(size))
    assert announced.status_code == 204
    changed = patch(client, url, 2000, b"", HTTP_UPLOAD_LENGTH=str(size + 1), CONTENT_TYPE=OCTETS)
    assert changed.status_code == 400
    assert changed.content.decode() == dutch(gettext_lazy("The upload's length cannot change."))
    assert Upload.objects.get().length == size


def test_a_complete_upload_cannot_be_terminated(
    client, teacher, video_bytes, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(teacher)
    _, url = create(client, len(video_bytes))
    assert patch(client, url, 0, video_bytes).status_code == 204
    response = client.delete(url, **TUS)
    assert response.status_code == 409
    assert response.content.decode() == dutch(
        gettext_lazy("This upload is complete; delete the recording instead.")
    )
    assert Upload.objects.exists() and Recording.objects.exists()


def test_a_teacher_in_two_klubs_files_the_upload_under_the_klub_named(client, world):
    from videoklub.organisations.models import Role
    from videoklub.testing.factories import MembershipFactory

    MembershipFactory(user=world.teacher, role=Role.TEACHER, klub=world.other_klub)
    MembershipFactory(user=world.teacher, role=Role.SCHOOL_LEADER, school=world.school, klub=None)
    client.force_login(world.teacher)
    video = {"filename": "les.mp4", "filetype": "video/mp4"}
    assert create(client, 1000, **video, klub=str(world.other_klub.pk))[0] == 201
    assert create(client, 1000, **video)[0] == 201  # two klubs, none named: none chosen
    assert sorted(
        Recording.objects.filter(owner=world.teacher).values_list("klub", flat=True),
        key=str,
    ) == sorted([world.other_klub.pk, None], key=str)


def test_head_tells_the_offset_the_length_and_when_the_upload_expires(client, teacher, video_bytes):
    from django.utils.http import http_date

    client.force_login(teacher)
    _, url = create(client, len(video_bytes))
    patch(client, url, 0, video_bytes[:500])
    response = client.head(url, **TUS)
    upload = Upload.objects.get()
    assert (response["Upload-Offset"], response["Upload-Length"]) == ("500", str(len(video_bytes)))
    assert response["Upload-Expires"] == http_date(upload.expires_at.timestamp())


def test_metadata_is_read_pair_by_pair_and_refused_when_unreadable():
    from videoklub.recordings.uploads import UploadError, parse_metadata

    assert parse_metadata("filename bGVzLm1wNA==, is_confidential") == {
        "filename": "les.mp4",
        "is_confidential": "",
    }
    for header in ("filename bGVz,filename bGVz", "filename ???", "filename bGVz bGVz"):
        with pytest.raises(UploadError) as refused:
            parse_metadata(header)
        assert refused.value.status == 400
        assert refused.value.message == dutch(gettext_lazy("The upload's metadata cannot be read."))


def test_a_header_that_is_not_a_whole_number_is_named_in_the_refusal(client, teacher):
    client.force_login(teacher)
    response = client.post(COLLECTION, HTTP_UPLOAD_LENGTH="12a", **TUS)
    assert response.status_code == 400
    expected = dutch(gettext_lazy("The %(header)s header must be a whole number."))
    assert response.content.decode() == expected % {"header": "Upload-Length"}


def test_an_upload_names_one_of_the_teachers_own_klubs_and_cycles(client, world):
    from videoklub.testing.factories import CycleFactory, KlubFactory

    client.force_login(world.teacher)
    video = {"filename": "les.mp4", "filetype": "video/mp4"}
    stranger = KlubFactory()
    refused = client.post(
        COLLECTION,
        HTTP_UPLOAD_LENGTH="1000",
        HTTP_UPLOAD_METADATA=tus_metadata(**video, klub=str(stranger.pk)),
        **TUS,
    )
    assert refused.status_code == 403
    expected = dutch(gettext_lazy("You can only add recordings to your own klub."))
    assert refused.content.decode() == expected
    first, second = (CycleFactory(teacher=world.teacher, klub=world.klub) for _ in range(2))
    assert create(client, 1000, **video, cycle=str(second.pk))[0] == 201
    assert Recording.objects.get(owner=world.teacher).cycle == second
    assert first != second
    assert create(client, 1000, **video, cycle=str(first.pk))[0] == 201
    assert Recording.objects.filter(owner=world.teacher).latest("created_at").cycle == first
    someone_elses = CycleFactory(teacher=world.colleague, klub=world.klub)
    refused = client.post(
        COLLECTION,
        HTTP_UPLOAD_LENGTH="1000",
        HTTP_UPLOAD_METADATA=tus_metadata(**video, cycle=str(someone_elses.pk)),
        **TUS,
    )
    assert refused.status_code == 403
    expected = dutch(gettext_lazy("You can only add recordings to your own cycles."))
    assert refused.content.decode() == expected


def test_every_tus_answer_is_plain_text_uncached_and_exposes_its_headers(client, teacher):
    client.force_login(teacher)
    response = client.post(
        COLLECTION,
        HTTP_UPLOAD_LENGTH="1000",
        HTTP_UPLOAD_METADATA=tus_metadata(filename="les.mp4", filetype="video/mp4"),
        **TUS,
    )
    assert response.status_code == 201
    assert response.content == b"", "only refusals have a sentence to show"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Tus-Resumable"] == "1.0.0"
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"no-store", "no-cache", "must-revalidate", "private", "max-age=0"}
    exposed = {name.strip() for name in response["Access-Control-Expose-Headers"].split(",")}
    assert exposed == {
        "Location",
        "Upload-Offset",
        "Upload-Length",
        "Upload-Expires",
        "Recording-Location",
    }


def test_the_guard_says_why_it_refuses(client, teacher):
    anonymous = client.post(COLLECTION, HTTP_UPLOAD_LENGTH="1000", **TUS)
    assert anonymous.status_code == 401
    assert anonymous.content.decode() == dutch(gettext_lazy("Log in to upload recordings."))
    client.force_login(teacher)
    old = client.post(COLLECTION, HTTP_UPLOAD_LENGTH="1000", HTTP_TUS_RESUMABLE="0.2.2")
    assert old.status_code == 412
    assert old["Tus-Version"] == "1.0.0"
    assert old.content.decode() == dutch(gettext_lazy("Unsupported tus version."))


def test_an_unknown_checksum_algorithm_or_too_many_bytes_are_refused_with_a_reason(
    client, teacher, video_bytes
):
    client.force_login(teacher)
    _, url = create(client, 100)
    digest = base64.b64encode(hashlib.sha1(video_bytes[:50]).digest()).decode()
    unknown = patch(client, url, 0, video_bytes[:50], HTTP_UPLOAD_CHECKSUM=f"crc32 {digest}")
    assert unknown.status_code == 400
    expected = dutch(gettext_lazy("This checksum algorithm is not supported."))
    assert unknown.content.decode() == expected
    too_many = patch(client, url, 0, video_bytes[:200])
    assert too_many.status_code == 413
    expected = dutch(gettext_lazy("The upload sends more bytes than it announced."))
    assert too_many.content.decode() == expected
    assert Upload.objects.get().offset == 0


@pytest.mark.parametrize(
    "checksum",
    [
        "sha1 not*base64",
        "sha1 AAAA!",  # base64 with a stray character is not read past it
        "sha1 AAAA AAAA",  # the algorithm is the first word; the rest is the value
    ],
)
def test_a_checksum_that_cannot_be_read_is_refused_with_a_reason(
    client, teacher, video_bytes, checksum
):
    client.force_login(teacher)
    _, url = create(client, 100)
    response = patch(client, url, 0, video_bytes[:50], HTTP_UPLOAD_CHECKSUM=checksum)
    assert response.status_code == 400
    expected = dutch(gettext_lazy("The checksum cannot be read."))
    assert response.content.decode() == expected
    assert Upload.objects.get().offset == 0


def test_an_upload_whose_recording_was_deleted_can_still_be_terminated(
    client, teacher, video_bytes, django_capture_on_commit_callbacks
):
    client.force_login(teacher)
    _, url = create(client, len(video_bytes))
    patch(client, url, 0, video_bytes[:500])
    Recording.objects.get().delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(url, **TUS).status_code == 204
    assert not Upload.objects.exists()
