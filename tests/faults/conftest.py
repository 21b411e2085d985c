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


@pytest.fixture(scope="session")
def forks() -> Iterator[ForkServer]:
    server = ForkServer(SEED)
    yield server
    print(f"\nfault trials: {server.trials} forked runs, {server.kills} SIGKILLs, seed {SEED}")


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAYUNG_KEYRING", "off")
