"""USB bundles end to end: a real village PC (migrated SQLite file, its SyncEngine connected to
the real server on 127.0.0.1) exports a bundle, the server imports it into its database and
writes a reply, the PC imports the reply. Also `payung bundle ...` and `payung-server bundle
import` in subprocesses."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from dbprobe import outbox, snapshot
from factories import make_worker_draft
from servertools import REPO, server_env
from sqlalchemy import select
from synctools import PC, Village

from app.models import Worker
from app.server.bundles import import_bundle_file
from app.sync.bundle_client import export_bundle, import_bundle
from app.sync.bundle_format import open_bundle, read_header
from app.sync.errors import BundleError, NotConnected


def _server_worker(village: Village, worker_id: str) -> Worker | None:
    import uuid

    with village.db.read_sessions.begin() as session:
        return session.get(Worker, uuid.UUID(worker_id))


def _cursor(pc: PC) -> int:
    return int(pc.scalar("SELECT last_pulled_seq FROM sync_state WHERE id = 1"))


def _round(pc: PC, village: Village, folder: Path, name: str = "desa") -> tuple[Path, Any]:
    """Export from the PC, import on the server: (reply path, server summary)."""
    bundle = folder / f"{name}.payung"
    reply = folder / f"{name}-balasan.payung"
    export_bundle(pc.engine, bundle)
    return reply, import_bundle_file(village.db, bundle, reply)


def test_village_edits_travel_by_bundle_and_the_reply_drains_the_outbox(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs()
    village.connect(pc)
    worker = pc.ctx.register.add(make_worker_draft())
    pc.ctx.register.edit(worker.id, {"phone": "081234567890"})
    waiting = pc.engine.status().ops_waiting
    assert waiting >= 3  # village, worker insert, worker edit

    summary = export_bundle(pc.engine, tmp_path / "desa.payung")
    assert summary.ops == waiting and summary.path == tmp_path / "desa.payung"
    assert str(summary.ops) in str(summary)
    header = read_header(tmp_path / "desa.payung")
    assert (header.kind, header.device_id, header.village_code) == (
        "village",
        pc.engine.status().device_id,
        village.code,
    )
    assert pc.engine.status().ops_waiting == waiting  # exporting sends nothing yet

    server = import_bundle_file(village.db, tmp_path / "desa.payung", tmp_path / "balasan.payung")
    assert server.applied == waiting and server.rejected == 0 and server.conflicts == 0
    on_server = _server_worker(village, worker.id)
    assert on_server is not None and on_server.phone == "081234567890"
    assert on_server.village_id == village.id

    result = import_bundle(pc.engine, tmp_path / "balasan.payung")
    assert result.pushed == waiting
    assert result.conflicts == 0 and result.quarantined == 0
    assert pc.engine.status().ops_waiting == 0
    assert outbox(pc.paths.database) == []
    _, reply = open_bundle(tmp_path / "balasan.payung", _key(pc), expect_kind="reply")
    assert _cursor(pc) == reply.pages[-1].next_since > 0
    assert pc.scalar("SELECT count(*) FROM worker WHERE version IS NOT NULL") == 1
    assert pc.ctx.register.get(worker.id).phone == "081234567890"
    assert pc.engine.status().last_sync_server_time == reply.hello.server_time

    # online afterwards: nothing left to send, nothing new to pull
    after = pc.engine.sync()
    assert after.pushed == 0 and after.pulled == 0


def _key(pc: PC) -> str:
    identity = pc.engine.identity()
    assert identity is not None
    return identity[1]


def test_same_reply_twice_changes_nothing(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs()
    village.connect(pc)
    pc.ctx.register.add(make_worker_draft())
    reply, _ = _round(pc, village, tmp_path)
    import_bundle(pc.engine, reply)
    before = snapshot(pc.paths.database)
    again = import_bundle(pc.engine, reply)
    assert (again.pushed, again.pulled, again.warnings) == (0, 0, ())
    assert snapshot(pc.paths.database) == before


def test_same_village_bundle_twice_on_the_server(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs()
    village.connect(pc)
    worker = pc.ctx.register.add(make_worker_draft())
    waiting = pc.engine.status().ops_waiting
    export_bundle(pc.engine, tmp_path / "desa.payung")
    first = import_bundle_file(village.db, tmp_path / "desa.payung", tmp_path / "r1.payung")
    version = (_server_worker(village, worker.id) or pytest.fail()).version
    second = import_bundle_file(village.db, tmp_path / "desa.payung", tmp_path / "r2.payung")
    assert (first.applied, first.duplicates) == (waiting, 0)
    assert (second.applied, second.duplicates) == (0, waiting)
    assert (_server_worker(village, worker.id) or pytest.fail()).version == version
    # either reply does the job on the PC, and the other one afterwards changes nothing
    import_bundle(pc.engine, tmp_path / "r2.payung")
    assert pc.engine.status().ops_waiting == 0
    before = snapshot(pc.paths.database)
    import_bundle(pc.engine, tmp_path / "r1.payung")
    assert snapshot(pc.paths.database) == before


def test_changes_made_after_export_stay_pending_and_on_top(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs()
    village.connect(pc)
    worker = pc.ctx.register.add(make_worker_draft())
    reply, _ = _round(pc, village, tmp_path)
    pc.ctx.register.edit(worker.id, {"phone": "089900001111"})  # after the export
    result = import_bundle(pc.engine, reply)
    assert result.pushed >= 2
    assert pc.engine.status().ops_waiting == 1
    assert pc.ctx.register.get(worker.id).phone == "089900001111"
    reply2, server = _round(pc, village, tmp_path, "kedua")
    assert server.applied == 1
    import_bundle(pc.engine, reply2)
    assert pc.engine.status().ops_waiting == 0
    assert (_server_worker(village, worker.id) or pytest.fail()).phone == "089900001111"


def test_old_reply_after_a_newer_online_sync_changes_nothing(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs("first")
    village.connect(pc)
    worker = pc.ctx.register.add(make_worker_draft())
    old_reply, _ = _round(pc, village, tmp_path)
    # meanwhile online: the PC syncs, a second PC edits the worker, the PC syncs again
    pc.engine.sync()
    other = pcs("second")
    village.connect(other, set_up=False)
    other.engine.sync()
    other.ctx.register.edit(worker.id, {"phone": "087700002222"})
    other.engine.sync()
    pc.engine.sync()
    assert pc.ctx.register.get(worker.id).phone == "087700002222"
    cursor = _cursor(pc)
    before = snapshot(pc.paths.database)

    result = import_bundle(pc.engine, old_reply)
    assert result.pulled == 0 and result.pushed == 0
    assert result.warnings and "lebih lama" in result.warnings[0]
    assert _cursor(pc) == cursor
    assert pc.ctx.register.get(worker.id).phone == "087700002222"
    assert snapshot(pc.paths.database) == before


def test_reply_for_another_village_is_refused(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs("sukamaju")
    village.connect(pc)
    other_village = Village(village.db, village.url)
    other = pcs("tetangga")
    other_village.connect(other)
    other.ctx.register.add(make_worker_draft())
    reply, _ = _round(other, other_village, tmp_path, "tetangga")
    before = snapshot(pc.paths.database)
    with pytest.raises(BundleError) as caught:
        import_bundle(pc.engine, reply)
    assert "untuk perangkat/desa lain" in caught.value.message
    assert f"kode desa {other_village.code}" in caught.value.message
    assert snapshot(pc.paths.database) == before


def test_village_bundle_given_to_the_pc_is_refused(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs()
    village.connect(pc)
    export_bundle(pc.engine, tmp_path / "desa.payung")
    before = snapshot(pc.paths.database)
    with pytest.raises(BundleError) as caught:
        import_bundle(pc.engine, tmp_path / "desa.payung")
    assert "bukan bundel balasan" in caught.value.message
    assert snapshot(pc.paths.database) == before


def test_edited_reply_is_refused_and_nothing_changes(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs()
    village.connect(pc)
    pc.ctx.register.add(make_worker_draft())
    reply, _ = _round(pc, village, tmp_path)
    data = bytearray(reply.read_bytes())
    data[-40] ^= 0x20
    reply.write_bytes(bytes(data))
    before = snapshot(pc.paths.database)
    with pytest.raises(BundleError) as caught:
        import_bundle(pc.engine, reply)
    assert "rusak atau telah diubah" in caught.value.message
    assert snapshot(pc.paths.database) == before


def test_not_connected_pc_cannot_make_or_read_bundles(
    pcs: Callable[..., PC], tmp_path: Path
) -> None:
    from factories import make_village

    pc = pcs()
    pc.ctx.village.set_up(make_village())
    with pytest.raises(NotConnected) as caught:
        export_bundle(pc.engine, tmp_path / "desa.payung")
    assert "payung connect" in caught.value.message
    assert not (tmp_path / "desa.payung").exists()
    with pytest.raises(NotConnected):
        import_bundle(pc.engine, tmp_path / "balasan.payung")


def test_bundle_edited_to_claim_another_device_is_refused_by_the_server(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    first, second = pcs("first"), pcs("second")
    village.connect(first)
    village.connect(second, set_up=False)
    first.ctx.register.add(make_worker_draft())
    path = tmp_path / "desa.payung"
    export_bundle(first.engine, path)
    own = first.engine.status().device_id or ""
    claimed = second.engine.status().device_id or ""
    path.write_bytes(path.read_bytes().replace(own.encode(), claimed.encode(), 1))
    with pytest.raises(BundleError) as caught:
        import_bundle_file(village.db, path, tmp_path / "balasan.payung")
    assert "rusak atau telah diubah" in caught.value.message
    assert not (tmp_path / "balasan.payung").exists()
    with village.db.read_sessions.begin() as session:
        names = session.scalars(select(Worker.id).where(Worker.village_id == village.id)).all()
    assert names == []


# -- the command lines -----------------------------------------------------------------------


def _run(*command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *command],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_bundle_commands_end_to_end(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs()
    village.connect(pc)
    worker = pc.ctx.register.add(make_worker_draft())
    env = server_env()
    env["PAYUNG_KEYRING"] = "off"
    data = ["--data-dir", str(pc.paths.data_dir)]
    bundle, reply = tmp_path / "desa.payung", tmp_path / "balasan.payung"

    made = _run("-m", "app", *data, "bundle", "export", "--out", str(bundle), env=env)
    assert made.returncode == 0, made.stderr
    assert str(bundle) in made.stdout
    assert read_header(bundle).kind == "village"

    server = ["-m", "app.server.cli", "--database-url", village.db.url]
    answered = _run(*server, "bundle", "import", str(bundle), "--reply", str(reply), env=env)
    assert answered.returncode == 0, answered.stderr
    assert read_header(reply).kind == "reply"
    assert _server_worker(village, worker.id) is not None

    taken = _run("-m", "app", *data, "bundle", "import", str(reply), env=env)
    assert taken.returncode == 0, taken.stderr
    assert pc.engine.status().ops_waiting == 0

    wrong = _run("-m", "app", *data, "bundle", "import", str(bundle), env=env)
    assert wrong.returncode == 1
    assert "bukan bundel balasan" in wrong.stderr

    refused = _run(*server, "bundle", "import", str(reply), "--reply", str(tmp_path / "x"), env=env)
    assert refused.returncode == 1
    assert "payung-server:" in refused.stderr and "bundel balasan" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_restored_database_is_reinitialised_through_the_reply(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    import shutil

    from synctools import open_pc

    pc = pcs("kantor")
    village.connect(pc)
    worker = pc.ctx.register.add(make_worker_draft())
    pc.close()
    shutil.copytree(pc.paths.data_dir, tmp_path / "cadangan")  # yesterday's backup
    pc = open_pc(pc.paths.data_dir)
    restored = open_pc(tmp_path / "cadangan")
    try:
        pc.ctx.register.edit(worker.id, {"phone": "081100001111"})
        reply, _ = _round(pc, village, tmp_path, "kantor")
        import_bundle(pc.engine, reply)
        # the office PC dies; the backup is restored and edited: its numbers were used already
        restored.ctx.register.edit(worker.id, {"address": "Dusun Krajan"})
        waiting = restored.engine.status().ops_waiting
        reply, server = _round(restored, village, tmp_path, "pulih")
        assert server.action == "reinit_required" and server.applied == 0
        result = import_bundle(restored.engine, reply)
        assert any("mulai nomor" in warning for warning in result.warnings)
        assert restored.engine.status().ops_waiting == waiting  # kept, renumbered
        assert restored.scalar("SELECT count(*) FROM sync_review WHERE kind = 'held'") == 1
        again = import_bundle(restored.engine, reply)  # the same reply: no second re-init
        assert again.warnings == ()
        reply, server = _round(restored, village, tmp_path, "pulih2")
        assert server.action == "ok" and server.rejected == 0
        # Ops the server had already applied under their old numbers answer `duplicate`.
        assert server.applied + server.duplicates == waiting and server.conflicts == 0
        final = import_bundle(restored.engine, reply)
        assert restored.engine.status().ops_waiting == 0
        on_server = _server_worker(village, worker.id) or pytest.fail()
        assert on_server.address == "Dusun Krajan"
        # The re-sent insert is recognised by its op_id: the lost PC's later phone edit stays.
        assert on_server.phone == "081100001111" and final.conflicts == 0
        assert restored.ctx.register.get(worker.id).phone == on_server.phone
    finally:
        pc.close()
        restored.close()


def test_export_into_a_folder_names_the_file(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    pc = pcs()
    village.connect(pc)
    stick = tmp_path / "flashdisk"
    stick.mkdir()
    made = export_bundle(pc.engine, stick)
    assert made.path.parent == stick and made.path.suffix == ".payung"
    assert village.code.replace(".", "") in made.path.name
    assert read_header(made.path).kind == "village"
    assert [p.name for p in stick.iterdir()] == [made.path.name]


def test_summaries_read_as_indonesian_sentences(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    from app.sync.bundle_client import describe

    pc = pcs()
    village.connect(pc)
    pc.ctx.register.add(make_worker_draft())
    reply, server = _round(pc, village, tmp_path)
    text = str(server)
    assert f"{server.applied} diterapkan" in text and str(reply) in text
    assert "payung bundle import" in text
    result = import_bundle(pc.engine, reply)
    assert f"{result.pushed} perubahan diterima server" in describe(result)


def test_reply_expecting_lower_numbers_renumbers_the_pending_ops(
    village: Village, pcs: Callable[..., PC], tmp_path: Path
) -> None:
    """A server restored from its own backup expects numbers this PC already used: like the
    online client, the pending ops are renumbered from the expected number and kept."""
    from datetime import UTC, datetime

    from app.sync.bundle_format import ReplyBundle, write_bundle
    from app.sync.protocol import HelloReply, ReviewReply

    pc = pcs()
    village.connect(pc)
    worker = pc.ctx.register.add(make_worker_draft())
    reply, server = _round(pc, village, tmp_path)
    import_bundle(pc.engine, reply)
    pc.ctx.register.edit(worker.id, {"phone": "081200003333"})
    first = [row["seq"] for row in outbox(pc.paths.database)]
    assert first == [server.applied + 1]
    device_id, key, code = pc.engine.identity() or pytest.fail()
    crafted = tmp_path / "server-pulih.payung"
    write_bundle(
        crafted,
        kind="reply",
        device_id=device_id,
        village_code=code,
        key=key,
        payload=ReplyBundle(
            hello=HelloReply(server_time=datetime.now(UTC), action="ok", expected_device_seq=2),
            results=[],
            pages=[],
            review=ReviewReply(conflicts=[], quarantined=[]),
        ),
    )
    result = import_bundle(pc.engine, crafted)
    assert any("mulai nomor 2" in warning for warning in result.warnings)
    assert [row["seq"] for row in outbox(pc.paths.database)] == [2]
    assert pc.ctx.register.get(worker.id).phone == "081200003333"
