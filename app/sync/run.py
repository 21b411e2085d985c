"""One sync from start to end (used by SyncEngine.sync under its lock).

Stages: hello -> push (batches of BATCH_SIZE) -> pull (pages of PULL_PAGE, each applied with
its cursor in one transaction) -> review -> verify (when due; a fresh PC's first full pull
leaves it to the next sync, see execute). `cancel` is checked between batches and pages; a
cancelled sync stops cleanly (everything committed so far stays) and says so in its warnings.
Once the hello has passed, a request failing with Offline or ServerUnavailable is repeated a
few times with a short back-off (RETRY_DELAYS) before the sync gives up.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import select

from app import faults
from app.sync import apply, review
from app.sync.errors import (
    BadAnswer,
    Offline,
    Revoked,
    SeqGap,
    ServerUnavailable,
    UpgradeRequired,
)
from app.sync.protocol import (
    BATCH_SIZE,
    PULL_PAGE,
    SYNC_ENTITIES,
    HelloReply,
    PullPage,
    PushRequest,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.sync.engine import Progress, SyncEngine, SyncResult
    from app.sync.transport import Transport

log = logging.getLogger(__name__)
T = TypeVar("T")

RETRY_DELAYS: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0)
"""Back-off (seconds) before repeating a push, pull, review or verify request that failed with
Offline or ServerUnavailable once the sync has started (a server restart, a proxy's 502/503,
a connection cut mid-answer). Safe: a push is idempotent (ops already applied come back
`duplicate`), the others only read. The hello is not repeated: a server that is down when the
sync starts is reported at once and the scheduler tries again later."""
RETRY_BUDGET_SECONDS = 20.0
"""No repeat once this long has passed since the request was first tried (a 60 s read timeout
is never repeated)."""
SKEW_WARN_SECONDS = 5 * 60
TABLE_PAGE = 500
CANCELLED = (
    "Sinkronisasi dihentikan sebelum selesai; yang sudah terkirim dan diterima tetap tersimpan"
)


def as_utc(value: datetime | None) -> datetime | None:
    """Stored naive UTC -> aware UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def naive_utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def skew_warning(client: datetime, server: datetime) -> str | None:
    """Indonesian warning when the PC clock is more than 5 minutes off (never refuses)."""
    seconds = (naive_utc(client) - naive_utc(server)).total_seconds()
    if abs(seconds) <= SKEW_WARN_SECONDS:
        return None
    minutes = int(abs(seconds) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} hari"] if days else []
    if hours:
        parts.append(f"{hours} jam")
    if mins or not parts:
        parts.append(f"{mins} menit")
    return (
        f"Jam komputer ini berbeda {' '.join(parts)} dari server; perbaiki tanggal dan jam Windows."
    )


class SyncRun:
    def __init__(
        self,
        engine: SyncEngine,
        transport: Transport,
        progress: Callable[[Progress], None] | None,
        cancel: Callable[[], bool] | None,
    ) -> None:
        self.engine = engine
        self.sessions = engine.sessions
        self.transport = transport
        self._progress = progress
        self._cancel = cancel
        self.warnings: list[str] = []
        self.cancelled = False
        # Set by pull: this run pulled a fresh PC's whole village (verify deferred, see execute).
        self.first_full_pull = False
        self.reinitialised = False
        # The next pull page and the server's verify answer are fetched on a helper thread
        # while this one writes (see pull, verify): _stop may run on both.
        self._stop_lock = threading.Lock()

    def _report(self, stage: str, done: int, total: int | None) -> None:
        if self._progress is not None:
            from app.sync.engine import Progress

            self._progress(Progress(stage, done, total))

    def _stop(self) -> bool:
        with self._stop_lock:
            if not self.cancelled and self._cancel is not None and self._cancel():
                self.cancelled = True
                self.warnings.append(CANCELLED)
            return self.cancelled

    def _retrying(self, request: Callable[[], T]) -> T:
        """`request()`, repeated after RETRY_DELAYS while it fails with Offline or
        ServerUnavailable, within RETRY_BUDGET_SECONDS; the last failure is raised (also when
        the sync is cancelled during a wait)."""
        started = time.monotonic()
        for delay in (*RETRY_DELAYS, None):
            try:
                return request()
            except (Offline, ServerUnavailable) as exc:
                if delay is None or time.monotonic() - started + delay > RETRY_BUDGET_SECONDS:
                    raise
                log.warning("sync request failed (%s); again in %.1f s", type(exc).__name__, delay)
                deadline = time.monotonic() + delay
                while time.monotonic() < deadline:
                    if self._stop():
                        raise
                    time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))
        raise AssertionError("unreachable")  # pragma: no cover

    # -- the whole run ------------------------------------------------------------------
    def execute(self, *, force_verify: bool) -> SyncResult:
        from app.sync.engine import SyncResult

        reply = self.hello()
        server_time = reply.server_time
        pushed = 0 if self._stop() else self.push()
        pulled = 0 if self._stop() else self.pull()
        repaired: list[str] = []
        if not self._stop():
            self.fetch_review()
        if not self._stop():
            with self.sessions() as session:
                due = self.engine.verify_due(session, force_verify)
            # A fresh PC's first pull wrote every row exactly as the server sent it, into
            # tables that held no server row: comparing digests now would compare the server
            # with itself. It stays due (last_verified_at NULL): the next sync verifies.
            if due and not force_verify and self.first_full_pull and not pushed:
                due = False
            if due:
                repaired = self.verify()
        with self.sessions.begin() as session:
            state = apply.sync_state(session)
            state.last_sync_at = naive_utc(self.engine.now())
            state.last_server_time = naive_utc(server_time)
            conflicts = review.count(session, review.CONFLICT)
            quarantined = review.count(session, review.QUARANTINE)
        log.info("sync done: pushed %d, pulled %d, repaired %s", pushed, pulled, repaired)
        return SyncResult(
            pushed=pushed, pulled=pulled, conflicts=conflicts, quarantined=quarantined,
            server_time=server_time, warnings=tuple(self.warnings), repaired=tuple(repaired),
        )  # fmt: skip

    # -- hello and reinit ----------------------------------------------------------------
    def hello(self) -> HelloReply:
        self._report("hello", 0, 1)
        with self.sessions.begin() as session:
            payload = self.engine.hello_payload(session)
        reply = self.transport.hello(payload)
        check_hello(reply)
        warning = skew_warning(payload.client_time, reply.server_time)
        if warning:
            self.warnings.append(warning)
        if reply.action == "reinit_required":
            self.reinit()
        self._report("hello", 1, 1)
        return reply

    def reinit(self) -> None:
        """A restored or copied database: new identity, unsent ops renumbered after what the
        server has, cursor back to 0 (the full re-pull puts them on top again)."""
        self.reinitialised = True
        instance = self.engine.new_instance_id()
        reply = self.transport.reinit(instance)
        check_hello(reply)
        with self.sessions.begin() as session:
            kept = apply.renumber_pending(session, reply.expected_device_seq)
            state = apply.sync_state(session)
            state.db_instance_id = instance
            state.last_pulled_seq = 0
            state.last_verified_at = None
            review.add_note(
                session,
                review.HELD,
                {
                    "at": naive_utc(self.engine.now()).isoformat(),
                    "kept": kept,
                    "message": (
                        f"Basis data ini dipulihkan atau disalin; {kept} perubahan lokal yang "
                        "belum terkirim disimpan dan dikirim ulang, data desa diambil ulang "
                        "dari server"
                    ),
                },
            )
        log.warning("sync re-initialised; %d pending ops kept", kept)

    # -- push -----------------------------------------------------------------------------
    def push(self) -> int:
        with self.sessions() as session:
            total = apply.count_pending(session)
        pushed = 0
        reinitialised = False
        self._report("push", 0, total)
        while not self._stop():
            with self.sessions() as session:
                ops = apply.pending_ops(session, limit=BATCH_SIZE)
            if not ops:
                break
            try:
                reply = self._retrying(partial(self.transport.push, PushRequest(ops=ops)))
            except SeqGap:
                if reinitialised:
                    raise
                reinitialised = True
                self.reinit()
                continue
            faults.checkpoint("push.answered")
            sent = {(op.device_seq, op.op_id) for op in ops}
            answered = [r for r in reply.results if (r.device_seq, r.op_id) in sent]
            if not answered:
                raise BadAnswer("Server tidak menjawab perubahan yang dikirim; coba lagi nanti")
            with self.sessions.begin() as session:
                apply.record_results(session, answered)
            pushed += len(answered)
            self._report("push", pushed, total)
        return pushed

    # -- pull -----------------------------------------------------------------------------
    def pull(self) -> int:
        with self.sessions() as session:
            since = apply.sync_state(session).last_pulled_seq
            fresh = since == 0 and not self.reinitialised and not holds_server_rows(session)
        pulled = 0
        received = 0
        # Speed only: the request for page N+1 travels (and the server reads it) while page N
        # is written here. Requests stay one at a time and in the same order; each page is
        # still applied with its cursor in one transaction, in order.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as ahead:
            following: Future[PullPage] | None = None
            while not self._stop():
                page = self._pull_page(since) if following is None else following.result()
                following = None
                if page.has_more and page.next_since > since:
                    following = ahead.submit(self._pull_page, page.next_since)
                with self.sessions.begin() as session:
                    pulled += self.engine.apply_pull_page(session, page)
                received += len(page.rows)
                self._report("pull", page.next_since, page.server_seq or None)
                if not page.has_more:
                    # Every row written as sent (none skipped as not newer, none refused).
                    self.first_full_pull = fresh and pulled == received
                    break
                if page.next_since <= since:
                    raise BadAnswer(
                        "Server mengirim halaman data yang sama berulang; coba lagi nanti"
                    )
                since = page.next_since
        return pulled

    def _pull_page(self, since: int) -> PullPage:
        return self._retrying(partial(self.transport.pull, since, PULL_PAGE))

    # -- review and verify ----------------------------------------------------------------
    def fetch_review(self) -> None:
        self._report("review", 0, 1)
        reply = self._retrying(self.transport.review)
        with self.sessions.begin() as session:
            review.store_review(session, reply)
        self._report("review", 1, 1)

    def verify(self) -> list[str]:
        self._report("verify", 0, None)
        # Speed only: the server computes its digests while this PC computes its own.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-verify") as ahead:
            answer = ahead.submit(self._retrying, self.transport.verify)
            with self.sessions() as session:
                local = apply.local_digests(session)
            reply = answer.result()
        mismatched = [
            entity
            for entity in SYNC_ENTITIES
            if entity in reply.tables
            and (reply.tables[entity].count, reply.tables[entity].digest) != local[entity]
        ]
        for done, entity in enumerate(mismatched):
            if self._stop():
                return mismatched[:done]
            self.repull(entity)
            self._report("verify", done + 1, len(mismatched))
        with self.sessions.begin() as session:
            apply.sync_state(session).last_verified_at = naive_utc(self.engine.now())
        if mismatched:
            log.warning("verify: re-pulled %s", ", ".join(mismatched))
        return mismatched

    def repull(self, entity: str) -> None:
        """Every server row of one table, written whatever its version (nothing deleted)."""
        after = None
        while True:
            page = self._retrying(partial(self.transport.table, entity, after, TABLE_PAGE))
            with self.sessions.begin() as session:
                apply.defer_foreign_keys(session)
                apply.upsert_rows(session, page.rows, force=True)
            if page.next_after is None or page.next_after == after:
                return
            after = page.next_after


def holds_server_rows(session: Session) -> bool:
    """Whether any synced table holds a row with a server version (one probe per table)."""
    for entity in SYNC_ENTITIES:
        table = apply.table_of(entity)
        probe = select(table.c.id).where(table.c.version.is_not(None)).limit(1)
        if session.execute(probe).first() is not None:
            return True
    return False


def check_hello(reply: HelloReply) -> None:
    if reply.action == "revoked":
        raise Revoked(
            reply.message
            or "Perangkat ini sudah dicabut oleh DPMD; minta kode sambungan baru lalu jalankan "
            "payung connect"
        )
    if reply.action == "upgrade_required":
        raise UpgradeRequired(
            reply.message or "Server memerlukan Payung Desa versi lebih baru; perbarui aplikasi ini"
        )
