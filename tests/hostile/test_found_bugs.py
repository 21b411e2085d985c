"""The bugs the hostile tests found, each pinned by one direct example (the fuzzers find them
only by chance in a short CI run)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.documents.importing import read_preview
from tests.factories import make_nik
from tests.factories_contrib import rates_on
from tests.hostile.conftest import Villages
from tests.hostile.test_sync_payloads import hello_body
from tests.server.merge_tools import Ops, worker_fields
from tests.wording import words

SYNC = "/api/v1/sync"


@pytest.fixture
def client(two_villages: Villages) -> Iterator[TestClient]:
    with TestClient(two_villages.app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize("since", [2**63, 2**64, 10**20])
def test_a_pull_cursor_beyond_bigint_is_422_not_500(
    two_villages: Villages, client: TestClient, since: int
) -> None:
    answer = client.get(f"{SYNC}/pull", params={"since": since}, headers=two_villages.a.headers())
    assert answer.status_code == 422
    assert "since" in answer.json()["detail"]


@pytest.mark.parametrize("field", ["max_device_seq", "last_pulled_seq", "protocol_version"])
def test_a_hello_counter_beyond_bigint_is_422(
    two_villages: Villages, client: TestClient, field: str
) -> None:
    body = {**hello_body(two_villages), field: 2**64}
    answer = client.post(f"{SYNC}/hello", json=body, headers=two_villages.a.headers())
    assert answer.status_code == 422 and field in answer.json()["detail"]


def test_an_op_seq_beyond_bigint_is_422(two_villages: Villages, client: TestClient) -> None:
    op = Ops().insert("worker", uuid.uuid4(), worker_fields(uuid.uuid4())).model_dump(mode="json")
    answer = client.post(
        f"{SYNC}/push",
        json={"ops": [{**op, "device_seq": 2**64}]},
        headers=two_villages.a.headers(),
    )
    assert answer.status_code == 422


def test_a_body_that_is_not_utf8_json_is_400_in_indonesian(
    two_villages: Villages, client: TestClient
) -> None:
    headers = {**two_villages.a.headers(), "Content-Type": "application/json"}
    answer = client.post(f"{SYNC}/hello", content=b"\xff\xfe{", headers=headers)
    assert answer.status_code == 400
    assert "JSON" in answer.json()["detail"] and "error" not in words(answer.json()["detail"])


def test_review_times_carry_their_utc_offset(two_villages: Villages, client: TestClient) -> None:
    bad = Ops().insert("heir", uuid.uuid4(), {"bogus": "x"}).model_dump(mode="json")
    client.post(f"{SYNC}/push", json={"ops": [bad]}, headers=two_villages.a.headers())
    review = client.get(f"{SYNC}/review", headers=two_villages.a.headers()).json()
    moment = datetime.fromisoformat(review["quarantined"][0]["created_at"])
    assert moment.utcoffset() == timedelta(0)


def test_thousands_of_rows_with_one_nik_name_at_most_five_others(tmp_path: Path) -> None:
    nik = make_nik(date(1980, 5, 5), "L", serial=1)
    lines = ["NIK;Nama;Tgl Lahir;L/P;Jabatan"]
    lines += [f"'{nik};Warga {n};05-05-1980;L;Kaur Umum" for n in range(3000)]
    path = tmp_path / "sama.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    preview = read_preview(path, today=date(2026, 11, 21), rates_at=rates_on)
    messages = [p.message for p in preview.problems if p.code == "duplicate_in_file"]
    assert len(messages) == 3000
    assert all(len(m) < 400 for m in messages), max(messages, key=len)
    assert "dan 2994 baris lain" in messages[0]
