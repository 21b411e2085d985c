"""Review lists and conflict resolution (by op from a device, or by the dashboard)."""

from __future__ import annotations

import uuid

from merge_tools import (
    Ops,
    add_device,
    add_village,
    conflicts_of,
    push,
    row_of,
    server_edit,
    worker_fields,
)

from app.models import new_id
from app.server.auth import DeviceContext
from app.server.db import ServerDatabase
from app.server.review import open_review, resolve_conflict


def _conflicted_worker(
    server_db: ServerDatabase,
) -> tuple[uuid.UUID, DeviceContext, Ops, uuid.UUID, uuid.UUID]:
    """A worker whose name and phone were changed on the server and on the device."""
    vid = add_village(server_db)
    device = add_device(server_db, vid)
    ops = Ops()
    wid = new_id()
    fields = worker_fields(vid, full_name="Budi", phone="0811", nik="3521011201900077")
    version = push(server_db, device, [ops.insert("worker", wid, fields)]).results[0].version
    server_edit(server_db, vid, "worker", wid, full_name="Budi Santoso", phone="0813")
    op = ops.update(
        "worker", wid, {"full_name": "Budi S.", "phone": "0812"},
        {"full_name": "Budi", "phone": "0811"}, version,
    )  # fmt: skip
    conflict_id = push(server_db, device, [op]).results[0].conflict_id
    assert conflict_id is not None
    return vid, device, ops, wid, conflict_id


def test_review_lists_open_conflicts_with_a_summary_free_of_values(
    server_db: ServerDatabase,
) -> None:
    vid, device, ops, wid, conflict_id = _conflicted_worker(server_db)
    push(
        server_db,
        device,
        [ops.insert("worker", new_id(), worker_fields(vid, birth_date="1990-02-30"))],
    )
    with server_db.read_sessions() as session:
        review = open_review(session, vid)
    (item,) = review.conflicts
    assert (item.id, item.row_id, item.kind, item.device_id) == (
        conflict_id, wid, "field", device.device_id,
    )  # fmt: skip
    assert item.summary == "Pekerja: nama lengkap, nomor telepon diubah di dua tempat"
    assert item.fields["full_name"].local == "Budi S."
    assert item.fields["full_name"].kept == "server"
    (quarantined,) = review.quarantined
    assert quarantined.reason == "Tanggal lahir: nilai '1990-02-30' tidak sesuai jenis kolom"
    assert quarantined.device_seq == 3


def test_resolution_op_writes_the_chosen_values_and_closes_the_conflict(
    server_db: ServerDatabase,
) -> None:
    vid, device, ops, wid, conflict_id = _conflicted_worker(server_db)
    before = row_of(server_db, "worker", wid).version
    op = ops.resolve(conflict_id, {"full_name": "local", "phone": "local"})
    result = push(server_db, device, [op]).results[0]
    row = row_of(server_db, "worker", wid)
    assert result.result == "applied"
    assert (row.full_name, row.phone) == ("Budi S.", "0812")  # phone already held "local"
    assert row.version == result.version == before + 1
    with server_db.read_sessions() as session:
        (conflict,) = conflicts_of(session, vid)
        assert open_review(session, vid).conflicts == []
    assert (conflict.status, conflict.resolved_by) == ("resolved", f"device:{device.device_id}")


def test_choosing_what_the_row_holds_writes_nothing(server_db: ServerDatabase) -> None:
    _vid, device, ops, wid, conflict_id = _conflicted_worker(server_db)
    before = row_of(server_db, "worker", wid).version
    result = push(server_db, device, [ops.resolve(conflict_id, {"full_name": "server"})]).results[0]
    assert (result.result, result.version) == ("applied", before)


def test_update_of_a_deleted_row_resolved_locally_brings_the_row_back(
    server_db: ServerDatabase,
) -> None:
    vid = add_village(server_db)
    device = add_device(server_db, vid)
    ops = Ops()
    wid = new_id()
    version = (
        push(server_db, device, [ops.insert("worker", wid, worker_fields(vid, phone="0811"))])
        .results[0]
        .version
    )
    push(server_db, add_device(server_db, vid), [Ops().delete("worker", wid, version)])
    conflict_id = (
        push(
            server_db,
            device,
            [ops.update("worker", wid, {"phone": "0812"}, {"phone": "0811"}, version)],
        )
        .results[0]
        .conflict_id
    )
    assert conflict_id is not None
    push(server_db, device, [ops.resolve(conflict_id, {"phone": "local"})])
    row = row_of(server_db, "worker", wid)
    assert (row.deleted, row.phone) == (False, "0812")


def test_delete_of_a_changed_row_resolved_for_the_server_undeletes_it(
    server_db: ServerDatabase,
) -> None:
    vid = add_village(server_db)
    device = add_device(server_db, vid)
    ops = Ops()
    wid = new_id()
    version = (
        push(server_db, device, [ops.insert("worker", wid, worker_fields(vid))]).results[0].version
    )
    server_edit(server_db, vid, "worker", wid, phone="0899")
    conflict_id = (
        push(server_db, device, [ops.delete("worker", wid, version)]).results[0].conflict_id
    )
    assert conflict_id is not None
    with server_db.sessions.begin() as session:
        resolve_conflict(
            session, village_id=vid, conflict_id=conflict_id, choices={"deleted": "server"},
            actor="operator:dpmd",
        )  # fmt: skip
    row = row_of(server_db, "worker", wid)
    assert (row.deleted, row.phone) == (False, "0899")


def test_resolving_a_conflict_of_another_village_is_rejected(server_db: ServerDatabase) -> None:
    _vid, _device, _ops, wid, conflict_id = _conflicted_worker(server_db)
    stranger_vid = add_village(server_db, "35.21.01.2002")
    stranger = add_device(server_db, stranger_vid)
    result = push(
        server_db, stranger, [Ops().resolve(conflict_id, {"full_name": "local"})]
    ).results[0]
    assert (result.result, result.reason) == (
        "rejected", "Konflik yang dipilih tidak ada di desa ini",
    )  # fmt: skip
    assert row_of(server_db, "worker", wid).full_name == "Budi Santoso"


def test_a_choice_for_a_field_that_did_not_conflict_is_rejected(server_db: ServerDatabase) -> None:
    _vid, device, ops, _wid, conflict_id = _conflicted_worker(server_db)
    result = push(server_db, device, [ops.resolve(conflict_id, {"rt": "local"})]).results[0]
    assert result.result == "rejected"
    assert result.reason == "Pilihan untuk RT tidak sesuai dengan konflik ini"


def test_resolving_twice_changes_nothing_the_second_time(server_db: ServerDatabase) -> None:
    _vid, device, ops, wid, conflict_id = _conflicted_worker(server_db)
    first = push(server_db, device, [ops.resolve(conflict_id, {"full_name": "local"})]).results[0]
    other = Ops(start=ops.next_seq)
    second = push(server_db, device, [other.resolve(conflict_id, {"full_name": "server"})]).results[
        0
    ]
    assert (second.result, second.version) == ("applied", first.version)
    assert row_of(server_db, "worker", wid).full_name == "Budi S."


def test_duplicate_nik_summary_names_no_nik(server_db: ServerDatabase) -> None:
    vid = add_village(server_db)
    device = add_device(server_db, vid)
    ops = Ops()
    nik = "3521011201900099"
    push(
        server_db,
        device,
        [ops.insert("worker", new_id(), worker_fields(vid, nik=nik)) for _ in range(2)],
    )
    with server_db.read_sessions() as session:
        (item,) = open_review(session, vid).conflicts
    assert item.summary == "Pekerja: NIK sama dengan pekerja lain di desa ini"
    assert nik not in item.summary
