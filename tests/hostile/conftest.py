"""Fixtures of the hostile-input tests: a migrated server database (SQLite) with two villages,
a device enrolled in each through the real code exchange, and the server app on it.

- `two_villages` -> Villages: `.db`, `.app`, `.a` / `.b` (Enrolled: village code, the
  ConnectReply's device_id, token and bundle_key).
- `fuzz_examples(n)`: n, or PAYUNG_FUZZ_EXAMPLES when set (long local runs).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI

from app.models import utcnow
from app.server.app import create_app
from app.server.db import ServerDatabase, open_server_database
from app.server.devices import redeem_code
from app.server.migrate import upgrade
from tests.server.servertools import enroll_code, make_village

CODE_A = "35.21.01.2001"
CODE_B = "35.21.02.2002"
FUZZ_ENV = "PAYUNG_FUZZ_EXAMPLES"


def fuzz_examples(default: int) -> int:
    """`default` examples in CI; PAYUNG_FUZZ_EXAMPLES=N for a long local run."""
    text = os.environ.get(FUZZ_ENV, "")
    return int(text) if text.isdigit() and int(text) > 0 else default


@dataclass(frozen=True)
class Enrolled:
    code: str
    device_id: str
    token: str
    bundle_key: str

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "X-Payung-Protocol": "2"}


@dataclass(frozen=True)
class Villages:
    db: ServerDatabase
    app: FastAPI
    data_dir: Path
    a: Enrolled
    b: Enrolled


def enroll(db: ServerDatabase, village_code: str) -> Enrolled:
    with db.sessions.begin() as session:
        reply = redeem_code(
            session, enroll_code(db, village_code), "PC", "1.0", "127.0.0.1", utcnow()
        )
    return Enrolled(village_code, reply.device_id, reply.token, reply.bundle_key)


def open_db(folder: Path) -> ServerDatabase:
    folder.mkdir(parents=True, exist_ok=True)
    db = open_server_database(f"sqlite:///{folder / 'server.sqlite3'}", folder)
    upgrade(db)
    return db


def _villages(data: Path) -> Iterator[Villages]:
    db = open_db(data)
    make_village(db, code=CODE_A, name="Sukamaju")
    make_village(db, code=CODE_B, name="Sukamundur", kecamatan="Paron")
    try:
        app = create_app(db, data_dir=data)
        yield Villages(db, app, data, enroll(db, CODE_A), enroll(db, CODE_B))
    finally:
        db.dispose()


@pytest.fixture
def two_villages(tmp_path: Path) -> Iterator[Villages]:
    yield from _villages(tmp_path / "server-data")


@pytest.fixture(scope="module")
def shared_villages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Villages]:
    """One server for a whole module (schemathesis: one test item per operation)."""
    yield from _villages(tmp_path_factory.mktemp("server-data"))
