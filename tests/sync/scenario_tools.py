"""Helpers of the named sync scenarios (test_scenarios_b.py) and the convergence property.

- `backend_server(backend, tmp_factory)`: the real `payung-server serve` on a SQLite file or on
  a throwaway PostgreSQL database (PAYUNG_TEST_PG_URL, see scripts/with-postgres.sh).
- `RecordingTransport`: a real Transport that remembers every pull page it received.
- `FaultTransport`: a real Transport that can lose a push reply (the server applied it, the
  client never heard: the next sync re-sends -> duplicates) or fail before sending (like 5xx).
- `server_rows` / `client_rows`: every row of a village per synced table in wire form
  (id -> (version, deleted, values)) so a client and the server compare field by field.
- `dpmd_write`: a server-side (DPMD) edit through app.server.changes.write_row.
- `outbox_op`: a hand-made op written straight into a client's outbox (travels for real).
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app.models import SyncOutbox
from app.server.changes import current_seq, write_row
from app.server.db import ServerDatabase, open_server_database
from app.server.migrate import upgrade
from app.sync import errors
from app.sync.protocol import SYNC_ENTITIES, PullPage, PushReply, PushRequest
from app.sync.transport import Transport
from app.sync.wire import model_of, wire_values

SERVER_TESTS = Path(__file__).resolve().parents[1] / "server"
if str(SERVER_TESTS) not in sys.path:
    sys.path.insert(0, str(SERVER_TESTS))

from servertools import ServerHandle, start_server  # noqa: E402

PG_ENV = "PAYUNG_TEST_PG_URL"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get(PG_ENV) else [])

Rows = dict[str, dict[uuid.UUID, tuple[int | None, bool, dict[str, Any]]]]


def _pg_admin_url() -> str:
    raw = os.environ[PG_ENV]
    if raw.startswith(("postgresql://", "postgres://")):
        raw = "postgresql+psycopg://" + raw.split("://", 1)[1]
    return raw


@contextmanager
def backend_server(backend: str, data_dir: Path) -> Iterator[tuple[ServerDatabase, ServerHandle]]:
    """A migrated server database of `backend` and the real server process on it."""
    drop: Callable[[], None] | None = None
    if backend == "sqlite":
        url = f"sqlite:///{data_dir / 'server.sqlite3'}"
    else:
        admin_url = _pg_admin_url()
        name = f"payung_scen_{uuid.uuid4().hex[:12]}"
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)

        def drop() -> None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

    db = open_server_database(url, data_dir)
    upgrade(db)
    handle = start_server(db.url, data_dir)
    try:
        yield db, handle
    finally:
        handle.stop()
        db.dispose()
        if drop is not None:
            drop()


# -- transports -------------------------------------------------------------------------------


class RecordingTransport(Transport):
    """A real Transport that keeps every pull page (and `since`) it got, per instance list."""

    def __init__(self, base_url: str, token: str | None, pages: list[tuple[int, PullPage]]):
        super().__init__(base_url, token)
        self.pages = pages

    def pull(self, since: int, limit: int) -> PullPage:
        page = super().pull(since, limit)
        self.pages.append((since, page))
        return page


def recording_factory(
    pages: list[tuple[int, PullPage]],
) -> Callable[[str, str | None], Transport]:
    return lambda url, token: RecordingTransport(url, token, pages)


class Faults:
    """What the next requests of a FaultTransport do: a list of one-shot faults, consumed in
    order as matching requests happen ("lose_push_reply", "fail_push", "fail_pull")."""

    def __init__(self) -> None:
        self.pending: list[str] = []
        self.fired: list[str] = []

    def take(self, kind: str) -> bool:
        if kind in self.pending:
            self.pending.remove(kind)
            self.fired.append(kind)
            return True
        return False


class FaultTransport(Transport):
    def __init__(self, base_url: str, token: str | None, faults: Faults) -> None:
        super().__init__(base_url, token)
        self.faults = faults

    def push(self, request: PushRequest) -> PushReply:
        if self.faults.take("fail_push"):
            raise errors.ServerUnavailable("Server sedang bermasalah (kode 503); coba lagi nanti")
        reply = super().push(request)
        if self.faults.take("lose_push_reply"):  # applied on the server, answer never arrived
            raise errors.ServerUnavailable(
                "Sambungan ke server terputus di tengah jawaban; coba lagi nanti"
            )
        return reply

    def pull(self, since: int, limit: int) -> PullPage:
        if self.faults.take("fail_pull"):
            raise errors.ServerUnavailable("Server sedang bermasalah (kode 502); coba lagi nanti")
        return super().pull(since, limit)


def fault_factory(faults: Faults) -> Callable[[str, str | None], Transport]:
    return lambda url, token: FaultTransport(url, token, faults)


# -- rows on both sides -------------------------------------------------------------------------


def _rows(session: Session, village_id: uuid.UUID | None, *, versioned: bool) -> Rows:
    out: Rows = {}
    for entity in SYNC_ENTITIES:
        model: Any = model_of(entity)
        stmt = select(model)
        if village_id is not None:
            stmt = stmt.where(model.village_id == village_id)
        if versioned:
            stmt = stmt.where(model.version.is_not(None))
        out[entity] = {
            row.id: (row.version, bool(row.deleted), wire_values(entity, row))
            for row in session.scalars(stmt)
        }
    return out


def server_rows(db: ServerDatabase, village_id: uuid.UUID) -> Rows:
    with db.read_sessions() as session:
        return _rows(session, village_id, versioned=False)


def client_rows(pc: Any, *, versioned: bool = False) -> Rows:
    with pc.ctx.database.sessions() as session:
        return _rows(session, None, versioned=versioned)


def differences(server: Rows, client: Rows) -> list[str]:
    """Readable differences (entity, id, what) between two row sets; [] when equal."""
    out: list[str] = []
    for entity in SYNC_ENTITIES:
        s, c = server.get(entity, {}), client.get(entity, {})
        for row_id in sorted(set(s) | set(c), key=str):
            if row_id not in c:
                out.append(f"{entity} {row_id}: missing on the client")
            elif row_id not in s:
                out.append(f"{entity} {row_id}: only on the client (version {c[row_id][0]})")
            elif s[row_id] != c[row_id]:
                sv, cv = s[row_id], c[row_id]
                fields = sorted(k for k in sv[2] if sv[2].get(k) != cv[2].get(k))
                out.append(
                    f"{entity} {row_id}: server v{sv[0]} del={sv[1]} / client v{cv[0]} "
                    f"del={cv[1]} fields {fields}"
                )
    return out


def server_seq(db: ServerDatabase, village_id: uuid.UUID) -> int:
    with db.read_sessions() as session:
        return current_seq(session, village_id)


def dpmd_write(
    db: ServerDatabase,
    village_id: uuid.UUID,
    entity: str,
    row_id: uuid.UUID,
    values: dict[str, Any],
    *,
    deleted: bool | None = None,
) -> int:
    """A DPMD operator's edit (its own committed transaction); the new version."""
    values = {k: v for k, v in values.items() if k != "deleted"}
    with db.sessions.begin() as session:
        return write_row(
            session,
            village_id=village_id,
            entity=entity,
            row_id=row_id,
            values=values,
            actor="operator:uji",
            deleted=deleted,
        )


def outbox_op(
    pc: Any,
    *,
    entity: str,
    row_id: uuid.UUID,
    op: str,
    fields: dict[str, Any],
    base: dict[str, Any] | None = None,
    base_version: int | None = None,
) -> int:
    """Write an op straight into a client's outbox (as if a service had); its device_seq."""
    with pc.ctx.database.sessions.begin() as session:
        row = SyncOutbox(
            entity=entity,
            row_id=row_id,
            op=op,
            fields=json.dumps(fields, sort_keys=True),
            base=json.dumps(base or {}, sort_keys=True),
            base_version=base_version,
        )
        session.add(row)
        session.flush()
        return int(row.seq)


def outbox(pc: Any) -> list[dict[str, Any]]:
    with pc.ctx.database.sessions() as session:
        rows = session.execute(
            text("SELECT seq, entity, op, result, reason FROM sync_outbox ORDER BY seq")
        )
        return [dict(r._mapping) for r in rows]


def applied_ops(db: ServerDatabase, device_id: str) -> dict[int, str]:
    """device_seq -> result of every op the server recorded for a device."""
    from app.server import tables as t

    with db.read_sessions() as session:
        rows = session.execute(
            select(t.applied_op.c.device_seq, t.applied_op.c.result).where(
                t.applied_op.c.device_id == device_id
            )
        )
        return {int(r.device_seq): str(r.result) for r in rows}


def quarantine_rows(db: ServerDatabase, village_id: uuid.UUID) -> list[Any]:
    from app.server import tables as t

    with db.read_sessions() as session:
        q = t.quarantine
        return list(session.execute(select(q).where(q.c.village_id == village_id)).all())


def conflict_rows(db: ServerDatabase, village_id: uuid.UUID) -> list[Any]:
    from app.server import tables as t

    with db.read_sessions() as session:
        c = t.sync_conflict
        return list(
            session.execute(
                select(c).where(c.c.village_id == village_id).order_by(c.c.created_at)
            ).all()
        )


def device_id_of(pc: Any) -> str:
    status = pc.engine.status()
    assert status.device_id
    return str(status.device_id)
