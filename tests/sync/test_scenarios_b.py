"""Issue 5 sync scenarios 5, 6, 7, 10, 11, 12, 14 and 15, end to end.

Every test runs the real `payung-server serve` on 127.0.0.1 (a SQLite file, and PostgreSQL too
when PAYUNG_TEST_PG_URL is set: scripts/with-postgres.sh) against real migrated village
databases; DPMD edits go through app.server.changes.write_row like the dashboard's.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from factories import make_heir_draft, make_worker_draft
from merge_tools import heir_fields, worker_fields
from scenario_tools import (
    BACKENDS,
    applied_ops,
    backend_server,
    client_rows,
    conflict_rows,
    device_id_of,
    differences,
    dpmd_write,
    outbox,
    outbox_op,
    quarantine_rows,
    recording_factory,
    server_rows,
    server_seq,
)
from servertools import API, ServerHandle, enroll_device
from sqlalchemy import text
from synctools import PC, Village

from app.cli import main
from app.server import devices
from app.server.bundles import import_bundle_file
from app.server.changes import write_row
from app.server.db import ServerDatabase
from app.server.merge import PushTooOld
from app.server.pull import read_pull
from app.server.routes_sync import TOO_NEW, TOO_OLD
from app.services.register import SearchQuery
from app.sync import run as run_module
from app.sync.bundle_client import export_bundle, import_bundle
from app.sync.engine import Progress
from app.sync.errors import Revoked, UpgradeRequired
from app.sync.protocol import PROTOCOL_VERSION, PullPage, PushRequest
from app.sync.transport import Transport

Server = tuple[ServerDatabase, ServerHandle]


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """Overrides tests/sync/conftest.py's: the same real server, on each backend."""
    with backend_server(request.param, tmp_path_factory.mktemp(request.param)) as pair:
        yield pair


def _same(db: ServerDatabase, village: Village, pc: PC) -> None:
    """The client holds exactly the server's rows of its village (versions, tombstones)."""
    assert differences(server_rows(db, village.id), client_rows(pc)) == []


def _wid(detail: Any) -> uuid.UUID:
    return uuid.UUID(str(detail.id))


def _local(pc: PC, entity: str, row_id: uuid.UUID) -> dict[str, Any]:
    return client_rows(pc)[entity][row_id][2]


def _cli(capsys: pytest.CaptureFixture[str], pc: PC, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(pc.paths.data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


# -- 5 ------------------------------------------------------------------------------------------


def test_05_same_field_edited_by_village_and_dpmd_keeps_both_values(
    server: Server, village: Village, pcs: Callable[..., PC], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = server
    pc = pcs()
    village.connect(pc)
    first = _wid(pc.ctx.register.add(make_worker_draft(phone="081200000001")))
    second = _wid(pc.ctx.register.add(make_worker_draft(phone="081200000002")))
    pc.engine.sync()
    for wid, tag in ((first, "Satu"), (second, "Dua")):  # DPMD first, the village op arrives later
        dpmd_write(
            db, village.id, "worker", wid, {"full_name": f"Dpmd {tag}", "phone": f"0813{tag}"}
        )
        pc.ctx.register.edit(str(wid), {"name": f"Desa {tag}", "phone": f"08140000000{len(tag)}"})
    sent = {wid: _local(pc, "worker", wid) for wid in (first, second)}

    result = pc.engine.sync()

    assert result.conflicts == 2
    for wid, tag in ((first, "Satu"), (second, "Dua")):
        held = server_rows(db, village.id)["worker"][wid][2]
        assert held["full_name"] == f"Dpmd {tag}"  # identity field: the server's value stays
        assert held["phone"] == sent[wid]["phone"]  # other field: the later arrival wins
    by_row = {c.row_id: c for c in conflict_rows(db, village.id)}
    assert json.loads(by_row[first].fields) == {
        "full_name": {"local": sent[first]["full_name"], "server": "Dpmd Satu", "kept": "server"},
        "phone": {"local": sent[first]["phone"], "server": "0813Satu", "kept": "local"},
    }
    assert by_row[first].kind == "field" and by_row[first].status == "open"
    _same(db, village, pc)
    views = {v.row_id: v for v in pc.engine.conflicts()}
    assert views[first].fields["full_name"] == (sent[first]["full_name"], "Dpmd Satu", "server")
    assert views[first].fields["phone"] == (sent[first]["phone"], "0813Satu", "local")
    code, out, _ = _cli(capsys, pc, "conflicts", "--json")
    listed = {item["row_id"]: item for item in json.loads(out)}
    assert code == 0 and set(listed) == {str(first), str(second)}
    assert listed[str(second)]["fields"]["full_name"] == {
        "local": sent[second]["full_name"], "server": "Dpmd Dua", "kept": "server"
    }  # fmt: skip

    for wid, keep in ((first, "local"), (second, "server")):
        code, out, err = _cli(
            capsys, pc, "conflicts", "resolve", str(views[wid].id), "--keep", keep
        )
        assert (code, out, err) == (0, "Pilihan dikirim ke server.\n", "")

    pc.engine.sync()
    rows = server_rows(db, village.id)["worker"]
    assert rows[first][2]["full_name"] == sent[first]["full_name"]
    assert rows[first][2]["phone"] == sent[first]["phone"]
    assert (rows[second][2]["full_name"], rows[second][2]["phone"]) == ("Dpmd Dua", "0813Dua")
    assert {c.status for c in conflict_rows(db, village.id)} == {"resolved"}
    assert pc.engine.conflicts() == [] and pc.engine.status().ops_waiting == 0
    _same(db, village, pc)


def test_05_name_conflict_keeps_the_search_name_in_step_with_the_kept_name(
    server: Server, village: Village, pcs: Callable[..., PC]
) -> None:
    """search_name is full_name.lower() everywhere in the app (the register searches and sorts
    by it); a name kept from the server must bring its search name along, and so must a DPMD
    name edit, or the village can no longer find the worker by the name it shows."""
    db, _ = server
    pc = pcs()
    village.connect(pc)
    conflicted = _wid(pc.ctx.register.add(make_worker_draft(name="Budi Santoso")))
    renamed = _wid(pc.ctx.register.add(make_worker_draft(name="Sri Rahayu")))
    pc.engine.sync()
    dpmd_write(db, village.id, "worker", conflicted, {"full_name": "Bambang Dari Kabupaten"})
    pc.ctx.register.edit(str(conflicted), {"name": "Joko Dari Desa"})
    dpmd_write(db, village.id, "worker", renamed, {"full_name": "Wulan Dari Kabupaten"})

    pc.engine.sync()

    for wid, name in ((conflicted, "Bambang Dari Kabupaten"), (renamed, "Wulan Dari Kabupaten")):
        held = server_rows(db, village.id)["worker"][wid][2]
        assert (held["full_name"], held["search_name"]) == (name, name.lower())
        found = pc.ctx.register.search(SearchQuery(text=name.split()[0]))
        assert [uuid.UUID(str(row.id)) for row in found.rows] == [wid]
    _same(db, village, pc)


def test_05_identity_conflict_on_an_edit_reapplied_over_a_newer_pull_still_converges(
    server: Server, village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    """The heir's name is an identity field: on a conflict the server keeps its value and
    writes nothing. When the PC's edit had been re-applied on top of the server's newer row
    (a reply bundle imported while the edit waited), the PC already holds that version; it
    must still end with the server's name, not keep its own at the same version."""
    db, _ = server
    pc = pcs()
    village.connect(pc)
    wid, heir = _worker_with_heir(pc)
    out, reply = tmp_path / "desa.payung", tmp_path / "balasan.payung"
    export_bundle(pc.engine, out)  # nothing pending: the reply just brings the server's rows
    dpmd_write(db, village.id, "heir", heir, {"name": "Nama Dari Kabupaten"})
    pc.ctx.heirs.edit(str(heir), make_heir_draft(name="Nama Dari Desa"))
    import_bundle_file(db, out, reply)
    import_bundle(pc.engine, reply)  # the DPMD row arrives; the waiting edit goes back on top
    assert _local(pc, "heir", heir)["name"] == "Nama Dari Desa"

    result = pc.engine.sync()

    assert result.conflicts == 1
    [view] = pc.engine.conflicts()
    assert view.fields["name"] == ("Nama Dari Desa", "Nama Dari Kabupaten", "server")
    assert server_rows(db, village.id)["heir"][heir][2]["name"] == "Nama Dari Kabupaten"
    _same(db, village, pc)
    assert [h.name for h in pc.ctx.heirs.list(str(wid))] == ["Nama Dari Kabupaten"]


def test_05_different_fields_edited_by_village_and_dpmd_merge_without_conflict(
    server: Server, village: Village, pcs: Callable[..., PC]
) -> None:
    db, _ = server
    pc = pcs()
    village.connect(pc)
    wid = _wid(pc.ctx.register.add(make_worker_draft()))
    pc.engine.sync()
    dpmd_write(db, village.id, "worker", wid, {"address": "Jl. Dari DPMD 1"})
    pc.ctx.register.edit(str(wid), {"phone": "081255550000"})
    phone = _local(pc, "worker", wid)["phone"]

    result = pc.engine.sync()

    assert result.conflicts == 0 and conflict_rows(db, village.id) == []
    held = server_rows(db, village.id)["worker"][wid][2]
    assert (held["address"], held["phone"]) == ("Jl. Dari DPMD 1", phone)
    _same(db, village, pc)
    other = pcs("other")
    village.connect(other, set_up=False)
    other.engine.sync()
    assert differences(server_rows(db, village.id), client_rows(other)) == []


# -- 6 ------------------------------------------------------------------------------------------


def _worker_with_heir(pc: PC) -> tuple[uuid.UUID, uuid.UUID]:
    wid = _wid(pc.ctx.register.add(make_worker_draft()))
    heir = pc.ctx.heirs.add(str(wid), make_heir_draft(name="Ahmad Fauzi"))
    pc.engine.sync()
    return wid, uuid.UUID(str(heir.id))


def test_06_village_deletes_an_heir_the_dpmd_updated_delete_applies_conflict_kept(
    server: Server, village: Village, pcs: Callable[..., PC]
) -> None:
    db, _ = server
    pc = pcs()
    village.connect(pc)
    _, heir = _worker_with_heir(pc)
    dpmd_write(db, village.id, "heir", heir, {"name": "Ahmad Fauzi Dpmd", "phone": "081377770000"})
    pc.ctx.heirs.remove(str(heir))  # the PC had not pulled the DPMD edit

    result = pc.engine.sync()

    _, deleted, values = server_rows(db, village.id)["heir"][heir]
    assert deleted is True  # the delete applies (sync-internals, Merge 7) ...
    assert (values["name"], values["phone"]) == ("Ahmad Fauzi Dpmd", "081377770000")  # ... kept
    [conflict] = conflict_rows(db, village.id)
    assert (conflict.kind, conflict.row_id, result.conflicts) == ("delete_updated", heir, 1)
    assert json.loads(conflict.fields) == {
        "deleted": {"local": True, "server": False, "kept": "local"}
    }
    [view] = pc.engine.conflicts()
    assert view.kind == "delete_updated"
    _same(db, village, pc)

    pc.engine.resolve(view.id, {"deleted": "server"})  # keep the heir after all
    pc.engine.sync()
    _, deleted, values = server_rows(db, village.id)["heir"][heir]
    assert deleted is False and values["name"] == "Ahmad Fauzi Dpmd"
    assert pc.engine.conflicts() == []
    _same(db, village, pc)
    assert [h.name for h in pc.ctx.heirs.list(str(values["worker_id"]))] == ["Ahmad Fauzi Dpmd"]


def test_06_dpmd_deletes_a_row_the_village_updated_update_kept_in_the_conflict(
    server: Server, village: Village, pcs: Callable[..., PC]
) -> None:
    db, _ = server
    pc = pcs()
    village.connect(pc)
    wid, heir = _worker_with_heir(pc)
    before = server_rows(db, village.id)["heir"][heir][2]
    dpmd_write(db, village.id, "heir", heir, {}, deleted=True)
    pc.ctx.heirs.edit(str(heir), make_heir_draft(name="Ahmad Fauzi Baru"))
    local_name = _local(pc, "heir", heir)["name"]

    result = pc.engine.sync()

    _, deleted, values = server_rows(db, village.id)["heir"][heir]
    assert deleted is True and values == before  # not applied to the tombstone
    [conflict] = conflict_rows(db, village.id)
    fields = json.loads(conflict.fields)
    assert (conflict.kind, result.conflicts) == ("update_deleted", 1)
    assert fields["name"] == {"local": local_name, "server": "Ahmad Fauzi", "kept": "server"}
    [view] = pc.engine.conflicts()
    assert view.fields["name"] == (local_name, "Ahmad Fauzi", "server")  # nothing lost
    _same(db, village, pc)
    assert pc.ctx.heirs.list(str(wid)) == []

    pc.engine.resolve(view.id, dict.fromkeys(view.fields, "local"))
    pc.engine.sync()
    _, deleted, values = server_rows(db, village.id)["heir"][heir]
    assert deleted is False and values["name"] == local_name
    _same(db, village, pc)
    assert [h.name for h in pc.ctx.heirs.list(str(wid))] == [local_name]


def test_06_edit_waiting_while_the_dpmd_deletion_arrives_by_bundle_still_converges(
    server: Server, village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    """The DPMD deletes a heir; the PC edits it while a reply bundle carrying the tombstone is
    on its way. The edit must not be laid on the tombstone: the server keeps the tombstone
    (update_deleted, nothing written), so the PC must end with exactly the server's row, and
    the edit is kept in the conflict."""
    db, _ = server
    pc = pcs()
    village.connect(pc)
    wid, heir = _worker_with_heir(pc)
    out, reply = tmp_path / "desa.payung", tmp_path / "balasan.payung"
    export_bundle(pc.engine, out)
    dpmd_write(db, village.id, "heir", heir, {}, deleted=True)
    pc.ctx.heirs.edit(str(heir), make_heir_draft(name="Nama Dari Desa"))
    import_bundle_file(db, out, reply)
    import_bundle(pc.engine, reply)

    result = pc.engine.sync()

    assert result.conflicts == 1
    [view] = pc.engine.conflicts()
    assert view.kind == "update_deleted"
    assert view.fields["name"] == ("Nama Dari Desa", "Ahmad Fauzi", "server")
    _same(db, village, pc)
    assert pc.ctx.heirs.list(str(wid)) == []


# -- 7 ------------------------------------------------------------------------------------------


def test_07_one_bad_op_among_400_is_quarantined_and_the_rest_apply(
    server: Server, village: Village, pcs: Callable[..., PC]
) -> None:
    db, _ = server
    pc = pcs()
    village.connect(pc)  # op 1: the village
    for _ in range(399):
        pc.ctx.register.add(make_worker_draft())
    seqs = [row["seq"] for row in outbox(pc)]
    assert len(seqs) == 400
    bad = seqs[249]
    with pc.ctx.database.sessions.begin() as session:
        session.execute(
            text(
                "UPDATE sync_outbox SET fields = json_set(fields, '$.birth_date', '2026-13-45') "
                "WHERE seq = :seq"
            ),
            {"seq": bad},
        )

    result = pc.engine.sync()

    assert (result.pushed, result.quarantined) == (400, 1)
    [quarantined] = quarantine_rows(db, village.id)
    assert (quarantined.device_seq, quarantined.entity) == (bad, "worker")
    assert quarantined.reason == "Tanggal lahir: nilai '2026-13-45' tidak sesuai jenis kolom"
    assert json.loads(quarantined.op)["fields"]["birth_date"] == "2026-13-45"
    [view] = pc.engine.quarantined()
    assert (view.device_seq, view.reason) == (bad, quarantined.reason)
    results = applied_ops(db, device_id_of(pc))
    assert sorted(results) == seqs
    assert [s for s, r in results.items() if r == "rejected"] == [bad]
    assert set(results.values()) == {"applied", "rejected"}
    assert len(server_rows(db, village.id)["worker"]) == 398
    assert pc.engine.status().ops_waiting == 0 and pc.engine.status().held == 1
    assert [(r["seq"], r["result"]) for r in outbox(pc)] == [(bad, "rejected")]

    again = pc.engine.sync()  # the rejected op is not sent again
    assert again.pushed == 0 and len(applied_ops(db, device_id_of(pc))) == 400
    versioned = client_rows(pc, versioned=True)
    assert differences(server_rows(db, village.id), versioned) == []
    assert len(client_rows(pc)["worker"]) == 399  # the bad one stays on the PC, not synced


# -- 10 -----------------------------------------------------------------------------------------


def _new_worker(village_id: uuid.UUID) -> tuple[uuid.UUID, dict[str, Any]]:
    values = worker_fields(village_id)
    values.pop("deleted")
    return uuid.uuid4(), values


def _waiting_on_counter(db: ServerDatabase) -> bool:
    with db.engine.connect() as conn:
        queries = conn.execute(
            text(
                "SELECT query FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
        ).scalars()
        return any("village_counter" in q for q in queries)


def test_10_two_server_transactions_committing_in_reverse_order_skip_no_row(
    server: Server, village: Village, pcs: Callable[..., PC]
) -> None:
    db, _ = server
    pages: list[tuple[int, PullPage]] = []
    pc = pcs(transport_factory=recording_factory(pages))
    village.connect(pc)
    pc.engine.sync()
    start = server_seq(db, village.id)
    first_id, first_values = _new_worker(village.id)
    second_id, second_values = _new_worker(village.id)
    first_wrote, release = threading.Event(), threading.Event()
    second_started, second_wrote = threading.Event(), threading.Event()
    failures: list[BaseException] = []
    versions: dict[str, int] = {}

    def first() -> None:
        try:
            with db.sessions.begin() as session:
                versions["first"] = write_row(
                    session, village_id=village.id, entity="worker", row_id=first_id,
                    values=first_values, actor="operator:satu",
                )  # fmt: skip
                first_wrote.set()
                assert release.wait(30)
        except BaseException as exc:
            failures.append(exc)
            first_wrote.set()

    def second() -> None:
        try:
            with db.sessions.begin() as session:
                second_started.set()
                versions["second"] = write_row(
                    session, village_id=village.id, entity="worker", row_id=second_id,
                    values=second_values, actor="operator:dua",
                )  # fmt: skip
                second_wrote.set()
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    threads[0].start()
    assert first_wrote.wait(30) and not failures
    threads[1].start()
    assert second_started.wait(30)
    # The second writer cannot take its number while the first holds the counter row (on
    # SQLite: the database write lock, BEGIN IMMEDIATE), so it can never commit first.
    assert not second_wrote.wait(0.8)
    if not db.is_sqlite:
        assert _waiting_on_counter(db)
        pc.engine.sync()  # a real pull while both are open: sees neither
    with db.read_sessions() as session:
        between = read_pull(session, village.id, start, 200)
    assert {r.id for r in between.rows}.isdisjoint({first_id, second_id})
    release.set()
    for thread in threads:
        thread.join(30)
    assert failures == []
    assert (versions["first"], versions["second"]) == (start + 1, start + 2)

    pc.engine.sync()

    seen = [row.id for _, page in pages for row in page.rows]
    assert seen.count(first_id) == 1 and seen.count(second_id) == 1
    _same(db, village, pc)


# -- 11 -----------------------------------------------------------------------------------------


@pytest.fixture
def pages_of_200(monkeypatch: pytest.MonkeyPatch) -> int:
    """Pull pages of 200 instead of protocol.PULL_PAGE (1,000): page edges with a few hundred
    rows."""
    monkeypatch.setattr(run_module, "PULL_PAGE", 200)
    return 200


def test_11_page_edges_many_rows_in_one_transaction_empty_pages_and_has_more(
    server: Server, village: Village, pcs: Callable[..., PC], pages_of_200: int
) -> None:
    db, handle = server
    pages: list[tuple[int, PullPage]] = []
    pc = pcs(transport_factory=recording_factory(pages))
    village.connect(pc)
    pc.engine.sync()
    start = server_seq(db, village.id)
    workers = [_new_worker(village.id) for _ in range(150)]
    with db.sessions.begin() as session:  # 450 writes in ONE server transaction
        for wid, values in workers:
            write_row(session, village_id=village.id, entity="worker", row_id=wid,
                      values=values, actor="operator:uji")  # fmt: skip
        for wid, _ in workers:
            write_row(session, village_id=village.id, entity="heir", row_id=uuid.uuid4(),
                      values={k: v for k, v in heir_fields(village.id, wid).items()
                              if k != "deleted"}, actor="operator:uji")  # fmt: skip
        for wid, _ in workers:  # the parents now change after their children
            write_row(session, village_id=village.id, entity="worker", row_id=wid,
                      values={"phone": "081299990000"}, actor="operator:uji")  # fmt: skip
    end = server_seq(db, village.id)
    assert end == start + 450
    pages.clear()

    result = pc.engine.sync()

    # 300 change-log entries (compacted): two pages of 200 and 100.
    assert [(since, p.next_since, p.has_more) for since, p in pages] == [
        (start, start + 350, True), (start + 350, end, False),
    ]  # fmt: skip
    applied: set[uuid.UUID] = set()
    for _, page in pages:  # every heir's worker comes in this page or an earlier one
        for row in page.rows:
            if row.entity == "heir":
                assert uuid.UUID(row.values["worker_id"]) in applied
            applied.add(row.id)
    assert result.pulled == 300
    _same(db, village, pc)

    token = _token(pc)
    with Transport(handle.url, token) as transport:
        empty = transport.pull(end, 200)
        assert (empty.rows, empty.next_since, empty.has_more, empty.server_seq) == (
            [],
            end,
            False,
            end,
        )
        beyond = transport.pull(end + 50, 200)
        assert (beyond.rows, beyond.has_more) == ([], False)
        exact = transport.pull(end - 200, 200)  # exactly a page left: no more after it
        assert (exact.has_more, exact.next_since) == (False, end)
        one_more = transport.pull(end - 201, 200)
        assert (one_more.has_more, one_more.next_since) == (True, end - 1)
    pages.clear()
    again = pc.engine.sync()
    assert again.pulled == 0 and [(s, p.rows, p.has_more) for s, p in pages] == [(end, [], False)]


def _token(pc: PC) -> str:
    secret = pc.engine._secrets.load(device_id_of(pc))
    assert secret is not None
    return secret.token


# -- 12 -----------------------------------------------------------------------------------------


def test_12_verify_repairs_a_tampered_and_a_deleted_row_without_wiping(
    server: Server, village: Village, pcs: Callable[..., PC]
) -> None:
    db, _ = server
    pc = pcs()
    village.connect(pc)
    tampered, gone, edited, _keep = (
        _wid(pc.ctx.register.add(make_worker_draft(phone="081200000000"))) for _ in range(4)
    )
    pc.ctx.heirs.add(str(edited), make_heir_draft())
    pc.ctx.heirs.add(str(gone), make_heir_draft(name="Waris Yang Ditinggal"))
    pc.engine.sync()
    local_only = _wid(pc.ctx.register.add(make_worker_draft()))
    with pc.ctx.database.sessions.begin() as session:  # quarantined: stays only on this PC
        session.execute(
            text(
                "UPDATE sync_outbox SET fields = json_set(fields, '$.sex', 'X') WHERE op = 'insert'"
            )
        )
    pc.engine.sync()
    assert pc.engine.status().held == 1
    outside = sqlite3.connect(pc.paths.database)  # another tool, foreign keys off (default)
    with outside:
        outside.execute("UPDATE worker SET phone = '089999999999' WHERE id = ?", (tampered.hex,))
        outside.execute("DELETE FROM worker WHERE id = ?", (gone.hex,))  # its heir stays
    outside.close()
    assert pc.scalar("SELECT count(*) FROM sync_outbox WHERE result IS NULL") == 0
    heirs_before = client_rows(pc)["heir"]
    edit_done: list[str] = []

    def progress(step: Progress) -> None:  # the secretary edits while the sync verifies
        if step.stage == "verify" and not edit_done:
            pc.ctx.register.edit(str(edited), {"phone": "081311112222"})
            edit_done.append(_local(pc, "worker", edited)["phone"])

    result = pc.engine.sync(verify=True, progress=progress)

    assert result.repaired == ("worker",)
    server = server_rows(db, village.id)
    local = client_rows(pc)
    assert local["worker"][tampered] == server["worker"][tampered]
    assert local["worker"][gone] == server["worker"][gone]  # back, with the server's values
    assert local["worker"][local_only][0] is None  # the PC's own unsynced row is still there
    assert local["worker"][edited][2]["phone"] == edit_done[0]  # the unsent edit stays on top
    assert local["heir"] == heirs_before
    assert pc.engine.status().ops_waiting == 1
    pc.engine.sync()
    assert server_rows(db, village.id)["worker"][edited][2]["phone"] == edit_done[0]
    assert differences(server_rows(db, village.id), client_rows(pc, versioned=True)) == []


# -- 14 -----------------------------------------------------------------------------------------


def _hello_body(device_id: str, protocol: int) -> dict[str, Any]:
    return {
        "device_id": device_id,
        "db_instance_id": str(uuid.uuid4()),
        "protocol_version": protocol,
        "schema_version": "0004",
        "app_version": "0.1",
        "max_device_seq": 0,
        "last_pulled_seq": 0,
        "client_time": datetime.now(UTC).isoformat(),
    }


def test_14_old_protocol_may_hello_and_pull_but_push_gets_426_upgrade(
    server: Server, village: Village, pcs: Callable[..., PC], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, handle = server
    device = enroll_device(db, handle.url, village.code)
    old = {"Authorization": f"Bearer {device['token']}", "X-Payung-Protocol": "1"}
    base = f"{handle.url}{API}/sync"
    hello = httpx.post(f"{base}/hello", json=_hello_body(device["device_id"], 1), headers=old)
    assert hello.status_code == 200 and hello.json()["action"] == "ok"
    pulled = httpx.get(f"{base}/pull", params={"since": 0}, headers=old)
    assert pulled.status_code == 200 and pulled.json()["rows"][0]["entity"] == "village"
    push = httpx.post(f"{base}/push", json={"ops": []}, headers=old)
    assert (push.status_code, push.json()) == (426, {"detail": PushTooOld.detail})
    for protocol, message in ((0, TOO_OLD), (PROTOCOL_VERSION + 1, TOO_NEW)):
        answer = httpx.post(f"{base}/hello", json=_hello_body(device["device_id"], protocol),
                            headers=old).json()  # fmt: skip
        assert (answer["action"], answer["message"]) == ("upgrade_required", message)
    old_transport = Transport(handle.url, device["token"], protocol=1)
    with old_transport, pytest.raises(UpgradeRequired) as raised:
        old_transport.push(PushRequest(ops=[]))
    assert raised.value.message == PushTooOld.detail

    pc = pcs(transport_factory=lambda url, token: Transport(url, token, protocol=1))
    village.connect(pc)
    waiting = pc.engine.status().ops_waiting
    with pytest.raises(UpgradeRequired) as raised:
        pc.engine.sync()
    assert raised.value.message == PushTooOld.detail
    assert pc.engine.status().ops_waiting == waiting == 1  # nothing lost, nothing half-sent
    assert applied_ops(db, device_id_of(pc)) == {}

    monkeypatch.setattr("app.sync.engine.PROTOCOL_VERSION", PROTOCOL_VERSION + 1)
    newer = pcs("newer")
    village.connect(newer)
    with pytest.raises(UpgradeRequired) as raised:
        newer.engine.sync()
    assert raised.value.message == TOO_NEW


# -- 15 -----------------------------------------------------------------------------------------


def test_15_a_village_token_cannot_read_or_write_another_village(
    server: Server, village: Village, pcs: Callable[..., PC]
) -> None:
    db, handle = server
    other = Village(db, handle.url)
    b = pcs("b")
    other.connect(b)
    b_worker = _wid(b.ctx.register.add(make_worker_draft()))
    b.ctx.heirs.add(str(b_worker), make_heir_draft())
    b.engine.sync()
    b_rows = server_rows(db, other.id)
    pages: list[tuple[int, PullPage]] = []
    a = pcs("a", transport_factory=recording_factory(pages))
    village.connect(a)
    a_worker = _wid(a.ctx.register.add(make_worker_draft()))
    a.engine.sync()
    b_ids = {row_id for rows in b_rows.values() for row_id in rows}
    assert b_ids.isdisjoint(row.id for _, page in pages for row in page.rows)
    assert b_ids.isdisjoint(row_id for rows in client_rows(a).values() for row_id in rows)
    with Transport(handle.url, _token(a)) as transport:
        listed = transport.table("worker", None, 500).rows
    assert [row.id for row in listed] == [a_worker]

    heir = {k: v for k, v in heir_fields(village.id, a_worker).items()}
    seqs = [
        outbox_op(a, entity="worker", row_id=b_worker, op="update",
                  fields={"phone": "081200001111"}, base={"phone": None}, base_version=1),
        outbox_op(a, entity="heir", row_id=uuid.uuid4(), op="insert",
                  fields={**heir, "village_id": str(other.id)}),
        outbox_op(a, entity="heir", row_id=uuid.uuid4(), op="insert",
                  fields={**heir, "worker_id": str(b_worker)}),
        outbox_op(a, entity="village", row_id=other.id, op="update",
                  fields={"name": "Diambil Alih"}, base={"name": "x"}, base_version=1),
    ]  # fmt: skip

    result = a.engine.sync()

    assert (result.pushed, result.quarantined) == (4, 4)
    reasons = {q.device_seq: q.reason for q in quarantine_rows(db, village.id)}
    assert reasons == {
        seqs[0]: "Data di luar desa perangkat ini",
        seqs[1]: "Data di luar desa perangkat ini",
        seqs[2]: "Pekerja yang dirujuk (worker_id) tidak ada di desa ini",
        seqs[3]: "Data di luar desa perangkat ini",
    }
    assert {(v.device_seq, v.reason) for v in a.engine.quarantined()} == set(reasons.items())
    assert server_rows(db, other.id) == b_rows and quarantine_rows(db, other.id) == []
    assert a.engine.status().ops_waiting == 0


def test_15_a_revoked_token_is_refused_between_push_batches(
    server: Server, village: Village, pcs: Callable[..., PC]
) -> None:
    db, _ = server
    pc = pcs()
    village.connect(pc)
    for _ in range(249):
        pc.ctx.register.add(make_worker_draft())
    device_id = device_id_of(pc)

    def progress(step: Progress) -> None:
        if step.stage == "push" and step.done == 200:
            with db.sessions.begin() as session:
                devices.revoke_device(session, device_id, datetime.now(UTC).replace(tzinfo=None))

    with pytest.raises(Revoked) as raised:
        pc.engine.sync(progress=progress)

    assert "dicabut" in raised.value.message
    remaining = [row["seq"] for row in outbox(pc)]
    assert sorted(applied_ops(db, device_id)) == list(range(1, 201))
    assert remaining == list(range(201, 251)) and pc.engine.status().ops_waiting == 50
    assert pc.scalar("SELECT last_pulled_seq FROM sync_state") == 0
    with pytest.raises(Revoked):
        pc.engine.sync()


def test_15_a_revoked_token_is_refused_between_pull_pages(
    server: Server, village: Village, pcs: Callable[..., PC], pages_of_200: int
) -> None:
    db, _ = server
    with db.sessions.begin() as session:
        for _ in range(450):
            wid, values = _new_worker(village.id)
            write_row(session, village_id=village.id, entity="worker", row_id=wid,
                      values=values, actor="operator:uji")  # fmt: skip
    pages: list[tuple[int, PullPage]] = []
    pc = pcs(transport_factory=recording_factory(pages))
    village.connect(pc, set_up=False)
    device_id = device_id_of(pc)

    revoked: list[bool] = []

    def progress(step: Progress) -> None:  # right after the first page is stored
        if step.stage == "pull" and not revoked:
            revoked.append(True)
            with db.sessions.begin() as session:
                devices.revoke_device(session, device_id, datetime.now(UTC).replace(tzinfo=None))

    with pytest.raises(Revoked) as raised:
        pc.engine.sync(progress=progress)

    assert "dicabut" in raised.value.message
    # The client asks for the next page while it stores one, so the page requested before the
    # revocation may still arrive; every request after it is refused. What arrived is stored
    # whole with its cursor, nothing else.
    assert 1 <= len(pages) <= 2 and pages[-1][1].has_more
    assert pc.scalar("SELECT last_pulled_seq FROM sync_state") == pages[-1][1].next_since
    received: dict[tuple[str, uuid.UUID], int] = {}
    for _, page in pages:
        for row in page.rows:
            received[(row.entity, row.id)] = max(row.version, received.get((row.entity, row.id), 0))
    local = client_rows(pc)
    assert {(e, i): row[0] for e, rows in local.items() for i, row in rows.items()} == received
    server = server_rows(db, village.id)
    assert all(local[e][i] == server[e][i] for e, i in received)
