"""A throw-away Django environment for benchmarks: production settings, a fresh SQLite file."""

import os
import statistics
import tempfile
import time
from collections.abc import Callable


def django_environment() -> None:
    directory = tempfile.mkdtemp(prefix="videoklub-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "videoklub.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-" + "x" * 40)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{directory}/bench.sqlite3")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("TASK_BACKEND", "immediate")
    os.environ.setdefault("STATIC_ROOT", f"{directory}/static")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    # Storage objects read the manifest when created: make a fresh one that sees it.
    from django.contrib.staticfiles import storage
    from django.utils.functional import empty

    storage.staticfiles_storage._wrapped = empty


def median_seconds(action: Callable[[], object], repeat: int = 30, warmup: int = 3) -> float:
    for _ in range(warmup):
        action()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)
