"""Parsing spreadsheets with python-calamine in a child process.

calamine trusts sizes written inside a file: a damaged .xls (or an .xlsx with a cell in the
last column) can make it ask for terabytes, and Rust aborts the whole process when an
allocation fails (tafia/calamine#714, found here by fuzzing) - there is no exception to catch.
The window must survive any file from any USB stick, so parsing runs in a spawned worker
process under a memory limit; when the worker dies, the file is reported as damaged and the
next read starts a new worker. The worker is reused while reads follow each other and leaves
by itself when idle.
"""

from __future__ import annotations

import io
import os
import sys
import threading
import time
import types
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.documents.importing.table import Row, Table

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

CHILD_MEMORY = 3 * 1024**3  # address space; more than any village list needs
MEMORY_ENV = "PAYUNG_READER_MEMORY_MB"  # a smaller limit (tests), read when a worker starts
CHILD_TIMEOUT = 300.0  # seconds for one file
IDLE_EXIT = 60.0  # the worker leaves after this long without a request
_IDLE_RESTART = IDLE_EXIT - 10.0  # the parent never sends to a worker about to leave


class ChildFailed(Exception):
    """The worker could not read the file: `reason` is password, damaged, died or timeout."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Loaded:
    sheets: tuple[str, ...]
    candidates: tuple[str, ...]  # visible worksheets, in order
    tables: dict[str, Table]


# -- the worker side ------------------------------------------------------------------------
def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows: no limit, but a dying worker still cannot take the app
        return
    text = os.environ.get(MEMORY_ENV, "")
    wanted = int(text) * 1024**2 if text.isdigit() and int(text) > 0 else CHILD_MEMORY
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft == resource.RLIM_INFINITY or soft > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _quiet() -> None:
    """Rust writes its panic and abort messages straight to file descriptor 2: in the worker
    that is the CLI's stderr, whose contract is one line. The parent words every failure."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def serve(conn: Connection) -> None:
    """The worker's loop: (path, sheets or None, names_only) in, ("ok", Loaded) or
    (reason, detail) out."""
    _limit_memory()
    _quiet()
    while conn.poll(IDLE_EXIT):
        try:
            path, wanted, names_only = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(path, wanted, names_only))


def answer(path: str, wanted: list[str] | None, names_only: bool) -> tuple[str, Any]:
    try:
        return "ok", load_here(Path(path), wanted, names_only=names_only)
    except (AttributeError, NameError, ImportError, AssertionError, TypeError):
        # Our own mistakes must show as such, never as "the file is damaged".
        import traceback

        return "bug", traceback.format_exc()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine errors, and Rust panics (a BaseException)
        reason = "password" if type(exc).__name__ == "PasswordError" else "damaged"
        return reason, type(exc).__name__


def load_here(path: Path, wanted: list[str] | None, *, names_only: bool = False) -> Loaded:
    """Parse in this process (the worker; tests call it directly to compare)."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    # From the bytes, not the name: calamine then decides the format by content.
    book = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
    try:
        sheets = tuple(str(name) for name in book.sheet_names)
        visible = tuple(
            str(meta.name)
            for meta in book.sheets_metadata
            if meta.typ == SheetTypeEnum.WorkSheet and meta.visible == SheetVisibleEnum.Visible
        )
        candidates = visible or sheets
        tables: dict[str, Table] = {}
        if not names_only:
            for name in candidates if wanted is None else wanted:
                if name in sheets:
                    tables[name] = _table(book, name)
        return Loaded(sheets, candidates, tables)
    finally:
        book.close()


def _table(book: Any, name: str) -> Table:
    found = book.get_sheet_by_name(name)
    rows: list[Row] = found.to_python(skip_empty_area=False)
    merged = found.merged_cell_ranges or []
    return Table(name, rows, tuple((r0, c0, r1, c1) for (r0, c0), (r1, c1) in merged))


# -- the app side ---------------------------------------------------------------------------
class _Worker:
    """One worker process at a time, shared by every thread (requests take turns)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Connection | None = None
        self._last = 0.0

    def request(self, path: Path, wanted: list[str] | None, names_only: bool) -> Loaded:
        with self._lock:
            conn = self._ready()
            try:
                conn.send((str(path), wanted, names_only))
                if not conn.poll(CHILD_TIMEOUT):
                    self._stop()
                    raise ChildFailed("timeout")
                reason, value = conn.recv()
            except (EOFError, OSError, BrokenPipeError) as exc:
                self._stop()  # it died on this file (abort, memory limit, killed)
                raise ChildFailed("died") from exc
            self._last = time.monotonic()
        if reason == "bug":
            raise RuntimeError(f"the spreadsheet reader failed:\n{value}")
        if reason != "ok":
            raise ChildFailed(reason)
        loaded: Loaded = value
        return loaded

    def _ready(self) -> Connection:
        fresh = time.monotonic() - self._last < _IDLE_RESTART
        if self._process is not None and self._process.is_alive() and fresh:
            assert self._conn is not None
            return self._conn
        self._stop()
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        here, there = context.Pipe(duplex=True)
        process = context.Process(target=serve, args=(there,), daemon=True, name="payung-baca")
        # Spawn re-runs the parent's main script in the child unless it is a package's
        # __main__; the worker needs nothing from it, and a script without a main guard would
        # start another import there. So the child is started with a bare __main__.
        main = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            process.start()
        finally:
            sys.modules["__main__"] = main
        there.close()
        self._process, self._conn, self._last = process, here, time.monotonic()
        return here

    def _stop(self) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(timeout=5)

    def start(self) -> None:
        with self._lock:
            self._ready()

    def stop(self) -> None:
        with self._lock:
            self._stop()


_WORKER = _Worker()


def warm_up() -> None:
    """Start the worker now (about a quarter of a second), e.g. when the import page opens,
    so the first preview does not wait for it."""
    _WORKER.start()


def stop() -> None:
    """Stop the worker; the next read starts a new one."""
    _WORKER.stop()


def load(path: Path, wanted: list[str] | None = None, *, names_only: bool = False) -> Loaded:
    """Sheet names and the tables of `wanted` sheets (None: every visible worksheet), parsed
    in the worker process. Raises ChildFailed."""
    return _WORKER.request(path, wanted, names_only)
