"""Storage helpers: everything goes through Django's storage API (local folder or S3)."""

import contextlib
import ctypes
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from django.core.files import File
from django.core.files.storage import Storage, default_storage


def storage() -> Storage:
    return default_storage


def delete_prefix(prefix: str) -> int:
    """Delete every file under `prefix` (a 'folder'); returns how many were deleted."""
    store = storage()
    deleted = 0
    try:
        folders, files = store.listdir(prefix)
    except FileNotFoundError:
        return 0
    for name in files:
        store.delete(f"{prefix.rstrip('/')}/{name}")
        deleted += 1
    for folder in folders:
        deleted += delete_prefix(f"{prefix.rstrip('/')}/{folder}/")
    if hasattr(store, "path"):
        # Local folders stay behind when emptied; remove them so nothing names the recording.
        with contextlib.suppress(OSError, NotImplementedError):
            path = Path(store.path(prefix))
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
    return deleted


def list_prefix(prefix: str) -> list[str]:
    """Every file name under `prefix`, recursively."""
    store = storage()
    try:
        folders, files = store.listdir(prefix)
    except FileNotFoundError:
        return []
    names = [f"{prefix.rstrip('/')}/{name}" for name in files]
    for folder in folders:
        names += list_prefix(f"{prefix.rstrip('/')}/{folder}/")
    return names


def local_path(name: str) -> str | None:
    """Where a stored file lives on this machine, or None for object storage."""
    try:
        return storage().path(name)
    except NotImplementedError:
        return None


def incoming_dir() -> str | None:
    """A folder for files on their way into storage: on the same file system as local storage,
    so that storing them is a rename rather than another copy of gigabytes."""
    root = local_path(".incoming")
    if root is None:
        return None
    os.makedirs(root, exist_ok=True)
    return root


def save_file(name: str, path: str | os.PathLike, *, move: bool = False) -> str:
    """Store the local file at `path` under exactly `name`, replacing what was there.
    With `move`, the file at `path` is taken over (renamed on local storage)."""
    store = storage()
    if store.exists(name):
        store.delete(name)
    target = local_path(name)
    if move and target is not None:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.move(path, target)
        return name
    with open(path, "rb") as handle:
        stored = store.save(name, File(handle, name=os.path.basename(name)))
    if stored != name:  # pragma: no cover - storages that rename on their own
        raise RuntimeError(f"storage stored {name!r} as {stored!r}")
    return stored


@contextlib.contextmanager
def local_copy(name: str, suffix: str = "") -> Iterator[str]:
    """A local path for a stored file: the file itself on local storage, else a download."""
    store = storage()
    path = local_path(name)
    if path is not None:
        yield path
        return
    with (
        tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as tmp,
        store.open(name, "rb") as source,
    ):
        shutil.copyfileobj(source, tmp, length=4 * 1024 * 1024)
    try:
        yield tmp.name
    finally:
        os.unlink(tmp.name)


def _load_sync_file_range():
    """Linux's sync_file_range(2), which Python does not wrap: start writing a range to disk
    without waiting for it and without flushing the device cache."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.sync_file_range
    except (OSError, AttributeError):  # not Linux
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    return function


_sync_file_range = _load_sync_file_range()
SYNC_FILE_RANGE_WRITE = 2


class DurableWriter:
    """Writes a file that is on disk when the `with` block ends.

    Every few megabytes the kernel is told to start writing what came in (without waiting),
    so the disk works while the network delivers the next bytes and the final fsync has
    little left to do. Calling fsync as we go instead would make an upload alternate between
    receiving and waiting for the disk.
    """

    START_WRITEBACK_EVERY = 8 * 1024 * 1024

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle = handle
        self._written = 0
        self._pushed = 0

    def __enter__(self) -> "DurableWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def write(self, block: bytes) -> None:
        self._handle.write(block)
        self._written += len(block)
        if _sync_file_range and self._written - self._pushed >= self.START_WRITEBACK_EVERY:
            self._handle.flush()
            _sync_file_range(
                self._handle.fileno(),
                self._pushed,
                self._written - self._pushed,
                SYNC_FILE_RANGE_WRITE,
            )
            self._pushed = self._written
