"""Real clients against a real server: the official Python tus client through a proxy that
cuts the connection mid-upload, and two PATCHes racing on one upload."""

import contextlib
import hashlib
import http.client
import os
import socket
import struct
import threading
import time
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from tusclient import client as tus_client

from videoklub.media.synth import make_video
from videoklub.recordings.models import Recording, Upload
from videoklub.recordings.tasks import process_recording

pytestmark = pytest.mark.django_db(transaction=True)
MB = 1024 * 1024
CSRF = "videoklubtestcsrftoken0123456789"  # any 32 letters/digits is a valid unmasked token
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class DroppingProxy:
    """A TCP proxy that drops both sides once, after `drop_after` request bytes went through."""

    def __init__(self, upstream_port: int, drop_after: int) -> None:
        self.upstream_port, self.drop_after = upstream_port, drop_after
        self.forwarded, self.dropped = 0, False
        self.lock = threading.Lock()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                downstream, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            threading.Thread(
                target=self._pipe, args=(downstream, upstream, True), daemon=True
            ).start()
            threading.Thread(
                target=self._pipe, args=(upstream, downstream, False), daemon=True
            ).start()

    def _pipe(self, source: socket.socket, target: socket.socket, counting: bool) -> None:
        try:
            while data := source.recv(256 * 1024):
                if counting:
                    with self.lock:
                        self.forwarded += len(data)
                        cut = not self.dropped and self.forwarded > self.drop_after
                        if cut:
                            self.dropped = True
                    if cut:
                        # shutdown() also wakes the thread blocked on the other direction;
                        # close() alone would leave the server waiting for more bytes.
                        for sock in (source, target):
                            with contextlib.suppress(OSError):
                                sock.shutdown(socket.SHUT_RDWR)
                            sock.close()
                        return
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.server.close()


def big_video(path, size: int) -> str:
    """A real MP4 followed by a `free` box of random bytes, `size` bytes in all."""
    make_video(path, seconds=1, width=160, height=120)
    head = path.read_bytes()
    padding = size - len(head) - 8
    with open(path, "ab") as handle:
        handle.write(struct.pack(">I", padding + 8) + b"free")
        for _ in range(padding // MB):
            handle.write(os.urandom(MB))
        handle.write(os.urandom(padding % MB))
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(4 * MB):
            digest.update(block)
    return digest.hexdigest()


def session_headers(user) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    return {"Cookie": f"sessionid={session}; csrftoken={CSRF}", "X-CSRFToken": CSRF}


def test_tuspy_resumes_a_200_mb_upload_after_the_connection_drops(
    live_server, teacher, tmp_path, settings
):
    settings.TASKS = DUMMY_TASKS
    size = 200 * MB
    source = tmp_path / "les.mp4"
    expected = big_video(source, size)
    proxy = DroppingProxy(urlsplit(live_server.url).port, drop_after=int(size * 0.45))
    try:
        endpoint = f"http://127.0.0.1:{proxy.port}{reverse('recordings:tus_collection')}"
        client = tus_client.TusClient(endpoint, headers=session_headers(teacher))
        metadata = {"filename": "les.mp4", "filetype": "video/mp4"}
        first = client.uploader(str(source), chunk_size=64 * MB, metadata=metadata)
        with pytest.raises(Exception):
            first.upload()
        assert proxy.dropped
        # The server finishes the cut-off request on its own time; a real client would get a
        # 409 meanwhile and ask again, tuspy does not retry: wait until the server is done.
        upload = Upload.objects.get()
        deadline = time.monotonic() + 30
        while upload.locked_until is not None and time.monotonic() < deadline:
            time.sleep(0.1)
            upload.refresh_from_db()
        # The bytes that arrived before the drop were kept: the client resumes after them.
        assert 0 < upload.offset < size
        kept = upload.offset

        second = client.uploader(str(source), url=first.url, chunk_size=64 * MB)
        assert second.offset == kept
        second.upload()
    finally:
        proxy.close()

    upload.refresh_from_db()
    assert upload.offset == size and upload.completed_at is not None
    process_recording.call(upload.recording_id)
    recording = Recording.objects.get()
    digest = hashlib.sha256()
    with recording.original.open("rb") as handle:
        while block := handle.read(4 * MB):
            digest.update(block)
    assert digest.hexdigest() == expected
    assert recording.original_size == size


def _slow_patch(url: str, headers: dict, body: bytes, results: list, pause: float) -> None:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.putrequest("PATCH", parts.path)
    for name, value in {
        **headers,
        "Tus-Resumable": "1.0.0",
        "Content-Type": "application/offset+octet-stream",
        "Upload-Offset": "0",
        "Content-Length": str(len(body)),
    }.items():
        connection.putheader(name, value)
    connection.endheaders()
    for start in range(0, len(body), MB):
        connection.send(body[start : start + MB])
        time.sleep(pause)
    results.append(connection.getresponse().status)
    connection.close()


def test_two_patches_racing_on_one_upload_do_not_interleave(live_server, teacher, tmp_path):
    headers = session_headers(teacher)
    source = tmp_path / "les.mp4"
    big_video(source, 6 * MB)
    body = source.read_bytes()
    connection = http.client.HTTPConnection("127.0.0.1", urlsplit(live_server.url).port)
    connection.request(
        "POST",
        reverse("recordings:tus_collection"),
        headers={
            **headers,
            "Tus-Resumable": "1.0.0",
            "Upload-Length": str(len(body)),
            "Upload-Metadata": "filename bGVzLm1wNA==",
        },
    )
    response = connection.getresponse()
    assert response.status == 201
    url = response.getheader("Location")

    slow, fast = [], []
    racer = threading.Thread(target=_slow_patch, args=(url, headers, body, slow, 0.3))
    racer.start()
    # The slow PATCH claims the upload before its first byte and holds it to its last.
    deadline = time.monotonic() + 30
    while not Upload.objects.filter(locked_until__isnull=False).exists():
        assert time.monotonic() < deadline, "the slow PATCH never claimed the upload"
        time.sleep(0.02)
    _slow_patch(url, headers, body[:1024], fast, 0)
    racer.join()
    assert fast == [409]
    assert slow == [204]
    upload = Upload.objects.get()
    assert upload.offset == len(body)
    assert len(upload.parts) == 1
