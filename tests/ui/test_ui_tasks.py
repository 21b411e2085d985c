"""Background tasks: work on a pool thread, results on the GUI thread, none for dead widgets."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from app.ui.tasks import TaskRunner, wait_for_background_work


def test_work_runs_off_the_gui_thread_and_results_come_back_on_it(qtbot: QtBot) -> None:
    owner = QObject()
    runner = TaskRunner(owner)
    worked_on: list[threading.Thread] = []
    delivered_on: list[threading.Thread] = []

    def work() -> int:
        worked_on.append(threading.current_thread())
        return 42

    def done(value: int) -> None:
        delivered_on.append(threading.current_thread())
        assert value == 42

    runner.start(work, done, lambda exc: None)
    qtbot.waitUntil(lambda: bool(delivered_on))
    assert worked_on[0] is not threading.main_thread()
    assert delivered_on[0] is threading.main_thread()


def test_an_exception_reaches_the_error_callback(qtbot: QtBot) -> None:
    owner = QObject()
    errors: list[Exception] = []

    def fail() -> None:
        raise ValueError("boom")

    TaskRunner(owner).start(fail, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)


def test_results_for_a_destroyed_owner_are_dropped(qtbot: QtBot) -> None:
    owner = QObject()
    gate = threading.Event()
    delivered: list[object] = []
    TaskRunner(owner).start(gate.wait, delivered.append, delivered.append)
    owner.deleteLater()
    qtbot.wait(50)  # the owner is gone before the work ends
    gate.set()
    wait_for_background_work()
    qtbot.wait(50)
    assert delivered == []


def test_void_qt_calls_keep_references_to_none() -> None:
    """PySide6 6.12.0 on CPython 3.11 dropped a reference to None on every void call until the
    interpreter aborted; requirements.lock pins 6.11.3 for that reason. This guards the pin."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        probe.setObjectName("probe")
    assert abs(sys.getrefcount(None) - before) < 1_000
