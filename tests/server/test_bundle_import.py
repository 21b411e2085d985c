"""`payung-server bundle import`: a village's USB bundle through the real merge and pull, on a
real migrated server database, answered with a reply bundle."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from servertools import enroll_code, make_village
from sqlalchemy import func, select

from app.models import PositionQuota, Worker, utcnow
from app.server import tables as t
from app.server.bundles import import_bundle_file
from app.server.db import ServerDatabase
from app.server.devices import redeem_code, revoke_device
from app.sync.bundle_format import (
    BundleHeader,
    ReplyBundle,
    VillageBundle,
    open_bundle,
    read_header,
    write_bundle,
)
from app.sync.errors import BundleError
from app.sync.protocol import Hello, Op

CODE = "35.21.01.2001"
OTHER_CODE = "35.21.01.2002"


@dataclass(frozen=True)
class Device:
    id: str
    key: str
    village_id: uuid.UUID
    code: str


@pytest.fixture
def db(server_db: ServerDatabase) -> ServerDatabase:
    """S1's migrated server database (SQLite; PostgreSQL too with PAYUNG_TEST_PG_URL)."""
    return server_db


def _village(db: ServerDatabase, code: str, name: str) -> uuid.UUID:
    return make_village(db, code=code, name=name)


def _device(db: ServerDatabase, code: str) -> Device:
    shown = enroll_code(db, code, "PC desa")
    with db.sessions.begin() as session:
        reply = redeem_code(session, shown, "PC desa", "1.0", "127.0.0.1", utcnow())
    return Device(reply.device_id, reply.bundle_key, reply.village.id, reply.village.code)


@pytest.fixture
def device(db: ServerDatabase) -> Device:
    _village(db, CODE, "Sukamaju")
    return _device(db, CODE)


def _hello(
    dev: Device, *, max_seq: int, pulled: int = 0, instance: uuid.UUID | None = None
) -> Hello:
    return Hello(
        device_id=dev.id,
        db_instance_id=instance or INSTANCE,
        protocol_version=2,
        schema_version="0004",
        app_version="1.0",
        max_device_seq=max_seq,
        last_pulled_seq=pulled,
        client_time=datetime.now(UTC),
    )


INSTANCE = uuid.uuid4()


def _worker_fields(village_id: uuid.UUID, nik: str = "3521014508900001") -> dict[str, Any]:
    return {
        "village_id": str(village_id),
        "nik": nik,
        "no_kk": None,
        "kpj": None,
        "full_name": "Siti Aminah",
        "search_name": "siti aminah",
        "birth_place": None,
        "birth_date": "1990-08-05",
        "sex": "P",
        "mother_name": None,
        "marital_status": None,
        "address": None,
        "dusun": None,
        "rt": None,
        "rw": None,
        "phone": None,
        "category": "kader_posyandu",
        "position": None,
        "status": "active",
        "end_date": None,
        "end_reason": None,
        "deleted": False,
    }


def _ops(dev: Device, start: int = 1) -> tuple[uuid.UUID, list[Op]]:
    row = uuid.uuid4()
    return row, [
        Op(
            device_seq=start,
            op_id=uuid.uuid4(),
            entity="worker",
            row_id=row,
            op="insert",
            fields=_worker_fields(dev.village_id),
        ),
        Op(
            device_seq=start + 1,
            op_id=uuid.uuid4(),
            entity="worker",
            row_id=row,
            op="update",
            fields={"full_name": "Siti Aminah Rahayu", "search_name": "siti aminah rahayu"},
            base={"full_name": "Siti Aminah", "search_name": "siti aminah"},
        ),
    ]


def _bundle(
    path: Path, dev: Device, ops: list[Op], *, pulled: int = 0, max_seq: int | None = None
) -> BundleHeader:
    if max_seq is None:
        max_seq = max((op.device_seq for op in ops), default=0)
    return write_bundle(
        path,
        kind="village",
        device_id=dev.id,
        village_code=dev.code,
        key=dev.key,
        payload=VillageBundle(hello=_hello(dev, max_seq=max_seq, pulled=pulled), ops=ops),
    )


def _reply(path: Path, dev: Device) -> ReplyBundle:
    return open_bundle(path, dev.key, expect_kind="reply")[1]


def _worker(db: ServerDatabase, row: uuid.UUID) -> Worker | None:
    with db.read_sessions.begin() as session:
        return session.get(Worker, row)


def _count(db: ServerDatabase, table: Any) -> int:
    with db.read_sessions.begin() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_village_bundle_applied_and_answered(
    db: ServerDatabase, device: Device, tmp_path: Path
) -> None:
    row, ops = _ops(device)
    _bundle(tmp_path / "desa.payung", device, ops)
    summary = import_bundle_file(db, tmp_path / "desa.payung", tmp_path / "balasan.payung")
    assert (summary.device_id, summary.village_code) == (device.id, CODE)
    assert (summary.applied, summary.duplicates, summary.conflicts, summary.rejected) == (
        2,
        0,
        0,
        0,
    )
    worker = _worker(db, row)
    assert worker is not None and worker.full_name == "Siti Aminah Rahayu"
    assert worker.village_id == device.village_id
    header = read_header(tmp_path / "balasan.payung")
    assert header.kind == "reply" and header.device_id == device.id
    reply = _reply(tmp_path / "balasan.payung", device)
    assert reply.hello.action == "ok"
    assert reply.hello.expected_device_seq == 3
    assert [r.result for r in reply.results] == ["applied", "applied"]
    pulled = {(c.entity, c.id) for page in reply.pages for c in page.rows}
    assert ("worker", row) in pulled
    assert ("village", device.village_id) in pulled
    assert not reply.pages[-1].has_more
    assert reply.review.conflicts == [] and reply.review.quarantined == []


def test_same_bundle_twice_changes_nothing(
    db: ServerDatabase, device: Device, tmp_path: Path
) -> None:
    row, ops = _ops(device)
    _bundle(tmp_path / "desa.payung", device, ops)
    import_bundle_file(db, tmp_path / "desa.payung", tmp_path / "balasan1.payung")
    version = (_worker(db, row) or pytest.fail()).version
    log_rows = _count(db, t.change_log)
    again = import_bundle_file(db, tmp_path / "desa.payung", tmp_path / "balasan2.payung")
    assert (again.applied, again.duplicates) == (0, 2)
    assert (_worker(db, row) or pytest.fail()).version == version
    assert _count(db, t.change_log) == log_rows
    first = _reply(tmp_path / "balasan1.payung", device)
    second = _reply(tmp_path / "balasan2.payung", device)
    assert [r.version for r in second.results] == [r.version for r in first.results]
    assert [r.result for r in second.results] == ["duplicate", "duplicate"]


def test_ops_out_of_order_are_applied_in_device_seq_order(
    db: ServerDatabase, device: Device, tmp_path: Path
) -> None:
    row, ops = _ops(device)
    _bundle(tmp_path / "desa.payung", device, list(reversed(ops)))
    summary = import_bundle_file(db, tmp_path / "desa.payung", tmp_path / "balasan.payung")
    assert summary.applied == 2 and summary.rejected == 0
    assert (_worker(db, row) or pytest.fail()).full_name == "Siti Aminah Rahayu"


def test_seq_gap_applies_nothing_and_names_the_expected_number(
    db: ServerDatabase, device: Device, tmp_path: Path
) -> None:
    row, ops = _ops(device, start=5)  # 1..4 never arrived
    _bundle(tmp_path / "desa.payung", device, ops)
    summary = import_bundle_file(db, tmp_path / "desa.payung", tmp_path / "balasan.payung")
    assert summary.applied == 0 and summary.expected_device_seq == 1
    assert summary.message and "nomor urut 1" in summary.message
    assert _worker(db, row) is None
    reply = _reply(tmp_path / "balasan.payung", device)
    assert reply.results == []
    assert reply.hello.action == "ok" and reply.hello.expected_device_seq == 1
    assert reply.pages  # the village still gets what the server has


def test_pull_starts_at_the_bundles_cursor(
    db: ServerDatabase, device: Device, tmp_path: Path
) -> None:
    _row, ops = _ops(device)
    _bundle(tmp_path / "a.payung", device, ops)
    import_bundle_file(db, tmp_path / "a.payung", tmp_path / "ra.payung")
    cursor = _reply(tmp_path / "ra.payung", device).pages[-1].next_since
    _bundle(tmp_path / "b.payung", device, [], pulled=cursor, max_seq=2)
    import_bundle_file(db, tmp_path / "b.payung", tmp_path / "rb.payung")
    reply = _reply(tmp_path / "rb.payung", device)
    assert [c for page in reply.pages for c in page.rows] == []
    assert reply.pages[-1].next_since == cursor
    assert reply.hello.expected_device_seq == 3


def test_many_rows_come_in_several_pages(
    db: ServerDatabase, device: Device, tmp_path: Path
) -> None:
    ops = [
        Op(
            device_seq=index + 1,
            op_id=uuid.uuid4(),
            entity="worker",
            row_id=uuid.uuid4(),
            op="insert",
            fields=_worker_fields(device.village_id, nik=f"352101450890{index + 1:04d}"),
        )
        for index in range(450)
    ]
    _bundle(tmp_path / "desa.payung", device, ops)
    summary = import_bundle_file(db, tmp_path / "desa.payung", tmp_path / "balasan.payung")
    assert summary.applied == 450
    reply = _reply(tmp_path / "balasan.payung", device)
    assert len(reply.pages) == summary.pages >= 3
    assert [p.has_more for p in reply.pages] == [True] * (len(reply.pages) - 1) + [False]
    ids = {c.id for page in reply.pages for c in page.rows}
    assert {op.row_id for op in ops} <= ids


def test_copied_database_is_told_to_reinit(
    db: ServerDatabase, device: Device, tmp_path: Path
) -> None:
    row, ops = _ops(device)
    _bundle(tmp_path / "a.payung", device, ops)
    import_bundle_file(db, tmp_path / "a.payung", tmp_path / "ra.payung")
    _, later = _ops(device, start=2)  # a backup from before op 2 was sent, edited again
    _bundle(tmp_path / "b.payung", device, later[:1], max_seq=1)
    summary = import_bundle_file(db, tmp_path / "b.payung", tmp_path / "rb.payung")
    assert summary.action == "reinit_required" and summary.applied == 0
    reply = _reply(tmp_path / "rb.payung", device)
    assert reply.hello.action == "reinit_required" and reply.hello.message
    assert reply.results == [] and reply.pages == []
    assert _count(db, t.applied_op) == 2
    assert (_worker(db, row) or pytest.fail()).full_name == "Siti Aminah Rahayu"


def test_reused_seq_with_another_op_is_told_to_reinit(
    db: ServerDatabase, device: Device, tmp_path: Path
) -> None:
    _row, ops = _ops(device)
    _bundle(tmp_path / "a.payung", device, ops)
    import_bundle_file(db, tmp_path / "a.payung", tmp_path / "ra.payung")
    _, other = _ops(device)  # same numbers 1 and 2, other op ids: a copied database
    _bundle(tmp_path / "b.payung", device, other)
    summary = import_bundle_file(db, tmp_path / "b.payung", tmp_path / "rb.payung")
    assert summary.action == "reinit_required" and summary.applied == 0
    assert _count(db, t.applied_op) == 2


def test_unknown_device_is_refused(db: ServerDatabase, device: Device, tmp_path: Path) -> None:
    stranger = Device("dev-000000000000", device.key, device.village_id, CODE)
    _, ops = _ops(stranger)
    _bundle(tmp_path / "desa.payung", stranger, ops)
    with pytest.raises(BundleError) as caught:
        import_bundle_file(db, tmp_path / "desa.payung", tmp_path / "balasan.payung")
    assert "perangkat yang tidak dikenal server ini" in caught.value.message
    assert not (tmp_path / "balasan.payung").exists()


def test_revoked_device_is_refused(db: ServerDatabase, device: Device, tmp_path: Path) -> None:
    row, ops = _ops(device)
    _bundle(tmp_path / "desa.payung", device, ops)
    with db.sessions.begin() as session:
        revoke_device(session, device.id, utcnow())
    with pytest.raises(BundleError) as caught:
        import_bundle_file(db, tmp_path / "desa.payung", tmp_path / "balasan.payung")
    assert "dicabut" in caught.value.message and "kode baru" in caught.value.message
    assert _worker(db, row) is None
    assert not (tmp_path / "balasan.payung").exists()


def test_bundle_edited_to_claim_another_device_is_refused(
    db: ServerDatabase, device: Device, tmp_path: Path
) -> None:
    _village(db, OTHER_CODE, "Sukamakmur")
    other = _device(db, OTHER_CODE)
    row, ops = _ops(device)
    path = tmp_path / "desa.payung"
    _bundle(path, device, ops)
    data = path.read_bytes()
    assert len(device.id) == len(other.id)
    path.write_bytes(data.replace(device.id.encode(), other.id.encode(), 1))
    assert read_header(path).device_id == other.id
    with pytest.raises(BundleError) as caught:
        import_bundle_file(db, path, tmp_path / "balasan.payung")
    assert "rusak atau telah diubah" in caught.value.message
    assert _worker(db, row) is None
    assert _count(db, t.applied_op) == 0


def test_bundle_of_one_village_cannot_write_into_another(
    db: ServerDatabase, device: Device, tmp_path: Path
) -> None:
    other_village = _village(db, OTHER_CODE, "Sukamakmur")
    row = uuid.uuid4()
    ops = [
        Op(
            device_seq=1,
            op_id=uuid.uuid4(),
            entity="worker",
            row_id=row,
            op="insert",
            fields=_worker_fields(other_village),
        )
    ]
    _bundle(tmp_path / "desa.payung", device, ops)
    summary = import_bundle_file(db, tmp_path / "desa.payung", tmp_path / "balasan.payung")
    assert summary.rejected == 1 and summary.applied == 0
    assert _worker(db, row) is None
    reply = _reply(tmp_path / "balasan.payung", device)
    assert reply.results[0].reason
    assert len(reply.review.quarantined) == 1


def test_reply_bundle_given_to_the_server_is_refused(
    db: ServerDatabase, device: Device, tmp_path: Path
) -> None:
    _, ops = _ops(device)
    _bundle(tmp_path / "desa.payung", device, ops)
    import_bundle_file(db, tmp_path / "desa.payung", tmp_path / "balasan.payung")
    with pytest.raises(BundleError) as caught:
        import_bundle_file(db, tmp_path / "balasan.payung", tmp_path / "lagi.payung")
    assert "bundel balasan" in caught.value.message


def test_reply_may_not_overwrite_the_bundle(
    db: ServerDatabase, device: Device, tmp_path: Path
) -> None:
    _, ops = _ops(device)
    _bundle(tmp_path / "desa.payung", device, ops)
    with pytest.raises(BundleError):
        import_bundle_file(db, tmp_path / "desa.payung", tmp_path / "desa.payung")
    assert read_header(tmp_path / "desa.payung").kind == "village"


def test_quota_insert_and_audit_without_values(
    db: ServerDatabase, device: Device, tmp_path: Path
) -> None:
    quota = uuid.uuid4()
    ops = [
        Op(
            device_seq=1,
            op_id=uuid.uuid4(),
            entity="position_quota",
            row_id=quota,
            op="insert",
            fields={"village_id": str(device.village_id), "category": "linmas", "count": 12},
        )
    ]
    _bundle(tmp_path / "desa.payung", device, ops)
    import_bundle_file(db, tmp_path / "desa.payung", tmp_path / "balasan.payung")
    with db.read_sessions.begin() as session:
        assert (session.get(PositionQuota, quota) or pytest.fail()).count == 12
        details = list(
            session.scalars(
                select(t.server_audit.c.detail).where(t.server_audit.c.action == "bundle_import")
            )
        )
    assert details == ["ops=1 results=1 pages=1"]
