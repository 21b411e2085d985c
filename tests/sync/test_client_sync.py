"""End to end against the real server on 127.0.0.1: connect, sync, edit, second PC."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from factories import make_worker_draft
from sqlalchemy import text
from synctools import PC, Village

from app.domain.categories import Category
from app.models import Village as VillageRow
from app.server import devices
from app.server.changes import dpmd_edit
from app.sync.engine import Progress
from app.sync.errors import Revoked


def test_connect_then_sync_sends_the_register_and_empties_the_outbox(
    village: Village, pcs: Callable[..., PC]
) -> None:
    pc = pcs()
    village.connect(pc)
    pc.ctx.register.add(make_worker_draft())
    waiting = pc.engine.status().ops_waiting
    result = pc.engine.sync()
    assert waiting >= 2  # the village and the worker
    assert result.pushed == waiting
    assert pc.engine.status().ops_waiting == 0
    assert result.conflicts == 0 and result.quarantined == 0
    assert pc.scalar("SELECT count(*) FROM worker WHERE version IS NOT NULL") == 1


def test_second_pc_pulls_the_village_and_an_edit_made_after(
    village: Village, pcs: Callable[..., PC]
) -> None:
    first = pcs("first")
    village.connect(first)
    worker = first.ctx.register.add(make_worker_draft())
    first.engine.sync()
    second = pcs("second")
    village.connect(second, set_up=False)
    pulled = second.engine.sync()
    assert pulled.pulled >= 2
    assert second.ctx.register.get(worker.id).name == worker.name
    first.ctx.register.edit(worker.id, {"phone": "081234567890"})
    first.engine.sync()
    second.engine.sync()
    assert second.ctx.register.get(worker.id).phone == "081234567890"


def test_clock_skew_gives_a_warning_and_the_sync_still_runs(
    village: Village, pcs: Callable[..., PC]
) -> None:
    late = datetime.now(UTC) - timedelta(hours=3, minutes=10, seconds=20)
    pc = pcs(now=lambda: late)
    village.connect(pc)
    result = pc.engine.sync()
    assert result.warnings == (
        "Jam komputer ini berbeda 3 jam 10 menit dari server; perbaiki tanggal dan jam Windows.",
    )
    assert pc.engine.status().ops_waiting == 0


def test_a_restored_old_copy_reinitialises_and_keeps_its_new_changes(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs("office")
    village.connect(pc)
    worker = pc.ctx.register.add(make_worker_draft())
    pc.engine.sync()
    copy = tmp_path / "old-copy.sqlite3"
    _copy_database(pc.paths.database, copy)
    pc.ctx.register.edit(worker.id, {"phone": "081111111111"})
    pc.engine.sync()  # the server now has a device_seq the copy never issued
    instance = pc.scalar("SELECT db_instance_id FROM sync_state")
    pc.close()
    for leftover in pc.paths.data_dir.glob("payung.sqlite3*"):
        leftover.unlink()
    shutil.copyfile(copy, pc.paths.database)
    restored = pcs("office")
    restored.ctx.register.edit(worker.id, {"address": "Dusun Krajan RT 01"})
    result = restored.engine.sync()
    detail = restored.ctx.register.get(worker.id)
    assert restored.scalar("SELECT db_instance_id FROM sync_state") != instance
    assert restored.engine.status().ops_waiting == 0
    assert (detail.phone, detail.address) == ("081111111111", "Dusun Krajan RT 01")
    assert result.pushed == 1
    assert restored.scalar("SELECT count(*) FROM sync_review WHERE kind = 'held'") == 1
    other = pcs("other")
    village.connect(other, set_up=False)
    other.engine.sync()
    assert other.ctx.register.get(worker.id).address == "Dusun Krajan RT 01"


def _copy_database(source: Path, target: Path) -> None:
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def test_verify_repairs_a_table_that_differs_from_the_server(
    village: Village, pcs: Callable[..., PC]
) -> None:
    pc = pcs()
    village.connect(pc)
    worker = pc.ctx.register.add(make_worker_draft(phone="081200000000"))
    pc.engine.sync()
    with pc.ctx.database.sessions.begin() as session:  # damage behind the outbox's back
        session.execute(text("UPDATE worker SET phone = '089999999999'"))
    result = pc.engine.sync(verify=True)
    assert result.repaired == ("worker",)
    assert pc.ctx.register.get(worker.id).phone == "081200000000"
    assert pc.engine.sync(verify=True).repaired == ()


def test_a_conflict_is_listed_then_resolved_by_the_next_sync(
    village: Village, pcs: Callable[..., PC]
) -> None:
    with village.db.sessions.begin() as session:  # the DPMD typed another head name
        dpmd_edit(session, village_id=village.id, entity="village", row_id=village.id,
                  values={"head_name": "Budi Santoso"}, operator="dpmd")  # fmt: skip
    pc = pcs()
    village.connect(pc, head_name="Suparman")
    pc.engine.sync()
    [conflict] = pc.engine.conflicts()
    assert (conflict.entity, conflict.kind) == ("village", "field")
    assert conflict.fields == {"head_name": ("Suparman", "Budi Santoso", "local")}
    pc.engine.resolve(conflict.id, {"head_name": "server"})
    assert pc.engine.conflicts()[0].resolution_pending
    result = pc.engine.sync()
    assert result.conflicts == 0 and pc.engine.conflicts() == []
    assert pc.ctx.village.get().head_name == "Budi Santoso"


def test_a_village_set_up_offline_fills_what_the_server_left_empty(
    village: Village, pcs: Callable[..., PC]
) -> None:
    pc = pcs()
    village.connect(pc, head_name="Suparman")  # the server has no head name yet
    result = pc.engine.sync()
    assert result.conflicts == 0 and pc.engine.conflicts() == []
    with village.db.sessions() as session:
        assert session.get(VillageRow, village.id).head_name == "Suparman"


def test_a_revoked_device_is_told_so(village: Village, pcs: Callable[..., PC]) -> None:
    pc = pcs()
    village.connect(pc)
    with village.db.sessions.begin() as session:
        devices.revoke_device(session, pc.engine.status().device_id or "", datetime.now(UTC))
    with pytest.raises(Revoked) as caught:
        pc.engine.sync()
    assert "dicabut" in caught.value.message


def test_cancel_stops_between_stages_and_keeps_what_was_done(
    village: Village, pcs: Callable[..., PC]
) -> None:
    pc = pcs()
    village.connect(pc)
    seen: list[Progress] = []
    result = pc.engine.sync(
        progress=seen.append, cancel=lambda: any(p.stage == "push" and p.done for p in seen)
    )
    assert result.pulled == 0
    assert "dihentikan" in result.warnings[-1]
    assert pc.engine.status().ops_waiting == 0


def test_formasi_set_offline_on_two_pcs_converges_on_one_row(
    village: Village, pcs: Callable[..., PC]
) -> None:
    first, second = pcs("first"), pcs("second")
    village.connect(first)
    first.engine.sync()
    village.connect(second, set_up=False)
    second.engine.sync()
    first.ctx.standing.set_quota(Category.PERANGKAT_DESA, 9)
    second.ctx.standing.set_quota(Category.PERANGKAT_DESA, 11)
    first.engine.sync()
    second.engine.sync()
    first.engine.sync()
    for pc in (first, second):
        assert pc.scalar("SELECT count(*) FROM position_quota") == 1
        assert pc.ctx.standing.quota()[Category.PERANGKAT_DESA] == 11
