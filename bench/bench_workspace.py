"""The analysis workspace under load: p95 latency at 50 concurrent users against the floor.

gunicorn (3 workers × 4 threads, as a small production node) serves the app on loopback from
PostgreSQL holding 10,000 annotations: 200 lesson recordings of a demo teacher with 50
annotations each. Locust runs 50 simulated users who each open the workspace of a recording,
post annotations to it (htmx, as the page does) and, in the same run, request the health check:
the floor, the cheapest view under exactly the same load. Target: workspace p95 within 3x the
floor's p95.

Needs PostgreSQL on 127.0.0.1:5432 (BENCH_DATABASE_URL to change); the database
`videoklub_bench` is created afresh. BENCH_WORKSPACE_SECONDS sets the run length (default 60).
"""

import csv
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench" / "workspace"
ADMIN_URL = os.environ.get(
    "BENCH_DATABASE_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/videoklub_bench"
)
USERS = 50
SECONDS = int(os.environ.get("BENCH_WORKSPACE_SECONDS", "60"))
RECORDINGS, PER_RECORDING = 200, 50
TARGET = 3.0


def fresh_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed() -> dict[str, str]:
    """Demo data, 10,000 annotations, and a logged-in session of the demo teacher."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.urls import reverse

    from videoklub.accounts.models import User
    from videoklub.demo.people import seed_demo
    from videoklub.observations.models import Annotation
    from videoklub.organisations.models import Membership, Role
    from videoklub.recordings.models import Fragment, Recording

    call_command("migrate", verbosity=0)
    seed_demo()
    teacher = User.objects.get(email="lotte.peeters@demo.videoklub.be")
    klub = Membership.objects.get(user=teacher, role=Role.TEACHER).klub
    recordings = Recording.objects.bulk_create(
        Recording(
            owner=teacher,
            klub=klub,
            title=f"Les {n}",
            status=Recording.Status.READY,
            duration=2700.0,
            width=1280,
            height=720,
            frame_rate=25,
        )
        for n in range(RECORDINGS)
    )
    fragments = Fragment.objects.bulk_create(
        Fragment(recording=r, title="Instructie", reason="question", start=60, end=240)
        for r in recordings
    )
    Annotation.objects.bulk_create(
        Annotation(
            recording=recording,
            fragment=fragment if n % 2 else None,
            author=recording.owner,
            kind=Annotation.Kind.values[n % 4],
            at_seconds=60 + n * 3.5,
            body=f"Aantekening {n}: wat de leerlingen hier doen en waarom dat telt.",
        )
        for recording, fragment in zip(recordings, fragments, strict=True)
        for n in range(PER_RECORDING)
    )
    session = SessionStore()
    session[SESSION_KEY] = str(teacher.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = teacher.get_session_auth_hash()
    session.create()
    return {
        "BENCH_SESSION": session.session_key,
        "BENCH_RECORDINGS": ",".join(
            reverse("recordings:detail", args=[r.uuid]) for r in recordings
        ),
        "BENCH_DURATION": str(recordings[0].duration),
    }


def p95(rows: list[dict[str, str]], name: str) -> tuple[float, float, int, int]:
    row = next(row for row in rows if row["Name"] == name)
    return (
        float(row["95%"]),
        float(row["50%"]),
        int(row["Request Count"]),
        int(row["Failure Count"]),
    )


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    fresh_database()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "videoklub.settings",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": DATABASE_URL,
        "MEDIA_ROOT": str(WORK / "media"),
        "STATIC_ROOT": str(WORK / "static"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "TASK_BACKEND": "database",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    import django

    django.setup()
    from videoklub.observations.models import Annotation

    started = time.perf_counter()
    urls = seed()
    print(
        f"database: PostgreSQL, {Annotation.objects.count():,} annotations on "
        f"{RECORDINGS} recordings (seeded in {time.perf_counter() - started:.1f} s); "
        f"{os.cpu_count()} CPUs shared by gunicorn, PostgreSQL and Locust"
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
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
            "3",
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    prefix = WORK / "locust"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "locustfile_workspace.py"),
                "--headless",
                "--users",
                str(USERS),
                "--spawn-rate",
                "25",
                "--run-time",
                f"{SECONDS}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**env, **urls},
            check=False,  # Locust exits 1 when a request failed; the failures are reported below
            stdout=subprocess.DEVNULL,
        )
    finally:
        server.terminate()
        server.wait()
    rows = list(csv.DictReader((prefix.with_name("locust_stats.csv")).open()))
    floor95, floor50, floor_n, floor_fail = p95(rows, "floor: health check")
    print(f"{USERS} users for {SECONDS} s (think time 0.5-1.5 s), p95 / median in ms:")
    print(
        f"  floor: GET /gezondheid/       p95 {floor95:6.0f}  median {floor50:5.0f}  "
        f"({floor_n} requests, {floor_fail} failed)"
    )
    for name in ("workspace page", "post annotation"):
        value95, value50, count, failed = p95(rows, name)
        print(
            f"  {name:<28} p95 {value95:6.0f}  median {value50:5.0f}  "
            f"({count} requests, {failed} failed)  p95 {value95 / floor95:4.1f}x the floor"
            + (
                f" (target <= {TARGET:.0f}x: {'met' if value95 <= TARGET * floor95 else 'NOT met'})"
                if name == "workspace page"
                else ""
            )
        )
