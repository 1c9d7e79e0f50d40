"""The tus internals that only racing requests show: the claim (offset, lock, expiry), its
renewal, and committing a part or a final length only while the claim is still ours.

Two racing requests are played out deterministically: the steps of request A and request B
(`_claim`, `_commit_part`, `_commit_length`) are called one after the other in the order a race
would interleave them, against the real database and storage."""

import base64
import hashlib
import io
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from videoklub.media.base import MESSAGES
from videoklub.recordings import storage, uploads
from videoklub.recordings.models import Recording, Upload
from videoklub.recordings.uploads import UploadError
from videoklub.testing.i18n import dutch

pytestmark = pytest.mark.django_db
VIDEO = {"filename": "les.webm", "filetype": "video/webm"}
# The first bytes of a WebM file: enough for the check on an upload's first PATCH.
WEBM_START = b"\x1a\x45\xdf\xa3" + b"\x00" * 4 + b"webm" + b"\x00" * 88
GB = 1024**3


def start(owner, length: int | None = 1000) -> Upload:
    return uploads.upload_create(owner=owner, length=length, metadata=VIDEO)


def append(upload: Upload, offset: int, data: bytes, **options) -> Upload:
    options.setdefault("content_length", len(data))
    return uploads.upload_append(upload=upload, offset=offset, body=io.BytesIO(data), **options)


def refusal(call) -> UploadError:
    with pytest.raises(UploadError) as refused:
        call()
    return refused.value


def stored_part(upload: Upload, offset: int, token, data: bytes = b"\0" * 100) -> str:
    """What a request stores before it commits: its part, named by offset and claim."""
    name = f"{upload.prefix}part-{offset:015d}-{token.hex[:8]}"
    storage.storage().save(name, ContentFile(data))
    return name


def expire_the_claim() -> None:
    """The request holding the upload stalled for longer than UPLOAD_LOCK."""
    Upload.objects.update(locked_until=timezone.now() - timedelta(seconds=1))


# --- The claim -----------------------------------------------------------------------------------


def test_a_patch_at_an_offset_another_request_moved_on_is_told_where_to_continue(teacher):
    upload = start(teacher)
    seen_by_b = Upload.objects.get(pk=upload.pk)  # B read the upload at offset 0 ...
    append(upload, 0, WEBM_START)  # ... and A committed 100 bytes before B claimed it
    refused = refusal(lambda: append(seen_by_b, 0, b"\0" * 100))
    assert refused.status == 409
    assert str(refused.message) == gettext(
        "The upload continues at byte %(offset)s, not %(sent)s."
    ) % {"offset": 100, "sent": 0}
    assert seen_by_b.offset == 100, "the refusal read the offset the database holds"
    upload.refresh_from_db()
    assert (upload.offset, len(upload.parts)) == (100, 1)
    assert upload.locked_until is None and upload.lock_token is None


def test_a_second_request_is_refused_while_the_first_one_holds_the_upload(teacher):
    upload = start(teacher)
    token_a = uploads._claim(upload, 0)
    refused = refusal(lambda: append(Upload.objects.get(pk=upload.pk), 0, WEBM_START))
    assert refused.status == 409
    assert str(refused.message) == gettext("Another request is already sending this upload.")
    held = Upload.objects.get(pk=upload.pk)
    assert held.lock_token == token_a, "A keeps its claim"
    assert held.locked_until > timezone.now() + uploads.UPLOAD_LOCK - timedelta(seconds=10)
    assert (held.offset, held.parts) == (0, [])


def test_the_refusal_of_a_held_upload_is_a_409_in_dutch(client, teacher):
    upload = start(teacher)
    uploads._claim(upload, 0)
    client.force_login(teacher)
    response = client.generic(
        "PATCH",
        reverse("recordings:tus_upload", args=[upload.pk]),
        WEBM_START,
        content_type="application/offset+octet-stream",
        HTTP_UPLOAD_OFFSET="0",
        HTTP_TUS_RESUMABLE="1.0.0",
    )
    assert response.status_code == 409
    expected = dutch(gettext_lazy("Another request is already sending this upload."))
    assert response.content.decode() == expected


def test_an_upload_whose_claim_ran_out_can_be_taken_over(teacher):
    upload = start(teacher)
    uploads._claim(upload, 0)
    expire_the_claim()
    taken_over = append(Upload.objects.get(pk=upload.pk), 0, WEBM_START)
    assert taken_over.offset == 100


def test_a_patch_to_a_completed_upload_is_refused(teacher):
    upload = start(teacher, length=len(WEBM_START))
    assert append(upload, 0, WEBM_START).completed_at is not None
    refused = refusal(lambda: append(Upload.objects.get(pk=upload.pk), 100, b""))
    assert refused.status == 409
    assert Upload.objects.get(pk=upload.pk).lock_token is None


# --- Committing a part -------------------------------------------------------------------------


def test_a_request_whose_claim_was_taken_over_cannot_commit_its_bytes(teacher, media_storage):
    upload = start(teacher)
    a, b = Upload.objects.get(pk=upload.pk), Upload.objects.get(pk=upload.pk)
    token_a = uploads._claim(a, 0)
    part_a = stored_part(a, 0, token_a)
    expire_the_claim()
    token_b = uploads._claim(b, 0)  # B takes over while A is still sending
    part_b = stored_part(b, 0, token_b)

    refused = refusal(lambda: uploads._commit_part(a, token_a, 0, 100, part_a))
    assert refused.status == 409
    assert str(refused.message) == gettext("This upload was continued by another request.")
    assert not storage.storage().exists(part_a), "the bytes of the request that lost are dropped"
    assert Upload.objects.get(pk=upload.pk).offset == 0

    uploads._commit_part(b, token_b, 0, 100, part_b)
    upload.refresh_from_db()
    assert (upload.offset, upload.parts) == (100, [part_b])


def test_a_part_is_committed_only_at_the_offset_it_was_claimed_for(teacher):
    upload = start(teacher)
    token = uploads._claim(upload, 0)
    first = stored_part(upload, 0, token)
    uploads._commit_part(upload, token, 0, 100, first)
    again = f"{upload.prefix}again"
    storage.storage().save(again, ContentFile(b"\0" * 100))
    refused = refusal(lambda: uploads._commit_part(upload, token, 0, 100, again))
    assert refused.status == 409
    upload.refresh_from_db()
    assert (upload.offset, upload.parts) == (100, [first])
    assert not storage.storage().exists(again)


def test_a_commit_pushes_the_expiry_of_the_upload_on(teacher, settings):
    upload = start(teacher)
    Upload.objects.update(expires_at=timezone.now() + timedelta(minutes=5))
    token = uploads._claim(upload, 0)
    uploads._commit_part(upload, token, 0, 100, stored_part(upload, 0, token))
    expires = Upload.objects.get(pk=upload.pk).expires_at - timezone.now()
    hours = timedelta(hours=settings.UPLOAD_EXPIRY_HOURS)
    assert hours - timedelta(minutes=1) < expires <= hours


# --- Completing with the final length ------------------------------------------------------------


def recorded_in_the_browser(owner) -> Upload:
    """A deferred-length upload whose bytes are all in; only its length is still unknown."""
    upload = start(owner, length=None)
    append(upload, 0, WEBM_START)
    return Upload.objects.get(pk=upload.pk)


def test_a_request_that_lost_its_claim_cannot_complete_the_upload_with_its_length(
    teacher, django_capture_on_commit_callbacks
):
    upload = recorded_in_the_browser(teacher)
    a, b = Upload.objects.get(pk=upload.pk), Upload.objects.get(pk=upload.pk)
    token_a = uploads._claim(a, 100)
    uploads._set_final_length(a, 100, 100)
    expire_the_claim()
    token_b = uploads._claim(b, 100)
    with django_capture_on_commit_callbacks() as callbacks:
        uploads._commit_length(a, token_a, 100)
    assert Upload.objects.get(pk=upload.pk).completed_at is None
    assert callbacks == []
    with django_capture_on_commit_callbacks() as callbacks:
        uploads._commit_length(b, token_b, 100)
    assert Upload.objects.get(pk=upload.pk).completed_at is not None
    assert Recording.objects.get().status == Recording.Status.QUEUED
    assert len(callbacks) == 1


def test_the_length_completes_the_upload_only_at_the_offset_claimed(teacher):
    upload = recorded_in_the_browser(teacher)
    token = uploads._claim(upload, 100)
    uploads._set_final_length(upload, 100, 100)
    uploads._commit_length(upload, token, 0)
    assert Upload.objects.get(pk=upload.pk).completed_at is None


def test_announcing_the_length_of_a_completed_upload_again_queues_nothing_more(
    teacher, django_capture_on_commit_callbacks
):
    upload = recorded_in_the_browser(teacher)
    token = uploads._claim(upload, 100)
    uploads._set_final_length(upload, 100, 100)
    with django_capture_on_commit_callbacks() as callbacks:
        uploads._commit_length(upload, token, 100)
    completed_at = Upload.objects.get(pk=upload.pk).completed_at
    assert completed_at is not None and len(callbacks) == 1
    with django_capture_on_commit_callbacks() as callbacks:
        uploads._commit_length(upload, token, 100)
    assert callbacks == []
    assert Upload.objects.get(pk=upload.pk).completed_at == completed_at


# --- While the bytes arrive --------------------------------------------------------------------


class SlowClient(io.RawIOBase):
    """A body that arrives in pieces with pauses, and runs `during(n)` before piece n."""

    def __init__(self, pieces: list[bytes], pause: float, during) -> None:
        self.pieces, self.pause, self.during, self.count = list(pieces), pause, during, 0

    def read(self, size: int = -1) -> bytes:
        if not self.pieces:
            return b""
        if self.count:
            time.sleep(self.pause)
        self.during(self.count)
        self.count += 1
        return self.pieces.pop(0)


def test_a_slow_patch_renews_its_claim_so_nobody_takes_the_upload_over(teacher, monkeypatch):
    # A short lock, so that the pauses outlast it several times (renewed every third of it).
    monkeypatch.setattr(uploads, "UPLOAD_LOCK", timedelta(seconds=1.2))
    upload = start(teacher)
    competitor: list[object] = []

    def during(piece: int) -> None:
        if piece == 4:  # about 2 s after the claim: without renewal it ran out long ago
            try:
                uploads._claim(Upload.objects.get(pk=upload.pk), 0)
                competitor.append("claimed")
            except UploadError as error:
                competitor.append(error.status)

    pieces = [WEBM_START[:20], *(WEBM_START[20 * n : 20 * n + 20] for n in range(1, 5))]
    body = SlowClient(pieces, pause=0.5, during=during)
    done = uploads.upload_append(upload=upload, offset=0, body=body, content_length=100)
    assert competitor == [409]
    assert done.offset == 100


def test_the_claim_is_renewed_once_a_third_of_it_has_passed_not_on_every_block(
    teacher, monkeypatch
):
    """A write per block would load the database for nothing: the claim (60 s) is renewed when
    more than 20 s went by since it was taken or last renewed."""
    upload = start(teacher)
    now = [timezone.now()]
    taken = now[0]
    monkeypatch.setattr(timezone, "now", lambda: now[0])
    seen: dict[int, object] = {}

    def during(piece: int) -> None:
        if piece >= 2:
            seen[piece] = Upload.objects.get(pk=upload.pk).locked_until
        if piece:
            now[0] += uploads.UPLOAD_LOCK / 3  # each further block arrives 20 s later

    pieces = [WEBM_START[:25], WEBM_START[25:50], WEBM_START[50:75], WEBM_START[75:]]
    body = SlowClient(pieces, pause=0, during=during)
    uploads.upload_append(upload=upload, offset=0, body=body, content_length=100)
    lock = uploads.UPLOAD_LOCK
    assert seen == {2: taken + lock, 3: taken + 2 * lock / 3 + lock}


def test_a_request_that_lost_its_claim_does_not_renew_the_claim_of_the_one_that_took_over(
    teacher, monkeypatch
):
    monkeypatch.setattr(uploads, "UPLOAD_LOCK", timedelta(seconds=1.2))
    upload = start(teacher)
    took_over: list[Upload] = []

    def during(piece: int) -> None:
        if piece == 1:  # A stalled: B claims the upload while A is still reading
            expire_the_claim()
            b = Upload.objects.get(pk=upload.pk)
            uploads._claim(b, 0)
            took_over.append(Upload.objects.get(pk=upload.pk))

    body = SlowClient([WEBM_START[:50], WEBM_START[50:]], pause=0.5, during=during)
    refused = refusal(
        lambda: uploads.upload_append(upload=upload, offset=0, body=body, content_length=100)
    )
    assert refused.status == 409
    held = Upload.objects.get(pk=upload.pk)
    assert (held.lock_token, held.locked_until) == (
        took_over[0].lock_token,
        took_over[0].locked_until,
    ), "B's claim is B's, unchanged by A"


def test_the_bytes_wait_in_the_incoming_folder_of_the_media_storage(teacher, media_storage):
    upload = start(teacher)
    waiting: list[list[str]] = []

    def during(piece: int) -> None:
        waiting.append(sorted(p.name for p in Path(storage.incoming_dir()).iterdir()))

    body = SlowClient([WEBM_START[:50], WEBM_START[50:]], pause=0, during=during)
    uploads.upload_append(upload=upload, offset=0, body=body, content_length=100)
    assert Path(storage.incoming_dir()).parent == media_storage
    assert len(waiting[0]) == 1 and waiting[0][0].startswith("upload-")
    assert list(Path(storage.incoming_dir()).iterdir()) == [], "moved into storage, not copied"
    (part,) = Upload.objects.get(pk=upload.pk).parts
    assert (media_storage / part).read_bytes() == WEBM_START


def test_the_stored_part_is_the_very_file_that_was_written_to_disk(teacher, media_storage):
    """The acknowledged offset must survive a crash: the part is the durably written file
    itself (renamed), not a copy written afterwards without the same care."""
    upload = start(teacher)
    written: set[int] = set()

    def during(piece: int) -> None:
        written.update(p.stat().st_ino for p in Path(storage.incoming_dir()).iterdir())

    body = SlowClient([WEBM_START[:50], WEBM_START[50:]], pause=0, during=during)
    (part,) = uploads.upload_append(upload=upload, offset=0, body=body, content_length=100).parts
    assert (media_storage / part).stat().st_ino in written


# --- Deferred length: the quota is the ceiling ---------------------------------------------------


@pytest.fixture
def hundred_bytes_left(settings, teacher):
    """The teacher's quota has 100 bytes left (1 GB quota, 1 GB - 100 stored)."""
    from videoklub.testing.factories import RecordingFactory

    settings.STORAGE_QUOTA_PER_TEACHER_GB = 1
    settings.UPLOAD_MAX_UNFINISHED = 1000
    RecordingFactory(owner=teacher, original="recordings/old/original.mp4", original_size=GB - 100)
    return teacher


def test_a_patch_without_content_length_takes_only_what_the_quota_leaves(hundred_bytes_left):
    upload = start(hundred_bytes_left, length=None)
    append(upload, 0, WEBM_START[:40])
    done = append(Upload.objects.get(pk=upload.pk), 40, b"\1" * 500, content_length=None)
    assert done.offset == 100, "60 bytes were left, the rest was not read"
    assert done.completed_at is None


def test_a_patch_that_exactly_fills_the_quota_is_accepted(hundred_bytes_left):
    upload = start(hundred_bytes_left, length=None)
    append(upload, 0, WEBM_START[:40])
    assert append(Upload.objects.get(pk=upload.pk), 40, b"\1" * 60).offset == 100
    refused = refusal(lambda: append(Upload.objects.get(pk=upload.pk), 100, b"\1"))
    assert refused.status == 413


def test_without_quotas_a_patch_without_content_length_stops_at_the_largest_upload(
    teacher, settings
):
    settings.STORAGE_QUOTA_PER_TEACHER_GB = 0
    settings.STORAGE_QUOTA_PER_SCHOOL_GB = 0
    settings.UPLOAD_MAX_BYTES = 300
    upload = start(teacher, length=None)
    append(upload, 0, WEBM_START)
    done = append(Upload.objects.get(pk=upload.pk), 100, b"\1" * 1000, content_length=None)
    assert done.offset == 300


# --- Content that is not video ---------------------------------------------------------------


def test_content_that_is_not_video_fails_the_recording_with_the_reason(client, teacher):
    client.force_login(teacher)
    upload = start(teacher, length=500)
    response = client.generic(
        "PATCH",
        reverse("recordings:tus_upload", args=[upload.pk]),
        b"Geen video.\n" * 40,
        content_type="application/offset+octet-stream",
        HTTP_UPLOAD_OFFSET="0",
        HTTP_TUS_RESUMABLE="1.0.0",
    )
    assert response.status_code == 415
    assert response.content.decode() == dutch(MESSAGES["not_video"])
    recording = Recording.objects.get()
    assert recording.status == Recording.Status.FAILED
    assert recording.error_code == "not_video"
    assert recording.error_message == dutch(MESSAGES["not_video"])
    assert not Upload.objects.exists()


# --- What one PATCH reads ----------------------------------------------------------------------


class Trickle(io.RawIOBase):
    """A body that hands out at most three bytes a read, as a slow network does."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        block, self.data = self.data[: min(3, size)], self.data[min(3, size) :]
        return block


def test_an_upload_error_reads_as_its_message(teacher):
    refused = refusal(lambda: append(start(teacher), 0, WEBM_START, content_length=2000))
    assert refused.status == 413
    assert (
        str(refused)
        == str(refused.message)
        == gettext("The upload sends more bytes than it announced.")
    )


def test_the_bytes_before_a_dropped_connection_are_kept(teacher):
    # The client announced 200 bytes and went away after 100: those 100 are the new offset.
    upload = append(start(teacher), 0, WEBM_START, content_length=200)
    assert (upload.offset, len(upload.parts)) == (100, 1)
    assert upload.completed_at is None


def test_a_patch_reads_no_more_than_its_content_length(teacher):
    upload = start(teacher)
    done = uploads.upload_append(
        upload=upload, offset=0, body=Trickle(WEBM_START), content_length=50
    )
    assert done.offset == 50
    (part,) = done.parts
    assert storage.storage().open(part).read() == WEBM_START[:50]


def test_a_patch_without_content_length_is_held_to_its_checksum(teacher):
    digest = base64.b64encode(hashlib.sha1(WEBM_START).digest()).decode()
    upload = append(start(teacher), 0, WEBM_START, content_length=None, checksum=f"sha1 {digest}")
    assert upload.offset == 100


def test_a_cut_off_chunk_is_dropped_even_when_its_checksum_fits_what_arrived(teacher):
    digest = base64.b64encode(hashlib.sha1(WEBM_START).digest()).decode()
    upload = start(teacher)
    refused = refusal(
        lambda: append(upload, 0, WEBM_START, content_length=200, checksum=f"sha1 {digest}")
    )
    assert refused.status == 460
    assert str(refused.message) == gettext("The data arrived damaged. It will be sent again.")
    assert Upload.objects.get(pk=upload.pk).offset == 0


def test_the_final_length_ends_a_patch_without_content_length(teacher):
    # An in-browser recording's last PATCH names the length: no byte past it is read.
    upload = start(teacher, length=None)
    done = append(upload, 0, WEBM_START, content_length=None, final_length=60)
    assert (done.length, done.offset) == (60, 60)
    assert done.completed_at is not None
    recording = Recording.objects.get(pk=done.recording_id)
    assert (recording.status, recording.progress) == (Recording.Status.QUEUED, 0)


def test_an_empty_patch_on_a_full_quota_adds_nothing_and_is_not_refused(hundred_bytes_left):
    upload = start(hundred_bytes_left, length=None)
    append(upload, 0, WEBM_START)
    assert append(Upload.objects.get(pk=upload.pk), 100, b"").offset == 100


class Vanishing:
    """A request body whose client goes away after `data`: the next read raises, as a reset
    connection does under a WSGI server."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        if not self.data:
            raise OSError("connection reset by peer")
        block, self.data = self.data[:size], self.data[size:]
        return block


def test_the_bytes_before_a_reset_connection_are_kept(teacher):
    # Not an empty read but an error: what arrived is still the new offset, on disk.
    upload = uploads.upload_append(
        upload=start(teacher), offset=0, body=Vanishing(WEBM_START[:60]), content_length=200
    )
    assert (upload.offset, len(upload.parts)) == (60, 1)
    (part,) = upload.parts
    assert storage.storage().open(part).read() == WEBM_START[:60]
