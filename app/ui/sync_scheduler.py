"""Background sync with the kabupaten server: one timer, one sync at a time, back-off on trouble.

DESIGN.md 6.11: while connected, the window syncs shortly after start and then every 15 minutes;
the page's "Sinkronkan sekarang" goes through the same scheduler, so a manual and a timed sync
never overlap. A failure that may pass (offline, server down, another program syncing) is
retried after 30 s, 1 min, 2 min... up to 30 min, each with +/-20 % jitter so a kabupaten's
villages do not all come back at the same second. A failure that will not pass by waiting
(revoked, app too old, not connected) stops the timer until the person acts.

Every engine call runs on a pool thread through TaskRunner; results come back on the GUI thread.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from app.domain.formatting import MONTHS_EN, MONTHS_ID
from app.sync.errors import SyncBusy, SyncError
from app.ui.errors import describe
from app.ui.i18n import current_language
from app.ui.labels import show_count
from app.ui.tasks import Progress, TaskRunner

if TYPE_CHECKING:
    import uuid

    from app.sync.engine import ConflictView, QuarantineView, SyncEngine, SyncResult, SyncStatus
    from app.sync.engine import Progress as SyncProgress


class SyncSource(Protocol):
    """What the scheduler needs of app.sync.engine.SyncEngine (thread-safe, blocking calls)."""

    def status(self) -> SyncStatus: ...

    def sync(
        self,
        *,
        progress: Callable[[SyncProgress], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        verify: bool = False,
    ) -> SyncResult: ...


class LazySyncEngine:
    """The window's SyncEngine, made on first use. Importing app.sync.engine loads the wire
    models (pydantic, about 0.35 s) which the window's cold start must not pay, so the first
    call, always on a pool thread, makes it. Thread-safe; delegates the engine's methods."""

    def __init__(self, make: Callable[[], SyncEngine]) -> None:
        self._make = make
        self._engine: SyncEngine | None = None
        self._lock = threading.Lock()

    def real(self) -> SyncEngine:
        with self._lock:
            if self._engine is None:
                self._engine = self._make()
            return self._engine

    def status(self) -> SyncStatus:
        return self.real().status()

    def sync(
        self,
        *,
        progress: Callable[[SyncProgress], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        verify: bool = False,
    ) -> SyncResult:
        return self.real().sync(progress=progress, cancel=cancel, verify=verify)

    def connect(self, server_url: str, code: str, *, label: str = "") -> SyncStatus:
        return self.real().connect(server_url, code, label=label)

    def conflicts(self) -> list[ConflictView]:
        return self.real().conflicts()

    def quarantined(self) -> list[QuarantineView]:
        return self.real().quarantined()

    def resolve(self, conflict_id: uuid.UUID, choices: dict[str, str]) -> None:
        self.real().resolve(conflict_id, choices)


@dataclass(frozen=True, slots=True)
class Timing:
    """Seconds; tests shrink them. `jitter` is the +/- fraction applied to every retry."""

    first: float = 20.0
    period: float = 15 * 60.0
    retry_base: float = 30.0
    retry_cap: float = 30 * 60.0
    jitter: float = 0.2
    after_reconnect: float = 5.0


def retry_delay(failures: int, timing: Timing, rng: random.Random) -> float:
    """Seconds before retry number `failures` (1, 2, ...): 30 s doubling up to the cap, +/-20 %."""
    exponent = max(failures, 1) - 1
    base = min(timing.retry_cap, timing.retry_base * 2.0 ** min(exponent, 32))
    return base * rng.uniform(1 - timing.jitter, 1 + timing.jitter)


class CancelFlag(threading.Event):
    """Set from the GUI thread, read by the engine on its pool thread: `cancel()` or
    `cancel.is_set()` both work."""

    def __call__(self) -> bool:
        return self.is_set()


def as_local(moment: datetime) -> datetime:
    """A server moment in this PC's time zone; a moment without a zone is UTC (sync stores
    naive UTC). Only the zone comes from the PC, never the clock."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone()


def short_moment(moment: datetime) -> str:
    """`21 Nov 14.05` in this PC's time zone, month names never from the PC's locale."""
    local = as_local(moment)
    months = MONTHS_EN if current_language() == "en" else MONTHS_ID
    return f"{local.day} {months[local.month - 1][:3]} {local:%H.%M}"


def status_bar_text(status: SyncStatus | None) -> str:
    """`Sinkron: 21 Nov 14.05 · 3 menunggu · 1 konflik`, or that the PC is not connected."""
    if status is None:
        return ""
    if not status.connected:
        return QCoreApplication.translate("SyncScheduler", "Belum tersambung ke server")
    last = status.last_sync_server_time
    parts = [
        QCoreApplication.translate("SyncScheduler", "Sinkron: %1").replace(
            "%1",
            short_moment(last)
            if last
            else QCoreApplication.translate("SyncScheduler", "belum pernah"),
        ),
        QCoreApplication.translate("SyncScheduler", "%1 menunggu").replace(
            "%1", show_count(status.ops_waiting)
        ),
    ]
    if status.conflicts_open:
        parts.append(
            QCoreApplication.translate("SyncScheduler", "%1 konflik").replace(
                "%1", show_count(status.conflicts_open)
            )
        )
    if status.quarantined_open:
        parts.append(
            QCoreApplication.translate("SyncScheduler", "%1 dikarantina").replace(
                "%1", show_count(status.quarantined_open)
            )
        )
    return " · ".join(parts)


class SyncScheduler(QObject):
    """Owns the timer. Call from the GUI thread only.

    Signals: `started()` when a sync begins; `progressed(Progress)` with the engine's stage;
    `succeeded(SyncResult)`; `failed(text, will_retry)`; `statusChanged(SyncStatus)` after each
    status read; `nextAttemptChanged(datetime | None)` in PC time for "coba lagi pukul"."""

    started = Signal()
    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str, bool)
    statusChanged = Signal(object)
    nextAttemptChanged = Signal(object)

    def __init__(
        self,
        engine: SyncSource,
        parent: QObject | None = None,
        *,
        timing: Timing | None = None,
        now: Callable[[], datetime] = datetime.now,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self.timing = timing or Timing()
        self._now = now
        self._rng = rng or random.Random()
        self._runner = TaskRunner(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self.running = False
        self.stopped = False  # a non-retryable error: no timed sync until the person acts
        self.failures = 0
        self.next_attempt: datetime | None = None
        self.last_delay: float | None = None
        self.status: SyncStatus | None = None
        self._cancel = CancelFlag()
        self._latest: SyncProgress | None = None
        self._reading_status = False
        self._status_again = False
        self._schedule_first = False
        self._online_watch: object | None = None

    # -- control ----------------------------------------------------------------------------
    def start(self) -> None:
        """Read the status; when connected, the first timed sync comes `timing.first` later."""
        self.stopped = False
        self._schedule_first = True
        self.refresh_status()
        self._watch_connectivity()

    def shutdown(self) -> None:
        """At window close: no more ticks; a running sync is asked to stop at its next step."""
        self._timer.stop()
        self._cancel.set()
        self.stopped = True

    def sync_now(self, *, verify: bool = False) -> bool:
        """Start a sync unless one runs (False then). Clears a stop: the person asked."""
        if self.running:
            return False
        self.stopped = False
        self._run(verify=verify)
        return True

    def cancel(self) -> None:
        if self.running:
            self._cancel.set()

    def schedule(self, seconds: float) -> None:
        self._timer.start(max(0, round(seconds * 1000)))
        self.last_delay = seconds
        self.next_attempt = self._now() + timedelta(seconds=seconds)
        self.nextAttemptChanged.emit(self.next_attempt)

    def _unschedule(self) -> None:
        self._timer.stop()
        self.next_attempt = None
        self.nextAttemptChanged.emit(None)

    def _tick(self) -> None:
        if self.running or self.stopped:
            return  # a manual sync is on; its end schedules the next one
        self._run(verify=False)

    # -- one sync ---------------------------------------------------------------------------
    def _run(self, *, verify: bool) -> None:
        self.running = True
        self._timer.stop()
        self._cancel = cancel = CancelFlag()
        engine = self._engine

        def work(report: Progress) -> tuple[SyncResult, SyncStatus]:
            def progress(step: SyncProgress) -> None:
                self._latest = step  # one reference, read on the GUI thread with the numbers
                report(step.done, -1 if step.total is None else step.total)

            result = engine.sync(progress=progress, cancel=cancel, verify=verify)
            return result, engine.status()  # the counts after it, in the same trip

        self.started.emit()
        self._runner.start_with_progress(work, self._done, self._failed, self._progress)

    def _progress(self, _done: int, _total: int) -> None:
        if self._latest is not None and self.running:
            self.progressed.emit(self._latest)

    def _done(self, done: tuple[SyncResult, SyncStatus]) -> None:
        result, status = done
        self.running = False
        self.failures = 0
        if not self.stopped:
            self.schedule(self.timing.period)
        self.status = status
        self.statusChanged.emit(status)
        self.succeeded.emit(result)

    def _failed(self, exc: Exception) -> None:
        self.running = False
        cancelled = self._cancel.is_set()
        if self.stopped and cancelled:
            return  # the window is closing
        if cancelled:
            text = QCoreApplication.translate("SyncScheduler", "Sinkronisasi dibatalkan.")
            self.failed.emit(text, True)
            self.schedule(self.timing.period)
        elif isinstance(exc, SyncBusy):
            # Another program (the CLI, a second window) is syncing this database: not a
            # failure of ours, so no back-off step; just look again a little later.
            self.schedule(retry_delay(1, self.timing, self._rng))
            self.failed.emit(exc.message, True)
        elif isinstance(exc, SyncError) and not exc.retry_later:
            self.stopped = True
            self._unschedule()
            self.failed.emit(exc.message, False)
        else:
            self.failures += 1
            self.schedule(retry_delay(self.failures, self.timing, self._rng))
            text = exc.message if isinstance(exc, SyncError) else describe(exc)
            self.failed.emit(text, True)
        self.refresh_status()

    # -- status -----------------------------------------------------------------------------
    def refresh_status(self) -> None:
        """Read engine.status() on a pool thread (cheap); coalesced while one read runs."""
        if self._reading_status:
            self._status_again = True
            return
        self._reading_status = True
        self._runner.start(self._engine.status, self._status_read, self._status_failed)

    def _status_read(self, status: SyncStatus) -> None:
        self._reading_status = False
        self.status = status
        self.statusChanged.emit(status)
        first, self._schedule_first = self._schedule_first, False
        if first and status.connected and not self.running and not self.stopped:
            self.schedule(self.timing.first)
        if self._status_again:
            self._status_again = False
            self.refresh_status()

    def _status_failed(self, exc: Exception) -> None:
        self._reading_status = False
        self._status_again = False
        self.failed.emit(describe(exc), False)

    def connected_again(self) -> None:
        """Connectivity came back: a waiting retry happens soon instead of after its back-off."""
        status = self.status
        if status is None or not status.connected or self.running or self.stopped:
            return
        if self.failures and self._timer.remainingTime() > self.timing.after_reconnect * 1000:
            self.schedule(self.timing.after_reconnect)

    def _watch_connectivity(self) -> None:
        """Optional: where Qt has a network-information backend, an "online again" hint."""
        if self._online_watch is not None:
            return
        try:
            from PySide6.QtNetwork import QNetworkInformation  # not needed at start-up
        except ImportError:  # pragma: no cover - QtNetwork is part of PySide6-Essentials
            return
        if not QNetworkInformation.loadDefaultBackend():
            return
        info = QNetworkInformation.instance()
        if info is None:
            return
        # A bound method of this QObject: Qt drops the connection when the scheduler goes.
        info.reachabilityChanged.connect(self._reachability_changed)
        self._online_watch = info

    def _reachability_changed(self, reachability: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online:
            self.connected_again()
