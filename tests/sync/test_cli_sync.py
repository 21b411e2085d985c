"""`payung connect | sync | conflicts | bundle` in-process, against the real server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from synctools import Village

from app.cli import main
from app.config import resolve_paths
from app.models import Village as VillageRow
from app.server.changes import dpmd_edit
from app.services.context import AppContext

NOT_CONNECTED = (
    "payung: PC ini belum tersambung ke server. Jalankan: payung connect --server URL --code KODE\n"
)


def _init(data: Path, code: str, *extra: str) -> None:
    assert main(["--data-dir", str(data), "init", "--village-code", code, "--village-name",
                 "Sukamaju", "--kecamatan", "Ngawi", "--kabupaten", "Ngawi", "--province",
                 "Jawa Timur", *extra]) == 0  # fmt: skip


def _run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_sync_without_a_connection_says_how_to_connect(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _init(tmp_path, "35.21.01.2001")
    assert _run(capsys, tmp_path, "sync") == (1, "", NOT_CONNECTED)


def test_connect_sync_and_conflicts_as_json(
    village: Village, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _init(tmp_path, village.code)
    code, out, _ = _run(capsys, tmp_path, "connect", "--server", village.url, "--code",
                        village.enrollment())  # fmt: skip
    assert code == 0 and village.code in out
    code, out, err = _run(capsys, tmp_path, "sync", "--json")
    document = json.loads(out)
    assert (code, err) == (0, "")
    assert set(document) == {"pushed", "pulled", "conflicts", "quarantined", "server_time"}
    assert document["pushed"] == 1
    assert _run(capsys, tmp_path, "conflicts", "--json")[:2] == (0, "[]\n")


def test_resolve_keeps_the_chosen_side_and_sends_it_at_once(
    village: Village, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with village.db.sessions.begin() as session:  # the DPMD typed another head name
        dpmd_edit(session, village_id=village.id, entity="village", row_id=village.id,
                  values={"head_name": "Budi Santoso"}, operator="dpmd")  # fmt: skip
    _init(tmp_path, village.code, "--head", "Suparman")
    assert main(["--data-dir", str(tmp_path), "connect", "--server", village.url, "--code",
                 village.enrollment()]) == 0  # fmt: skip
    assert main(["--data-dir", str(tmp_path), "sync"]) == 0
    code, out, _ = _run(capsys, tmp_path, "conflicts", "--json")
    [conflict] = json.loads(out)
    assert conflict["fields"] == {
        "head_name": {"local": "Suparman", "server": "Budi Santoso", "kept": "local"}
    }
    assert set(conflict) == {"id", "entity", "row_id", "kind", "summary", "fields",
                             "created_at", "resolution_pending"}  # fmt: skip
    code, out, _ = _run(capsys, tmp_path, "conflicts", "resolve", conflict["id"], "--keep",
                        "server")  # fmt: skip
    assert (code, out) == (0, "Pilihan dikirim ke server.\n")
    assert _run(capsys, tmp_path, "conflicts", "--json")[:2] == (0, "[]\n")
    with village.db.sessions() as session:
        assert session.get(VillageRow, village.id).head_name == "Budi Santoso"
    assert main(["--data-dir", str(tmp_path), "sync"]) == 0
    assert pc_head_name(tmp_path) == "Budi Santoso"


def pc_head_name(data_dir: Path) -> str | None:
    ctx = AppContext.open(resolve_paths(data_dir), daily_backup=False)
    try:
        info = ctx.village.get()
        return info.head_name if info else None
    finally:
        ctx.close()


def test_resolving_an_unknown_conflict_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _init(tmp_path, "35.21.01.2001")
    code, _, err = _run(capsys, tmp_path, "conflicts", "resolve", "0" * 32, "--keep", "local")
    assert code == 1 and "tidak ada di daftar" in err


def test_plain_http_to_another_computer_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _init(tmp_path, "35.21.01.2001")
    code, _, err = _run(capsys, tmp_path, "connect", "--server", "http://payung.example.go.id",
                        "--code", "ABCDE-FGHJK")  # fmt: skip
    assert code == 1 and err.startswith("payung: Alamat server") and err.count("\n") == 1


def test_bundle_export_without_a_connection_says_to_connect_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _init(tmp_path, "35.21.01.2001")
    code, _, err = _run(capsys, tmp_path, "bundle", "export", "--out", str(tmp_path / "b.pbundle"))
    assert code == 1 and err.startswith("payung: ") and err.count("\n") == 1
    assert "payung connect" in err
    assert not (tmp_path / "b.pbundle").exists()
