"""Enrollment codes, device tokens, revocation and the HTTP envelope, over real loopback HTTP."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import APIRouter, FastAPI, Request
from pydantic import ValidationError
from servertools import API, VILLAGE_CODE, ThreadServer, auth, connect, enroll_code, make_village
from sqlalchemy import select, update

from app.models import utcnow
from app.server import devices
from app.server.app import create_app
from app.server.auth import CurrentDevice, CurrentDeviceAllowRevoked
from app.server.db import ServerDatabase
from app.server.http_errors import validation_message
from app.server.middleware import UPLOAD_MAX_BYTES
from app.server.tables import device, enrollment_code, rate_limit
from app.sync.protocol import MAX_BODY_BYTES, PushRequest

NIK = "3521014505800001"


def _test_routes() -> APIRouter:
    router = APIRouter()

    @router.get("/test/whoami")
    def whoami(request: Request, me: CurrentDevice) -> dict[str, Any]:
        return {"device": me.device_id, "village": me.village_code,
                "protocol": request.state.protocol}  # fmt: skip

    @router.get("/test/hello-like")
    def hello_like(me: CurrentDeviceAllowRevoked) -> dict[str, Any]:
        return {"device": me.device_id, "revoked": me.revoked}

    @router.get("/test/boom")
    def boom() -> None:
        raise RuntimeError(f"secret detail {NIK}")

    return router


@pytest.fixture
def http(server_db: ServerDatabase) -> Iterator[ThreadServer]:
    """The real app (plus test-only routes) under uvicorn on loopback, with one village."""
    make_village(server_db)
    app: FastAPI = create_app(server_db)
    app.include_router(_test_routes(), prefix=API)
    server = ThreadServer(app).start()
    yield server
    server.stop()


def _post_connect(url: str, code: str, **kwargs: Any) -> httpx.Response:
    return httpx.post(f"{url}{API}/connect", json={"code": code}, timeout=30, **kwargs)


def test_code_gives_device_token_and_bundle_key(
    server_db: ServerDatabase, http: ThreadServer
) -> None:
    code = enroll_code(server_db)
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}", code)
    reply = connect(http.url, code)
    assert re.fullmatch(r"dev-[0-9a-f]{12}", reply["device_id"])
    assert len(reply["token"]) >= 43  # 32 random bytes, URL-safe base64
    assert len(base64.urlsafe_b64decode(reply["bundle_key"])) == 32
    assert reply["village"]["code"] == VILLAGE_CODE


def test_code_is_single_use(server_db: ServerDatabase, http: ThreadServer) -> None:
    code = enroll_code(server_db)
    connect(http.url, code)
    again = _post_connect(http.url, code)
    assert again.status_code == 400
    assert "sudah dipakai" in again.json()["detail"]


def test_code_accepted_in_lower_case_with_spaces(
    server_db: ServerDatabase, http: ThreadServer
) -> None:
    code = enroll_code(server_db)
    typed = f" {code.replace('-', ' ').lower()} "
    assert _post_connect(http.url, typed).status_code == 200


def test_expired_code_refused(server_db: ServerDatabase, http: ThreadServer) -> None:
    with server_db.sessions.begin() as session:
        code, _ = devices.create_code(session, VILLAGE_CODE, "", utcnow() - timedelta(hours=25))
    answer = _post_connect(http.url, code)
    assert answer.status_code == 400
    assert "kedaluwarsa" in answer.json()["detail"]


def test_only_hash_of_code_stored(server_db: ServerDatabase) -> None:
    make_village(server_db)
    code = enroll_code(server_db)
    with server_db.read_sessions() as session:
        stored = session.scalars(select(enrollment_code.c.code_hash)).all()
    normal = code.replace("-", "")
    assert stored == [hashlib.sha256(normal.encode()).hexdigest()]


def test_ten_failures_lock_the_address_out(server_db: ServerDatabase, http: ThreadServer) -> None:
    good = enroll_code(server_db)
    for _ in range(devices.MAX_FAILURES):
        assert _post_connect(http.url, "ZZZZZ-ZZZZZ").status_code == 400
    locked = _post_connect(http.url, good)
    assert locked.status_code == 429
    assert re.search(r"coba lagi setelah pukul \d\d:\d\d UTC", locked.json()["detail"])


def test_lockout_ends_with_the_window(server_db: ServerDatabase, http: ThreadServer) -> None:
    for _ in range(devices.MAX_FAILURES):
        _post_connect(http.url, "ZZZZZ-ZZZZZ")
    with server_db.sessions.begin() as session:
        session.execute(update(rate_limit).values(window_start=utcnow() - timedelta(minutes=16)))
    assert _post_connect(http.url, enroll_code(server_db)).status_code == 200


def test_token_stored_only_as_its_hash(server_db: ServerDatabase, http: ThreadServer) -> None:
    reply = connect(http.url, enroll_code(server_db))
    token = reply["token"]
    with server_db.read_sessions() as session:
        row = session.execute(select(device)).one()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in [str(value) for value in row]
    if server_db.is_sqlite:
        http.stop()
        server_db.dispose()
        folder = Path(str(server_db.engine.url.database)).parent
        for path in folder.glob("server.sqlite3*"):
            assert token.encode() not in path.read_bytes(), path.name


def test_token_authenticates_and_stamps_last_seen(
    server_db: ServerDatabase, http: ThreadServer
) -> None:
    reply = connect(http.url, enroll_code(server_db))
    answer = httpx.get(f"{http.url}{API}/test/whoami", headers=auth(reply["token"]))
    assert answer.json() == {"device": reply["device_id"], "village": VILLAGE_CODE, "protocol": 2}
    with server_db.read_sessions() as session:
        assert session.scalar(select(device.c.last_seen_at)) is not None


def test_missing_protocol_header_means_version_one(
    server_db: ServerDatabase, http: ThreadServer
) -> None:
    token = connect(http.url, enroll_code(server_db))["token"]
    answer = httpx.get(f"{http.url}{API}/test/whoami", headers={"Authorization": f"Bearer {token}"})
    assert answer.json()["protocol"] == 1


def test_unknown_or_missing_token_is_401(http: ThreadServer) -> None:
    unknown = httpx.get(f"{http.url}{API}/test/whoami", headers=auth("x" * 43))
    missing = httpx.get(f"{http.url}{API}/test/whoami")
    assert (unknown.status_code, missing.status_code) == (401, 401)
    assert "tidak dikenal" in unknown.json()["detail"]
    assert "kode dari DPMD" in missing.json()["detail"]


def test_revoked_token_is_401_but_hello_sees_it(
    server_db: ServerDatabase, http: ThreadServer
) -> None:
    reply = connect(http.url, enroll_code(server_db))
    with server_db.sessions.begin() as session:
        devices.revoke_device(session, reply["device_id"], utcnow())
    answer = httpx.get(f"{http.url}{API}/test/whoami", headers=auth(reply["token"]))
    assert answer.status_code == 401
    assert answer.json()["detail"].startswith("Perangkat ini sudah dicabut oleh DPMD")
    hello = httpx.get(f"{http.url}{API}/test/hello-like", headers=auth(reply["token"]))
    assert hello.json() == {"device": reply["device_id"], "revoked": True}


def test_body_over_the_limit_is_413(http: ThreadServer) -> None:
    body = b'{"code": "' + b"A" * (MAX_BODY_BYTES + 10) + b'"}'
    answer = httpx.post(f"{http.url}{API}/connect", content=body, timeout=60)
    assert answer.status_code == 413
    assert "terlalu besar" in answer.json()["detail"]


def test_chunked_body_over_the_limit_is_413(http: ThreadServer) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b" " * 65536

    answer = httpx.post(f"{http.url}{API}/connect", content=chunks(), timeout=60)
    assert answer.status_code == 413


def test_gzip_bomb_is_413(http: ThreadServer) -> None:
    bomb = gzip.compress(b"{" + b" " * (MAX_BODY_BYTES * 4), compresslevel=9)
    assert len(bomb) < 200_000
    answer = httpx.post(
        f"{http.url}{API}/connect", content=bomb, headers={"Content-Encoding": "gzip"}, timeout=60
    )
    assert answer.status_code == 413


def test_gzip_request_body_is_read(server_db: ServerDatabase, http: ThreadServer) -> None:
    body = gzip.compress(json.dumps({"code": enroll_code(server_db)}).encode())
    answer = httpx.post(
        f"{http.url}{API}/connect", content=body,
        headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
    )  # fmt: skip
    assert answer.status_code == 200


def test_broken_gzip_is_400(http: ThreadServer) -> None:
    answer = httpx.post(
        f"{http.url}{API}/connect", content=b"not gzip", headers={"Content-Encoding": "gzip"}
    )
    assert answer.status_code == 400
    assert "gzip" in answer.json()["detail"]


def test_large_answers_are_gzipped(http: ThreadServer) -> None:
    answer = httpx.get(f"{http.url}{API}/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert answer.headers["content-encoding"] == "gzip"


def test_422_names_the_field_in_indonesian(http: ThreadServer) -> None:
    wrong_type = httpx.post(f"{http.url}{API}/connect", json={"code": 12345})
    extra = httpx.post(f"{http.url}{API}/connect", json={"code": "ABCDE", "nik": NIK})
    not_json = httpx.post(
        f"{http.url}{API}/connect", content=b"{", headers={"Content-Type": "application/json"}
    )
    assert wrong_type.status_code == 422
    assert wrong_type.json() == {
        "detail": "Isian 'code' tidak valid: harus teks; perbarui aplikasi lalu coba lagi."
    }
    assert "Isian 'nik' tidak valid: tidak dikenal" in extra.json()["detail"]
    assert NIK not in extra.text
    assert not_json.status_code == 422


def test_422_names_nested_fields() -> None:
    op = {
        "device_seq": 0,
        "op_id": "x",
        "entity": "worker",
        "row_id": "y",
        "op": "insert",
        "fields": {},
    }
    with pytest.raises(ValidationError) as caught:
        PushRequest.model_validate({"ops": [op]})
    message = validation_message(caught.value.errors())
    assert message.startswith("Isian 'ops.0.device_seq' tidak valid: harus paling sedikit 1")
    assert "kesalahan lain" in message


def test_404_405_and_500_are_indonesian_json(http: ThreadServer) -> None:
    missing = httpx.get(f"{http.url}{API}/tidak-ada")
    wrong_method = httpx.get(f"{http.url}{API}/connect")
    boom = httpx.get(f"{http.url}{API}/test/boom")
    assert (missing.status_code, wrong_method.status_code, boom.status_code) == (404, 405, 500)
    assert "tidak ada di server" in missing.json()["detail"]
    assert "tidak didukung" in wrong_method.json()["detail"]
    assert boom.json() == {"detail": "Terjadi kesalahan di server; coba lagi nanti."}
    assert NIK not in boom.text


def test_bad_protocol_header_is_400(http: ThreadServer) -> None:
    answer = httpx.get(f"{http.url}{API}/health", headers={"X-Payung-Protocol": "dua"})
    assert answer.status_code == 400
    assert "X-Payung-Protocol" in answer.json()["detail"]


def test_dashboard_uploads_may_be_larger_but_are_capped_with_an_html_page(
    http: ThreadServer,
) -> None:
    # A whole village's bundle or the BPJS list may exceed one sync request's limit...
    within = b"x" * (MAX_BODY_BYTES + 1024)
    answer = httpx.post(f"{http.url}/bundel", content=within, timeout=60)
    assert answer.status_code != 413
    # ...but not the dashboard's own cap, and the refusal is a page, not JSON.
    too_big = httpx.post(f"{http.url}/bundel", content=b"x" * (UPLOAD_MAX_BYTES + 10), timeout=120)
    assert too_big.status_code == 413
    assert too_big.headers["content-type"].startswith("text/html")
    assert "terlalu besar" in too_big.text
