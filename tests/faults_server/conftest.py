"""Server fault tests: PostgreSQL clusters of their own (restartable), the real multi-worker
server, real village PCs (bench/soak_parts.py) and, for the lossy link, tests/sync's tools."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
for folder in (TESTS / "sync", TESTS / "server"):  # faultproxy, scenario tools, servertools
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from bench.pg_cluster import PgCluster  # noqa: E402


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAYUNG_KEYRING", "off")


@pytest.fixture(scope="module")
def pg_cluster() -> Iterator[PgCluster]:
    """A throwaway PostgreSQL cluster owned by the module (the tests restart it); stopped by
    its postmaster's pid afterwards, whatever happened."""
    cluster = PgCluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
