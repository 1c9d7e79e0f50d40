"""Real worker processes for tests, sharing the test database (and Redis) with the test."""

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

DATABASE_BACKEND = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}
RQ_BACKEND = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
DB_WORKER = ["db_worker", "--no-startup-delay", "--interval", "0.2"]
RQ_WORKER = ["rqworker", "default", "--job-class", "django_tasks_rq.Job"]


def database_url() -> str:
    """The URL of the test database this process uses, for the worker process to share."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_env(backend: str, **extra: str) -> dict[str, str]:
    media = settings.STORAGES["default"].get("OPTIONS", {}).get("location", settings.MEDIA_ROOT)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "videoklub.test_settings",
        "DATABASE_URL": database_url(),
        "TASK_BACKEND": backend,
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(media),
        **extra,
    }


def manage(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *command],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for(
    condition: Callable[[], bool],
    workers: list[subprocess.Popen],
    log: Path,
    timeout: float = 90,
    what: str = "the condition",
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        for worker in workers:
            assert worker.poll() is None, f"a worker died:\n{log.read_text()}"
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout} s waiting for {what}:\n{log.read_text()}")
