"""One sync of a database at a time: a lock per data folder in this process, plus an OS file
lock on `<data_dir>/sync.lock` so the window and a `payung sync` in a console never sync
together. Both are non-blocking: a second caller gets SyncBusy at once instead of waiting.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import IO

from app.sync.errors import SyncBusy

LOCK_NAME = "sync.lock"
BUSY_MESSAGE = (
    "Sinkronisasi sedang berjalan (di jendela ini atau di program lain); tunggu sampai selesai"
)

_registry_guard = threading.Lock()
_thread_locks: dict[Path, threading.Lock] = {}


def _thread_lock(path: Path) -> threading.Lock:
    with _registry_guard:
        return _thread_locks.setdefault(path, threading.Lock())


class SyncLock:
    """`with SyncLock(data_dir): ...` holds both locks; raises SyncBusy when either is taken."""

    def __init__(self, data_dir: Path) -> None:
        self.path = (data_dir / LOCK_NAME).resolve()
        self._lock = _thread_lock(self.path)
        self._fh: IO[bytes] | None = None

    def __enter__(self) -> SyncLock:
        if not self._lock.acquire(blocking=False):
            raise SyncBusy(BUSY_MESSAGE)
        try:
            self._fh = _os_lock(self.path)
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._fh is not None:
                _os_unlock(self._fh)
                self._fh = None
        finally:
            self._lock.release()


def _os_lock(path: Path) -> IO[bytes]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = path.open("a+b")
    try:
        if sys.platform == "win32":
            import msvcrt

            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        fh.close()
        raise SyncBusy(BUSY_MESSAGE) from exc
    return fh


def _os_unlock(fh: IO[bytes]) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt

            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    finally:
        fh.close()
