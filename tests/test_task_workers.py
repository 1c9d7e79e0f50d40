"""A task enqueued by a request is executed by a real worker process, on each backend."""

import os
import subprocess
import sys
import time
from pathlib import Path

import django_rq
import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from videoklub.accounts.models import Invitation

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DATABASE_BACKEND = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}
RQ_BACKEND = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


def database_url() -> str:
    """The URL of the test database this process uses, for the worker process to share."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(command: list[str], backend: str, mail_dir: Path, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "videoklub.test_settings",
        "DATABASE_URL": database_url(),
        "TASK_BACKEND": backend,
        "REDIS_URL": settings.REDIS_URL,
        # Four slashes: an absolute path for django-environ's filemail scheme.
        "EMAIL_URL": f"filemail:///{mail_dir}",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", *command],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def stop(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()


def wait_until_sent(invitation: Invitation, worker: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        invitation.refresh_from_db()
        if invitation.sent_at is not None:
            return
        assert worker.poll() is None, f"worker died:\n{log.read_text()}"
        time.sleep(0.2)
    pytest.fail(f"the worker did not send the invitation within 60 s:\n{log.read_text()}")


def invite_through_the_app(client, world) -> Invitation:
    client.force_login(world.coach)
    response = client.post(
        reverse("organisations:klub_invite", kwargs={"pk": world.klub.pk}),
        {"email": "nieuwe.leraar@school.test", "full_name": "Nieuwe Leraar"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="nieuwe.leraar@school.test")
    assert invitation.sent_at is None, "the request must not send the e-mail itself"
    return invitation


def assert_mail_written(mail_dir: Path) -> None:
    mails = [path.read_text() for path in mail_dir.iterdir()]
    assert len(mails) == 1
    assert "nieuwe.leraar@school.test" in mails[0]
    assert "/account/uitnodiging/" in mails[0]


def test_database_worker_runs_the_task_enqueued_by_a_request(client, world, tmp_path):
    mail_dir, log = tmp_path / "mail", tmp_path / "worker.log"
    mail_dir.mkdir()
    worker = start_worker(
        ["db_worker", "--no-startup-delay", "--interval", "0.2"], "database", mail_dir, log
    )
    try:
        with override_settings(TASKS=DATABASE_BACKEND):
            invitation = invite_through_the_app(client, world)
        wait_until_sent(invitation, worker, log)
    finally:
        stop(worker)
    assert_mail_written(mail_dir)

    from django_tasks_db.models import DBTaskResult

    result = DBTaskResult.objects.get()
    assert result.status == "SUCCESSFUL"
    assert result.worker_ids, "the result records which worker ran it"


def test_redis_worker_runs_the_task_enqueued_by_a_request(client, world, tmp_path):
    queue = django_rq.get_queue("default")
    queue.connection.ping()  # fails loudly when Redis is not running
    queue.empty()
    mail_dir, log = tmp_path / "mail", tmp_path / "worker.log"
    mail_dir.mkdir()
    worker = start_worker(
        ["rqworker", "default", "--job-class", "django_tasks_rq.Job"], "rq", mail_dir, log
    )
    try:
        with override_settings(TASKS=RQ_BACKEND):
            invitation = invite_through_the_app(client, world)
        wait_until_sent(invitation, worker, log)
    finally:
        stop(worker)
    assert_mail_written(mail_dir)
    assert queue.count == 0
