"""Fault tests: one fork server for the session (its seed is printed with every failure)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
for folder in (TESTS / "sync", TESTS / "server"):  # synctools, servertools
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from forkserver import SEED, ForkServer  # noqa: E402
from servertools import start_server  # noqa: E402

from app.server.db import ServerDatabase, open_server_database  # noqa: E402
from app.server.migrate import upgrade  # noqa: E402


@pytest.fixture(scope="session")
def forks() -> Iterator[ForkServer]:
    server = ForkServer(SEED)
    yield server
    print(f"\nfault trials: {server.trials} forked runs, {server.kills} SIGKILLs, seed {SEED}")


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAYUNG_KEYRING", "off")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServerDatabase, str]]:
    """The real `payung-server serve` on 127.0.0.1 (SQLite): its database and its URL."""
    data_dir = tmp_path_factory.mktemp("server")
    db = open_server_database(f"sqlite:///{data_dir / 'server.sqlite3'}", data_dir)
    upgrade(db)
    handle = start_server(db.url, data_dir)
    yield db, handle.url
    handle.stop()
    db.dispose()
