"""Sync client fixtures: the real server (`payung-server serve`) on a loopback port, shared by
the tests of a module (each test uses its own village), and village PCs on real SQLite files."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))  # servertools

from servertools import ServerHandle, start_server
from synctools import PC, Village, open_pc

from app.server.db import ServerDatabase, open_server_database
from app.server.migrate import upgrade


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAYUNG_KEYRING", "off")


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[ServerDatabase, ServerHandle]]:
    data_dir = tmp_path_factory.mktemp("server")
    db = open_server_database(f"sqlite:///{data_dir / 'server.sqlite3'}", data_dir)
    upgrade(db)
    handle = start_server(db.url, data_dir)
    yield db, handle
    handle.stop()
    db.dispose()


@pytest.fixture
def pcs(tmp_path: Path) -> Iterator[Callable[..., PC]]:
    opened: list[PC] = []

    def make(name: str = "pc1", **engine_kwargs: Any) -> PC:
        pc = open_pc(tmp_path / name, **engine_kwargs)
        opened.append(pc)
        return pc

    yield make
    for pc in opened:
        pc.close()


@pytest.fixture
def village(server: tuple[ServerDatabase, ServerHandle]) -> Village:
    db, handle = server
    return Village(db, handle.url)
