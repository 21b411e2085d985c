"""Server fixtures: a fresh migrated database per test (SQLite always, PostgreSQL too when
PAYUNG_TEST_PG_URL is set) and the real server on a loopback port.

- `server_db` -> ServerDatabase (parametrised "sqlite" / "postgresql"), migrated, empty.
- `server_data_dir` -> the data folder the server of this test uses.
- `live_server` -> servertools.ServerHandle (`.url`, `.stop()`, `.restart()`, `.logs()`) on
  the same database as `server_db`; stopped after the test.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from servertools import ServerHandle, start_server
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.server.db import ServerDatabase, open_server_database
from app.server.migrate import upgrade

PG_ENV = "PAYUNG_TEST_PG_URL"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get(PG_ENV) else [])


def _pg_admin_url() -> str:
    raw = os.environ[PG_ENV]
    if raw.startswith("postgresql://") or raw.startswith("postgres://"):
        raw = "postgresql+psycopg://" + raw.split("://", 1)[1]
    return raw


@pytest.fixture
def server_data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "server-data"
    path.mkdir()
    return path


@pytest.fixture
def server_db_url(request: pytest.FixtureRequest, server_data_dir: Path) -> Iterator[str]:
    """The URL of a fresh, empty database (not migrated)."""
    backend = request.param if hasattr(request, "param") else "sqlite"
    if backend == "sqlite":
        yield f"sqlite:///{server_data_dir / 'server.sqlite3'}"
        return
    admin_url = _pg_admin_url()
    name = f"payung_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def server_db(server_db_url: str, server_data_dir: Path) -> Iterator[ServerDatabase]:
    db = open_server_database(server_db_url, server_data_dir)
    upgrade(db)
    yield db
    db.dispose()


@pytest.fixture
def live_server(server_db: ServerDatabase, server_data_dir: Path) -> Iterator[ServerHandle]:
    handle = start_server(server_db.url, server_data_dir)
    yield handle
    handle.stop()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "server_db_url" in metafunc.fixturenames:
        # `@pytest.mark.sqlite_only`: a comparison with the desktop's own SQLite services.
        only = metafunc.definition.get_closest_marker("sqlite_only") is not None
        metafunc.parametrize("server_db_url", ["sqlite"] if only else BACKENDS, indirect=True)
