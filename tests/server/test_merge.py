"""Pushed ops merged into the server database (docs/sync-internals.md, "Merge")."""

from __future__ import annotations

import json
import logging
import uuid

import pytest
from merge_tools import (
    Ops,
    add_device,
    add_village,
    conflicts_of,
    contribution_fields,
    enrollment_fields,
    heir_fields,
    push,
    row_of,
    server_edit,
    worker_fields,
)
from sqlalchemy import func, select

from app.models import new_id
from app.server import tables as t
from app.server.db import ServerDatabase
from app.server.logs import LOGGER_NAME, JsonLineFormatter
from app.server.merge import SEQ_REUSED, SeqGapError, SeqReused


def _setup(server_db: ServerDatabase) -> tuple[uuid.UUID, object, Ops]:
    vid = add_village(server_db)
    return vid, add_device(server_db, vid), Ops()


def _worker(server_db: ServerDatabase, device: object, ops: Ops, vid: uuid.UUID, **fields: object):
    wid = new_id()
    reply = push(server_db, device, [ops.insert("worker", wid, worker_fields(vid, **fields))])  # type: ignore[arg-type]
    assert reply.results[0].result == "applied"
    return wid, reply.results[0].version


def test_insert_creates_row_with_next_version_and_one_change_log_entry(
    server_db: ServerDatabase,
) -> None:
    vid, device, ops = _setup(server_db)
    wid, version = _worker(server_db, device, ops, vid, full_name="Siti Aminah")
    assert version == 2  # the village itself is version 1
    assert row_of(server_db, "worker", wid).full_name == "Siti Aminah"
    with server_db.read_sessions() as session:
        log = session.execute(select(t.change_log).where(t.change_log.c.row_id == wid)).all()
        last = session.scalar(select(t.device.c.last_device_seq))
        audit = session.execute(
            select(t.server_audit).where(t.server_audit.c.row_id == str(wid))
        ).one()
    assert [(e.seq, e.entity) for e in log] == [(2, "worker")]
    assert last == 1
    assert audit.actor == f"device:{device.device_id}"  # type: ignore[attr-defined]
    assert "Siti" not in audit.detail


def test_update_of_untouched_field_takes_the_new_value_and_compacts_the_log(
    server_db: ServerDatabase,
) -> None:
    vid, device, ops = _setup(server_db)
    wid, version = _worker(server_db, device, ops, vid, phone="0811")
    reply = push(
        server_db,
        device,
        [ops.update("worker", wid, {"phone": "0812"}, {"phone": "0811"}, version)],
    )
    assert reply.results[0].result == "applied"
    assert row_of(server_db, "worker", wid).phone == "0812"
    assert row_of(server_db, "worker", wid).version == reply.results[0].version == 3
    with server_db.read_sessions() as session:
        seqs = session.scalars(select(t.change_log.c.seq).where(t.change_log.c.row_id == wid)).all()
    assert seqs == [3]


def test_same_field_changed_on_both_sides_records_both_values(server_db: ServerDatabase) -> None:
    vid, device, ops = _setup(server_db)
    wid, version = _worker(server_db, device, ops, vid, full_name="Budi", phone="0811")
    server_edit(server_db, vid, "worker", wid, full_name="Budi Santoso", phone="0813")
    op = ops.update(
        "worker", wid, {"full_name": "Budi S.", "phone": "0812"},
        {"full_name": "Budi", "phone": "0811"}, version,
    )  # fmt: skip
    result = push(server_db, device, [op]).results[0]
    row = row_of(server_db, "worker", wid)
    assert result.result == "conflict"
    assert row.full_name == "Budi Santoso"  # identity field: the server value stays
    assert row.phone == "0812"  # other field: the later arrival wins
    with server_db.read_sessions() as session:
        (conflict,) = conflicts_of(session, vid)
    assert conflict.id == result.conflict_id
    assert conflict.kind == "field"
    assert json.loads(conflict.fields) == {
        "full_name": {"local": "Budi S.", "server": "Budi Santoso", "kept": "server"},
        "phone": {"local": "0812", "server": "0813", "kept": "local"},
    }


def test_different_fields_changed_on_both_sides_merge_without_conflict(
    server_db: ServerDatabase,
) -> None:
    vid, device, ops = _setup(server_db)
    wid, version = _worker(server_db, device, ops, vid, phone="0811", rt="001")
    server_edit(server_db, vid, "worker", wid, rt="005")
    result = push(
        server_db,
        device,
        [ops.update("worker", wid, {"phone": "0812"}, {"phone": "0811"}, version)],
    ).results[0]
    row = row_of(server_db, "worker", wid)
    assert result.result == "applied"
    assert (row.phone, row.rt) == ("0812", "005")


def test_field_already_at_the_new_value_changes_nothing(server_db: ServerDatabase) -> None:
    vid, device, ops = _setup(server_db)
    wid, version = _worker(server_db, device, ops, vid, phone="0811")
    edited = server_edit(server_db, vid, "worker", wid, phone="0812")
    result = push(
        server_db,
        device,
        [ops.update("worker", wid, {"phone": "0812"}, {"phone": "0811"}, version)],
    ).results[0]
    assert (result.result, result.version) == ("applied", edited)
    assert row_of(server_db, "worker", wid).version == edited


def _contribution_ops(vid: uuid.UUID, ops: Ops) -> tuple[uuid.UUID, list]:
    wid, eid = new_id(), new_id()
    return eid, [
        ops.insert("worker", wid, worker_fields(vid)),
        ops.insert("enrollment", eid, enrollment_fields(vid, wid)),
    ]


def test_insert_of_a_row_the_server_has_merges_like_an_update(server_db: ServerDatabase) -> None:
    vid, device, ops = _setup(server_db)
    wid, eid = new_id(), new_id()
    push(
        server_db,
        device,
        [
            ops.insert("worker", wid, worker_fields(vid)),
            ops.insert("enrollment", eid, enrollment_fields(vid, wid)),
        ],
    )
    cid = uuid.uuid5(eid, "2026-01")  # the same natural key makes the same id on two PCs
    first = push(
        server_db,
        device,
        [ops.insert("contribution", cid, contribution_fields(vid, wid, eid, "2026-01"))],
    ).results[0]
    same = push(
        server_db,
        device,
        [ops.insert("contribution", cid, contribution_fields(vid, wid, eid, "2026-01"))],
    ).results[0]
    other = dict(contribution_fields(vid, wid, eid, "2026-01"), status="locked", wage=1_200_000)
    differs = push(server_db, device, [ops.insert("contribution", cid, other)]).results[0]
    row = row_of(server_db, "contribution", cid)
    assert (same.result, same.version) == ("applied", first.version)
    assert differs.result == "conflict"
    assert row.status == "draft"  # identity field keeps the server's
    assert row.wage == 1_200_000
    with server_db.read_sessions() as session:
        (conflict,) = conflicts_of(session, vid)
    assert set(json.loads(conflict.fields)) == {"status", "wage"}


def test_update_of_a_row_deleted_on_the_server_is_a_conflict_not_applied(
    server_db: ServerDatabase,
) -> None:
    vid, device, ops = _setup(server_db)
    wid, version = _worker(server_db, device, ops, vid, phone="0811")
    other = add_device(server_db, vid)
    push(server_db, other, [Ops().delete("worker", wid, version)])
    result = push(
        server_db,
        device,
        [ops.update("worker", wid, {"phone": "0812"}, {"phone": "0811"}, version)],
    ).results[0]
    row = row_of(server_db, "worker", wid)
    assert result.result == "conflict"
    assert (row.deleted, row.phone) == (True, "0811")
    with server_db.read_sessions() as session:
        (conflict,) = conflicts_of(session, vid)
    assert conflict.kind == "update_deleted"
    assert json.loads(conflict.fields) == {
        "phone": {"local": "0812", "server": "0811", "kept": "server"}
    }


def test_delete_of_a_row_changed_since_is_applied_and_recorded(server_db: ServerDatabase) -> None:
    vid, device, ops = _setup(server_db)
    wid, version = _worker(server_db, device, ops, vid, phone="0811")
    server_edit(server_db, vid, "worker", wid, phone="0813")
    result = push(server_db, device, [ops.delete("worker", wid, version)]).results[0]
    row = row_of(server_db, "worker", wid)
    assert result.result == "conflict"
    assert (row.deleted, row.phone) == (True, "0813")  # the tombstone keeps every value
    with server_db.read_sessions() as session:
        (conflict,) = conflicts_of(session, vid)
    assert conflict.kind == "delete_updated"


def test_delete_of_an_unchanged_row_and_of_a_deleted_row_apply(server_db: ServerDatabase) -> None:
    vid, device, ops = _setup(server_db)
    wid, version = _worker(server_db, device, ops, vid)
    first = push(server_db, device, [ops.delete("worker", wid, version)]).results[0]
    again = push(server_db, device, [ops.delete("worker", wid, version)]).results[0]
    assert first.result == again.result == "applied"
    assert again.version == first.version
    with server_db.read_sessions() as session:
        assert conflicts_of(session, vid) == []


def test_worker_with_the_nik_of_another_live_worker_keeps_both_and_opens_a_conflict(
    server_db: ServerDatabase,
) -> None:
    vid, device, ops = _setup(server_db)
    first, _ = _worker(server_db, device, ops, vid, nik="3521011201900001")
    twin = new_id()
    result = push(
        server_db, device, [ops.insert("worker", twin, worker_fields(vid, nik="3521011201900001"))]
    ).results[0]
    assert result.result == "conflict"
    assert row_of(server_db, "worker", first).nik == row_of(server_db, "worker", twin).nik
    with server_db.read_sessions() as session:
        (conflict,) = conflicts_of(session, vid)
    assert (conflict.kind, conflict.row_id) == ("duplicate_nik", twin)


class _Lines(logging.Handler):
    """The server's JSON log lines, as they would reach stderr."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.setFormatter(JsonLineFormatter())

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def _worker_born(vid: uuid.UUID, i: int) -> dict[str, object]:
    born = "2026-13-01" if i == 137 else "1980-02-03"
    return worker_fields(vid, birth_date=born, nik=f"35210112019{i:05d}")


def test_one_bad_op_among_400_is_quarantined_and_the_others_apply(
    server_db: ServerDatabase,
) -> None:
    vid, device, ops = _setup(server_db)
    batch = [ops.insert("worker", new_id(), _worker_born(vid, i)) for i in range(400)]
    handler = _Lines()
    logger = logging.getLogger(LOGGER_NAME)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        reply = push(server_db, device, batch)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    lines = handler.lines
    outcomes = [r.result for r in reply.results]
    assert outcomes.count("applied") == 399
    bad = reply.results[137]
    assert bad.result == "rejected"
    assert bad.reason == "Tanggal lahir: nilai '2026-13-01' tidak sesuai jenis kolom"
    with server_db.read_sessions() as session:
        workers = session.scalar(select(func.count()).select_from(t.ENTITY_TABLES["worker"]))
        quarantined = session.execute(select(t.quarantine)).one()
        applied = session.scalar(select(func.count()).select_from(t.applied_op))
        last = session.scalar(select(t.device.c.last_device_seq))
    assert (workers, applied, last) == (399, 400, 400)
    assert json.loads(quarantined.op)["device_seq"] == 138
    (line,) = [line for line in lines if "op_quarantined" in line]
    assert '"device_seq": 138' in line
    assert "35210112019" not in line and "2026-13-01" not in line and "Tanggal" not in line


def test_a_resent_batch_answers_duplicates_without_new_versions(server_db: ServerDatabase) -> None:
    vid, device, ops = _setup(server_db)
    batch = [ops.insert("worker", new_id(), worker_fields(vid)) for _ in range(3)]
    first = push(server_db, device, batch)
    again = push(server_db, device, batch)
    assert [r.result for r in again.results] == ["duplicate"] * 3
    assert [r.version for r in again.results] == [r.version for r in first.results]
    assert again.server_seq == first.server_seq


def test_overlapping_batches_apply_only_the_new_ops(server_db: ServerDatabase) -> None:
    vid, device, ops = _setup(server_db)
    batch = [ops.insert("worker", new_id(), worker_fields(vid)) for _ in range(8)]
    push(server_db, device, batch[:5])
    reply = push(server_db, device, list(reversed(batch[2:])))  # any order: sorted by device_seq
    assert [(r.device_seq, r.result) for r in reply.results] == [
        (3, "duplicate"), (4, "duplicate"), (5, "duplicate"),
        (6, "applied"), (7, "applied"), (8, "applied"),
    ]  # fmt: skip


def test_a_gap_in_device_seq_applies_nothing(server_db: ServerDatabase) -> None:
    vid, device, ops = _setup(server_db)
    push(server_db, device, [ops.insert("worker", new_id(), worker_fields(vid))])
    ops.next_seq = 3
    with pytest.raises(SeqGapError) as caught:
        push(server_db, device, [ops.insert("worker", new_id(), worker_fields(vid))])
    assert caught.value.expected == 2
    with server_db.read_sessions() as session:
        assert session.scalar(select(t.device.c.last_device_seq)) == 1


def test_a_reused_device_seq_with_another_op_id_is_refused(server_db: ServerDatabase) -> None:
    vid, device, ops = _setup(server_db)
    push(server_db, device, [ops.insert("worker", new_id(), worker_fields(vid))])
    copy = Ops()  # a copied database numbers its own ops from 1 again
    with pytest.raises(SeqReused) as caught:
        push(server_db, device, [copy.insert("worker", new_id(), worker_fields(vid))])
    assert caught.value.detail == SEQ_REUSED
    assert caught.value.expected == 2


def test_ops_outside_the_device_village_are_rejected(server_db: ServerDatabase) -> None:
    vid, device, ops = _setup(server_db)
    other_vid = add_village(server_db, "35.21.01.2002")
    other_device = add_device(server_db, other_vid)
    foreign_worker, _ = _worker(server_db, other_device, Ops(), other_vid)
    batch = [
        ops.insert("worker", new_id(), worker_fields(other_vid)),
        ops.insert("heir", new_id(), heir_fields(vid, foreign_worker)),
        ops.update("worker", foreign_worker, {"phone": "0812"}, {"phone": None}, 3),
        ops.update("village", other_vid, {"name": "Desa Lain"}, {"name": "Desa 2002"}, 1),
        ops.insert("heir", new_id(), heir_fields(vid, new_id())),
    ]
    reasons = [r.reason for r in push(server_db, device, batch).results]
    assert reasons == [
        "Data di luar desa perangkat ini",
        "Pekerja yang dirujuk (worker_id) tidak ada di desa ini",
        "Data di luar desa perangkat ini",
        "Data di luar desa perangkat ini",
        "Pekerja yang dirujuk (worker_id) tidak ada di desa ini",
    ]
    assert row_of(server_db, "village", other_vid).name == "Desa 2002"


def test_update_of_a_row_the_server_never_received_is_rejected(server_db: ServerDatabase) -> None:
    _vid, device, ops = _setup(server_db)
    result = push(
        server_db,
        device,
        [ops.update("worker", new_id(), {"phone": "0812"}, {"phone": None}, None)],
    ).results[0]
    assert result.result == "rejected"
    assert result.reason == "Data yang diubah atau dihapus belum ada di server"


def test_unknown_column_is_rejected_with_its_name(server_db: ServerDatabase) -> None:
    vid, device, ops = _setup(server_db)
    result = push(
        server_db, device, [ops.insert("worker", new_id(), worker_fields(vid, shoe_size=42))]
    ).results[0]
    assert result.reason == "Shoe_size: kolom 'shoe_size' tidak dikenal"


def test_a_child_in_the_same_batch_as_its_parent_applies(server_db: ServerDatabase) -> None:
    vid, device, ops = _setup(server_db)
    eid, batch = _contribution_ops(vid, ops)
    reply = push(server_db, device, batch)
    assert [r.result for r in reply.results] == ["applied", "applied"]
    assert row_of(server_db, "enrollment", eid).village_id == vid


def test_delete_after_own_unsynced_edits_is_not_a_conflict(server_db: ServerDatabase) -> None:
    vid, device, ops = _setup(server_db)
    made, edited = new_id(), new_id()
    push(server_db, device, [ops.insert("worker", edited, worker_fields(vid, phone="0811"))])
    batch = [
        ops.insert("worker", made, worker_fields(vid)),
        ops.delete("worker", made, None),  # made and deleted before any sync: no version yet
        ops.update("worker", edited, {"phone": "0812"}, {"phone": "0811"}, 2),
        ops.delete("worker", edited, 2),  # the outbox still holds the version before the edit
    ]
    reply = push(server_db, device, batch)
    assert [r.result for r in reply.results] == ["applied"] * 4
    assert row_of(server_db, "worker", made).deleted
    assert row_of(server_db, "worker", edited).deleted


def test_insert_missing_a_required_field_is_rejected_with_its_label(
    server_db: ServerDatabase,
) -> None:
    vid, device, ops = _setup(server_db)
    fields = worker_fields(vid)
    del fields["nik"]
    result = push(server_db, device, [ops.insert("worker", new_id(), fields)]).results[0]
    assert (result.result, result.reason) == ("rejected", "NIK: wajib diisi")


def test_ops_resent_under_new_numbers_after_a_reinit_are_duplicates(
    server_db: ServerDatabase,
) -> None:
    vid, device, ops = _setup(server_db)
    wid = new_id()
    batch = [
        ops.insert("worker", wid, worker_fields(vid, phone="0811")),
        ops.update("worker", wid, {"phone": "0812"}, {"phone": "0811"}, None),
    ]
    first = push(server_db, device, batch)
    renumbered = [  # a restored backup re-sends its outbox above the expected device_seq
        op.model_copy(update={"device_seq": op.device_seq + 2}) for op in batch
    ]
    again = push(server_db, device, renumbered)
    assert [r.result for r in again.results] == ["duplicate", "duplicate"]
    assert [r.version for r in again.results] == [r.version for r in first.results]
    assert again.server_seq == first.server_seq
    assert row_of(server_db, "worker", wid).phone == "0812"


def test_a_stale_insert_of_a_deleted_row_that_differs_is_an_update_deleted_conflict(
    server_db: ServerDatabase,
) -> None:
    vid, device, ops = _setup(server_db)
    wid = new_id()
    fields = worker_fields(vid, phone="0811")
    push(server_db, device, [ops.insert("worker", wid, fields)])
    push(server_db, device, [ops.update("worker", wid, {"phone": "0812"}, {"phone": "0811"}, 2)])
    push(server_db, device, [ops.delete("worker", wid, 3)])
    same = push(server_db, device, [ops.insert("worker", wid, dict(fields, phone="0812"))])
    stale = push(server_db, device, [ops.insert("worker", wid, fields)])
    assert same.results[0].result == "applied"  # the tombstone already holds every value
    assert stale.results[0].result == "conflict"
    assert stale.server_seq == same.server_seq == 4  # neither wrote a version
    with server_db.read_sessions() as session:
        (conflict,) = conflicts_of(session, vid)
    assert (conflict.kind, list(json.loads(conflict.fields))) == ("update_deleted", ["phone"])
