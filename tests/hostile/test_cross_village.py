"""A village's token never sees or changes another village, on EVERY /api route.

Village A holds a worker, an enrollment, a conflict and a quarantined op; village B's device
then calls every /api route of the app (the list comes from the app itself, like the
authorization matrix, so a new route fails until it has a probe here) with A's ids and
values wherever a route takes one. Afterwards A's rows are exactly as before, and no answer
to B mentions A's ids, NIK or names.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import fastapi.routing
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select, text

from app.models import Village, new_id
from tests.hostile.conftest import Villages
from tests.server.merge_tools import Ops, enrollment_fields, worker_fields

API = "/api/v1"
SYNC = f"{API}/sync"


def api_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every /api route (as tests/server/web/test_authorization_matrix)."""
    flatten = getattr(fastapi.routing, "iter_route_contexts", None)
    routes: Any = flatten(app.routes) if flatten is not None else app.routes
    return {
        (method, route.path)
        for route in routes
        if route.path.startswith("/api/")
        for method in getattr(route, "methods", None) or ()
        if method != "HEAD"
    }


def village_id(villages: Villages, code: str) -> uuid.UUID:
    with villages.db.sessions() as session:
        found: uuid.UUID = session.scalars(select(Village.id).where(Village.code == code)).one()
    return found


class VillageA:
    """What A holds, pushed through the API by A's own device."""

    def __init__(self, villages: Villages, client: TestClient) -> None:
        self.id = village_id(villages, villages.a.code)
        self.worker = new_id()
        self.enrollment = new_id()
        fields = worker_fields(self.id, full_name="Sumarni Rahasia", search_name="sumarni rahasia")
        self.nik = fields["nik"]
        ops = Ops()
        pushed = [
            ops.insert("worker", self.worker, fields),
            ops.insert("enrollment", self.enrollment, enrollment_fields(self.id, self.worker)),
            ops.insert("heir", new_id(), {"village_id": str(self.id), "bogus": "x"}),  # quarantined
        ]
        answer = client.post(
            f"{SYNC}/push",
            json={"ops": [op.model_dump(mode="json") for op in pushed]},
            headers=villages.a.headers(),
        )
        assert answer.status_code == 200, answer.text
        review = client.get(f"{SYNC}/review", headers=villages.a.headers()).json()
        assert review["quarantined"], review
        self.quarantine = uuid.UUID(review["quarantined"][0]["id"])
        self.secrets = [
            str(self.id),
            str(self.worker),
            str(self.enrollment),
            self.nik,
            "Sumarni",
            "sumarni",
            villages.a.code,
            villages.a.device_id,
        ]


@pytest.fixture
def client(two_villages: Villages) -> Iterator[TestClient]:
    with TestClient(two_villages.app, raise_server_exceptions=False) as test_client:
        yield test_client


def _b_push(villages: Villages, client: TestClient, a: VillageA) -> list[Any]:
    """B's device pushes edits, a delete, an insert naming A's village and a resolution, all
    aimed at A's rows."""
    ops = Ops()
    pushed = [
        ops.update(
            "worker", a.worker, {"full_name": "Diganti B"}, {"full_name": "Sumarni Rahasia"}, 1
        ),
        ops.delete("enrollment", a.enrollment, 1),
        ops.insert("worker", a.worker, worker_fields(a.id)),
        ops.insert("worker", new_id(), worker_fields(a.id)),
        ops.resolve(a.quarantine, {"full_name": "server"}),
    ]
    body = {"ops": [op.model_dump(mode="json") for op in pushed]}
    return [client.post(f"{SYNC}/push", json=body, headers=villages.b.headers())]


def _probes(
    villages: Villages, a: VillageA
) -> dict[tuple[str, str], Callable[[TestClient], list[Any]]]:
    h = villages.b.headers()
    hello = {
        "device_id": villages.a.device_id,
        "db_instance_id": str(uuid.uuid4()),
        "protocol_version": 2,
        "schema_version": "0004",
        "app_version": "1.0",
        "max_device_seq": 0,
        "last_pulled_seq": 0,
        "client_time": "2026-11-21T08:00:00Z",
    }
    return {
        ("GET", f"{API}/health"): lambda c: [c.get(f"{API}/health", headers=h)],
        ("GET", f"{API}/openapi.json"): lambda c: [c.get(f"{API}/openapi.json", headers=h)],
        ("POST", f"{API}/connect"): lambda c: [
            c.post(
                f"{API}/connect",
                json={"code": "ABCD-EFGH", "village_code": villages.a.code},
                headers=h,
            )
        ],
        ("POST", f"{SYNC}/hello"): lambda c: [c.post(f"{SYNC}/hello", json=hello, headers=h)],
        ("POST", f"{SYNC}/reinit"): lambda c: [
            c.post(f"{SYNC}/reinit", json={"db_instance_id": str(uuid.uuid4())}, headers=h)
        ],
        ("POST", f"{SYNC}/push"): lambda c: _b_push(villages, c, a),
        ("GET", f"{SYNC}/pull"): lambda c: [
            c.get(f"{SYNC}/pull", params={"since": s}, headers=h) for s in (0, 1, 2, 3)
        ],
        ("GET", f"{SYNC}/verify"): lambda c: [c.get(f"{SYNC}/verify", headers=h)],
        ("GET", f"{SYNC}/table/{{entity}}"): lambda c: [
            c.get(f"{SYNC}/table/{entity}", params=params, headers=h)
            for entity in ("worker", "enrollment", "heir", "village", "contribution")
            for params in ({}, {"after": str(uuid.UUID(int=0))})
        ],
        ("GET", f"{SYNC}/review"): lambda c: [c.get(f"{SYNC}/review", headers=h)],
    }


def _rows_of_a(villages: Villages, a: VillageA) -> dict[str, Any]:
    """Every row of A (its village_id) in every table that has one."""
    found: dict[str, Any] = {}
    with villages.db.engine.connect() as conn:
        for name in inspect(conn).get_table_names():
            if "village_id" in {c["name"] for c in inspect(conn).get_columns(name)}:
                rows = conn.execute(
                    text(f'SELECT * FROM "{name}" WHERE village_id IN (:a, :h)'),
                    {"a": str(a.id), "h": a.id.hex},
                ).all()
                found[name] = sorted(map(tuple, rows), key=repr)
    return found


def test_every_api_route_has_a_probe(two_villages: Villages) -> None:
    a_stub = VillageA.__new__(VillageA)
    assert api_routes(two_villages.app) == set(_probes(two_villages, a_stub))


def test_b_can_neither_see_nor_change_a_on_any_route(
    two_villages: Villages, client: TestClient
) -> None:
    a = VillageA(two_villages, client)
    before = _rows_of_a(two_villages, a)
    assert before["worker"] and before["quarantine"], "A's rows are found"
    leaks: list[str] = []
    # POSTs first: the GETs after them must not show what B's push tried to reach.
    probes = sorted(
        _probes(two_villages, a).items(), key=lambda item: (item[0][0] != "POST", item[0])
    )
    for (method, path), probe in probes:
        for answer in probe(client):
            assert answer.status_code < 500, (method, path, answer.text[:300])
            if path.endswith("openapi.json"):
                continue
            # B's review lists B's own refused ops by the row ids B sent.
            own = (str(a.worker), str(a.enrollment)) if path.endswith("/review") else ()
            leaks += [
                f"{method} {path}: {s}" for s in a.secrets if s in answer.text and s not in own
            ]
    assert not leaks, "\n".join(leaks)
    assert _rows_of_a(two_villages, a) == before
