"""The /api/v1/sync routes over HTTP (FastAPI's test client on the real app and database)."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from merge_tools import Ops, add_village, worker_fields
from sqlalchemy import insert, select, update

from app.models import new_id, utcnow
from app.server import tables as t
from app.server.app import create_app
from app.server.db import ServerDatabase
from app.server.devices import hash_secret
from app.server.merge import SEQ_REUSED

SYNC = "/api/v1/sync"


class Device:
    def __init__(self, client: TestClient, token: str, device_id: str, village_id: uuid.UUID):
        self.client = client
        self.token = token
        self.id = device_id
        self.village_id = village_id
        self.instance = uuid.uuid4()

    def headers(self, protocol: int = 2) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "X-Payung-Protocol": str(protocol)}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"{SYNC}{path}", params=params, headers=self.headers())

    def post(self, path: str, body: Any, protocol: int = 2) -> Any:
        return self.client.post(f"{SYNC}{path}", json=body, headers=self.headers(protocol))

    def hello(self, max_device_seq: int = 0, **overrides: Any) -> Any:
        body = {
            "device_id": self.id,
            "db_instance_id": str(self.instance),
            "protocol_version": 2,
            "schema_version": "0004",
            "app_version": "0.5.0",
            "max_device_seq": max_device_seq,
            "last_pulled_seq": 0,
            "client_time": datetime.now(UTC).isoformat(),
        }
        body.update(overrides)
        return self.post("/hello", body)

    def push(self, ops: list[Any], protocol: int = 2) -> Any:
        return self.post("/push", {"ops": [op.model_dump(mode="json") for op in ops]}, protocol)


@pytest.fixture
def client(server_db: ServerDatabase) -> Iterator[TestClient]:
    with TestClient(create_app(server_db)) as test_client:
        yield test_client


def enroll(server_db: ServerDatabase, client: TestClient, village_id: uuid.UUID) -> Device:
    token = secrets.token_urlsafe(32)
    device_id = f"dev-{secrets.token_hex(6)}"
    with server_db.sessions.begin() as session:
        session.execute(
            insert(t.device).values(
                id=device_id,
                village_id=village_id,
                label="PC kantor",
                token_hash=hash_secret(token),
                bundle_key="k" * 43,
                created_at=utcnow(),
            )
        )
    return Device(client, token, device_id, village_id)


@pytest.fixture
def device(server_db: ServerDatabase, client: TestClient) -> Device:
    return enroll(server_db, client, add_village(server_db))


def test_first_hello_binds_the_database_and_reports_clock_skew(
    server_db: ServerDatabase,
    device: Device,
) -> None:
    slow_clock = (datetime.now(UTC) - timedelta(hours=3)).isoformat()
    answer = device.hello(client_time=slow_clock)
    assert answer.status_code == 200
    body = answer.json()
    assert (body["action"], body["expected_device_seq"], body["server_seq"]) == ("ok", 1, 1)
    assert body["village"]["id"] == str(device.village_id)
    assert -10900 < body["clock_skew_seconds"] < -10700  # reported, never refused
    with server_db.read_sessions() as session:
        bound = session.scalar(select(t.device.c.db_instance_id))
    assert bound == device.instance


def test_hello_from_a_restored_backup_asks_for_reinit_then_reinit_binds(
    server_db: ServerDatabase,
    device: Device,
) -> None:
    ops = Ops()
    device.hello()
    device.push(
        [ops.insert("worker", new_id(), worker_fields(device.village_id)) for _ in range(3)]
    )
    answer = device.hello(max_device_seq=1).json()
    assert answer["action"] == "reinit_required"
    assert "dipulihkan dari cadangan atau disalin" in answer["message"]
    fresh = uuid.uuid4()
    reinit = device.post("/reinit", {"db_instance_id": str(fresh)}).json()
    assert (reinit["action"], reinit["expected_device_seq"]) == ("ok", 4)
    with server_db.read_sessions() as session:
        assert session.scalar(select(t.device.c.db_instance_id)) == fresh


def test_hello_outside_the_protocol_range_asks_for_an_upgrade(device: Device) -> None:
    answer = device.hello(protocol_version=9).json()
    assert answer["action"] == "upgrade_required"
    assert "belum mendukung" in answer["message"]


def test_a_revoked_device_hears_revoked_on_hello_and_401_elsewhere(
    server_db: ServerDatabase,
    device: Device,
) -> None:
    with server_db.sessions.begin() as session:
        session.execute(update(t.device).values(revoked_at=utcnow()))
    assert device.hello().json()["action"] == "revoked"
    answer = device.get("/pull")
    assert answer.status_code == 401
    assert "dicabut" in answer.json()["detail"]


def test_push_from_a_protocol_1_client_is_426(device: Device) -> None:
    answer = device.post("/push", {"ops": [{"old": "shape"}]}, protocol=1)
    assert answer.status_code == 426
    assert answer.json() == {
        "detail": "Versi Payung Desa di PC ini terlalu lama untuk mengirim perubahan; "
        "perbarui aplikasinya lalu sinkronkan lagi."
    }


def test_push_then_pull_round_trip(device: Device) -> None:
    ops = Ops()
    wid = new_id()
    reply = device.push([ops.insert("worker", wid, worker_fields(device.village_id))]).json()
    assert reply["results"][0]["result"] == "applied"
    assert reply["server_seq"] == 2
    page = device.get("/pull", since=1).json()
    assert [row["id"] for row in page["rows"]] == [str(wid)]
    assert (page["next_since"], page["has_more"]) == (2, False)


def test_push_with_a_gap_is_409_with_the_expected_seq(device: Device) -> None:
    ops = Ops(start=5)
    answer = device.push([ops.insert("worker", new_id(), worker_fields(device.village_id))])
    assert answer.status_code == 409
    assert answer.json()["expected_device_seq"] == 1
    assert "nomor urut 1" in answer.json()["detail"]


def test_push_reusing_a_seq_with_another_op_is_409_reused(device: Device) -> None:
    device.push([Ops().insert("worker", new_id(), worker_fields(device.village_id))])
    answer = device.push([Ops().insert("worker", new_id(), worker_fields(device.village_id))])
    assert answer.status_code == 409
    assert answer.json() == {"detail": SEQ_REUSED, "expected_device_seq": 2}


def test_pull_limit_above_the_maximum_is_refused(device: Device) -> None:
    answer = device.get("/pull", since=0, limit=5000)
    assert answer.status_code == 422
    assert "limit" in answer.json()["detail"]


def test_pull_verify_and_table_see_only_the_token_village(
    server_db: ServerDatabase,
    client: TestClient,
    device: Device,
) -> None:
    stranger = enroll(server_db, client, add_village(server_db, "35.21.01.2002"))
    stranger.push([Ops().insert("worker", new_id(), worker_fields(stranger.village_id))])
    assert [r["entity"] for r in device.get("/pull").json()["rows"]] == ["village"]
    assert device.get("/verify").json()["tables"]["worker"]["count"] == 0
    assert device.get("/table/worker").json() == {"rows": [], "next_after": None}
    assert device.get("/table/village").json()["rows"][0]["id"] == str(device.village_id)


def test_table_of_an_unsynced_entity_is_404_in_indonesian(device: Device) -> None:
    answer = device.get("/table/rate")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "Tabel 'rate' tidak disinkronkan"}


def test_review_lists_quarantined_ops(device: Device) -> None:
    bad = worker_fields(device.village_id, birth_date="kemarin")
    device.push([Ops().insert("worker", new_id(), bad)])
    review = device.get("/review").json()
    assert review["conflicts"] == []
    (item,) = review["quarantined"]
    assert item["reason"] == "Tanggal lahir: nilai 'kemarin' tidak sesuai jenis kolom"
