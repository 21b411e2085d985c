"""Tokens, codes, passwords and personal data never reach a log: a whole sync (enrollment code,
device token, bundle key, a worker's NIK and name) and dashboard logins (right and wrong
password, a password typed into the username field) against the real server process,
with every in-process log record captured (desktop client, httpx) and the server's JSON-line
log read back.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.server.db import ServerDatabase
from app.sync.secrets import FILE_NAME
from tests.hostile.conftest import CODE_A, open_db
from tests.server.servertools import ServerHandle, enroll_code, make_village, start_server
from tests.server.web.webtools import PASSWORD, add_operator, csrf_of, login
from tests.sync.synctools import open_pc, set_up_village

NIK = "3521014508900003"
NAME = "Siti Rahasiawati"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[ServerDatabase, ServerHandle]]:
    db = open_db(tmp_path / "server")
    handle = start_server(db.url, tmp_path / "server")
    try:
        yield db, handle
    finally:
        handle.stop()
        db.dispose()


def test_a_sync_and_logins_leave_no_secret_in_any_log(
    server: tuple[ServerDatabase, ServerHandle],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.factories import make_worker_draft

    monkeypatch.setenv("PAYUNG_KEYRING", "off")
    caplog.set_level(logging.DEBUG)
    db, handle = server
    make_village(db, code=CODE_A)
    code = enroll_code(db, CODE_A)
    pc = open_pc(tmp_path / "pc")
    try:
        set_up_village(pc, CODE_A)
        pc.engine.connect(handle.url, code, label="PC uji")
        pc.ctx.register.add(make_worker_draft(nik=NIK, name=NAME))
        result = pc.engine.sync()
    finally:
        pc.close()
    assert result is not None
    add_operator(db, "operator1", role="operator")
    with httpx.Client(base_url=handle.url, follow_redirects=False, timeout=30) as client:
        login(client, "operator1")
    with httpx.Client(base_url=handle.url, follow_redirects=False, timeout=30) as client:
        for username, password in (("operator1", "salah-" + PASSWORD), (PASSWORD, PASSWORD)):
            form = client.get("/login")
            client.post(
                "/login",
                data={"username": username, "password": password, "csrf_token": csrf_of(form.text)},
            )
    handle.stop()  # flushes the server's log
    server_log = handle.logs()
    lines = [json.loads(line) for line in server_log.splitlines() if line.startswith("{")]
    assert any(line.get("path") == "/api/v1/sync/push" for line in lines), "the sync was logged"
    assert any(line.get("path") == "/login" for line in lines), "the logins were logged"
    secrets = {
        "enrollment code": code,
        "code without dashes": code.replace("-", ""),
        "password": PASSWORD,
        "NIK": NIK,
        "name": NAME,
        "surname": "Rahasiawati",
    }
    stored = _device_secrets(tmp_path / "pc")
    secrets.update(stored)
    captured = "\n".join(record.getMessage() for record in caplog.records)
    found = [
        f"{what} in {where}"
        for what, value in secrets.items()
        for where, text in (("server log", server_log), ("client log", captured))
        if value and value in text
    ]
    assert not found, found
    assert len(stored) == 2, "the device's token and bundle key were found to look for"


def _device_secrets(data_dir: Path) -> dict[str, str]:
    """The token and bundle key the desktop stored (the file store of app.sync.secrets)."""
    stored = json.loads((data_dir / FILE_NAME).read_text(encoding="utf-8"))
    return {
        f"{device}:{name}": value
        for device, entry in stored.items()
        for name, value in entry.items()
    }
