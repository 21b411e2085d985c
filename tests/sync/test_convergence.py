"""Scenario 17: randomized convergence of villages, their PCs and the DPMD.

Per example: 2-3 villages on the real server (SQLite file; PostgreSQL too under
scripts/with-postgres.sh), each with 1-2 PCs (real migrated databases, talking to the server
through tests/sync/faultproxy.py), and DPMD edits through app.server.changes.write_row. Random
edits through the services (add worker, edit fields, end membership, add heir, remove heir)
interleave with random syncs, some of them faulty: a push whose answer is lost after the server
committed (the next sync re-sends: duplicates), 503 on push, 502 or a cut connection on pull,
an apply that dies before its transaction commits (power cut), a PC clock hours off, a USB
bundle round trip instead of an online sync. Then the faults stop, every PC syncs until quiet,
and: every PC holds exactly its village's server rows (values, versions, tombstones), and every
device_seq a PC issued is on the server as applied, duplicate-free, conflict or rejected.

Deterministic by default (fixed seed); PAYUNG_CONVERGENCE_SEED=<n> explores other examples, and
a failure prints the seed and the step log.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from factories import make_heir_draft, make_worker_draft
from faultproxy import FaultProxy
from hypothesis import HealthCheck, given, note, seed, settings
from hypothesis import strategies as st
from scenario_tools import (
    BACKENDS,
    applied_ops,
    backend_server,
    client_rows,
    device_id_of,
    differences,
    dpmd_write,
    outbox,
    server_rows,
)
from servertools import ServerHandle
from synctools import PC, Village, open_pc

from app.domain.categories import EndReason
from app.domain.errors import DomainError
from app.server.bundles import import_bundle_file
from app.server.db import ServerDatabase
from app.sync import run
from app.sync.bundle_client import export_bundle, import_bundle
from app.sync.engine import Progress
from app.sync.errors import SyncError

SEED = int(os.environ.get("PAYUNG_CONVERGENCE_SEED", "20261121"))
EXAMPLES = int(os.environ.get("PAYUNG_CONVERGENCE_EXAMPLES", "8"))
PUSH = "/api/v1/sync/push"
PULL = "/api/v1/sync/pull"
FAULTS = ("none", "none", "lost_reply", "push_503", "pull_502", "pull_cut", "power_cut",
          "skew", "bundle", "edit_during")  # fmt: skip
NO_WAIT = (0.01, 0.01)  # the settling syncs retry at once instead of after 0.5 s, 1 s...
NAMES = ("Siti Aminah", "Budi Santoso", "Sri Rahayu", "Agus Setiawan", "Dewi Lestari")


class PowerCut(Exception):
    """Raised inside the pull transaction, as if the PC lost power before the commit."""


class Clock:
    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


@dataclass
class Desk:
    """One PC of a village in an example."""

    pc: PC
    village: Village
    clock: Clock
    name: str


@dataclass
class World:
    db: ServerDatabase
    proxy: FaultProxy
    root: Path
    villages: list[Village] = field(default_factory=list)
    desks: list[Desk] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    noting: bool = True  # inside a Hypothesis example: the log goes into its report too

    def say(self, line: str) -> None:
        self.log.append(line)
        if self.noting:
            note(line)


@pytest.fixture(scope="module", params=BACKENDS)
def world_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[ServerDatabase, ServerHandle, FaultProxy]]:
    saved = run.RETRY_DELAYS
    run.RETRY_DELAYS = NO_WAIT
    request.addfinalizer(lambda: setattr(run, "RETRY_DELAYS", saved))
    with backend_server(request.param, tmp_path_factory.mktemp(request.param)) as (db, handle):
        proxy = FaultProxy(handle.port).start()
        try:
            yield db, handle, proxy
        finally:
            proxy.stop()


# -- building an example -------------------------------------------------------------------


def _build(world: World, shape: list[int]) -> None:
    for v_index, pcs_count in enumerate(shape):
        village = Village(world.db, world.proxy.url)
        world.villages.append(village)
        for p_index in range(pcs_count):
            clock = Clock()
            pc = open_pc(world.root / f"v{v_index}p{p_index}", now=clock)
            desk = Desk(pc, village, clock, f"v{v_index}p{p_index}")
            world.desks.append(desk)
            village.connect(pc, set_up=p_index == 0)
            pc.engine.sync()  # a second PC needs the village before its first edit


def _live(pc: PC, entity: str, **where: Any) -> list[uuid.UUID]:
    rows = client_rows(pc)[entity]
    return sorted(
        (row_id for row_id, (_, deleted, values) in rows.items()
         if not deleted and all(values.get(k) == v for k, v in where.items())),
        key=str,
    )  # fmt: skip


def _pick(data: st.DataObject, items: list[Any], label: str) -> Any:
    return items[data.draw(st.integers(0, len(items) - 1), label=label)] if items else None


# -- steps -------------------------------------------------------------------------------------


def _edit_step(world: World, data: st.DataObject, desk: Desk) -> None:
    pc = desk.pc
    kind = data.draw(
        st.sampled_from(["add_worker", "edit", "end", "add_heir", "edit_heir", "remove_heir"])
    )
    try:
        if kind == "add_worker":
            pc.ctx.register.add(make_worker_draft())
        elif kind == "edit":
            wid = _pick(data, _live(pc, "worker"), "worker")
            if wid is None:
                return
            changes = data.draw(
                st.sampled_from([
                    {"phone": f"0812{data.draw(st.integers(10_000_000, 99_999_999))}"},
                    {"address": f"Jl. Mawar {data.draw(st.integers(1, 99))}"},
                    {"name": data.draw(st.sampled_from(NAMES))},
                    {"rt": f"{data.draw(st.integers(1, 20)):03d}"},
                ])
            )  # fmt: skip
            pc.ctx.register.edit(str(wid), changes)
        elif kind == "end":
            wid = _pick(data, _live(pc, "worker", status="active"), "worker")
            if wid is None:
                return
            pc.ctx.register.end(str(wid), on=date(2026, 6, 30), reason=EndReason.TERM_ENDED)
        elif kind == "add_heir":
            wid = _pick(data, _live(pc, "worker"), "worker")
            if wid is None:
                return
            pc.ctx.heirs.add(str(wid), make_heir_draft(name=data.draw(st.sampled_from(NAMES))))
        elif kind == "edit_heir":
            heir = _pick(data, _live(pc, "heir"), "heir")
            if heir is None:
                return
            name = data.draw(st.sampled_from(NAMES))
            pc.ctx.heirs.edit(str(heir), make_heir_draft(name=name))
        else:
            heir = _pick(data, _live(pc, "heir"), "heir")
            if heir is None:
                return
            pc.ctx.heirs.remove(str(heir))
        world.say(f"{desk.name}: {kind}")
    except DomainError as exc:  # refused by the service (e.g. already ended): no change
        world.say(f"{desk.name}: {kind} refused ({type(exc).__name__})")


def _dpmd_step(world: World, data: st.DataObject) -> None:
    village = _pick(data, world.villages, "village")
    rows = server_rows(world.db, village.id)
    workers = sorted((i for i, r in rows["worker"].items() if not r[1]), key=str)
    heirs = sorted((i for i, r in rows["heir"].items() if not r[1]), key=str)
    kind = data.draw(
        st.sampled_from(["phone", "name", "address", "heir_name", "delete_heir", "delete_worker"])
    )
    if kind in {"delete_heir", "heir_name"}:
        heir = _pick(data, heirs, "heir")
        if heir is None:
            return
        if kind == "heir_name":
            name = data.draw(st.sampled_from(NAMES)) + " (DPMD)"
            dpmd_write(world.db, village.id, "heir", heir, {"name": name})
        else:
            dpmd_write(world.db, village.id, "heir", heir, {}, deleted=True)
    else:
        wid = _pick(data, workers, "worker")
        if wid is None:
            return
        if kind == "delete_worker":
            dpmd_write(world.db, village.id, "worker", wid, {}, deleted=True)
        else:
            value = {
                "phone": {"phone": f"0813{data.draw(st.integers(10_000_000, 99_999_999))}"},
                "name": {"full_name": data.draw(st.sampled_from(NAMES)) + " (DPMD)"},
                "address": {"address": f"Jl. Kenanga {data.draw(st.integers(1, 99))}"},
            }[kind]
            dpmd_write(world.db, village.id, "worker", wid, value)
    world.say(f"dpmd {village.code}: {kind}")


def _arm(proxy: FaultProxy, fault: str) -> Any:
    if fault == "lost_reply":
        return proxy.drop("POST", PUSH, nth=1)
    if fault == "push_503":
        return proxy.fail("POST", PUSH, nth=1, status=503)
    if fault == "pull_502":
        return proxy.fail("GET", PULL, nth=1, status=502)
    if fault == "pull_cut":
        return proxy.cut("GET", PULL, nth=1)
    return None


def _sync_step(
    world: World, data: st.DataObject, desk: Desk, fault: str, *, retries: bool = False
) -> None:
    """One sync with `fault`. With `retries` the client repeats a failed request at once (as
    the app does, minus the waiting) and usually completes; without, the sync stops there
    like an app closed after the failure, and the next sync picks up."""
    pc = desk.pc
    run.RETRY_DELAYS = (0.01, 0.01) if retries else ()
    rule = _arm(world.proxy, fault)
    if fault == "power_cut":

        def die() -> None:
            raise PowerCut("power cut before the commit")

        pc.engine._between_apply_and_cursor = die
    if fault == "skew":
        desk.clock.offset = timedelta(hours=data.draw(st.sampled_from([-30, -3, 5, 48])))
    progress = None
    if fault == "edit_during":  # the secretary keeps working while the sync runs
        stage = data.draw(st.sampled_from(["push", "pull", "review"]), label="stage")
        done: list[bool] = []

        def progress(step: Progress) -> None:
            if step.stage == stage and not done:
                done.append(True)
                world.say(f"{desk.name}: during {stage}:")
                _edit_step(world, data, desk)
                if data.draw(st.booleans(), label="dpmd too"):
                    _dpmd_step(world, data)

    try:
        if fault == "bundle":
            _bundle_round(world, data, desk)
        else:
            pc.engine.sync(progress=progress)
        outcome = "ok"
    except (SyncError, PowerCut) as exc:
        outcome = type(exc).__name__
    finally:
        pc.engine._between_apply_and_cursor = None
        desk.clock.offset = timedelta(0)
        run.RETRY_DELAYS = NO_WAIT
        if rule is not None:
            rule.nth = -1  # a fault that did not fire (nothing to push) never fires later
    world.say(f"{desk.name}: sync [{fault}] -> {outcome}")


def _bundle_round(world: World, data: st.DataObject, desk: Desk) -> None:
    """Export, carry to the DPMD, import there, carry back, import: the PC and the DPMD may
    both work while the flash disk travels."""
    folder = Path(tempfile.mkdtemp(dir=world.root))
    out = folder / "desa.payung"
    reply = folder / "balasan.payung"
    export_bundle(desk.pc.engine, out)
    heirs = _live(desk.pc, "heir")
    if heirs and data.draw(st.booleans(), label="same heir renamed on both sides"):
        heir = _pick(data, heirs, "heir")
        dpmd_write(world.db, desk.village.id, "heir", heir, {"name": "Nama Dari Kabupaten"})
        with contextlib.suppress(DomainError):  # already removed on this PC
            desk.pc.ctx.heirs.edit(str(heir), make_heir_draft(name="Nama Dari Desa"))
        world.say(f"{desk.name} and dpmd: rename the same heir while the bundle travels")
    for _ in range(data.draw(st.integers(0, 2), label="edits while travelling")):
        if data.draw(st.booleans(), label="dpmd"):
            _dpmd_step(world, data)
        else:
            _edit_step(world, data, desk)
    import_bundle_file(world.db, out, reply)
    import_bundle(desk.pc.engine, reply)


# -- the end: quiet, then compare -------------------------------------------------------------


def _settle(world: World) -> None:
    for round_no in range(1, 5):
        moved = 0
        for desk in world.desks:
            result = desk.pc.engine.sync()
            moved += result.pushed + result.pulled
        world.say(f"settle round {round_no}: {moved} rows moved")
        if moved == 0:
            return
    raise AssertionError("still moving after 4 rounds of syncs:\n" + "\n".join(world.log))


def _check(world: World) -> None:
    for desk in world.desks:
        pc = desk.pc
        server = server_rows(world.db, desk.village.id)
        diff = differences(server, client_rows(pc))
        assert diff == [], f"{desk.name} differs from the server: {diff}"
        issued = pc.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'") or 0
        results = applied_ops(world.db, device_id_of(pc))
        assert sorted(results) == list(range(1, issued + 1)), f"{desk.name}: ops missing"
        assert set(results.values()) <= {"applied", "conflict", "rejected"}
        rejected = {seq for seq, result in results.items() if result == "rejected"}
        kept = {row["seq"] for row in outbox(pc) if row["result"] == "rejected"}
        assert [r for r in outbox(pc) if r["result"] is None] == []
        assert kept == rejected
        assert rejected == set(), f"{desk.name}: valid edits were quarantined"
        assert pc.engine.status().ops_waiting == 0


@seed(SEED)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_17_random_edits_syncs_and_faults_converge(
    world_server: tuple[ServerDatabase, ServerHandle, FaultProxy], data: st.DataObject
) -> None:
    db, _, proxy = world_server
    note(f"PAYUNG_CONVERGENCE_SEED={SEED}")
    shape = data.draw(st.lists(st.integers(1, 2), min_size=2, max_size=3), label="pcs per village")
    with tempfile.TemporaryDirectory(prefix="payung-conv-") as root:
        world = World(db, proxy, Path(root))
        try:
            _build(world, shape)
            steps = data.draw(st.integers(6, 20), label="steps")
            for _ in range(steps):
                what = data.draw(st.sampled_from(["edit", "edit", "edit", "dpmd", "sync", "sync"]))
                if what == "dpmd":
                    _dpmd_step(world, data)
                    continue
                desk = _pick(data, world.desks, "pc")
                if what == "edit":
                    _edit_step(world, data, desk)
                else:
                    fault = data.draw(st.sampled_from(FAULTS), label="fault")
                    _sync_step(world, data, desk, fault, retries=data.draw(st.booleans()))
            _settle(world)
            _check(world)
        except BaseException:
            print(f"convergence failed: PAYUNG_CONVERGENCE_SEED={SEED}")
            print("\n".join(world.log))
            raise
        finally:
            for desk in world.desks:
                desk.pc.close()


def test_17_faults_really_fire(
    world_server: tuple[ServerDatabase, ServerHandle, FaultProxy], tmp_path: Path
) -> None:
    """The fault machinery itself: a lost push answer makes the next sync re-send the same ops
    (the server answers duplicate), and a power cut mid-apply leaves the cursor where it was."""
    db, _, proxy = world_server
    world = World(db, proxy, tmp_path, noting=False)
    try:
        _build(world, [1])
        desk = world.desks[0]
        desk.pc.ctx.register.add(make_worker_draft())
        before = len(proxy.exchanges("POST", PUSH))
        _sync_step(world, _NoData(), desk, "lost_reply")  # the sync stops there
        assert world.log[-1].endswith("-> ServerUnavailable")
        assert desk.pc.engine.status().ops_waiting == 1
        result = desk.pc.engine.sync()
        desk.pc.ctx.register.add(make_worker_draft())
        _sync_step(world, _NoData(), desk, "lost_reply", retries=True)  # retried in the sync
        assert world.log[-1].endswith("-> ok")
        pushes = proxy.exchanges("POST", PUSH)[before:]
        assert [e.status for e in pushes] == [None, 200, None, 200]
        assert [r["result"] for r in pushes[1].response["results"]] == ["duplicate"]
        assert [r["result"] for r in pushes[3].response["results"]] == ["duplicate"]
        assert result.pushed == 1 and desk.pc.engine.status().ops_waiting == 0
        cursor = desk.pc.scalar("SELECT last_pulled_seq FROM sync_state")
        village = world.villages[0]
        wid = next(iter(server_rows(db, village.id)["worker"]))
        dpmd_write(db, village.id, "worker", wid, {"phone": "081366660000"})
        _sync_step(world, _NoData(), desk, "power_cut")
        assert world.log[-1].endswith("-> PowerCut")
        assert desk.pc.scalar("SELECT last_pulled_seq FROM sync_state") == cursor
        _settle(world)
        _check(world)
    finally:
        for desk in world.desks:
            desk.pc.close()


class _NoData:
    def draw(self, strategy: Any, label: str | None = None) -> Any:
        raise AssertionError("not used by these faults")
