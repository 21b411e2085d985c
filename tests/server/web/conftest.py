"""Dashboard fixtures on top of tests/server/conftest.py (SQLite, and PostgreSQL when set).

- `cheap_password_hashes` (autouse): small argon2 costs in this process.
- `web_app`: create_app on `server_db` with the test's data folder; its clock is `clock`.
- `clock`: webtools.Clock installed as the dashboard's clock.
- `anon`, `operator_client`, `admin_client`: TestClients (redirects not followed), the last two
  logged in as webtools.OPERATOR / webtools.ADMIN (password webtools.PASSWORD).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from webtools import ADMIN, OPERATOR, Clock, add_operator, login

from app.server.app import create_app
from app.server.db import ServerDatabase
from app.server.web import security


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process hashes with small argon2 costs: the real costs (~0.1-0.6 s per login) would
    dominate these tests. Hashes made by the CLI (subprocess) keep the real costs and still
    verify here: argon2 reads the costs from the hash."""
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(security, "_hasher", lambda: cheap)
    monkeypatch.setattr(security, "_dummy_hash", functools.cache(lambda: cheap.hash("dummy")))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def web_app(server_db: ServerDatabase, server_data_dir: Path, clock: Clock) -> FastAPI:
    app = create_app(server_db, data_dir=server_data_dir)
    app.state.web_clock = clock
    return app


def _client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=False) as client:
        yield client


@pytest.fixture
def anon(web_app: FastAPI) -> Iterator[TestClient]:
    yield from _client(web_app)


@pytest.fixture
def operator_client(web_app: FastAPI, server_db: ServerDatabase) -> Iterator[TestClient]:
    add_operator(server_db, OPERATOR, role="operator")
    for client in _client(web_app):
        yield login(client, OPERATOR)


@pytest.fixture
def admin_client(web_app: FastAPI, server_db: ServerDatabase) -> Iterator[TestClient]:
    add_operator(server_db, ADMIN, role="admin")
    for client in _client(web_app):
        yield login(client, ADMIN)
