"""The background sync scheduler: back-off with jitter, one sync at a time, stop on revocation.

The timing rules are tested with a scripted engine (the scheduler's contract is the SyncSource
protocol: status() and sync()) and millisecond intervals, so nothing sleeps for minutes.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from app.sync.errors import Offline, Revoked, SyncBusy, SyncError
from app.ui.sync_scheduler import SyncScheduler, Timing, retry_delay, status_bar_text


@dataclass(frozen=True)
class Status:
    connected: bool = True
    server_url: str | None = "http://127.0.0.1:1"
    village_code: str | None = "35.21.01.2001"
    device_id: str | None = "dev-3f9a2c7d1e0b"
    last_sync_server_time: datetime | None = None
    ops_waiting: int = 0
    conflicts_open: int = 0
    quarantined_open: int = 0
    held: int = 0


@dataclass(frozen=True)
class Result:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    quarantined: int = 0
    server_time: datetime = datetime(2026, 11, 21, 7, 5, tzinfo=UTC)
    warnings: tuple[str, ...] = ()
    repaired: tuple[str, ...] = ()


@dataclass
class ScriptedEngine:
    """Answers sync() with the next scripted outcome (an exception is raised)."""

    outcomes: list[Result | SyncError] = field(default_factory=list)
    connected: bool = True
    calls: int = 0
    running: int = 0
    most_at_once: int = 0
    gate: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.gate.set()

    def status(self) -> Status:
        return Status(connected=self.connected)

    def sync(
        self,
        *,
        progress: Callable[[object], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        verify: bool = False,
    ) -> Result:
        with self.lock:
            self.calls += 1
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
            outcome = self.outcomes.pop(0) if self.outcomes else Result()
        try:
            self.gate.wait(10)
            if isinstance(outcome, SyncError):
                raise outcome
            return outcome
        finally:
            with self.lock:
                self.running -= 1


FAST = Timing(first=0.01, period=60.0, retry_base=0.02, retry_cap=0.16, jitter=0.2)
NOW = datetime(2026, 11, 21, 14, 5)


def make_scheduler(qtbot: QtBot, engine: ScriptedEngine, timing: Timing = FAST) -> SyncScheduler:
    """A QObject, not a widget: the test's reference keeps it alive."""
    return SyncScheduler(engine, timing=timing, now=lambda: NOW, rng=random.Random(7))


def test_retry_delays_double_to_the_cap_within_twenty_percent() -> None:
    timing, rng = Timing(), random.Random(1)
    expected = [30, 60, 120, 240, 480, 960, 1800, 1800, 1800]
    for failures, base in enumerate(expected, 1):
        delays = [retry_delay(failures, timing, rng) for _ in range(200)]
        assert min(delays) >= base * 0.8
        assert max(delays) <= base * 1.2
        assert max(delays) - min(delays) > base * 0.2  # really jittered, not a fixed value


def test_failures_back_off_and_a_success_resets(qtbot: QtBot) -> None:
    offline = Offline("Server tidak dapat dihubungi.")
    engine = ScriptedEngine(outcomes=[offline, offline, offline, Result(pulled=2)])
    scheduler = make_scheduler(qtbot, engine)
    delays: list[float] = []
    scheduler.nextAttemptChanged.connect(lambda _when: delays.append(scheduler.last_delay or 0))
    messages: list[tuple[str, bool]] = []
    scheduler.failed.connect(lambda text, retry: messages.append((text, retry)))
    with qtbot.waitSignal(scheduler.succeeded, timeout=5000):
        scheduler.start()
    assert engine.calls == 4
    assert messages == [("Server tidak dapat dihubungi.", True)] * 3
    first, *retries, after_success = delays
    assert first == FAST.first
    for failures, delay in enumerate(retries, 1):
        base = FAST.retry_base * 2 ** (failures - 1)
        assert base * 0.8 <= delay <= base * 1.2
    assert after_success == FAST.period
    assert scheduler.failures == 0


def test_next_try_time_is_shown_from_the_clock(qtbot: QtBot) -> None:
    engine = ScriptedEngine(outcomes=[Offline("Server tidak dapat dihubungi.")])
    timing = Timing(first=0.01, retry_base=600, retry_cap=600, jitter=0.0)
    scheduler = make_scheduler(qtbot, engine, timing)
    with qtbot.waitSignal(scheduler.failed, timeout=5000):
        scheduler.start()
    assert scheduler.next_attempt == datetime(2026, 11, 21, 14, 15)
    assert scheduler.failures == 1


def test_one_sync_at_a_time(qtbot: QtBot) -> None:
    engine = ScriptedEngine()
    engine.gate.clear()
    scheduler = make_scheduler(qtbot, engine)
    assert scheduler.sync_now()
    qtbot.waitUntil(lambda: engine.running == 1)
    assert not scheduler.sync_now()  # the page says "sedang berjalan"
    scheduler._tick()  # a timer tick while it runs is skipped
    engine.gate.set()
    qtbot.waitUntil(lambda: not scheduler.running)
    assert engine.calls == 1
    assert engine.most_at_once == 1


def test_busy_elsewhere_is_retried_without_counting_a_failure(qtbot: QtBot) -> None:
    busy = SyncBusy("Sinkronisasi lain sedang berjalan.")
    engine = ScriptedEngine(outcomes=[busy])
    scheduler = make_scheduler(qtbot, engine, Timing(first=60, retry_base=60, jitter=0.2))
    with qtbot.waitSignal(scheduler.failed, timeout=5000) as blocker:
        scheduler.sync_now()
    assert blocker.args == ["Sinkronisasi lain sedang berjalan.", True]
    assert scheduler.failures == 0
    assert 48 <= (scheduler.last_delay or 0) <= 72


@pytest.mark.parametrize("error", [Revoked("Perangkat ini sudah dicabut oleh DPMD.")])
def test_a_revoked_device_stops_the_timer(qtbot: QtBot, error: SyncError) -> None:
    engine = ScriptedEngine(outcomes=[error])
    scheduler = make_scheduler(qtbot, engine)
    with qtbot.waitSignal(scheduler.failed, timeout=5000) as blocker:
        scheduler.start()
    assert blocker.args == [error.message, False]
    assert scheduler.stopped
    assert scheduler.next_attempt is None
    qtbot.wait(100)  # well past every interval: no timed sync comes
    assert engine.calls == 1


def test_nothing_is_scheduled_when_not_connected(qtbot: QtBot) -> None:
    engine = ScriptedEngine(connected=False)
    scheduler = make_scheduler(qtbot, engine)
    with qtbot.waitSignal(scheduler.statusChanged, timeout=5000):
        scheduler.start()
    qtbot.wait(50)
    assert scheduler.next_attempt is None
    assert engine.calls == 0


def test_status_bar_text() -> None:
    assert status_bar_text(Status(connected=False)) == "Belum tersambung ke server"
    when = datetime(2026, 11, 21, 14, 5).astimezone()
    text = status_bar_text(Status(last_sync_server_time=when, ops_waiting=3, conflicts_open=1))
    assert text == "Sinkron: 21 Nov 14.05 · 3 menunggu · 1 konflik"
    assert status_bar_text(Status()) == "Sinkron: belum pernah · 0 menunggu"
