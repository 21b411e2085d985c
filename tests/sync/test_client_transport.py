"""Transport: plain http only to this computer; every failure mapped to an Indonesian error.

Against the real server where it can say it (401, 409, 426, 429), and a small test-only app on
loopback for what a healthy server never does (5xx, an HTML page, a gzip check)."""

from __future__ import annotations

import gzip
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI, Request, Response
from servertools import free_port, serve_app
from synctools import Village

from app.sync import errors
from app.sync.protocol import ConnectRequest, Hello, Op, PushRequest
from app.sync.transport import Transport, check_url


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000", "http://localhost:8000/", "http://[::1]:8000",
     "https://payung.example.go.id"],
)  # fmt: skip
def test_https_and_loopback_http_are_accepted(url: str) -> None:
    assert check_url(url) == url.rstrip("/")


@pytest.mark.parametrize(
    "url", ["http://payung.example.go.id", "http://192.168.1.10:8000", "ftp://x", "payung"]
)
def test_plain_http_to_another_computer_is_refused(url: str) -> None:
    with pytest.raises(errors.InsecureUrl) as caught:
        Transport(url)
    assert "Alamat server" in caught.value.message


def test_a_closed_port_is_offline() -> None:
    with Transport(f"http://127.0.0.1:{free_port()}") as transport, pytest.raises(errors.Offline):
        transport.review()


def _hello() -> Hello:
    return Hello(
        device_id="dev-000000000000", db_instance_id=uuid.uuid4(), protocol_version=2,
        schema_version="0004", app_version="0.1.0", max_device_seq=0, last_pulled_seq=0,
        client_time=datetime.now(UTC),
    )  # fmt: skip


def test_an_unknown_token_is_unauthorized(village: Village) -> None:
    with (
        Transport(village.url, "not-a-token") as transport,
        pytest.raises(errors.Unauthorized) as caught,
    ):
        transport.hello(_hello())
    assert not isinstance(caught.value, errors.Revoked)


def _op(seq: int, row_id: uuid.UUID) -> Op:
    return Op(device_seq=seq, op_id=uuid.uuid4(), entity="village", row_id=row_id, op="update",
              fields={"address": "Jl. Raya 1"}, base={"address": None}, base_version=1)  # fmt: skip


def test_a_gap_in_device_seq_is_a_seq_gap_with_the_expected_number(village: Village) -> None:
    token = _token(village)
    with Transport(village.url, token) as transport, pytest.raises(errors.SeqGap) as caught:
        transport.push(PushRequest(ops=[_op(5, village.id)]))
    assert caught.value.expected == 1


def test_a_protocol_1_push_needs_an_upgrade(village: Village) -> None:
    token = _token(village)
    transport = Transport(village.url, token, protocol=1)
    with transport, pytest.raises(errors.UpgradeRequired):
        transport.push(PushRequest(ops=[_op(1, village.id)]))


def _token(village: Village) -> str:
    with Transport(village.url) as transport:
        return transport.connect(ConnectRequest(code=village.enrollment())).token


def _odd_server() -> FastAPI:
    app = FastAPI()
    seen: dict[str, Any] = {}

    @app.get("/api/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/api/v1/sync/review")
    def broken() -> Response:
        return Response(status_code=503, content="busy")

    @app.get("/api/v1/sync/verify")
    def portal() -> Response:
        return Response(content="<html>Login hotspot</html>", media_type="text/html")

    @app.post("/api/v1/sync/push")
    async def push(request: Request) -> Response:
        seen["encoding"] = request.headers.get("content-encoding")
        seen["protocol"] = request.headers.get("x-payung-protocol")
        seen["auth"] = request.headers.get("authorization")
        body = json.loads(gzip.decompress(await request.body()))
        return Response(json.dumps({"results": [], "server_seq": len(body["ops"])}))

    @app.get("/api/v1/sync/pull")
    def limited() -> Response:
        return Response(status_code=429, content=json.dumps({"detail": "Tunggu sebentar"}))

    app.state.seen = seen
    return app


def test_odd_answers_map_to_errors_and_big_bodies_travel_gzipped() -> None:
    app = _odd_server()
    with serve_app(app) as server, Transport(server.url, "tok") as transport:
        with pytest.raises(errors.ServerUnavailable):
            transport.review()
        with pytest.raises(errors.ServerUnavailable):
            transport.verify()
        with pytest.raises(errors.TooManyAttempts):
            transport.pull(0, 200)
        ops = [_op(seq, uuid.uuid4()) for seq in range(1, 30)]
        assert transport.push(PushRequest(ops=ops)).server_seq == 29
    assert app.state.seen == {"encoding": "gzip", "protocol": "2", "auth": "Bearer tok"}


def test_wrong_codes_are_rate_limited(village: Village) -> None:
    # Last in this module: the limit holds for this address until its window ends.
    with Transport(village.url) as transport:
        for _ in range(10):
            with pytest.raises(errors.BadAnswer):
                transport.connect(ConnectRequest(code="AAAAA-AAAAA"))
        with pytest.raises(errors.TooManyAttempts):
            transport.connect(ConnectRequest(code="AAAAA-AAAAA"))
