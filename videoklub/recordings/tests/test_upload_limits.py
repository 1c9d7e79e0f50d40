"""Limits on uploads: storage quotas per teacher and per school, unfinished uploads, creations
per hour. Refusals come at tus creation (413 or 429) with a Dutch sentence in the body."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from videoklub.organisations.models import Role
from videoklub.recordings import quotas
from videoklub.recordings.models import Recording, Upload
from videoklub.recordings.tests.conftest import tus_metadata
from videoklub.testing.factories import FragmentFactory, MembershipFactory, RecordingFactory

pytestmark = pytest.mark.django_db
COLLECTION = reverse("recordings:tus_collection")
TUS = {"HTTP_TUS_RESUMABLE": "1.0.0"}
OCTETS = "application/offset+octet-stream"
GB = 1024**3
VIDEO = {"filename": "les.mp4", "filetype": "video/mp4"}
# The first bytes of a WebM file (what a browser films): enough for the first PATCH's check.
WEBM_START = b"\x1a\x45\xdf\xa3" + b"\x00" * 4 + b"webm" + b"\x00" * 20


def create(client, length: int | None):
    headers = {"HTTP_UPLOAD_DEFER_LENGTH": "1"} if length is None else {}
    if length is not None:
        headers["HTTP_UPLOAD_LENGTH"] = str(length)
    return client.post(COLLECTION, HTTP_UPLOAD_METADATA=tus_metadata(**VIDEO), **TUS, **headers)


def patch(client, url, offset, data: bytes, **headers):
    return client.generic(
        "PATCH", url, data, content_type=OCTETS, HTTP_UPLOAD_OFFSET=str(offset), **TUS, **headers
    )


def stored(owner, size: int, **fields) -> Recording:
    """A processed recording whose original takes `size` bytes."""
    return RecordingFactory(
        owner=owner, original=f"recordings/{size}/original.mp4", original_size=size, **fields
    )


@pytest.fixture
def roomy(settings):
    """Quotas and the creation rate out of the way, for tests of one other limit."""
    settings.UPLOAD_MAX_UNFINISHED = 1000
    settings.UPLOAD_CREATIONS_PER_HOUR = 1000
    return settings


def test_thirty_uploads_of_8_gb_at_once_leave_only_what_the_limits_allow(client, world):
    client.force_login(world.teacher)
    statuses = [create(client, 8 * GB).status_code for _ in range(30)]
    # Three unfinished uploads at a time (24 GB, within the 50 GB quota); the rest are refused.
    assert statuses == [201] * 3 + [429] * 27
    assert Upload.objects.count() == Recording.objects.count() == 3


def test_an_upload_over_the_teachers_quota_is_refused_with_413_in_dutch(client, world, roomy):
    roomy.STORAGE_QUOTA_PER_TEACHER_GB = 20
    client.force_login(world.teacher)
    assert [create(client, 8 * GB).status_code for _ in range(2)] == [201, 201]
    response = create(client, 8 * GB)
    assert response.status_code == 413
    assert response["Tus-Resumable"] == "1.0.0"
    body = response.content.decode()
    assert "opslagruimte" in body and "16,0 GB" in body and "20 GB" in body
    assert Recording.objects.count() == 2  # nothing made for the refused one
    # Exactly the room that is left still fits.
    assert create(client, 4 * GB).status_code == 201


def test_stored_originals_renditions_and_exports_count(client, world, roomy):
    roomy.STORAGE_QUOTA_PER_TEACHER_GB = 10
    recording = stored(world.teacher, 4 * GB, rendition="r.mp4", rendition_size=2 * GB)
    FragmentFactory(recording=recording, export_size=GB, anonymised_size=GB)
    assert quotas.teacher_usage(world.teacher).used == 8 * GB
    client.force_login(world.teacher)
    assert create(client, 2 * GB + 1).status_code == 413
    assert create(client, 2 * GB).status_code == 201


def test_a_failed_upload_without_a_stored_original_does_not_count(world):
    # The declared length of an upload refused at its first bytes was never stored.
    RecordingFactory(owner=world.teacher, status=Recording.Status.FAILED, original_size=8 * GB)
    assert quotas.teacher_usage(world.teacher).used == 0


def test_the_school_quota_counts_every_recording_of_its_klubs(client, world, roomy):
    roomy.STORAGE_QUOTA_PER_SCHOOL_GB = 20
    stored(world.colleague, 15 * GB, klub=world.klub)
    client.force_login(world.teacher)
    response = create(client, 8 * GB)
    assert response.status_code == 413
    assert "school" in response.content.decode()
    assert create(client, 5 * GB).status_code == 201
    # A teacher of another school has the whole of that school's space.
    client.force_login(world.other_teacher)
    assert create(client, 8 * GB).status_code == 201


def test_a_recording_counts_for_the_school_of_its_klub(world):
    stored(world.teacher, GB, klub=world.klub)
    stored(world.teacher, 2 * GB)  # without a klub: the teacher's own quota only
    assert quotas.school_usage(world.school).used == GB
    assert quotas.teacher_usage(world.teacher).used == 3 * GB


def test_a_deferred_length_upload_counts_its_bytes_and_stops_at_the_quota(client, world, roomy):
    roomy.STORAGE_QUOTA_PER_TEACHER_GB = 1
    stored(world.teacher, GB - 100)
    client.force_login(world.teacher)
    response = create(client, None)
    assert response.status_code == 201
    url = response["Location"]
    assert patch(client, url, 0, WEBM_START).status_code == 204  # 32 of the 100 bytes left
    assert quotas.teacher_usage(world.teacher).used == GB - 100 + len(WEBM_START)
    refused = patch(client, url, len(WEBM_START), b"\0" * 100)
    assert refused.status_code == 413
    assert "opslagruimte" in refused.content.decode()
    assert Upload.objects.get().offset == len(WEBM_START)


def test_a_deferred_length_that_does_not_fit_is_refused_when_announced(client, world, roomy):
    roomy.STORAGE_QUOTA_PER_TEACHER_GB = 1
    stored(world.teacher, GB - 100)
    client.force_login(world.teacher)
    url = create(client, None)["Location"]
    response = patch(client, url, 0, WEBM_START, HTTP_UPLOAD_LENGTH=str(200))
    assert response.status_code == 413
    assert Upload.objects.get().length is None


def test_a_fourth_unfinished_upload_waits_for_one_of_the_three(client, world, roomy):
    roomy.UPLOAD_MAX_UNFINISHED = 3
    client.force_login(world.teacher)
    locations = [create(client, GB)["Location"] for _ in range(3)]
    response = create(client, GB)
    assert response.status_code == 429
    assert "3 opnames die nog niet volledig zijn opgeladen" in response.content.decode()
    assert client.delete(locations[0], **TUS).status_code == 204
    assert create(client, GB).status_code == 201


def test_unfinished_uploads_are_counted_per_person(client, world, roomy):
    roomy.UPLOAD_MAX_UNFINISHED = 1
    client.force_login(world.teacher)
    assert create(client, GB).status_code == 201
    client.force_login(world.colleague)
    assert create(client, GB).status_code == 201


def test_creating_uploads_is_limited_per_hour_with_retry_after(client, world, roomy):
    roomy.UPLOAD_CREATIONS_PER_HOUR = 2
    client.force_login(world.teacher)
    assert [create(client, GB).status_code for _ in range(2)] == [201, 201]
    response = create(client, GB)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "te veel opnames beginnen opladen" in response.content.decode()
    assert Upload.objects.count() == 2
    client.force_login(world.colleague)
    assert create(client, GB).status_code == 201


def test_the_upload_page_shows_the_storage_used(client, world):
    stored(world.teacher, 3 * GB // 2)
    client.force_login(world.teacher)
    for name in ("recordings:list", "recordings:record"):
        page = client.get(reverse(name)).content.decode()
        assert "1,5 GB van 50 GB gebruikt" in page


def test_a_coach_uploading_has_the_same_limits(client, world, roomy):
    roomy.STORAGE_QUOTA_PER_TEACHER_GB = 1
    coach = MembershipFactory(role=Role.COACH, klub=world.klub).user
    client.force_login(coach)
    assert create(client, 2 * GB).status_code == 413


def test_a_fragment_copy_that_does_not_fit_is_refused(client, world, roomy):
    roomy.STORAGE_QUOTA_PER_TEACHER_GB = 2
    # 1.9 GB in use; a 30-second fragment of a 120-second, 0.9 GB rendition takes about 0.23 GB.
    recording = stored(world.teacher, GB, rendition="r.mp4", rendition_size=9 * GB // 10)
    long = FragmentFactory(recording=recording, start=10, end=40)
    short = FragmentFactory(recording=recording, start=10, end=12)
    client.force_login(world.teacher)
    for name in ("recordings:fragment_export", "recordings:fragment_anonymise"):
        response = client.post(reverse(name, args=[recording.uuid, long.pk]), follow=True)
        assert "Hiervoor is er niet genoeg opslagruimte meer" in response.content.decode()
    long.refresh_from_db()
    assert (long.export_status, long.anonymisation_status) == ("", "")
    client.post(reverse("recordings:fragment_export", args=[recording.uuid, short.pk]))
    short.refresh_from_db()
    assert short.export_status == "queued"


def test_a_deferred_length_upload_stops_at_the_schools_quota_too(client, world, roomy):
    roomy.STORAGE_QUOTA_PER_SCHOOL_GB = 1
    stored(world.colleague, GB - 100, klub=world.klub)
    client.force_login(world.teacher)
    url = create(client, None)["Location"]
    assert patch(client, url, 0, WEBM_START).status_code == 204
    refused = patch(client, url, len(WEBM_START), b"\0" * 100)
    assert refused.status_code == 413
    assert "school" in refused.content.decode()
    announced = patch(
        client, url, len(WEBM_START), b"", HTTP_UPLOAD_LENGTH=str(200), CONTENT_TYPE=OCTETS
    )
    assert announced.status_code == 413
    assert Upload.objects.get().length is None


def test_a_deferred_length_that_exactly_fits_is_accepted(client, world, roomy):
    roomy.STORAGE_QUOTA_PER_TEACHER_GB = 1
    stored(world.teacher, GB - 100)
    client.force_login(world.teacher)
    url = create(client, None)["Location"]
    assert patch(client, url, 0, WEBM_START).status_code == 204
    # The 32 bytes sent count already: an end at 100 bytes adds the 68 that are left.
    response = patch(
        client, url, len(WEBM_START), b"", HTTP_UPLOAD_LENGTH="100", CONTENT_TYPE=OCTETS
    )
    assert response.status_code == 204
    assert response["Upload-Length"] == "100"
    assert Upload.objects.get().length == 100


def test_a_fragment_copy_counts_for_the_schools_quota_too(world, roomy):
    from django.core.exceptions import ValidationError

    from videoklub.recordings.uploads import check_room_for_copy

    roomy.STORAGE_QUOTA_PER_SCHOOL_GB = 2
    # 1.9 GB in use at the school: a copy of the whole 0.4 GB rendition does not fit, a
    # one-second fragment of the 120-second recording does.
    stored(world.colleague, GB, klub=world.klub)
    recording = stored(
        world.teacher, GB // 2, klub=world.klub, rendition="r.mp4", rendition_size=4 * GB // 10
    )
    whole = FragmentFactory(recording=recording, start=0, end=120)
    short = FragmentFactory(recording=recording, start=10, end=11)
    with pytest.raises(ValidationError, match="school"):
        check_room_for_copy(whole)
    check_room_for_copy(short)


def test_the_refusal_rounds_the_space_used_to_one_decimal(client, world, roomy):
    roomy.STORAGE_QUOTA_PER_TEACHER_GB = 1
    stored(world.teacher, GB // 2 + 1000)  # 0.5000009 GB
    client.force_login(world.teacher)
    body = create(client, GB // 2).content.decode()
    assert "je gebruikt 0,5 GB van je 1 GB" in body


def test_the_refusal_rounds_up_too(client, world, roomy):
    roomy.STORAGE_QUOTA_PER_TEACHER_GB = 1
    stored(world.teacher, GB * 9 // 10 - 1000)  # 0.8999991 GB: "0,9", not a cut-off "0,8"
    client.force_login(world.teacher)
    body = create(client, GB // 2).content.decode()
    assert "je gebruikt 0,9 GB van je 1 GB" in body


def test_the_refusal_rounds_to_one_decimal_before_it_formats(client, world, roomy):
    roomy.STORAGE_QUOTA_PER_TEACHER_GB = 1
    stored(world.teacher, GB * 86 // 100)  # 0.86 GB: "0,9"; cut to one decimal it reads "0,8"
    client.force_login(world.teacher)
    body = create(client, GB // 2).content.decode()
    assert "je gebruikt 0,9 GB van je 1 GB" in body


@pytest.mark.parametrize("duration", [None, 0.0])
def test_a_copy_of_a_recording_of_unknown_duration_is_estimated_at_nothing(world, roomy, duration):
    from videoklub.recordings.uploads import check_room_for_copy

    roomy.STORAGE_QUOTA_PER_TEACHER_GB = 1
    recording = stored(world.teacher, GB, duration=duration)  # the quota exactly used up
    check_room_for_copy(FragmentFactory(recording=recording, start=0, end=10))


def test_a_copy_is_never_estimated_larger_than_the_whole_rendition(world, roomy):
    from django.core.exceptions import ValidationError

    from videoklub.recordings.uploads import check_room_for_copy

    roomy.STORAGE_QUOTA_PER_TEACHER_GB = 3
    # 1.5 GB in use: the 1 GB rendition fits once, even for a fragment that runs past the
    # recording's (rounded) duration of 120 seconds.
    recording = stored(world.teacher, GB // 2, rendition="r.mp4", rendition_size=GB)
    check_room_for_copy(FragmentFactory(recording=recording, start=0, end=240))
    stored(world.teacher, GB // 2 + 1)
    with pytest.raises(ValidationError):
        check_room_for_copy(FragmentFactory(recording=recording, start=0, end=240))


def school_locks(queries) -> list[str]:
    """The school rows taken by _lock_quotas: `select_for_update().first()`, the only read of a
    school that orders by its key (FOR UPDATE where the database has it; SQLite's IMMEDIATE
    transaction locks the whole database instead)."""
    locks = [
        query["sql"]
        for query in queries
        if 'FROM "organisations_school"' in query["sql"] and "ORDER BY" in query["sql"]
    ]
    if connection.features.has_select_for_update:
        assert all("FOR UPDATE" in sql for sql in locks)
    return locks


def test_a_fragment_copy_locks_the_school_before_it_counts(world, roomy):
    from videoklub.recordings.uploads import check_room_for_copy

    recording = stored(world.teacher, GB, klub=world.klub, rendition="r.mp4", rendition_size=GB)
    fragment = FragmentFactory(recording=recording, start=0, end=10)
    with CaptureQueriesContext(connection) as queries:
        check_room_for_copy(fragment)
    assert len(school_locks(queries)) == 1


def test_a_deferred_length_upload_locks_the_school_for_its_bytes_and_its_length(world, roomy):
    from videoklub.recordings import uploads

    upload = uploads.upload_create(
        owner=world.teacher, length=None, metadata=VIDEO, klub=world.klub
    )
    with CaptureQueriesContext(connection) as queries:
        uploads.upload_append(
            upload=upload, offset=0, body=io.BytesIO(WEBM_START), content_length=len(WEBM_START)
        )
    assert len(school_locks(queries)) == 1, "the ceiling of a PATCH while filming"
    with CaptureQueriesContext(connection) as queries:
        uploads.upload_append(
            upload=upload,
            offset=len(WEBM_START),
            body=io.BytesIO(b""),
            content_length=0,
            final_length=1000,
        )
    assert len(school_locks(queries)) == 1, "the check of the length announced"


def test_a_new_upload_locks_the_teachers_row_and_then_their_schools(world, roomy):
    from videoklub.recordings import uploads

    with CaptureQueriesContext(connection) as queries:
        uploads.upload_create(owner=world.teacher, length=1000, metadata=VIDEO, klub=world.klub)
    user_table = world.teacher._meta.db_table
    locks = [
        query["sql"]
        for query in queries
        if f'FROM "{user_table}"' in query["sql"] and "ORDER BY" in query["sql"]
    ]
    (school_lock,) = school_locks(queries)
    assert [f'"{user_table}"."id" = {world.teacher.pk} ' in sql for sql in locks] == [True]
    assert f'"organisations_school"."id" = {world.klub.school_id} ' in school_lock
    sqls = [query["sql"] for query in queries]
    assert sqls.index(locks[0]) < sqls.index(school_lock)


def test_a_patch_without_content_length_takes_only_what_the_schools_quota_leaves(world, roomy):
    from videoklub.recordings import uploads

    roomy.STORAGE_QUOTA_PER_SCHOOL_GB = 1
    stored(world.colleague, GB - 100, klub=world.klub)
    upload = uploads.upload_create(
        owner=world.teacher, length=None, metadata=VIDEO, klub=world.klub
    )
    uploads.upload_append(
        upload=upload, offset=0, body=io.BytesIO(WEBM_START), content_length=len(WEBM_START)
    )
    done = uploads.upload_append(
        upload=Upload.objects.get(pk=upload.pk),
        offset=len(WEBM_START),
        body=io.BytesIO(b"\1" * 500),
        content_length=None,
    )
    assert done.offset == 100, "the school had 100 bytes left; the rest was not read"


def test_without_any_quota_an_upload_to_a_klub_stops_only_at_the_largest_upload(world, roomy):
    from videoklub.recordings import uploads

    roomy.STORAGE_QUOTA_PER_TEACHER_GB = 0
    roomy.STORAGE_QUOTA_PER_SCHOOL_GB = 0
    roomy.UPLOAD_MAX_BYTES = 300
    uploads.upload_create(owner=world.teacher, length=300, metadata=VIDEO, klub=world.klub)
    upload = uploads.upload_create(
        owner=world.teacher, length=None, metadata=VIDEO, klub=world.klub
    )
    uploads.upload_append(
        upload=upload, offset=0, body=io.BytesIO(WEBM_START), content_length=len(WEBM_START)
    )
    done = uploads.upload_append(
        upload=Upload.objects.get(pk=upload.pk),
        offset=len(WEBM_START),
        body=io.BytesIO(b"\1" * 1000),
        content_length=None,
    )
    assert done.offset == 300
