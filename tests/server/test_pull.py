"""Pull pages, verify digests and table pages (docs/sync-internals.md, "Pull")."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

from merge_tools import (
    Ops,
    add_device,
    add_village,
    contribution_fields,
    enrollment_fields,
    heir_fields,
    push,
    server_edit,
    worker_fields,
)
from sqlalchemy import event, select

from app.models import SYNCED_ENTITIES, new_id
from app.server.changes import write_row
from app.server.db import ServerDatabase
from app.server.pull import read_pull, table_page, verify_tables
from app.sync.protocol import SYNC_ENTITIES, PullPage
from app.sync.wire import digest, row_hash, wire_values


def _pull(server_db: ServerDatabase, vid: uuid.UUID, since: int, limit: int = 200) -> PullPage:
    with server_db.read_sessions() as session:
        return read_pull(session, vid, since, limit)


def _pull_all(server_db: ServerDatabase, vid: uuid.UUID, limit: int) -> list[PullPage]:
    pages = [_pull(server_db, vid, 0, limit)]
    while pages[-1].has_more:
        pages.append(_pull(server_db, vid, pages[-1].next_since, limit))
    return pages


def _workers(server_db: ServerDatabase, vid: uuid.UUID, count: int) -> list[uuid.UUID]:
    device = add_device(server_db, vid)
    ids = [new_id() for _ in range(count)]
    ops = Ops()
    push(server_db, device, [ops.insert("worker", wid, worker_fields(vid)) for wid in ids])
    return ids


def test_a_pull_past_the_latest_change_is_an_empty_last_page(server_db: ServerDatabase) -> None:
    vid = add_village(server_db)
    page = _pull(server_db, vid, 1)
    assert (page.rows, page.next_since, page.has_more, page.server_seq) == ([], 1, False, 1)


def test_one_transaction_with_more_rows_than_a_page_spreads_over_pages(
    server_db: ServerDatabase,
) -> None:
    vid = add_village(server_db)
    ids = _workers(server_db, vid, 25)  # one push, one transaction
    pages = _pull_all(server_db, vid, 10)
    assert [len(p.rows) for p in pages] == [10, 10, 6]
    assert [p.has_more for p in pages] == [True, True, False]
    assert [p.next_since for p in pages] == [10, 20, 26]
    pulled = [row.id for page in pages for row in page.rows if row.entity == "worker"]
    assert pulled == ids  # in sequence order, none twice


def test_rows_are_sent_as_they_are_now_with_values_in_wire_form(server_db: ServerDatabase) -> None:
    vid = add_village(server_db)
    (wid,) = _workers(server_db, vid, 1)
    version = server_edit(server_db, vid, "worker", wid, phone="0812")
    (row,) = _pull(server_db, vid, 1).rows
    assert (row.id, row.version, row.deleted) == (wid, version, False)
    assert row.values["phone"] == "0812"
    assert row.values["village_id"] == str(vid)
    assert row.values["birth_date"].count("-") == 2
    assert "version" not in row.values and "deleted" not in row.values


def test_a_parent_changed_after_its_child_is_sent_ahead_of_it(server_db: ServerDatabase) -> None:
    vid = add_village(server_db)
    device = add_device(server_db, vid)
    ops = Ops()
    wid, eid, hid = new_id(), new_id(), new_id()
    cid = uuid.uuid5(eid, "2026-01")
    push(server_db, device, [
        ops.insert("worker", wid, worker_fields(vid)),                                  # seq 2
        ops.insert("enrollment", eid, enrollment_fields(vid, wid)),                     # seq 3
        ops.insert("contribution", cid, contribution_fields(vid, wid, eid, "2026-01")),  # seq 4
        ops.insert("heir", hid, heir_fields(vid, wid)),                                 # seq 5
    ])  # fmt: skip
    server_edit(server_db, vid, "enrollment", eid, wage=1_500_000)  # seq 6
    server_edit(server_db, vid, "worker", wid, phone="0812")  # seq 7
    first = _pull(server_db, vid, 0, limit=2)  # entries: village (1), contribution (4)
    assert [(r.entity, r.version) for r in first.rows] == [
        ("village", 1), ("worker", 7), ("enrollment", 6), ("contribution", 4),
    ]  # fmt: skip
    assert (first.next_since, first.has_more) == (4, True)
    second = _pull(server_db, vid, 4, limit=1)  # heir (5): its worker (7) again, ahead of it
    assert [(r.entity, r.version) for r in second.rows] == [("worker", 7), ("heir", 5)]
    third = _pull(server_db, vid, 5, limit=10)
    # in-page order too: the enrollment (6) comes after its worker (7)
    assert [(r.entity, r.version) for r in third.rows] == [("worker", 7), ("enrollment", 6)]
    assert not third.has_more


def test_a_parent_the_client_already_has_is_not_sent_again(server_db: ServerDatabase) -> None:
    vid = add_village(server_db)
    device = add_device(server_db, vid)
    ops = Ops()
    wid = new_id()
    push(server_db, device, [ops.insert("worker", wid, worker_fields(vid))])  # seq 2
    push(server_db, device, [ops.insert("heir", new_id(), heir_fields(vid, wid))])  # seq 3
    page = _pull(server_db, vid, 2)
    assert [r.entity for r in page.rows] == ["heir"]


def test_pages_read_rows_with_a_bounded_number_of_queries(server_db: ServerDatabase) -> None:
    vid = add_village(server_db)
    device = add_device(server_db, vid)
    ops = Ops()
    batch = []
    for _ in range(40):
        wid, eid = new_id(), new_id()
        batch += [
            ops.insert("worker", wid, worker_fields(vid)),
            ops.insert("enrollment", eid, enrollment_fields(vid, wid)),
            ops.insert("contribution", new_id(), contribution_fields(vid, wid, eid, "2026-01")),
        ]
    push(server_db, device, batch)
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(server_db.engine, "before_cursor_execute", count)
    try:
        page = _pull(server_db, vid, 0, limit=1000)
    finally:
        event.remove(server_db.engine, "before_cursor_execute", count)
    assert len(page.rows) == 121
    assert len(statements) <= 10  # log + one per entity + parents + counter, not one per row


def test_verify_digests_equal_a_digest_of_the_same_rows_through_wire(
    server_db: ServerDatabase,
) -> None:
    vid = add_village(server_db)
    other = add_village(server_db, "35.21.01.2002")
    _workers(server_db, other, 2)
    ids = _workers(server_db, vid, 3)
    server_edit(server_db, vid, "worker", ids[0], phone="0812")
    device = add_device(server_db, vid)
    push(server_db, device, [Ops().delete("worker", ids[1], 3)])
    with server_db.read_sessions() as session:
        reply = verify_tables(session, vid)
        expected = {}
        for entity in SYNC_ENTITIES:
            model = SYNCED_ENTITIES[entity]
            rows = session.scalars(select(model).where(model.village_id == vid)).all()  # type: ignore[attr-defined]
            expected[entity] = digest(
                row_hash(r.id, r.version, r.deleted, wire_values(entity, r))  # type: ignore[attr-defined]
                for r in rows
            )
    assert {e: (d.count, d.digest) for e, d in reply.tables.items()} == expected
    assert reply.tables["worker"].count == 3
    assert reply.server_seq == 6


def test_table_pages_walk_one_table_in_id_order(server_db: ServerDatabase) -> None:
    vid = add_village(server_db)
    ids = sorted(_workers(server_db, vid, 7))
    seen: list[uuid.UUID] = []
    after = None
    with server_db.read_sessions() as session:
        while True:
            page = table_page(session, vid, "worker", after, 3)
            seen += [row.id for row in page.rows]
            if page.next_after is None:
                break
            after = page.next_after
    assert seen == ids


def test_a_later_write_waits_for_the_earlier_transaction_to_commit(
    server_db: ServerDatabase,
) -> None:
    vid = add_village(server_db)
    first_id, second_id = new_id(), new_id()
    seqs: dict[str, int] = {}
    session_a = server_db.sessions()
    seqs["a"] = _write_worker(session_a, vid, first_id)

    def second() -> None:
        with server_db.sessions.begin() as session_b:
            seqs["b"] = _write_worker(session_b, vid, second_id)

    thread = threading.Thread(target=second)
    thread.start()
    time.sleep(0.5)
    assert thread.is_alive()  # blocked on the village counter, not numbered ahead of A
    assert _pull(server_db, vid, 1).rows == []  # nothing uncommitted is visible to a pull
    session_a.commit()
    session_a.close()
    thread.join(timeout=30)
    assert seqs == {"a": 2, "b": 3}
    assert [r.id for r in _pull(server_db, vid, 1).rows] == [first_id, second_id]


def _write_worker(session: Any, vid: uuid.UUID, wid: uuid.UUID) -> int:
    values = {k: v for k, v in worker_fields(vid).items() if k != "deleted"}
    return write_row(
        session, village_id=vid, entity="worker", row_id=wid, values=values, actor="cli"
    )


def test_a_pull_running_beside_writers_never_skips_a_row(server_db: ServerDatabase) -> None:
    vid = add_village(server_db)
    device = add_device(server_db, vid)
    written: list[uuid.UUID] = []
    done = threading.Event()

    def writer() -> None:
        ops = Ops()
        for _ in range(30):
            batch = [new_id() for _ in range(3)]
            push(
                server_db, device, [ops.insert("worker", wid, worker_fields(vid)) for wid in batch]
            )
            written.extend(batch)
        done.set()

    seen: set[uuid.UUID] = set()
    since = 0
    thread = threading.Thread(target=writer)
    thread.start()
    while True:
        finished = done.is_set()
        page = _pull(server_db, vid, since, limit=7)
        seen.update(row.id for row in page.rows)
        since = page.next_since
        if finished and not page.has_more:
            break
    thread.join()
    assert set(written) <= seen
