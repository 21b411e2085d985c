"""Random and mutated JSON on the sync API with a valid device token: every refusal is a 4xx
with an Indonesian `detail`, never a 500, and a refused request writes nothing (every table
compared before and after). A 200 may write (a push quarantines a bad value, by design).

CI runs a bounded number of examples; PAYUNG_FUZZ_EXAMPLES=N for a long run.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.models import new_id
from tests.hostile.conftest import Villages, fuzz_examples
from tests.hostile.dbsnapshot import changed_tables, snapshot
from tests.server.merge_tools import Ops, worker_fields
from tests.wording import words

SYNC = "/api/v1/sync"
_ENGLISH = {"the", "must", "please", "should", "invalid", "cannot", "error", "field", "body"}
_INDONESIAN = {
    "tidak",
    "harus",
    "wajib",
    "bukan",
    "perbarui",
    "isian",
    "isi",
    "permintaan",
    "sambungkan",
    "coba",
    "kirim",
    "tabel",
    "nomor",
    "perangkat",
    "ini",
    "atau",
    "yang",
    "dan",
    "ulang",
    "dari",
    "ke",
    "di",
}

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
    | st.sampled_from(["", "insert", "update", "worker", "3521011201900001"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
_FUZZ = settings(
    max_examples=fuzz_examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)


@pytest.fixture
def client(two_villages: Villages) -> Iterator[TestClient]:
    with TestClient(two_villages.app, raise_server_exceptions=False) as test_client:
        yield test_client


def hello_body(villages: Villages) -> dict[str, Any]:
    return {
        "device_id": villages.a.device_id,
        "db_instance_id": str(uuid.uuid4()),
        "protocol_version": 2,
        "schema_version": "0004",
        "app_version": "1.0",
        "max_device_seq": 0,
        "last_pulled_seq": 0,
        "client_time": datetime.now(UTC).isoformat(),
    }


def push_body(villages: Villages) -> dict[str, Any]:
    with villages.db.sessions() as session:
        from app.models import Village

        village = session.query(Village).filter_by(code=villages.a.code).one()
    op = Ops().insert("worker", new_id(), worker_fields(village.id))
    return {"ops": [op.model_dump(mode="json")]}


def mutate(data: st.DataObject, value: Any, depth: int = 0) -> Any:
    """One random change somewhere inside `value`: replace, drop or add a key, or retype."""
    if isinstance(value, dict) and value and depth < 4 and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(value)))
        changed = dict(value)
        action = data.draw(st.sampled_from(["descend", "drop", "add"]))
        if action == "drop":
            del changed[key]
        elif action == "add":
            changed[data.draw(st.text(max_size=10))] = data.draw(json_values)
        else:
            changed[key] = mutate(data, value[key], depth + 1)
        return changed
    if isinstance(value, list) and value and depth < 4 and data.draw(st.booleans()):
        index = data.draw(st.integers(0, len(value) - 1))
        return [*value[:index], mutate(data, value[index], depth + 1), *value[index + 1 :]]
    return data.draw(json_values)


def assert_refusal_is_clean(answer: Any, before: dict[str, Any], villages: Villages) -> None:
    assert answer.status_code < 500, (answer.status_code, answer.text[:300])
    if answer.status_code < 400:
        return
    body = answer.json()
    assert isinstance(body.get("detail"), str), body
    found = words(body["detail"])
    assert found & _INDONESIAN and not found & _ENGLISH, body["detail"]
    assert changed_tables(before, snapshot(villages.db)) == [], body["detail"]


@pytest.mark.parametrize("route", ["hello", "reinit", "push"])
@_FUZZ
@given(data=st.data())
def test_mutated_bodies_are_refused_cleanly(
    two_villages: Villages, client: TestClient, route: str, data: st.DataObject
) -> None:
    valid = {
        "hello": lambda: hello_body(two_villages),
        "reinit": lambda: {"db_instance_id": str(uuid.uuid4())},
        "push": lambda: push_body(two_villages),
    }[route]()
    body = mutate(data, valid)
    before = snapshot(two_villages.db)
    answer = client.post(f"{SYNC}/{route}", json=body, headers=two_villages.a.headers())
    assert_refusal_is_clean(answer, before, two_villages)


@pytest.mark.parametrize("route", ["hello", "reinit", "push"])
@_FUZZ
@given(
    raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
    encoding=st.sampled_from([None, "gzip", "br", "identity"]),
)
def test_random_bytes_are_refused_cleanly(
    two_villages: Villages, client: TestClient, route: str, raw: bytes, encoding: str | None
) -> None:
    headers = {**two_villages.a.headers(), "Content-Type": "application/json"}
    if encoding:
        headers["Content-Encoding"] = encoding
    before = snapshot(two_villages.db)
    answer = client.post(f"{SYNC}/{route}", content=raw, headers=headers)
    assert answer.status_code >= 400
    assert_refusal_is_clean(answer, before, two_villages)


@_FUZZ
@given(
    route=st.sampled_from(["pull", "verify", "review", "table/worker", "table/x", "table/"]),
    params=st.dictionaries(
        st.sampled_from(["since", "limit", "after", "x"]),
        st.text(max_size=20) | st.integers(-(2**70), 2**70).map(str),
        max_size=3,
    ),
)
def test_random_query_parameters_are_refused_cleanly(
    two_villages: Villages, client: TestClient, route: str, params: dict[str, str]
) -> None:
    before = snapshot(two_villages.db)
    answer = client.get(f"{SYNC}/{route}", params=params, headers=two_villages.a.headers())
    assert_refusal_is_clean(answer, before, two_villages)


def test_a_valid_push_still_writes(two_villages: Villages, client: TestClient) -> None:
    """The comparison can fail: the same route with a good body does write."""
    before = snapshot(two_villages.db)
    answer = client.post(
        f"{SYNC}/push", json=push_body(two_villages), headers=two_villages.a.headers()
    )
    assert answer.status_code == 200, answer.text
    assert "worker" in changed_tables(before, snapshot(two_villages.db))
    assert json.loads(answer.text)["results"][0]["result"] == "applied"
