"""The audit log is written by the services and access helpers that do the work, never by a view.

A view (or an admin page) that logged by hand could forget to, or log what did not happen; the
helper that checks access and does the work writes the entry, so every path logs the same.
"""

import ast
import inspect
from pathlib import Path

import pytest

import videoklub
from videoklub.audit import services

ROOT = Path(videoklub.__file__).parent
# Every function of the audit log's writing side: audit_record, audit_view, audit_record_account.
WRITERS = frozenset(
    name
    for name, function in inspect.getmembers(services, inspect.isfunction)
    if function.__module__ == services.__name__ and not name.startswith("_")
)


def _view_modules() -> list[Path]:
    names = ("views.py", "*_views.py", "admin.py", "*_admin.py")
    return sorted(
        path
        for pattern in names
        for path in ROOT.rglob(pattern)
        if "tests" not in path.relative_to(ROOT).parts
    )


def _audit_writes(source: str) -> list[str]:
    """What in `source` imports or names the audit log's writing functions, as `line: name`."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            module = node.module
            if module == services.__name__ or (
                module == "videoklub.audit" and any(a.name == "services" for a in node.names)
            ):
                found.append((node.lineno, f"from {module} import ..."))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == services.__name__:
                    found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.Name) and node.id in WRITERS:
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.Attribute) and node.attr in WRITERS:
            found.append((node.lineno, f".{node.attr}"))
    return [f"{line}: {name}" for line, name in sorted(found)]


def test_the_writers_are_known():
    assert {"audit_record", "audit_view", "audit_record_account"} <= WRITERS


def test_the_check_finds_a_view_that_logs_by_hand():
    source = (
        "from videoklub.audit.services import audit_view\n"
        "from videoklub.audit import services as audit\n"
        "def page(request, item):\n"
        "    audit_view(actor=request.user, item=item, page='x')\n"
        "    audit.audit_record(actor=request.user, action='view', item=item)\n"
    )
    assert _audit_writes(source) == [
        "1: from videoklub.audit.services import ...",
        "2: from videoklub.audit import ...",
        "4: audit_view",
        "5: .audit_record",
    ]


def test_it_walks_every_view_module():
    modules = {str(path.relative_to(ROOT)) for path in _view_modules()}
    assert {
        "recordings/views.py",
        "recordings/retention_views.py",
        "recordings/admin.py",
        "accounts/two_factor_views.py",
        "accounts/organisation_admin.py",
        "analysis/views.py",
        "meetings/views.py",
        "observations/views.py",
    } <= modules


@pytest.mark.parametrize("path", _view_modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_view_writes_the_audit_log_itself(path):
    """Log from the service or access helper (`recording_delete(..., by=...)`,
    `fragment_for_viewing(...)`, `fragment_for_download(...)`), not from the view."""
    assert _audit_writes(path.read_text()) == []
