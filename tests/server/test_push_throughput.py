"""The push path stays cheap: SQL statements per op of a large push (so the server-load figure,
200 villages x 50 ops at once, cannot silently regress), and a busy pool answers 503 with
Retry-After (the client retries) instead of 500."""

from __future__ import annotations

import uuid
from typing import Any

from merge_tools import Ops, add_device, add_village, push, worker_fields
from sqlalchemy import event, func, select

from app.models import new_id
from app.server import tables as t
from app.server.db import ServerDatabase

BATCH = 200
# Before the batch work (PostgreSQL, 21 Nov 2026): ~9 statements per new worker (1,800 for
# 200). Now: one INSERT per row plus a constant handful for the whole batch.
MAX_STATEMENTS = 30


class Counter:
    def __init__(self) -> None:
        self.statements = 0
        self.texts: list[str] = []

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.statements += 1
        self.texts.append(statement.split(None, 1)[0].upper())


def _count_push(server_db: ServerDatabase, device: Any, ops: list[Any]) -> tuple[Counter, Any]:
    counter = Counter()
    event.listen(server_db.engine, "before_cursor_execute", counter)
    try:
        reply = push(server_db, device, ops)
    finally:
        event.remove(server_db.engine, "before_cursor_execute", counter)
    return counter, reply


def test_a_push_of_200_new_workers_stays_under_the_statement_bound(
    server_db: ServerDatabase,
) -> None:
    vid = add_village(server_db)
    device = add_device(server_db, vid)
    ops = Ops()
    batch = [ops.insert("worker", new_id(), worker_fields(vid)) for _ in range(BATCH)]
    counter, reply = _count_push(server_db, device, batch)
    assert [r.result for r in reply.results] == ["applied"] * BATCH
    assert [r.version for r in reply.results] == list(range(2, BATCH + 2))
    assert counter.statements <= MAX_STATEMENTS, counter.texts
    with server_db.read_sessions() as session:
        logged = session.scalar(select(func.count()).select_from(t.change_log))
        counter_seq = session.scalar(select(t.village_counter.c.seq))
        applied = session.scalar(select(func.count()).select_from(t.applied_op))
        audited = session.scalar(
            select(func.count())
            .select_from(t.server_audit)
            .where(t.server_audit.c.actor == f"device:{device.device_id}")
        )
    assert (logged, counter_seq, applied, audited) == (BATCH + 1, BATCH + 1, BATCH, BATCH)


def test_one_bad_op_in_a_large_push_is_quarantined_alone_and_leaves_no_gap(
    server_db: ServerDatabase,
) -> None:
    vid = add_village(server_db)
    device = add_device(server_db, vid)
    ops = Ops()
    batch = [ops.insert("worker", new_id(), worker_fields(vid)) for _ in range(50)]
    bad = batch[20].fields | {"birth_date": "bukan-tanggal"}
    batch[20] = batch[20].model_copy(update={"fields": bad})
    _counter, reply = _count_push(server_db, device, batch)
    results = [r.result for r in reply.results]
    assert results == ["applied"] * 20 + ["rejected"] + ["applied"] * 29
    versions = [r.version for r in reply.results if r.result == "applied"]
    assert versions == list(range(2, 51))  # the rejected op took no version
    with server_db.read_sessions() as session:
        assert session.scalar(select(t.village_counter.c.seq)) == 50
        assert session.scalar(select(func.count()).select_from(t.quarantine)) == 1
        assert session.scalar(select(func.count()).select_from(t.change_log)) == 50


def test_pool_exhaustion_answers_503_with_retry_after(server_db: ServerDatabase) -> None:
    from fastapi.testclient import TestClient
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    from app.server.app import create_app
    from app.sync.protocol import PROTOCOL_VERSION

    def busy() -> Any:
        raise PoolTimeout("QueuePool limit reached")

    app = create_app(server_db)
    original = server_db.sessions
    object.__setattr__(server_db, "sessions", lambda: _Exploding(busy))
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            answer = client.get(
                "/api/v1/sync/review",
                headers={
                    "Authorization": f"Bearer {uuid.uuid4().hex}",
                    "X-Payung-Protocol": str(PROTOCOL_VERSION),
                },
            )
    finally:
        object.__setattr__(server_db, "sessions", original)
    assert answer.status_code == 503
    assert int(answer.headers["Retry-After"]) >= 1
    assert "sibuk" in answer.json()["detail"]


class _Exploding:
    """A session whose every statement fails the way a pool that gave no connection does."""

    def __init__(self, raise_: Any) -> None:
        self._raise = raise_

    def execute(self, *_a: Any, **_k: Any) -> Any:
        return self._raise()

    def scalar(self, *_a: Any, **_k: Any) -> Any:
        return self._raise()

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_a_request_waiting_too_long_for_a_database_slot_answers_503(
    server_db: ServerDatabase, monkeypatch: Any
) -> None:
    import asyncio

    from fastapi.testclient import TestClient

    from app.server import deps
    from app.server.app import create_app
    from app.sync.protocol import PROTOCOL_VERSION

    monkeypatch.setattr(deps, "SLOT_WAIT_S", 0.05)
    app = create_app(server_db)
    app.state.database_slots = asyncio.Semaphore(0)  # every slot held by other requests
    with TestClient(app, raise_server_exceptions=False) as client:
        answer = client.get(
            "/api/v1/sync/review",
            headers={
                "Authorization": f"Bearer {uuid.uuid4().hex}",
                "X-Payung-Protocol": str(PROTOCOL_VERSION),
            },
        )
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "2"
    assert answer.json() == {
        "detail": "Server sedang sibuk melayani banyak desa; coba lagi sebentar lagi."
    }


def _mixed_batch(vid: uuid.UUID) -> list[Any]:
    """Inserts, a twin NIK, a child of a row made in the same push, an update and a delete of
    rows made in it, an edit conflicting on an identity field."""
    from merge_tools import heir_fields

    ops = Ops()
    a, b, heir = new_id(), new_id(), new_id()
    nik = worker_fields(vid)["nik"]
    return [
        ops.insert("worker", a, worker_fields(vid, nik=nik, full_name="Siti Aminah")),
        ops.insert("worker", b, worker_fields(vid, nik=nik, full_name="Siti Aminah")),
        ops.insert("heir", heir, heir_fields(vid, a)),
        ops.update("worker", a, {"phone": "0812"}, {"phone": None}, 2),
        ops.delete("heir", heir, 4),
        ops.update("worker", b, {"full_name": "Siti A"}, {"full_name": "Siti"}, 3),
        *[ops.insert("worker", new_id(), worker_fields(vid)) for _ in range(5)],
    ]


def _state(server_db: ServerDatabase, vid: uuid.UUID, reply: Any) -> Any:
    with server_db.read_sessions() as session:
        log = session.execute(
            select(t.change_log.c.seq, t.change_log.c.entity)
            .where(t.change_log.c.village_id == vid)
            .order_by(t.change_log.c.seq)
        ).all()
        seq = session.scalar(
            select(t.village_counter.c.seq).where(t.village_counter.c.village_id == vid)
        )
        kinds = session.scalars(
            select(t.sync_conflict.c.kind)
            .where(t.sync_conflict.c.village_id == vid)
            .order_by(t.sync_conflict.c.device_seq)
        ).all()
    results = [(r.result, r.version, r.conflict_id is not None) for r in reply.results]
    return results, [tuple(e) for e in log], seq, list(kinds)


def test_the_optimistic_pass_and_the_op_by_op_replay_give_the_same_outcome(
    server_db: ServerDatabase, monkeypatch: Any
) -> None:
    from app.server import merge

    fast_village = add_village(server_db, "35.21.01.2001")
    device = add_device(server_db, fast_village)
    counter, reply = _count_push(server_db, device, _mixed_batch(fast_village))
    assert counter.texts.count("SAVEPOINT") == 1  # no op failed: one optimistic pass
    fast = _state(server_db, fast_village, reply)
    real = merge._dispatch

    def fail_optimistic_pass_at_the_end(push_: Any, op: Any) -> Any:
        if push_.batch.defer_flush and op.device_seq == 11:
            raise RuntimeError("force the replay")
        return real(push_, op)

    monkeypatch.setattr(merge, "_dispatch", fail_optimistic_pass_at_the_end)
    slow_village = add_village(server_db, "35.21.01.2002")
    slow = _state(
        server_db,
        slow_village,
        push(server_db, add_device(server_db, slow_village), _mixed_batch(slow_village)),
    )
    assert fast == slow
    results = fast[0]
    assert [r[0] for r in results[:6]] == [
        "applied", "conflict", "applied", "applied", "applied", "conflict",
    ]  # fmt: skip
    assert fast[3] == ["duplicate_nik", "field"]
    assert fast[2] == fast[1][-1][0]  # the counter ends at the last version handed out
