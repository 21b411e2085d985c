"""Sync fault scenarios 1, 2, 3, 4, 8, 9, 13 and 16 of issue 5, against the real server.

Every test runs the real `payung-server serve` on 127.0.0.1 (SQLite, and PostgreSQL when
PAYUNG_TEST_PG_URL is set: see scripts/with-postgres.sh) and village PCs on real SQLite files.
Faults come from three tools:
- `faultproxy.FaultProxy` between client and server: holds, drops or delays an answer, answers
  503, cuts a connection, and keeps what went through (the push replies) for assertions;
- `crashclient.py`, a child process running one sync, SIGKILLed at a chosen moment (after the
  proxy saw the server answer, at an `app.sync.faults` checkpoint, or at a random time);
- the server process itself, stopped and started again in the middle of a sync.
Each test ends by comparing real data: every synced table on the PC against the server (rows,
versions, tombstones and the verify digests), the outbox, applied_op and quarantine rows.
"""

from __future__ import annotations

import functools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from dbprobe import outbox, query
from factories import make_worker_draft
from faultproxy import FaultProxy
from merge_tools import Ops, worker_fields
from servertools import REPO, ServerHandle, auth, enroll_device, start_server
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from synctools import PC, Village, set_up_village

from app.models import new_id
from app.server import tables as t
from app.server.bundles import import_bundle_file
from app.server.changes import write_row
from app.server.db import ServerDatabase, open_server_database
from app.server.migrate import upgrade
from app.server.pull import verify_tables
from app.sync import apply
from app.sync import run as run_module
from app.sync.bundle_client import STALE, export_bundle, import_bundle
from app.sync.bundle_format import VillageBundle, open_bundle, read_header, write_bundle
from app.sync.engine import Progress, SyncEngine
from app.sync.errors import SyncBusy
from app.sync.protocol import SYNC_ENTITIES, PushRequest
from app.sync.secrets import SecretStore

CRASHCLIENT = Path(__file__).with_name("crashclient.py")
PG_ENV = "PAYUNG_TEST_PG_URL"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get(PG_ENV) else [])
SEED = int(os.environ.get("PAYUNG_CRASH_SEED", "20261121"))
API = "/api/v1"
HELLO, PUSH, PULL = f"{API}/sync/hello", f"{API}/sync/push", f"{API}/sync/pull"
BUSY = "Sinkronisasi sedang berjalan"


# -- fixtures: the real server on SQLite and PostgreSQL -------------------------------------


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[ServerDatabase, ServerHandle]]:
    """Overrides tests/sync/conftest.py's `server`: the same, once per backend."""
    data_dir = tmp_path_factory.mktemp(f"server-{request.param}")
    admin = None
    name = f"payung_scen_{uuid.uuid4().hex[:12]}"
    if request.param == "sqlite":
        url = f"sqlite:///{data_dir / 'server.sqlite3'}"
    else:
        raw = os.environ[PG_ENV]
        if raw.startswith(("postgresql://", "postgres://")):
            raw = "postgresql+psycopg://" + raw.split("://", 1)[1]
        admin = create_engine(raw, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(raw).set(database=name).render_as_string(hide_password=False)
    db = open_server_database(url, data_dir)
    upgrade(db)
    handle = start_server(db.url, data_dir)
    yield db, handle
    handle.stop()
    db.dispose()
    if admin is not None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def handle(server: tuple[ServerDatabase, ServerHandle]) -> Iterator[ServerHandle]:
    """The server process; started again after the test if a test left it stopped."""
    yield server[1]
    if not server[1].running:
        server[1].start()


@pytest.fixture
def proxy(server: tuple[ServerDatabase, ServerHandle]) -> Iterator[FaultProxy]:
    with FaultProxy(server[1].port) as running:
        yield running


# -- helpers --------------------------------------------------------------------------------


def connect(pc: PC, village: Village, url: str | None = None, *, set_up: bool = True) -> None:
    """Enroll the PC (through the proxy when `url` is the proxy's)."""
    if set_up:
        set_up_village(pc, village.code)
    pc.engine.connect(url or village.url, village.enrollment(), label="PC uji")


def device_id(pc: PC) -> str:
    return str(query(pc.paths.database, "SELECT device_id FROM sync_state")[0]["device_id"])


def cursor(db: Path) -> int:
    return int(
        query(db, "SELECT last_pulled_seq FROM sync_state WHERE id = 1")[0]["last_pulled_seq"]
    )


def add_workers(pc: PC, count: int, **fields: str) -> list[str]:
    return [pc.ctx.register.add(make_worker_draft(**fields)).id for _ in range(count)]


def hexid(value: Any) -> str:
    return uuid.UUID(str(value)).hex


def client_rows(db: Path) -> dict[str, set[tuple[str, int | None, bool]]]:
    """Every synced table of a PC: (id, version, deleted) of every row."""
    rows: dict[str, set[tuple[str, int | None, bool]]] = {}
    for entity in SYNC_ENTITIES:
        found = query(db, f"SELECT id, version, deleted FROM {entity}")
        rows[entity] = {(hexid(r["id"]), r["version"], bool(r["deleted"])) for r in found}
        assert len(rows[entity]) == len(found), f"{entity}: a row is there twice"
    return rows


def server_rows(village: Village) -> dict[str, set[tuple[str, int | None, bool]]]:
    rows: dict[str, set[tuple[str, int | None, bool]]] = {}
    with village.db.read_sessions.begin() as session:
        for entity in SYNC_ENTITIES:
            table = t.ENTITY_TABLES[entity]
            scope = table.c.id if entity == "village" else table.c.village_id
            found = session.execute(
                select(table.c.id, table.c.version, table.c.deleted).where(scope == village.id)
            ).all()
            rows[entity] = {(hexid(r.id), r.version, bool(r.deleted)) for r in found}
    return rows


def server_top(village: Village) -> int:
    """The village's last change_log seq: where a fully pulled cursor stands."""
    with village.db.read_sessions.begin() as session:
        top = session.scalar(
            select(func.max(t.change_log.c.seq)).where(t.change_log.c.village_id == village.id)
        )
    return int(top or 0)


def server_workers(village: Village) -> dict[str, Any]:
    table = t.ENTITY_TABLES["worker"]
    with village.db.read_sessions.begin() as session:
        found = session.execute(select(table).where(table.c.village_id == village.id)).all()
    return {hexid(r.id): r for r in found}


def applied_ops(village: Village, device: str) -> list[tuple[int, str, str]]:
    """(device_seq, op_id hex, result) of every op the server stored for a device."""
    with village.db.read_sessions.begin() as session:
        found = session.execute(
            select(t.applied_op.c.device_seq, t.applied_op.c.op_id, t.applied_op.c.result)
            .where(t.applied_op.c.device_id == device)
            .order_by(t.applied_op.c.device_seq)
        ).all()
    return [(r.device_seq, hexid(r.op_id), r.result) for r in found]


def quarantined(village: Village) -> int:
    with village.db.read_sessions.begin() as session:
        n = session.scalar(
            select(func.count())
            .select_from(t.quarantine)
            .where(t.quarantine.c.village_id == village.id)
        )
    return int(n or 0)


def outbox_keys(db: Path) -> list[tuple[int, str]]:
    return [(row["seq"], hexid(row["op_id"])) for row in outbox(db)]


def assert_converged(pc: PC, village: Village) -> None:
    """The PC holds exactly the server's rows (ids, versions, tombstones, digests), sends
    nothing more and its cursor stands at the server's last change."""
    db = pc.paths.database
    assert outbox(db) == []
    assert client_rows(db) == server_rows(village)
    with pc.ctx.database.sessions() as session:
        local = apply.local_digests(session)
    with village.db.read_sessions.begin() as session:
        remote = verify_tables(session, village.id)
    assert {e: (d.count, d.digest) for e, d in remote.tables.items()} == local
    assert cursor(db) == server_top(village)


def reopen(pcs: Callable[..., PC], pc: PC, **engine_kwargs: Any) -> PC:
    pc.close()
    return pcs(pc.paths.data_dir.name, **engine_kwargs)


# -- the crash client (a child process) -------------------------------------------------------


def client_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAYUNG_")}
    env.update(PYTHONPATH=str(REPO), PAYUNG_KEYRING="off", LANG="C.UTF-8")
    # Pull pages of 200 (the app asks for protocol.PULL_PAGE = 1,000): the crash tests kill
    # the client between pages of a few hundred rows (crashclient.py reads this).
    env.update(PAYUNG_TEST_PULL_PAGE="200")
    env.update(extra)
    return env


class Child:
    """crashclient.py on a data folder; its stdout lines are collected as they come."""

    def __init__(self, data_dir: Path, **env: str) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, str(CRASHCLIENT), str(data_dir)],
            cwd=REPO,
            env=client_env(**env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.decode().rstrip("\n"))

    def wait_for(self, test: Callable[[], bool], what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not test():
            if self.process.poll() is not None and not test():
                self._reader.join(5)
                if test():
                    return
                raise AssertionError(f"crash client ended before {what}: {self.report()}")
            if time.monotonic() > deadline:
                self.kill()
                raise AssertionError(f"crash client never reached {what}: {self.report()}")
            time.sleep(0.005)

    def wait_line(self, prefix: str, timeout: float = 60) -> None:
        self.wait_for(lambda: any(x.startswith(prefix) for x in self.lines), repr(prefix), timeout)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)
        self._reader.join(10)

    def finish(self, timeout: float = 60) -> int:
        code = self.process.wait(timeout)
        self._reader.join(10)
        return code

    @property
    def done(self) -> bool:
        return any(x.startswith("{") for x in self.lines)

    def report(self) -> str:
        err = self.process.stderr.read().decode() if self.process.poll() is not None else ""
        return f"stdout={self.lines[-5:]} stderr={err[-2000:]}"


def child_at_fault(data_dir: Path, point: str, marker: Path, skip: int = 0) -> Child:
    """A crash client that stops (sleeping) at an app.sync.faults checkpoint; returns once it
    is there."""
    child = Child(
        data_dir,
        PAYUNG_FAULT_POINT=point,
        PAYUNG_FAULT_FILE=str(marker),
        PAYUNG_FAULT_SKIP=str(skip),
    )
    child.wait_for(marker.exists, f"checkpoint {point}")
    return child


def seed_workers(village: Village, count: int) -> list[uuid.UUID]:
    """Workers written on the server (as DPMD edits would be), in one transaction."""
    ids = [new_id() for _ in range(count)]
    with village.db.sessions.begin() as session:
        for row_id in ids:
            values = worker_fields(village.id)
            del values["deleted"]
            write_row(session, village_id=village.id, entity="worker", row_id=row_id,
                      values=values, actor="cli")  # fmt: skip
    return ids


# == 1. killed after the server committed a push =============================================


def test_01_client_killed_after_server_committed_push_resend_has_no_duplicates(
    village: Village, pcs: Callable[..., PC], proxy: FaultProxy
) -> None:
    pc = pcs("office")
    connect(pc, village, proxy.url)
    workers = add_workers(pc, 3)
    before = outbox_keys(pc.paths.database)
    assert len(before) == 4  # the village and three workers
    held = proxy.hold("POST", PUSH, nth=1)
    pc.close()

    child = Child(pc.paths.data_dir)
    assert held.answered.wait(60), child.report()  # the server committed and answered
    child.kill()  # ... and the client died before reading the answer
    held.release.set()

    device = device_id(pc)
    assert applied_ops(village, device) == [(seq, op, "applied") for seq, op in before]
    assert set(server_workers(village)) == {hexid(w) for w in workers}
    assert outbox_keys(pc.paths.database) == before  # nothing was recorded on the PC

    pc = pcs("office")
    result = pc.engine.sync()
    resend = proxy.exchanges("POST", PUSH)[-1]
    assert resend.status == 200
    assert [(r["device_seq"], r["result"]) for r in resend.response["results"]] == [
        (seq, "duplicate") for seq, _ in before
    ]
    assert result.pushed == 4
    assert applied_ops(village, device) == [(seq, op, "applied") for seq, op in before]
    assert len(server_workers(village)) == 3
    assert quarantined(village) == 0
    assert_converged(pc, village)


def test_01b_client_killed_after_reading_the_push_answer_before_recording_it(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs("office")
    connect(pc, village)
    workers = add_workers(pc, 2)
    before = outbox_keys(pc.paths.database)
    pc.close()
    child = child_at_fault(pc.paths.data_dir, "push.answered", tmp_path / "fault")
    child.kill()
    assert outbox_keys(pc.paths.database) == before
    pc = pcs("office")
    assert pc.engine.sync().pushed == len(before)
    assert applied_ops(village, device_id(pc)) == [(s, o, "applied") for s, o in before]
    assert set(server_workers(village)) == {hexid(w) for w in workers}
    assert_converged(pc, village)


# == 2. killed in the middle of a pull ======================================================


def _consistent_cursor(pc_db: Path, village: Village) -> int:
    """The PC holds exactly the server rows up to its cursor: nothing beyond, nothing missing
    (the server rows did not change meanwhile, so versions <= cursor are what it pulled)."""
    at = cursor(pc_db)
    local = client_rows(pc_db)
    remote = server_rows(village)
    for entity in SYNC_ENTITIES:
        upto = {row for row in remote[entity] if row[1] is not None and row[1] <= at}
        assert local[entity] == upto, entity
    return at


@pytest.mark.parametrize(
    ("point", "skip"),
    [("pull.apply", 1), ("pull.before_cursor", 0), ("pull.before_cursor", 1)],
    ids=["inside-apply-page2", "before-cursor-page1", "before-cursor-page2"],
)
def test_02_client_killed_mid_pull_loses_and_doubles_nothing(
    village: Village, pcs: Callable[..., PC], tmp_path: Path, point: str, skip: int
) -> None:
    seed_workers(village, 300)  # with the village: two pages
    pc = pcs("fresh")
    connect(pc, village, set_up=False)
    pc.close()
    child = child_at_fault(pc.paths.data_dir, point, tmp_path / "fault", skip=skip)
    child.kill()

    at = _consistent_cursor(pc.paths.database, village)
    committed = query(pc.paths.database, "SELECT count(*) AS n FROM worker")[0]["n"]
    if skip == 0:  # killed in the first page: nothing of it stayed
        assert (at, committed) == (0, 0)
    else:  # the first page and its cursor stayed, the second page left no trace
        assert at > 0 and 0 < committed < 300

    pc = pcs("fresh")
    pc.engine.sync()
    assert len(server_workers(village)) == 300
    assert_converged(pc, village)


# On SQLite only: the PC's crash safety does not depend on the server's database (26 s).
@pytest.mark.parametrize("server", ["sqlite"], indirect=True)
def test_02c_twenty_random_kills_during_a_large_first_pull_end_in_convergence(
    village: Village, pcs: Callable[..., PC], server: tuple[ServerDatabase, ServerHandle]
) -> None:
    seed_workers(village, 2000)
    pc = pcs("fresh")
    connect(pc, village, set_up=False)
    pc.close()
    rng = random.Random(SEED)
    top = server_top(village)
    cursors = [0]
    kills = 0
    for _ in range(20):
        # Pages of 50: 40 pages, so most kills land mid-pull, however fast the PC writes.
        child = Child(pc.paths.data_dir, PAYUNG_TEST_PULL_PAGE="50")
        child.wait_line("progress hello 1")  # the pull starts now
        time.sleep(rng.uniform(0.0, 0.25))
        child.kill()
        if child.done:
            break
        kills += 1
        cursors.append(_consistent_cursor(pc.paths.database, village))
    print(f"{kills} kills, cursors {cursors}")
    assert kills >= 5
    assert len({c for c in cursors if 0 < c < top}) >= 3  # several kills landed mid-pull
    assert cursors == sorted(cursors)  # the cursor never went back
    pc = pcs("fresh")
    pc.engine.sync()
    assert query(pc.paths.database, "SELECT count(*) AS n FROM worker")[0]["n"] == 2000
    assert pc.scalar("SELECT count(*) FROM sync_review WHERE kind = 'held'") == 0
    assert_converged(pc, village)


# == 3. the same work twice ===================================================================


def _push(url: str, token: str, ops: list[Any]) -> httpx.Response:
    body = PushRequest(ops=ops).model_dump(mode="json")
    return httpx.post(f"{url}{PUSH}", json=body, headers=auth(token), timeout=60)


def _server_counts(village: Village) -> tuple[int, int, int]:
    with village.db.read_sessions.begin() as session:
        seq = session.scalar(
            select(t.village_counter.c.seq).where(t.village_counter.c.village_id == village.id)
        )
        logs = session.scalar(
            select(func.count())
            .select_from(t.change_log)
            .where(t.change_log.c.village_id == village.id)
        )
        ops = session.scalar(select(func.count()).select_from(t.applied_op))
    return int(seq or 0), int(logs or 0), int(ops or 0)


def test_03a_the_same_push_batch_twice_answers_duplicate_and_makes_no_version(
    village: Village,
) -> None:
    device = enroll_device(village.db, village.url, village.code)
    numbering = Ops()
    ops = [numbering.insert("worker", new_id(), worker_fields(village.id)) for _ in range(5)]
    first = _push(village.url, device["token"], ops)
    assert first.status_code == 200, first.text
    assert {r["result"] for r in first.json()["results"]} == {"applied"}
    counts, rows = _server_counts(village), server_rows(village)

    again = _push(village.url, device["token"], ops)
    assert again.status_code == 200, again.text
    assert [(r["device_seq"], r["result"], r["version"]) for r in again.json()["results"]] == [
        (r["device_seq"], "duplicate", r["version"]) for r in first.json()["results"]
    ]
    assert _server_counts(village) == counts  # no new version, change or applied_op row
    assert server_rows(village) == rows
    assert [r[2] for r in applied_ops(village, device["device_id"])] == ["applied"] * 5


def test_03b_overlapping_batches_apply_each_op_once(village: Village) -> None:
    device = enroll_device(village.db, village.url, village.code)
    numbering = Ops()
    ops = [numbering.insert("worker", new_id(), worker_fields(village.id)) for _ in range(350)]
    first = _push(village.url, device["token"], ops[0:200])
    assert first.status_code == 200, first.text
    second = _push(village.url, device["token"], ops[149:350])
    assert second.status_code == 200, second.text
    results = [(r["device_seq"], r["result"]) for r in second.json()["results"]]
    assert results == [(s, "duplicate") for s in range(150, 201)] + [
        (s, "applied") for s in range(201, 351)
    ]
    stored = applied_ops(village, device["device_id"])
    assert stored == [(op.device_seq, op.op_id.hex, "applied") for op in ops]
    assert {hexid(op.row_id) for op in ops} <= set(server_workers(village))
    with village.db.read_sessions.begin() as session:
        last = session.scalar(
            select(t.device.c.last_device_seq).where(t.device.c.id == device["device_id"])
        )
    assert last == 350


def _local_snapshot(db: Path) -> dict[str, Any]:
    snap: dict[str, Any] = {e: query(db, f"SELECT * FROM {e} ORDER BY id") for e in SYNC_ENTITIES}
    snap["outbox"] = query(db, "SELECT * FROM sync_outbox ORDER BY seq")
    snap["cursor"] = cursor(db)
    return snap


def test_03c_the_same_usb_bundle_twice_on_the_server_and_the_same_reply_twice_on_the_pc(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs("office")
    connect(pc, village)
    add_workers(pc, 2)
    waiting = len(outbox(pc.paths.database))
    bundle = tmp_path / "desa.payung"
    export_bundle(pc.engine, bundle)

    first = import_bundle_file(village.db, bundle, tmp_path / "balasan-1.payung")
    counts, rows = _server_counts(village), server_rows(village)
    second = import_bundle_file(village.db, bundle, tmp_path / "balasan-2.payung")
    assert (first.applied, first.duplicates) == (waiting, 0)
    assert (second.applied, second.duplicates, second.rejected) == (0, waiting, 0)
    assert _server_counts(village) == counts and server_rows(village) == rows

    result = import_bundle(pc.engine, tmp_path / "balasan-1.payung")
    assert result.pushed == waiting
    snap = _local_snapshot(pc.paths.database)
    for reply in ("balasan-1.payung", "balasan-2.payung", "balasan-1.payung"):
        assert import_bundle(pc.engine, tmp_path / reply).pushed == 0
        assert _local_snapshot(pc.paths.database) == snap
    assert_converged(pc, village)


def test_03d_an_old_reply_after_a_newer_online_sync_changes_nothing(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs("office")
    connect(pc, village)
    [worker] = add_workers(pc, 1)
    export_bundle(pc.engine, tmp_path / "desa.payung")
    import_bundle_file(village.db, tmp_path / "desa.payung", tmp_path / "lama.payung")
    pc.engine.sync()  # online: the ops come back duplicate, the outbox drains
    other = pcs("other")
    connect(other, village, set_up=False)
    other.engine.sync()
    other.ctx.register.edit(worker, {"phone": "081277770000"})
    other.engine.sync()
    pc.engine.sync()
    snap = _local_snapshot(pc.paths.database)

    result = import_bundle(pc.engine, tmp_path / "lama.payung")
    assert STALE in result.warnings
    assert _local_snapshot(pc.paths.database) == snap  # cursor included: never back
    assert pc.ctx.register.get(worker).phone == "081277770000"
    assert_converged(pc, village)


# == 4. numbering gaps and ops out of order ===================================================


def test_04a_a_push_starting_too_high_gets_409_then_the_client_recovers(
    village: Village, pcs: Callable[..., PC]
) -> None:
    pc = pcs("office")
    connect(pc, village)
    add_workers(pc, 2)
    device = device_id(pc)
    secret = SecretStore(pc.paths.data_dir, use_keyring=False).load(device)
    assert secret is not None
    with pc.ctx.database.sessions() as session:
        ops = apply.pending_ops(session)
    shifted = [op.model_copy(update={"device_seq": op.device_seq + 4}) for op in ops]
    answer = _push(village.url, secret.token, shifted)
    assert answer.status_code == 409
    assert answer.json()["expected_device_seq"] == 1
    assert applied_ops(village, device) == []  # nothing applied

    keys = outbox_keys(pc.paths.database)
    with pc.ctx.database.sessions.begin() as session:  # the PC's own numbering gets a hole
        session.execute(text("UPDATE sync_outbox SET seq = seq + 10"))
        session.execute(
            text("UPDATE sqlite_sequence SET seq = seq + 10 WHERE name = 'sync_outbox'")
        )
    result = pc.engine.sync()
    assert result.pushed == len(keys)
    assert applied_ops(village, device) == [(s, o, "applied") for s, o in keys]
    assert quarantined(village) == 0
    assert_converged(pc, village)


def test_04b_an_update_before_its_create_in_a_bundle_is_applied_in_device_seq_order(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs("office")
    connect(pc, village)
    [worker] = add_workers(pc, 1)
    pc.ctx.register.edit(worker, {"phone": "081233334444"})
    device, key, code = pc.engine.identity() or ("", "", "")
    export_bundle(pc.engine, tmp_path / "urut.payung")
    _, bundle = open_bundle(tmp_path / "urut.payung", key, expect_kind="village")
    assert [op.op for op in bundle.ops[-2:]] == ["insert", "update"]
    shuffled = VillageBundle(hello=bundle.hello, ops=list(reversed(bundle.ops)))
    write_bundle(tmp_path / "acak.payung", kind="village", device_id=device,
                 village_code=code, key=key, payload=shuffled)  # fmt: skip
    assert read_header(tmp_path / "acak.payung").device_id == device

    summary = import_bundle_file(village.db, tmp_path / "acak.payung", tmp_path / "r.payung")
    assert (summary.applied, summary.rejected, summary.conflicts) == (3, 0, 0)
    stored = applied_ops(village, device)
    assert [r[0] for r in stored] == [1, 2, 3] and {r[2] for r in stored} == {"applied"}
    assert server_workers(village)[hexid(worker)].phone == "081233334444"
    import_bundle(pc.engine, tmp_path / "r.payung")
    assert_converged(pc, village)


# == 8. a PC clock far off ====================================================================

SKEWS = {
    "ten-years-back": (-timedelta(days=3652, seconds=30), "3652 hari"),
    "one-year-ahead": (timedelta(days=365, seconds=30), "365 hari"),
    "one-hour-off": (-timedelta(hours=1, seconds=30), "1 jam"),
}


def _skewed(offset: timedelta) -> Callable[[], datetime]:
    return lambda: datetime.now(UTC) + offset


@pytest.mark.parametrize("case", list(SKEWS))
def test_08_clock_skew_syncs_and_warns(village: Village, pcs: Callable[..., PC], case: str) -> None:
    offset, words = SKEWS[case]
    pc = pcs("office", now=_skewed(offset))
    connect(pc, village)
    workers = add_workers(pc, 2)
    result = pc.engine.sync()
    assert result.warnings == (
        f"Jam komputer ini berbeda {words} dari server; perbaiki tanggal dan jam Windows.",
    )
    assert result.pushed == 3
    assert set(server_workers(village)) == {hexid(w) for w in workers}
    assert_converged(pc, village)


def test_08b_clock_skew_warning_on_stderr_of_payung_sync(
    village: Village, pcs: Callable[..., PC], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    from app.cli import main
    from app.sync import engine as engine_module

    pc = pcs("office")
    connect(pc, village)
    pc.close()
    late = functools.partial(SyncEngine, now=_skewed(-timedelta(days=3652, seconds=30)))
    monkeypatch.setattr(engine_module, "SyncEngine", late)
    capsys.readouterr()
    assert main(["--data-dir", str(pc.paths.data_dir), "sync"]) == 0
    out, err = capsys.readouterr()
    assert err == (
        "payung: Jam komputer ini berbeda 3652 hari dari server; perbaiki tanggal dan jam "
        "Windows.\n"
    )
    assert out.startswith("Terkirim 1 perubahan")


def test_08c_a_verify_stamped_by_a_clock_running_ahead_is_due_once_the_clock_is_right(
    village: Village, pcs: Callable[..., PC]
) -> None:
    pc = pcs("office", now=_skewed(timedelta(days=365)))
    connect(pc, village)
    pc.engine.sync()
    ahead = pc.scalar("SELECT last_verified_at FROM sync_state")
    pc = reopen(pcs, pc)  # the clock corrected
    pc.engine.sync()
    assert pc.scalar("SELECT last_verified_at FROM sync_state") < ahead  # verified again


# == 9. server trouble in the middle of a sync ===============================================


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> int:
    """Batches and pages of 20 instead of 200 and 1,000: the same code paths with a tenth of
    the data."""
    monkeypatch.setattr(run_module, "BATCH_SIZE", 20)
    monkeypatch.setattr(run_module, "PULL_PAGE", 20)
    return 20


@pytest.mark.parametrize("trouble", ["503", "answer-lost", "cut"])
def test_09_a_5xx_or_lost_answer_on_the_second_push_batch_is_retried_and_drains(
    village: Village, pcs: Callable[..., PC], proxy: FaultProxy, trouble: str, small_batches: int
) -> None:
    pc = pcs("office")
    connect(pc, village, proxy.url)
    add_workers(pc, 30)  # with the village: batches of 20 and 11
    keys = outbox_keys(pc.paths.database)
    if trouble == "503":
        proxy.fail("POST", PUSH, nth=2, status=503)
    elif trouble == "answer-lost":
        proxy.drop("POST", PUSH, nth=2)  # forwarded and committed, the answer never comes
    else:
        proxy.cut("POST", PUSH, nth=2)  # the connection closes before the server sees it
    result = pc.engine.sync()
    pushes = proxy.exchanges("POST", PUSH)
    assert [p.status for p in pushes] == [200, 503 if trouble == "503" else None, 200]
    assert len(pushes[0].request["ops"]) == small_batches
    retried = [r["result"] for r in pushes[2].response["results"]]
    assert retried == ["duplicate" if trouble == "answer-lost" else "applied"] * 11
    assert result.pushed == len(keys)
    assert applied_ops(village, device_id(pc)) == [(s, o, "applied") for s, o in keys]
    assert len(server_workers(village)) == 30
    assert_converged(pc, village)


def test_09b_server_restarted_while_a_multi_batch_sync_runs(
    village: Village,
    pcs: Callable[..., PC],
    handle: ServerHandle,
    small_batches: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A restart takes ~2 s on a quiet machine and 10+ s on a loaded CI box: the in-run retries
    # are given a longer window here, so what is tested is the resume, not the machine's speed.
    monkeypatch.setattr(run_module, "RETRY_DELAYS", (0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0, 8.0))
    monkeypatch.setattr(run_module, "RETRY_BUDGET_SECONDS", 60.0)
    pc = pcs("office")
    connect(pc, village)
    add_workers(pc, 50)  # three batches; the server goes down after the first
    keys = outbox_keys(pc.paths.database)
    restarted: list[BaseException | None] = []

    def start_again() -> None:
        try:
            time.sleep(0.3)
            handle.start()
            restarted.append(None)
        except BaseException as exc:
            restarted.append(exc)

    starter = threading.Thread(target=start_again)

    def progress(report: Progress) -> None:
        if report.stage == "push" and report.done and not starter.is_alive() and not restarted:
            handle.stop()  # after the first batch: the server goes down ...
            starter.start()  # ... and comes back while the client retries

    result = pc.engine.sync(progress=progress)
    starter.join(60)
    assert restarted == [None]
    assert result.pushed == len(keys)
    assert applied_ops(village, device_id(pc)) == [(s, o, "applied") for s, o in keys]
    assert len(server_workers(village)) == 50
    assert_converged(pc, village)


def test_09c_a_pull_page_lost_or_answered_502_is_fetched_again(
    village: Village, pcs: Callable[..., PC], proxy: FaultProxy, small_batches: int
) -> None:
    seed_workers(village, 50)  # with the village: three pages of 20
    pc = pcs("fresh")
    connect(pc, village, proxy.url, set_up=False)
    proxy.drop("GET", PULL, nth=2)  # the connection breaks before the page arrives
    proxy.fail("GET", PULL, nth=4, status=502)
    result = pc.engine.sync()
    pulls = proxy.exchanges("GET", PULL)
    assert [p.status for p in pulls] == [200, None, 200, 502, 200]
    assert [p.path.split("since=")[1].split("&")[0] for p in pulls][1:3] == ["20", "20"]
    assert result.pulled == 51
    assert_converged(pc, village)


# == 13. a restored backup and a copied database ============================================


def test_13a_restored_old_backup_reinitialises_keeps_unsent_ops_and_loses_nothing(
    village: Village, pcs: Callable[..., PC], proxy: FaultProxy, tmp_path: Path
) -> None:
    from app.cli import main
    from app.services.backups import backup_now

    pc = pcs("office")
    connect(pc, village, proxy.url)
    pc.engine.sync()
    [early] = add_workers(pc, 1)  # not sent yet when the backup is taken
    backup = backup_now(pc.paths, tmp_path / "cadangan", label="uji")
    pc.engine.sync()
    [later] = add_workers(pc, 1)
    pc.engine.sync()
    other = pcs("other")
    connect(other, village, set_up=False)
    other.engine.sync()
    other.ctx.register.edit(early, {"phone": "081255556666"})  # edited after the backup
    other.engine.sync()
    early_on_server = server_workers(village)[hexid(early)]
    device = device_id(pc)
    stored_before = applied_ops(village, device)

    pc.close()
    assert main(["--data-dir", str(pc.paths.data_dir), "restore", str(backup)]) == 0
    pc = pcs("office")
    assert pc.ctx.register.get(early).phone in (None, "")  # the old copy
    [fresh] = add_workers(pc, 1)
    result = pc.engine.sync()

    [note] = query(pc.paths.database, "SELECT payload FROM sync_review WHERE kind = 'held'")
    assert json.loads(note["payload"])["kept"] == 2  # the early insert and the fresh one
    resend = next(p for p in proxy.exchanges("POST", PUSH) if p.status == 200 and any(
        hexid(op["row_id"]) == hexid(fresh) for op in p.request["ops"]))  # fmt: skip
    pairs = zip(resend.request["ops"], resend.response["results"], strict=True)
    outcome = {hexid(op["row_id"]): r["result"] for op, r in pairs}
    assert outcome == {hexid(early): "duplicate", hexid(fresh): "applied"}
    # the re-sent insert did not undo the later edit made on the other PC (B1, merge.py)
    after = server_workers(village)[hexid(early)]
    assert (after.version, after.phone) == (early_on_server.version, "081255556666")
    assert set(server_workers(village)) == {hexid(w) for w in (early, later, fresh)}
    assert applied_ops(village, device)[: len(stored_before)] == stored_before
    assert result.pushed == 2 and quarantined(village) == 0
    assert pc.ctx.register.get(early).phone == "081255556666"
    assert_converged(pc, village)
    other.engine.sync()
    assert_converged(other, village)


def test_13b_a_copied_database_on_two_pcs_reinitialises_and_both_converge(
    village: Village, pcs: Callable[..., PC]
) -> None:
    one = pcs("one")
    connect(one, village)
    one.engine.sync()
    [a] = add_workers(one, 1)  # unsent when the folder is copied
    one.close()
    shutil.copytree(one.paths.data_dir, one.paths.data_dir.parent / "two")
    one, two = pcs("one"), pcs("two")
    b = add_workers(one, 2)
    [c] = add_workers(two, 1)
    one.engine.sync()  # a and b: the server now expects a number the copy never issued
    two.engine.sync()  # hello -> reinit; a comes back, c is new
    [d] = add_workers(one, 1)
    one.engine.sync()  # hello -> reinit for the original now
    two.engine.sync()
    one.engine.sync()

    for pc in (one, two):
        held = query(pc.paths.database, "SELECT payload FROM sync_review WHERE kind = 'held'")
        assert held, "a re-initialisation leaves a note"
        assert_converged(pc, village)
    assert set(server_workers(village)) == {hexid(w) for w in (a, *b, c, d)}
    assert quarantined(village) == 0
    nik = [r.nik for r in server_workers(village).values()]
    assert len(nik) == len(set(nik)) == 5


# == 16. two syncs at once =====================================================================


def test_16a_two_threads_one_syncs_the_other_gets_sync_busy(
    village: Village, pcs: Callable[..., PC], proxy: FaultProxy
) -> None:
    pc = pcs("office")
    connect(pc, village, proxy.url)
    add_workers(pc, 2)
    keys = outbox_keys(pc.paths.database)
    held = proxy.hold("POST", HELLO, nth=1, then="answer")
    outcome: dict[str, Any] = {}

    def first() -> None:
        try:
            outcome["result"] = pc.engine.sync()
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=first)
    thread.start()
    assert held.answered.wait(30)
    window = SyncEngine(pc.ctx.database.sessions, pc.paths.data_dir,
                        secrets=SecretStore(pc.paths.data_dir, use_keyring=False))  # fmt: skip
    for engine in (pc.engine, window):  # the same engine and a second one (the window's)
        with pytest.raises(SyncBusy) as caught:
            engine.sync()
        assert BUSY in caught.value.message
    held.release.set()
    thread.join(60)
    assert "error" not in outcome and outcome["result"].pushed == len(keys)
    assert len(proxy.exchanges("POST", HELLO)) == 1
    assert applied_ops(village, device_id(pc)) == [(s, o, "applied") for s, o in keys]
    assert_converged(pc, village)


def test_16b_two_processes_one_syncs_the_other_gets_sync_busy_and_exit_1(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs("office")
    connect(pc, village)
    add_workers(pc, 2)
    keys = outbox_keys(pc.paths.database)
    child = child_at_fault(pc.paths.data_dir, "sync.start", tmp_path / "fault")
    try:
        with pytest.raises(SyncBusy):
            pc.engine.sync()
        cli = subprocess.run(
            [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())",
             "--data-dir", str(pc.paths.data_dir), "sync"],
            cwd=REPO, env=client_env(), capture_output=True, timeout=120, check=False,
        )  # fmt: skip
        assert cli.returncode == 1
        assert cli.stderr.decode().startswith(f"payung: {BUSY}")
        assert cli.stdout == b""
    finally:
        child.kill()  # the holder dies: the OS drops its lock
    assert outbox_keys(pc.paths.database) == keys and applied_ops(village, device_id(pc)) == []
    assert pc.engine.sync().pushed == len(keys)
    assert_converged(pc, village)
