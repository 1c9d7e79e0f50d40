"""Shared fixtures: a small world of two programmes, each with a school, a klub and people."""

import functools
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.test.signals import setting_changed

from videoklub.accounts.models import User
from videoklub.organisations.models import Klub, Programme, Role, School
from videoklub.testing.factories import (
    PASSWORD,
    KlubFactory,
    MembershipFactory,
    ProgrammeFactory,
    SchoolFactory,
    UserFactory,
)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the message catalogues, so a plain `pytest` sees the Dutch texts.

    The .mo files are not committed (`make compilemessages` builds them); here a missing or
    outdated one is rebuilt before any test translates. Every pytest-xdist worker may do this at
    the same moment: each writes a file of its own and renames it into place, atomically.
    """
    compiled = False
    for locale_path in settings.LOCALE_PATHS:
        for po_path in Path(locale_path).glob("*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            fd, tmp_name = tempfile.mkstemp(dir=po_path.parent, prefix=".compiling-", suffix=".mo")
            os.close(fd)
            try:
                polib.pofile(str(po_path)).save_as_mofile(tmp_name)
                os.chmod(tmp_name, 0o644)  # mkstemp makes it private; a .mo is not
                os.replace(tmp_name, mo_path)
            finally:
                if os.path.exists(tmp_name):
                    os.remove(tmp_name)
            compiled = True
    if compiled:
        # Forget catalogues Django may have loaded already (the same reset as changing settings).
        setting_changed.send(
            sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False
        )


@dataclass
class World:
    """Everyone the permission tests need: the people of one klub and an unrelated other one."""

    programme: Programme
    school: School
    klub: Klub
    teacher: User
    colleague: User  # another teacher in the same klub
    coach: User
    school_leader: User
    project_staff: User
    no_membership: User
    other_programme: Programme
    other_school: School
    other_klub: Klub
    other_teacher: User
    other_coach: User
    other_school_leader: User
    other_project_staff: User

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


def _member(role: Role, full_name: str | None = None, **scope) -> User:
    user = UserFactory(**({"full_name": full_name} if full_name else {}))
    return MembershipFactory(role=role, user=user, **{"klub": None, **scope}).user


def make_world() -> World:
    programme = ProgrammeFactory(name="Brede basiszorg")
    school = SchoolFactory(name="De Wegwijzer", town="Herentals")
    klub = KlubFactory(name="VideoKLuB Wegwijzer", school=school, programme=programme)
    other_programme = ProgrammeFactory(name="Ander project")
    other_school = SchoolFactory(name="De Regenboog", town="Brugge")
    other_klub = KlubFactory(
        name="VideoKLuB Regenboog", school=other_school, programme=other_programme
    )
    return World(
        programme=programme,
        school=school,
        klub=klub,
        teacher=_member(Role.TEACHER, klub=klub),
        # A Flemish name with an apostrophe, always: pages escape it, and tests must too.
        colleague=_member(Role.TEACHER, klub=klub, full_name="Jens D'Hondt"),
        coach=_member(Role.COACH, klub=klub),
        school_leader=_member(Role.SCHOOL_LEADER, school=school),
        project_staff=_member(Role.PROJECT_STAFF, programme=programme),
        no_membership=UserFactory(),
        other_programme=other_programme,
        other_school=other_school,
        other_klub=other_klub,
        other_teacher=_member(Role.TEACHER, klub=other_klub),
        other_coach=_member(Role.COACH, klub=other_klub),
        other_school_leader=_member(Role.SCHOOL_LEADER, school=other_school),
        other_project_staff=_member(Role.PROJECT_STAFF, programme=other_programme),
    )


@pytest.fixture
def world(db) -> World:
    return make_world()


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """The same world for a whole module of many cases that only read it (the permission matrix).

    Built once, in a transaction rolled back after the module. Each test still runs in a
    transaction of its own inside it (pytest-django's `db`: a savepoint), so what one test writes
    is gone before the next. Not for `transactional_db` or live-server tests: they commit, and
    other processes would not see these rows.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield make_world()
        transaction.set_rollback(True)


@pytest.fixture
def administrator(db) -> User:
    """A platform administrator (staff and superuser), as the admin tests need one."""
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(administrator) -> Client:
    """The Django test client logged in as the administrator (replaces pytest-django's own)."""
    client = Client()
    # Named: the first backend that can fetch a user is the per-address login throttle.
    client.force_login(administrator, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture(autouse=True)
def media_storage(settings, tmp_path):
    """Each test stores media in a folder of its own, so it can check what is left behind."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": None},
        },
    }
    return root


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with no rate-limit counts (they live in the cache). With Redis only
    this process's keys go: the other pytest-xdist workers share the database and keep theirs."""
    config = settings.CACHES["default"]
    if not config["BACKEND"].endswith("RedisCache"):
        cache.clear()
        return
    client = _redis(config["LOCATION"])
    keys = list(client.scan_iter(match=f"{config.get('KEY_PREFIX', '')}:*", count=1000))
    if keys:
        client.delete(*keys)


@functools.cache
def _redis(url: str) -> redis.Redis:
    """One connection per test process: connecting for every test costs more than the scan."""
    return redis.Redis.from_url(url)


def pytest_sessionfinish(session, exitstatus):
    """Remove this process's SQLite test database with its WAL files (Django removes only the
    main file)."""
    from django.conf import settings as django_settings

    name = django_settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if name and django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
