"""Background work: service calls run on a pool thread, results come back on the GUI thread.

A `Task` runs one function on a `QThreadPool` thread; the function must not touch widgets. It
reports through one application-wide dispatcher QObject that lives on the GUI thread for the
whole run, never through a QObject made per task: such an object would be released by whichever
thread drops it last, a pool thread included, which Qt does not allow. A `TaskRunner` belongs to
one widget; its callbacks run on the GUI thread, and results for a runner whose widget is gone
are dropped instead of reaching a dead widget.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")


class Progress:
    """Handed to a task function so it can report `done` of `total` steps (thread-safe)."""

    def __init__(self, report: Callable[[int, int], None]) -> None:
        self._report = report

    def __call__(self, done: int, total: int) -> None:
        self._report(done, total)


@dataclass(frozen=True, slots=True)
class _Callbacks:
    owner: QObject
    on_done: Callable[[Any], None]
    on_error: Callable[[Exception], None]
    on_progress: Callable[[int, int], None] | None


class _Dispatcher(QObject):
    """Lives on the GUI thread until exit; pool threads emit on it, Qt queues to the GUI thread."""

    finished = Signal(int, bool, object)  # task id, succeeded, result or exception
    progressed = Signal(int, int, int)  # task id, done, total

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[int, _Callbacks] = {}
        queued = Qt.ConnectionType.QueuedConnection
        self.finished.connect(self._finish, queued)
        self.progressed.connect(self._progress, queued)

    @Slot(int, bool, object)
    def _finish(self, task_id: int, ok: bool, payload: object) -> None:
        callbacks = self.waiting.pop(task_id, None)
        if callbacks is None or not shiboken6.isValid(callbacks.owner):
            return  # the widget that asked is gone
        if ok:
            callbacks.on_done(payload)
        else:
            error = payload if isinstance(payload, Exception) else RuntimeError(repr(payload))
            callbacks.on_error(error)

    @Slot(int, int, int)
    def _progress(self, task_id: int, done: int, total: int) -> None:
        callbacks = self.waiting.get(task_id)
        if callbacks and callbacks.on_progress and shiboken6.isValid(callbacks.owner):
            callbacks.on_progress(done, total)


_dispatcher: _Dispatcher | None = None
_ids = itertools.count(1)


def _the_dispatcher() -> _Dispatcher:
    global _dispatcher  # noqa: PLW0603 - one per process, made on the GUI thread on first use
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
        app = QCoreApplication.instance()
        if app is not None:
            _dispatcher.moveToThread(app.thread())
    return _dispatcher


class Task(QRunnable):
    """Runs fn on a pool thread; fn must not touch widgets. Reports through the dispatcher."""

    def __init__(self, task_id: int, fn: Callable[[Progress], object]) -> None:
        super().__init__()
        self._id = task_id
        self._fn = fn
        self._dispatcher = _the_dispatcher()

    def run(self) -> None:
        task_id, dispatcher = self._id, self._dispatcher

        def report(done: int, total: int) -> None:
            dispatcher.progressed.emit(task_id, done, total)

        try:
            result = self._fn(Progress(report))
        except Exception as exc:  # handed to the owner, which words it; never swallowed
            self._hand_over(False, exc)
        else:
            self._hand_over(True, result)

    def _hand_over(self, ok: bool, payload: object) -> None:
        try:
            self._dispatcher.finished.emit(self._id, ok, payload)
        except RuntimeError:
            # The application is gone (a long read outlived the exit wait): nobody is left to
            # tell. Logged, so a failure of the task itself is not lost without a trace.
            what = type(payload).__name__ if not ok else "result"
            log.warning("task %d finished after the window closed (%s)", self._id, what)


class TaskRunner(QObject):
    """Starts tasks on behalf of its parent widget. Call from the GUI thread only."""

    def __init__(self, parent: QObject, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()

    def start(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None],
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.start_with_progress(lambda _progress: fn(), on_done, on_error, on_progress)

    def start_with_progress(
        self,
        fn: Callable[[Progress], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None],
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        task_id = next(_ids)
        _the_dispatcher().waiting[task_id] = _Callbacks(self, on_done, on_error, on_progress)
        self._pool.start(Task(task_id, fn))


def wait_for_background_work(timeout_ms: int = 10_000) -> bool:
    """Block until every pool task finished (before closing the database at exit)."""
    done = QThreadPool.globalInstance().waitForDone(timeout_ms)
    if not done:
        log.warning("background tasks still running after %d ms", timeout_ms)
    return done
