"""The desktop sync client: connect once, then hello -> push -> pull -> review -> verify.

This is the one door the window and the CLI use (with app.sync.errors). Every method is safe
to call from a worker thread; `status()` only reads the local database and is fast enough for
the GUI thread. Failures raise `app.sync.errors.SyncError` subclasses whose `message` is one
Indonesian sentence. Nothing here logs tokens or row values (NIK, names): only counts.

Pieces the USB bundle code reuses are public and documented: `pending_ops`, `record_results`,
`apply_pull_page`, `store_review`, `hello_payload`, `identity`.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import __version__, faults
from app.models import SyncOutbox, SyncState, new_id
from app.models.engine import Sessions
from app.models.migrate import head_revision
from app.sync import apply, review
from app.sync.errors import NotConnected, SyncError
from app.sync.locking import SyncLock
from app.sync.protocol import (
    CONFLICT_ENTITY,
    PROTOCOL_VERSION,
    ConnectRequest,
    Hello,
    Op,
    OpResult,
    PullPage,
    ReviewReply,
)
from app.sync.rekey import check_village, local_village, rekey_village
from app.sync.review import ConflictView, QuarantineView
from app.sync.run import SyncRun, as_utc, naive_utc
from app.sync.secrets import DeviceSecret, SecretStore

if TYPE_CHECKING:
    from app.sync.transport import Transport

__all__ = [
    "ConflictView",
    "Progress",
    "QuarantineView",
    "SyncEngine",
    "SyncResult",
    "SyncStatus",
]

log = logging.getLogger(__name__)

NOT_CONNECTED = (
    "PC ini belum tersambung ke server. Jalankan: payung connect --server URL --code KODE"
)


@dataclass(frozen=True)
class SyncStatus:
    connected: bool
    server_url: str | None
    village_code: str | None
    device_id: str | None
    last_sync_server_time: datetime | None  # aware UTC, the server's clock
    ops_waiting: int  # local changes not yet sent
    conflicts_open: int
    quarantined_open: int
    held: int  # outbox changes kept back: rejected by the server or held, never re-sent


@dataclass(frozen=True)
class SyncResult:
    pushed: int
    pulled: int
    conflicts: int  # open conflicts after the sync
    quarantined: int  # open quarantined ops after the sync
    server_time: datetime
    warnings: tuple[str, ...] = ()  # Indonesian sentences (clock skew, cancelled)
    repaired: tuple[str, ...] = ()  # tables re-pulled after verify found a difference


@dataclass(frozen=True)
class Progress:
    stage: str  # "hello" | "push" | "pull" | "verify" | "review"
    done: int
    total: int | None


class ConflictNotFound(SyncError):
    """The conflict is not (or no longer) in the review list."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _default_transport(url: str, token: str | None) -> Transport:
    from app.sync.transport import Transport

    return Transport(url, token)


class SyncEngine:
    def __init__(
        self,
        sessions: Sessions,
        data_dir: Path,
        *,
        transport_factory: Callable[[str, str | None], Transport] | None = None,
        now: Callable[[], datetime] = _utcnow,
        secrets: SecretStore | None = None,
    ) -> None:
        self._sessions = sessions
        self._data_dir = data_dir
        self._transport_factory = transport_factory or _default_transport
        self._now = now
        self._secrets = secrets or SecretStore(data_dir)
        # Test hook: called inside the pull transaction after the rows, before the cursor.
        self._between_apply_and_cursor: Callable[[], None] | None = None

    # -- local, fast --------------------------------------------------------------------
    def status(self) -> SyncStatus:
        with self._sessions() as session:
            state = session.get(SyncState, 1)
            kept = session.scalar(
                select(func.count()).select_from(SyncOutbox).where(SyncOutbox.result.is_not(None))
            )
            return SyncStatus(
                connected=bool(state and state.device_id),
                server_url=state.server_url if state else None,
                village_code=state.village_code if state else None,
                device_id=state.device_id if state else None,
                last_sync_server_time=as_utc(state.last_server_time) if state else None,
                ops_waiting=apply.count_pending(session),
                conflicts_open=review.count(session, review.CONFLICT),
                quarantined_open=review.count(session, review.QUARANTINE),
                held=int(kept or 0),
            )

    def identity(self) -> tuple[str, str, str] | None:
        """(device_id, bundle_key, village_code) of a connected database, else None."""
        with self._sessions() as session:
            state = session.get(SyncState, 1)
            if state is None or not state.device_id or not state.village_code:
                return None
            device_id, code = state.device_id, state.village_code
        secret = self._secrets.load(device_id)
        return None if secret is None else (device_id, secret.bundle_key, code)

    def conflicts(self) -> list[ConflictView]:
        with self._sessions() as session:
            return review.conflicts(session)

    def quarantined(self) -> list[QuarantineView]:
        with self._sessions() as session:
            return review.quarantined(session)

    def resolve(self, conflict_id: uuid.UUID, choices: dict[str, str]) -> None:
        """Queue the choice (field -> "local" | "server") as a sync_conflict op; it travels at
        the next sync or USB bundle. A second call before that replaces the queued choice."""
        with self._sessions.begin() as session:
            try:
                row, item = review.conflict_item(session, conflict_id)
            except KeyError:
                raise ConflictNotFound(
                    "Konflik itu tidak ada lagi di daftar; sinkronkan lalu lihat daftar terbaru"
                ) from None
            unknown = sorted(set(choices) - set(item.fields))
            bad = sorted(k for k, v in choices.items() if v not in {"local", "server"})
            if unknown or bad or not choices:
                raise ConflictNotFound(
                    "Pilihan konflik tidak sah; pilih 'local' atau 'server' untuk kolom "
                    + ", ".join(sorted(item.fields))
                )
            fields = json.dumps({"choices": choices}, sort_keys=True)
            queued = session.scalars(
                select(SyncOutbox).where(
                    SyncOutbox.entity == CONFLICT_ENTITY,
                    SyncOutbox.row_id == conflict_id,
                    SyncOutbox.result.is_(None),
                )
            ).first()
            if queued is not None:  # never delete a pending op: its number would leave a gap
                queued.fields = fields
            else:
                session.add(
                    SyncOutbox(
                        entity=CONFLICT_ENTITY, row_id=conflict_id, op="update",
                        fields=fields, base="{}", base_version=None,
                    )
                )  # fmt: skip
            row.resolution_pending = True

    # -- pieces the bundle code reuses ----------------------------------------------------
    def pending_ops(self, session: Session) -> list[Op]:
        """Every pending outbox op, in device_seq order."""
        return apply.pending_ops(session)

    def record_results(self, session: Session, results: list[OpResult]) -> None:
        """Acknowledged ops leave the outbox; rejected ones stay marked with the reason."""
        apply.record_results(session, results)

    def apply_pull_page(self, session: Session, page: PullPage) -> int:
        """Apply one page and move the pull cursor (never backwards) in the caller's write
        session, so both commit together. Returns the rows written (older ones are skipped;
        pending local ops of written rows are re-applied on top)."""
        apply.defer_foreign_keys(session)
        written = apply.upsert_rows(session, page.rows)
        faults.checkpoint("pull.before_cursor")
        if self._between_apply_and_cursor is not None:
            self._between_apply_and_cursor()
        state = apply.sync_state(session)
        state.last_pulled_seq = max(state.last_pulled_seq, page.next_since)
        return written

    def store_review(self, session: Session, review_reply: ReviewReply) -> None:
        review.store_review(session, review_reply)

    def hello_payload(self, session: Session) -> Hello:
        state = apply.sync_state(session)
        if not state.device_id:
            raise NotConnected(NOT_CONNECTED)
        return Hello(
            device_id=state.device_id,
            db_instance_id=state.db_instance_id,
            protocol_version=PROTOCOL_VERSION,
            schema_version=head_revision(),
            app_version=__version__,
            max_device_seq=max(apply.max_issued_seq(session), state.device_seq_floor),
            last_pulled_seq=state.last_pulled_seq,
            client_time=self._now(),
        )

    # -- network ------------------------------------------------------------------------
    def connect(self, server_url: str, code: str, *, label: str = "") -> SyncStatus:
        """Exchange a one-time code for this PC's token; re-key a village set up offline to
        the server's id. Refuses (VillageMismatch) a code for another village."""
        with SyncLock(self._data_dir):
            with self._sessions() as session:
                mine = local_village(session)
                village_code = mine.code if mine is not None else None
            transport = self._transport_factory(server_url, None)
            try:
                reply = transport.connect(
                    ConnectRequest(
                        code=code.strip(),
                        label=label[:120],
                        app_version=__version__,
                        village_code=village_code,
                    )
                )
            finally:
                transport.close()
            with self._sessions() as session:
                check_village(session, reply.village.code)
                old = session.get(SyncState, 1)
                old_device = old.device_id if old else None
            self._secrets.save(reply.device_id, DeviceSecret(reply.token, reply.bundle_key))
            with self._sessions.begin() as session:
                rekey_village(session, reply.village.id, reply.village.code)
                state = apply.sync_state(session)
                state.device_id = reply.device_id
                state.server_url = transport.base_url
                state.village_code = reply.village.code
                state.last_server_time = naive_utc(reply.server_time)
                state.last_pulled_seq = 0
                state.last_verified_at = None
                apply.renumber_pending(session, 1)  # a new device: the server expects 1
            if old_device and old_device != reply.device_id:
                self._secrets.forget(old_device)
            log.info("connected as device %s", reply.device_id)
        return self.status()

    def sync(
        self,
        *,
        progress: Callable[[Progress], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        verify: bool = False,
    ) -> SyncResult:
        """One full sync. Raises SyncBusy when another sync of this database runs,
        NotConnected, Offline, ServerUnavailable, Unauthorized/Revoked, UpgradeRequired..."""
        with SyncLock(self._data_dir):
            faults.checkpoint("sync.start")
            with self._sessions() as session:
                state = session.get(SyncState, 1)
                device_id = state.device_id if state else None
                url = state.server_url if state else None
            if not device_id or not url:
                raise NotConnected(NOT_CONNECTED)
            secret = self._secrets.load(device_id)
            if secret is None:
                raise NotConnected(
                    "Kunci perangkat PC ini tidak ditemukan; sambungkan lagi dengan "
                    "payung connect --server URL --code KODE"
                )
            transport = self._transport_factory(url, secret.token)
            try:
                run = SyncRun(self, transport, progress, cancel)
                return run.execute(force_verify=verify)
            finally:
                transport.close()

    # -- used by SyncRun ----------------------------------------------------------------
    @property
    def sessions(self) -> Sessions:
        return self._sessions

    @property
    def data_dir(self) -> Path:
        """The data folder: the sync lock and the secrets file live here."""
        return self._data_dir

    def now(self) -> datetime:
        return self._now()

    def new_instance_id(self) -> uuid.UUID:
        return new_id()

    def verify_due(self, session: Session, force: bool) -> bool:
        if apply.count_pending(session):
            return False
        state = apply.sync_state(session)
        if force or state.last_verified_at is None:
            return True
        since = naive_utc(self._now()) - state.last_verified_at
        # A verify stamped by a clock that ran ahead (now corrected) is due too, not in a year.
        return since > timedelta(hours=24) or since < timedelta(0)
