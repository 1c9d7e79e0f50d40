"""The object-storage path against a real S3-compatible HTTP server (moto) on 127.0.0.1."""

import io
import time
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from django.urls import reverse
from moto.server import ThreadedMotoServer

from videoklub.media import synth
from videoklub.recordings import services, uploads
from videoklub.recordings.models import Fragment, Recording
from videoklub.testing.factories import FragmentFactory, RecordingFactory

pytestmark = pytest.mark.django_db
BUCKET = "videoklub-test"


@pytest.fixture
def s3(settings):
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{server._server.server_port}"
    # moto keeps its buckets for the whole process: start from none, whatever ran before.
    requests.post(f"{endpoint}/moto-api/reset", timeout=10).raise_for_status()
    credentials = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-1", **credentials)
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    settings.STORAGE_BACKEND = "s3"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "eu-west-1",
                "access_key": "test",
                "secret_key": "test",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 60,
                "file_overwrite": False,
            },
        },
    }
    yield client
    server.stop()


def keys(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_upload_processing_streaming_and_deletion_on_object_storage(
    s3, client, teacher, tmp_path, django_capture_on_commit_callbacks
):
    source = tmp_path / "les.mp4"
    synth.make_video(source, seconds=2)
    data = source.read_bytes()
    upload = uploads.upload_create(
        owner=teacher, length=len(data), metadata={"filename": "les.mp4", "filetype": "video/mp4"}
    )
    half = len(data) // 2
    uploads.upload_append(
        upload=upload, offset=0, body=io.BytesIO(data[:half]), content_length=half
    )
    assert any("/part-" in key for key in keys(s3)), "chunks are stored in the bucket"
    with django_capture_on_commit_callbacks(execute=True):
        uploads.upload_append(
            upload=upload,
            offset=half,
            body=io.BytesIO(data[half:]),
            content_length=len(data) - half,
        )
    recording = Recording.objects.get()
    assert recording.status == Recording.Status.READY, recording.error_message
    assert s3.get_object(Bucket=BUCKET, Key=recording.original.name)["Body"].read() == data

    # The app checks permission, then hands out a short-lived signed URL.
    client.force_login(teacher)
    response = client.get(reverse("recordings:stream", args=[recording.uuid]))
    assert response.status_code == 302
    signed = response["Location"]
    assert "Signature=" in signed or "X-Amz-Signature=" in signed
    ranged = requests.get(signed, headers={"Range": "bytes=0-99"}, timeout=10)
    assert ranged.status_code == 206
    rendition = s3.get_object(Bucket=BUCKET, Key=recording.rendition.name)["Body"].read()
    assert ranged.content == rendition[:100]

    services.recording_delete(recording=recording, by=teacher)
    assert keys(s3) == []


def signed_query(response) -> dict[str, str]:
    """The query parameters of the signed URL a media request redirects to (one value each)."""
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query, strict_parsing=True)
    assert all(len(values) == 1 for values in query.values())
    return {name: values[0] for name, values in query.items()}


def test_the_stream_redirects_to_a_url_signed_for_the_configured_time_inline_and_uncached(
    s3, client, teacher, settings
):
    settings.S3_URL_EXPIRY_SECONDS = 37  # not the storage's own default (60)
    s3.put_object(Bucket=BUCKET, Key="recordings/x/rendition.mp4", Body=b"\0" * 200)
    recording = RecordingFactory(owner=teacher, rendition="recordings/x/rendition.mp4")
    client.force_login(teacher)
    response = client.get(reverse("recordings:stream", args=[recording.uuid]))
    query = signed_query(response)
    # Signature version 2 (what django-storages asks of this endpoint) names the moment.
    assert 30 < int(query["Expires"]) - time.time() <= 37
    assert query["response-content-type"] == "video/mp4"
    assert query["response-content-disposition"] == "inline"
    assert urlsplit(response["Location"]).path == f"/{BUCKET}/recordings/x/rendition.mp4"
    assert response["Cache-Control"] == "no-store"
    # The object store answers with what the URL asked for.
    served = requests.get(response["Location"], timeout=10)
    assert served.status_code == 200
    assert served.headers["Content-Type"] == "video/mp4"
    assert served.headers["Content-Disposition"] == "inline"


def test_a_download_redirects_to_a_url_that_saves_the_file_under_the_fragments_title(
    s3, client, teacher
):
    s3.put_object(Bucket=BUCKET, Key="fragments/x/export.mp4", Body=b"\0" * 200)
    recording = RecordingFactory(owner=teacher)
    fragment = FragmentFactory(
        recording=recording,
        title="Uitleg breuken",
        export="fragments/x/export.mp4",
        export_status=Fragment.ExportStatus.READY,
    )
    client.force_login(teacher)
    response = client.get(
        reverse("recordings:fragment_download", args=[recording.uuid, fragment.pk])
    )
    query = signed_query(response)
    assert query["response-content-type"] == "video/mp4"
    assert query["response-content-disposition"] == 'attachment; filename="Uitleg breuken.mp4"'
    assert response["Cache-Control"] == "no-store"
    served = requests.get(response["Location"], timeout=10)
    assert served.headers["Content-Disposition"] == 'attachment; filename="Uitleg breuken.mp4"'
