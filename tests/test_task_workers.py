"""A task enqueued by a request is executed by a real worker process, on each backend."""

from pathlib import Path

import django_rq
import pytest
from django.test import override_settings
from django.urls import reverse

from videoklub.accounts.models import Invitation
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


def start_worker(command: list[str], backend: str, mail_dir: Path, log: Path):
    # Four slashes: an absolute path for django-environ's filemail scheme.
    return manage(command, worker_env(backend, EMAIL_URL=f"filemail:///{mail_dir}"), log)


def wait_until_sent(invitation: Invitation, worker, log: Path) -> None:
    def sent() -> bool:
        invitation.refresh_from_db()
        return invitation.sent_at is not None

    wait_for(sent, [worker], log, timeout=60, what="the invitation e-mail")


def invite_through_the_app(client, world) -> Invitation:
    client.force_login(world.coach)
    response = client.post(
        reverse("home:klub_invite", kwargs={"pk": world.klub.pk}),
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
    worker = start_worker(DB_WORKER, "database", mail_dir, log)
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
    worker = start_worker(RQ_WORKER, "rq", mail_dir, log)
    try:
        with override_settings(TASKS=RQ_BACKEND):
            invitation = invite_through_the_app(client, world)
        wait_until_sent(invitation, worker, log)
    finally:
        stop(worker)
    assert_mail_written(mail_dir)
    assert queue.count == 0
