"""Upload throughput through the tus endpoint vs a plain file copy on the same disk.

The app runs under gunicorn (as in production) on loopback with local storage in var/bench;
the official tus client (tuspy) uploads 1 GB in 64 MB PATCHes. Reference: copying the same file
with shutil on the same disk. Target: upload / copy >= 0.5.
"""

import os
import secrets
import shutil
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path

SIZE = int(os.environ.get("BENCH_UPLOAD_BYTES", 1024**3))
CHUNK = 64 * 1024 * 1024
ROUNDS = 3
ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench" / "upload"


def make_input(path: Path) -> None:
    """A real MP4 followed by a `free` box, so the upload passes the content check."""
    if path.exists() and path.stat().st_size == SIZE:
        return
    from videoklub.media.synth import make_video

    head = path.with_suffix(".head.mp4")
    make_video(head, seconds=1, width=160, height=120)
    data = head.read_bytes()
    head.unlink()
    padding = SIZE - len(data) - 8
    block = os.urandom(8 * 1024 * 1024)
    with open(path, "wb") as handle:
        handle.write(data + struct.pack(">I", padding + 8) + b"free")
        for _ in range(padding // len(block)):
            handle.write(block)
        handle.write(block[: padding % len(block)])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "videoklub.settings",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(WORK / "media"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "TASK_BACKEND": "database",  # processing is queued, not run: only the upload counts
        "UPLOAD_MAX_BYTES": str(SIZE * 2),
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from videoklub.accounts.models import User
    from videoklub.demo.people import seed_demo

    call_command("migrate", verbosity=0)
    seed_demo()
    teacher = User.objects.get(email="lotte.peeters@demo.videoklub.be")
    session = SessionStore()
    session[SESSION_KEY] = str(teacher.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = teacher.get_session_auth_hash()
    session.create()

    source = WORK / "upload-input.mp4"
    make_input(source)
    print(f"input: {SIZE / 1024**2:.0f} MB, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")

    # Both copies end with fsync, as the upload does before it acknowledges an offset.
    def kernel_copy(target: Path) -> None:
        shutil.copyfile(source, target)  # copy_file_range/sendfile: bytes never enter Python
        with open(target, "rb+") as handle:
            os.fsync(handle.fileno())

    def user_space_copy(target: Path) -> None:
        with open(source, "rb") as reader, open(target, "wb") as writer:
            while block := reader.read(4 * 1024 * 1024):
                writer.write(block)
            writer.flush()
            os.fsync(writer.fileno())

    def timed_copy(copy) -> float:
        target = WORK / "copy.tmp"
        start = time.perf_counter()
        copy(target)
        seconds = time.perf_counter() - start
        target.unlink()
        return seconds

    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "videoklub.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "600",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        from tusclient import client as tus_client

        csrf = "benchcsrftoken0123456789abcdefgh"
        client = tus_client.TusClient(
            f"http://127.0.0.1:{port}/opnames/tus/",
            headers={
                "Cookie": f"sessionid={session.session_key}; csrftoken={csrf}",
                "X-CSRFToken": csrf,
            },
        )
        # This machine's disk speed varies from minute to minute: interleave the three and keep
        # the best of each, so they are compared under the same conditions.
        kernel, user, uploads = [], [], []
        for _ in range(ROUNDS):
            kernel.append(timed_copy(kernel_copy))
            user.append(timed_copy(user_space_copy))
            uploader = client.uploader(
                str(source),
                chunk_size=CHUNK,
                metadata={"filename": "les.mp4", "filetype": "video/mp4"},
            )
            start = time.perf_counter()
            uploader.upload()
            uploads.append(time.perf_counter() - start)
            shutil.rmtree(WORK / "media" / "uploads", ignore_errors=True)
        kernel_seconds, copy_seconds, upload_seconds = min(kernel), min(user), min(uploads)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(WORK / "media", ignore_errors=True)

    mb = SIZE / 1024**2
    print(f"best of {ROUNDS} interleaved rounds each")
    print(f"kernel file copy (cp)         {kernel_seconds:6.2f} s  {mb / kernel_seconds:7.0f} MB/s")
    print(f"reference: user-space copy    {copy_seconds:6.2f} s  {mb / copy_seconds:7.0f} MB/s")
    print(
        f"tus upload (tuspy, gunicorn)  {upload_seconds:6.2f} s  {mb / upload_seconds:7.0f} MB/s"
        f"  {copy_seconds / upload_seconds:.2f}x the reference's throughput (target >= 0.5),"
        f" {kernel_seconds / upload_seconds:.2f}x the kernel copy's"
    )
