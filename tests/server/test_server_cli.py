"""`payung-server` in subprocesses: exit codes, exact JSON, Indonesian errors, serve and logs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from servertools import (
    API,
    REPO,
    VILLAGE_CODE,
    ServerHandle,
    auth,
    connect,
    enroll_code,
    make_village,
    server_env,
)

from app.server.db import ServerDatabase

NIK = "3521014505800001"
VILLAGE = (
    "village", "add", "--code", VILLAGE_CODE, "--name", "Sukamaju", "--kecamatan", "Ngawi",
    "--kabupaten", "Ngawi", "--province", "Jawa Timur",
)  # fmt: skip


def run(
    db: ServerDatabase | str, *args: str, data_dir: Path | None = None
) -> subprocess.CompletedProcess[str]:
    url = db if isinstance(db, str) else db.url
    command = [sys.executable, "-m", "app.server.cli", "--database-url", url]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return subprocess.run(
        [*command, *args],
        check=False,
        cwd=REPO,
        env=server_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("payung-server: ")
    return lines[0]


def test_migrate_then_village_add(server_db_url: str, server_data_dir: Path) -> None:
    migrated = run(server_db_url, "migrate", data_dir=server_data_dir)
    assert migrated.returncode == 0, migrated.stderr
    added = run(server_db_url, *VILLAGE, data_dir=server_data_dir)
    assert added.returncode == 0, added.stderr
    assert "Sukamaju terdaftar" in added.stdout


def test_commands_before_migrate_say_to_migrate(server_db_url: str, server_data_dir: Path) -> None:
    line = one_error_line(run(server_db_url, "device", "list", data_dir=server_data_dir))
    assert "payung-server migrate" in line


def test_duplicate_village_code_refused(server_db: ServerDatabase) -> None:
    make_village(server_db)
    line = one_error_line(run(server_db, *VILLAGE))
    assert "code: desa dengan kode 35.21.01.2001 sudah terdaftar" in line


def test_bad_village_code_refused(server_db: ServerDatabase) -> None:
    args = list(VILLAGE)
    args[args.index("--code") + 1] = "35-21"
    line = one_error_line(run(server_db, *args))
    assert "kode desa harus berbentuk PP.KK.CC.DDDD" in line


def test_device_code_json(server_db: ServerDatabase) -> None:
    make_village(server_db)
    result = run(server_db, "device", "code", "--village", "3521012001", "--label", "PC", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"code", "expires_at", "village"}
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}", document["code"])
    assert document["village"] == VILLAGE_CODE
    expires = datetime.fromisoformat(document["expires_at"])
    assert abs(expires - datetime.now(UTC) - timedelta(hours=24)) < timedelta(minutes=5)


def test_device_code_for_unknown_village(server_db: ServerDatabase) -> None:
    line = one_error_line(run(server_db, "device", "code", "--village", VILLAGE_CODE))
    assert "belum terdaftar" in line
    assert "village add" in line


def test_device_list_empty_json(server_db: ServerDatabase) -> None:
    result = run(server_db, "device", "list", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_device_list_revoke_and_serve(server_db: ServerDatabase, live_server: ServerHandle) -> None:
    make_village(server_db)
    reply = connect(live_server.url, enroll_code(server_db))
    listed = json.loads(run(server_db, "device", "list", "--json").stdout)
    assert [set(entry) for entry in listed] == [
        {"id", "village", "label", "created_at", "last_seen_at", "revoked_at"}
    ]
    assert listed[0]["id"] == reply["device_id"]
    assert listed[0]["village"] == VILLAGE_CODE
    assert listed[0]["revoked_at"] is None
    revoked = run(server_db, "device", "revoke", reply["device_id"])
    assert revoked.returncode == 0, revoked.stderr
    listed = json.loads(run(server_db, "device", "list", "--json").stdout)
    assert listed[0]["revoked_at"] is not None


def test_revoke_unknown_device(server_db: ServerDatabase) -> None:
    line = one_error_line(run(server_db, "device", "revoke", "dev-000000000000"))
    assert "device list" in line


def test_usage_errors_exit_2(server_db: ServerDatabase) -> None:
    for args in ([], ["device"], ["village", "add", "--code", VILLAGE_CODE], ["nonsense"]):
        result = run(server_db, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "perintah salah" in result.stderr


def test_bad_database_url(tmp_path: Path) -> None:
    line = one_error_line(run("mysql://x@y/z", "migrate", data_dir=tmp_path))
    assert "database-url" in line


def test_bundle_import_missing_file(server_db: ServerDatabase, tmp_path: Path) -> None:
    line = one_error_line(
        run(server_db, "bundle", "import", str(tmp_path / "x.pdb"), "--reply", "o")
    )
    assert "tidak ditemukan" in line


def test_default_database_lives_in_the_data_dir(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app.server.cli", "--data-dir", str(tmp_path / "d"), "migrate"],
        check=False, cwd=REPO, env=server_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "d" / "server.sqlite3").exists()


def test_server_restarts_on_the_same_url(live_server: ServerHandle) -> None:
    url = live_server.url
    live_server.stop()
    assert not live_server.running
    live_server.restart()
    assert live_server.url == url
    assert httpx.get(f"{url}{API}/health").json()["status"] == "ok"


def test_logs_are_json_lines_without_secrets(
    server_db: ServerDatabase, live_server: ServerHandle
) -> None:
    make_village(server_db)
    code = enroll_code(server_db)
    token = connect(live_server.url, code, label=f"PC {NIK}")["token"]
    httpx.get(f"{live_server.url}{API}/health?nik={NIK}", headers=auth(token))
    httpx.post(f"{live_server.url}{API}/connect", json={"code": "ABCDE-FGHJK", "nik": NIK})
    live_server.stop()  # flushes everything
    text = live_server.logs()
    for secret in (token, code, code.replace("-", ""), NIK):
        assert secret not in text
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    requests = [line for line in lines if line["event"] == "request"]
    assert {"at", "level", "event", "method", "path", "status", "ms", "device"} <= set(requests[0])
    assert any(r["path"] == "/api/v1/health" and r["status"] == 200 for r in requests)
    assert any(r["path"] == "/api/v1/connect" and r["device"] for r in requests)


def test_bundle_import_of_a_damaged_file(server_db: ServerDatabase, tmp_path: Path) -> None:
    damaged = tmp_path / "desa.payung"
    damaged.write_bytes(b"PAYUNGB1" + b"\x00" * 40)
    line = one_error_line(
        run(server_db, "bundle", "import", str(damaged), "--reply", str(tmp_path / "r"))
    )
    assert line.startswith("payung-server: file: ")
    assert not (tmp_path / "r").exists()
