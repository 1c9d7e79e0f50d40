"""The test database, cache and temporary folders of a `make mutate` run (loaded with `-p`).

mutmut runs the tests once in its main process (to learn which tests call which function),
then forks a child per mutant, two at a time, that runs only those tests. A child would
otherwise share the main process's SQLite file and Redis key prefix with its sibling (both
come from the main process id), and build the test database again (3 s of migrations for
each of some thousand mutants). So the main process keeps a copy of the database right after
migrating it, and each child works on a copy of that copy (`--reuse-db` then only checks that
the migrations are applied), under its own key prefix and temporary folder.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from django.db.backends.base.creation import BaseDatabaseCreation

MAIN_PID = os.getpid()  # imported in mutmut's main process, before any child is forked


def _in_child() -> bool:
    return os.getpid() != MAIN_PID


def _var_dir() -> Path:
    from django.conf import settings

    return Path(settings.VAR_DIR)


def _template() -> Path:
    return _var_dir() / "mutmut-template.sqlite3"


_create_test_db = BaseDatabaseCreation.create_test_db


def _create_test_db_and_keep_a_template(self, *args, **kwargs):
    name = _create_test_db(self, *args, **kwargs)
    if not _in_child() and self.connection.vendor == "sqlite":
        template = _template()
        partial = template.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        source, target = sqlite3.connect(name), sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        os.replace(partial, template)
    return name


BaseDatabaseCreation.create_test_db = _create_test_db_and_keep_a_template  # type: ignore[method-assign]


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    if _in_child():
        # Before the tmp_path plugin reads it; removed again at the end of the session.
        config.option.basetemp = str(_var_dir() / f"mutmut-tmp-{os.getpid()}")


def pytest_sessionstart(session: pytest.Session) -> None:
    if not _in_child():
        return
    from django.conf import settings
    from django.db import connections
    from django.test.signals import setting_changed

    database = _var_dir() / f"mutmut-db-{os.getpid()}.sqlite3"
    shutil.copyfile(_template(), database)
    settings.DATABASES["default"]["TEST"]["NAME"] = str(database)
    connections["default"].settings_dict["TEST"]["NAME"] = str(database)
    settings.CACHES["default"]["KEY_PREFIX"] = f"test-{os.getpid()}"
    setting_changed.send(sender=None, setting="CACHES", value=settings.CACHES, enter=True)


def _likely_first(mutant: str):
    """A sort key that runs the tests most likely to kill `mutant` first: those of its own app
    (and, for a rule, the permission matrix), each group fastest first. A killed mutant stops
    at its first failing test (`-x`), so in the functions every request calls (each with up to
    1,500 tests) this turns minutes into seconds; a survivor still runs them all."""
    from mutmut.state import state

    parts = mutant.split(".")
    app = parts[1] if len(parts) > 2 and parts[0] == "videoklub" else ""
    module = parts[2] if len(parts) > 3 else parts[1] if len(parts) > 1 else ""
    near = [f"videoklub/{app}/"] if app and app != "policy" else []
    if module in ("permissions", "policy") or app == "policy":
        near.append("tests/test_permission_matrix.py")
    durations = state().duration_by_test

    def key(item: pytest.Item) -> tuple[int, float]:
        path = item.nodeid.removeprefix("mutants/")
        return (0 if path.startswith(tuple(near)) else 1, durations.get(item.nodeid, 0.0))

    return key


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # pytest-django's own ordering (database tests before transactional ones) runs after this
    # and is stable, so it keeps this order within its groups.
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if _in_child() and mutant:
        items.sort(key=_likely_first(mutant))


def pytest_sessionfinish(session: pytest.Session) -> None:
    # The database copy goes with the root conftest's own cleanup (it removes the TEST NAME).
    if _in_child():
        shutil.rmtree(_var_dir() / f"mutmut-tmp-{os.getpid()}", ignore_errors=True)
