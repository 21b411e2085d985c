"""Issue 8, server faults: the server killed and PostgreSQL crashed while villages push.

A throwaway PostgreSQL cluster owned by the test (bench/pg_cluster.py) so it can crash it;
the real `payung-server serve --workers 2` in its own process group; 20 village PCs (real
AppContext + SyncEngine on real SQLite files, bench/soak_parts.py), each in its own thread
adding workers and syncing in a loop. Midway the whole server group is SIGKILLed (master and
workers, like a power cut) and started again on the same port; later PostgreSQL is stopped
with `-m immediate` (every backend killed, no checkpoint) and started again (WAL recovery).
The PCs see failures, keep their outbox, and drain it once both are back. At the end every op
is on the server exactly once and every PC equals the server.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.server import tables as t
from app.server.db import ServerDatabase, open_server_database
from app.server.migrate import upgrade
from app.sync.protocol import SYNC_ENTITIES
from bench import synth
from bench.pg_cluster import PgCluster
from bench.soak_parts import ServerProcess, Tally, VillagePC, compare_with_server, village_fields
from bench.sync_server import add_village, enrollment_code

VILLAGES = 20


def wait_until(test: Callable[[], bool], what: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not test():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened within {timeout:.0f} s: {what}")
        time.sleep(0.05)


class Load:
    """One thread per PC: one or two changes, a sync, a short pause, until stopped. Counts
    the syncs that succeeded and failed per phase (the current `phase` label)."""

    def __init__(self, pcs: list[VillagePC], tally: Tally) -> None:
        self.pcs = pcs
        self.tally = tally
        self.stop = threading.Event()
        self.phase = "before"
        self.ok: dict[str, int] = {}
        self.failed: dict[str, int] = {}
        self.crashed: list[BaseException] = []
        self._guard = threading.Lock()
        self._drafts = iter(synth.make_drafts(VILLAGES * 400, 8))
        self._threads = [threading.Thread(target=self._loop, args=(pc,)) for pc in pcs]

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join(120)

    def _loop(self, pc: VillagePC) -> None:
        rng = random.Random(pc.index)
        try:
            while not self.stop.is_set():
                for _ in range(rng.choice((1, 2))):
                    with self._guard:
                        draft = next(self._drafts) if rng.random() < 0.7 else None
                    pc.change(rng, draft)
                phase = self.phase
                good = pc.sync(self.tally) is not None
                with self._guard:
                    counts = self.ok if good else self.failed
                    counts[phase] = counts.get(phase, 0) + 1
                self.stop.wait(rng.uniform(0.05, 0.3))
        except BaseException as exc:  # a crash of the client itself fails the test
            self.crashed.append(exc)

    def count(self, which: dict[str, int], phase: str) -> int:
        with self._guard:
            return which.get(phase, 0)


@pytest.fixture
def server_db(pg_cluster: PgCluster, tmp_path: Path) -> Iterator[ServerDatabase]:
    url = pg_cluster.create_database(f"payung_crash_{uuid.uuid4().hex[:8]}")
    db = open_server_database(url, tmp_path / "server")
    upgrade(db)
    yield db
    db.dispose()


def change_log_problems(db: ServerDatabase, village_id: uuid.UUID) -> list[str]:
    """Each row's version has its change_log entry (same entity and row); no seq twice; the
    village counter stands at the last entry."""
    problems = []
    with db.read_sessions.begin() as session:
        log = t.change_log
        entries = {
            seq: (entity, uuid.UUID(str(row)).hex)
            for seq, entity, row in session.execute(
                select(log.c.seq, log.c.entity, log.c.row_id).where(log.c.village_id == village_id)
            )
        }
        counter = session.scalar(
            select(t.village_counter.c.seq).where(t.village_counter.c.village_id == village_id)
        )
        for entity in SYNC_ENTITIES:
            table = t.ENTITY_TABLES[entity]
            scope = table.c.id if entity == "village" else table.c.village_id
            for row_id, version in session.execute(
                select(table.c.id, table.c.version).where(scope == village_id)
            ):
                if entries.get(version) != (entity, uuid.UUID(str(row_id)).hex):
                    problems.append(f"{entity} v{version}: no matching change_log entry")
    if counter != max(entries, default=0):
        problems.append(f"counter {counter}, last change_log seq {max(entries, default=0)}")
    return problems


def drain(pcs: list[VillagePC], tally: Tally) -> list[dict[str, Any]]:
    """Every PC sends what waits, then a sync with the verify repairs nothing; end states."""
    for pc in pcs:
        for _ in range(5):
            if pc.sync(tally) is not None and pc.pending() == 0:
                break
        result = pc.sync(tally, verify=True)
        assert result is not None and result.repaired == ()
    return [pc.state() for pc in pcs]


def test_server_sigkill_and_postgres_crash_under_load_lose_and_double_nothing(
    pg_cluster: PgCluster, server_db: ServerDatabase, tmp_path: Path
) -> None:
    db = server_db
    server = ServerProcess(db.url, tmp_path / "server", workers=2).start()
    tally = Tally()
    pcs: list[VillagePC] = []
    ids: dict[int, uuid.UUID] = {}
    try:
        for n in range(VILLAGES):
            ids[n] = add_village(db, village_fields(n))
            pc = VillagePC.open(n, tmp_path / f"pc-{n:02d}", tally)
            pc.connect(server.url, enrollment_code(db, village_fields(n)["code"]))
            pcs.append(pc)
        with Load(pcs, tally) as load:
            wait_until(lambda: load.count(load.ok, "before") >= VILLAGES, "syncs before")

            # 1. the server machine loses power: master and both workers SIGKILLed
            load.phase = "server down"
            server.kill()
            assert server.group_pids() == []
            wait_until(lambda: load.count(load.failed, "server down") >= VILLAGES // 2,
                       "failed syncs while the server is down")  # fmt: skip
            waiting = sum(pc.pending() for pc in pcs)
            assert waiting > 0  # the changes made meanwhile wait in the outboxes
            load.phase = "server starting"
            server.start()
            load.phase = "server back"
            wait_until(lambda: load.count(load.ok, "server back") >= VILLAGES, "syncs again")

            # 2. PostgreSQL crashes (immediate stop) under the running server, then recovers
            load.phase = "database down"
            before = sum(tally.errors.values())
            pg_cluster.stop_immediate()
            wait_until(lambda: sum(tally.errors.values()) >= before + 10,
                       "failed requests while PostgreSQL is down")  # fmt: skip
            load.phase = "database starting"
            pg_cluster.start_again()
            load.phase = "database back"
            wait_until(lambda: load.count(load.ok, "database back") >= VILLAGES, "syncs again")
        assert load.crashed == []
        assert load.count(load.failed, "server down") >= VILLAGES // 2
        kinds = {kind.split(": ")[1] for kind in tally.errors}
        assert kinds <= {"Offline", "ServerUnavailable"}, tally.errors

        states = drain(pcs, tally)
    finally:
        for pc in pcs:
            pc.close()
        server.stop()
    problems = []
    for state in states:
        problems += compare_with_server(db, ids[state["index"]], state)
        problems += change_log_problems(db, ids[state["index"]])
    assert problems == []
    issued = sum(s["issued"] for s in states)
    with db.read_sessions.begin() as session:
        stored = session.scalar(select(func.count()).select_from(t.applied_op))
    assert stored == issued
    assert sum(len(s["workers"]) for s in states) > 3 * VILLAGES
    print(f"{issued} ops from {VILLAGES} PCs; {dict(tally.errors)}; ok {load.ok}; "
          f"failed {load.failed}")  # fmt: skip
