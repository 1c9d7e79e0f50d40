"""Processing survives a killed worker, and several workers share the Redis queue."""

import hashlib
import io
import os
import signal
import subprocess
import sys

import django_rq
import pytest
from django.conf import settings
from django.test import override_settings

from videoklub.media import synth
from videoklub.recordings import uploads
from videoklub.recordings.models import Recording
from videoklub.recordings.tasks import process_recording
from videoklub.testing.workers import (
    DATABASE_BACKEND,
    DB_WORKER,
    RQ_BACKEND,
    RQ_WORKER,
    manage,
    stop,
    wait_for,
    worker_env,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def uploaded(owner, path) -> Recording:
    """A completely uploaded recording, queued for processing."""
    data = path.read_bytes()
    upload = uploads.upload_create(
        owner=owner, length=len(data), metadata={"filename": path.name, "filetype": "video/mp4"}
    )
    uploads.upload_append(upload=upload, offset=0, body=io.BytesIO(data), content_length=len(data))
    return Recording.objects.get(pk=upload.recording_id)


def status(recording: Recording) -> Recording:
    recording.refresh_from_db()
    return recording


def test_a_killed_worker_leaves_nothing_lost_and_a_new_worker_finishes(world, tmp_path):
    source = tmp_path / "lange-les.mp4"
    # HEVC must be transcoded, which takes long enough (a few seconds) to kill the worker
    # halfway. Progress 5 means the original is assembled and the rendition under way: waiting
    # for more would race a fast machine, since progress is written once a second.
    synth.make_video(source, seconds=60, width=640, height=480, codec="hevc", audio=False)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    log = tmp_path / "workers.log"
    env = worker_env("database", RECORDING_STALE_SECONDS="2")

    with override_settings(TASKS=DATABASE_BACKEND):
        recording = uploaded(world.teacher, source)
    worker = manage(DB_WORKER, env, log)
    try:
        wait_for(
            lambda: (
                status(recording).status == Recording.Status.PROCESSING and recording.progress >= 5
            ),
            [worker],
            log,
            what="processing to be under way",
        )
    finally:
        os.kill(worker.pid, signal.SIGKILL)  # no chance to clean up
        worker.wait()
    assert status(recording).status == Recording.Status.PROCESSING
    assert status(recording).progress < 100

    # The sweep notices the missing heartbeat and queues the recording again.
    wait_for(
        lambda: _maintenance(env, log) > 0,
        [],
        log,
        timeout=30,
        what="the maintenance sweep to re-queue the recording",
    )
    second = manage(DB_WORKER, env, log)
    try:
        wait_for(
            lambda: status(recording).status == Recording.Status.READY,
            [second],
            log,
            what="the second worker to finish",
        )
    finally:
        stop(second)
    assert recording.processing_attempts == 2
    with recording.original.open("rb") as original:
        assert hashlib.sha256(original.read()).hexdigest() == digest


def _maintenance(env, log) -> int:
    result = subprocess.run(
        [sys.executable, "manage.py", "maintenance", "--verbosity", "2"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    log.open("a").write(result.stdout + result.stderr)
    words = result.stdout.split()
    return int(words[1]) if len(words) > 1 and words[0] == "re-queued" else 0


def test_two_redis_workers_share_the_queue(world, tmp_path):
    queue = django_rq.get_queue("default")
    queue.connection.ping()
    queue.empty()
    log = tmp_path / "workers.log"
    env = worker_env("rq")
    workers = [manage([*RQ_WORKER, "--name", f"worker-{n}"], env, log) for n in (1, 2)]
    try:
        recordings = []
        for n in range(4):
            source = tmp_path / f"les-{n}.mp4"
            synth.make_video(source, seconds=12, width=640, height=480, codec="hevc", audio=False)
            with override_settings(
                TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
            ):
                recordings.append(uploaded(world.teacher, source))
        with override_settings(TASKS=RQ_BACKEND):
            jobs = [process_recording.enqueue(r.pk) for r in recordings]
        wait_for(
            lambda: all(status(r).status == Recording.Status.READY for r in recordings),
            workers,
            log,
            what="both workers to process the queue",
        )
    finally:
        for worker in workers:
            stop(worker)
    with override_settings(TASKS=RQ_BACKEND):
        ran_on = {
            worker_id
            for job in jobs
            for worker_id in process_recording.get_result(job.id).worker_ids
        }
    assert len(ran_on) == 2, f"one worker did all the work: {ran_on}"
