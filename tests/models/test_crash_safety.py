"""Crash safety: a writer killed with SIGKILL at random moments never loses an acknowledged
worker, never loses its outbox row, and never leaves a damaged database.

The randomness is seeded (PAYUNG_CRASH_SEED, default below) so a failure reproduces.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from dbprobe import query, uuid_hex
from factories import TODAY, make_village

from app.config import Paths, resolve_paths
from app.domain.errors import NotFound
from app.services.backups import check
from app.services.context import AppContext

SEED = int(os.environ.get("PAYUNG_CRASH_SEED", "20261121"))
KILLS = 24
WRITER = Path(__file__).with_name("crash_writer.py")
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    acknowledged: list[str] = field(default_factory=list)
    returncode: int | None = None


def _read_lines(stream: object, into: list[bytes]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.append(line)


def _run_and_kill(paths: Paths, run: int, delay: float, log: Path) -> Run:
    """Start a writer, wait for its first acknowledged add, let it write for `delay` seconds,
    then SIGKILL it. Returns the NIKs it acknowledged (complete lines only)."""
    with log.open("wb") as err:
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(paths.data_dir), str(run)],
            stdout=subprocess.PIPE,
            stderr=err,
            cwd=REPO,
            env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        )
        lines: list[bytes] = []
        reader = threading.Thread(target=_read_lines, args=(writer.stdout, lines), daemon=True)
        reader.start()
        deadline = time.monotonic() + 60
        while not lines:
            if writer.poll() is not None or time.monotonic() > deadline:
                writer.kill()
                writer.wait()
                pytest.fail(f"writer {run} never acknowledged an add:\n{log.read_text()}")
            time.sleep(0.005)
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        reader.join(timeout=10)
    done = [line.decode().strip() for line in lines if line.endswith(b"\n")]
    return Run(acknowledged=done, returncode=writer.returncode)


@pytest.fixture(scope="module")
def crash_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Paths, list[Run]]:
    """A data folder that lived through KILLS writers killed at random moments, exactly as the
    last kill left it (-wal, -shm and the dead writer's open-marker included)."""
    root = tmp_path_factory.mktemp("crash")
    paths = resolve_paths(root / "data")
    context = AppContext.open(paths, today=lambda: TODAY)
    context.village.set_up(make_village())
    context.close()
    rng = random.Random(SEED)
    runs = [
        _run_and_kill(paths, run, rng.uniform(0.05, 0.4), root / f"writer-{run}.log")
        for run in range(KILLS)
    ]
    return paths, runs


@pytest.fixture
def crashed(crash_site: tuple[Paths, list[Run]], tmp_path: Path) -> tuple[Paths, list[Run]]:
    """A private copy of the crash site: each test may open it (which repairs and clears the
    crash state) without changing what the next test sees."""
    site, runs = crash_site
    shutil.copytree(site.data_dir, tmp_path / "data")
    return resolve_paths(tmp_path / "data"), runs


def _acknowledged(runs: list[Run]) -> list[str]:
    return [nik for run in runs for nik in run.acknowledged]


@pytest.mark.slow
def test_every_writer_was_killed_while_still_writing(crashed: tuple[Paths, list[Run]]) -> None:
    _, runs = crashed
    assert [run.returncode for run in runs] == [-signal.SIGKILL] * KILLS, f"seed {SEED}"
    assert len(_acknowledged(runs)) > KILLS  # several adds per run: kills land mid-stream


@pytest.mark.slow
def test_health_check_finds_the_database_sound(crashed: tuple[Paths, list[Run]]) -> None:
    paths, _ = crashed
    health = check(paths)
    assert (health.healthy, health.integrity) == (True, "ok"), f"seed {SEED}"


@pytest.mark.slow
def test_integrity_check_passes(crashed: tuple[Paths, list[Run]]) -> None:
    paths, _ = crashed
    assert query(paths.database, "PRAGMA integrity_check") == [{"integrity_check": "ok"}]


@pytest.mark.slow
def test_every_acknowledged_worker_is_on_the_register(
    crashed: tuple[Paths, list[Run]],
) -> None:
    paths, runs = crashed
    context = AppContext.open(paths, today=lambda: TODAY)
    try:
        missing = []
        for nik in _acknowledged(runs):
            try:
                context.register.get(nik)
            except NotFound:  # collected, reported all at once below
                missing.append(nik)
    finally:
        context.close()
    assert missing == [], f"seed {SEED}"


@pytest.mark.slow
def test_every_stored_worker_has_exactly_its_insert_in_the_outbox(
    crashed: tuple[Paths, list[Run]],
) -> None:
    paths, runs = crashed
    workers = {
        row["nik"]: uuid_hex(str(row["id"]))
        for row in query(paths.database, "SELECT id, nik FROM worker")
    }
    inserts = [
        uuid_hex(str(row["row_id"]))
        for row in query(
            paths.database,
            "SELECT row_id FROM sync_outbox WHERE entity = 'worker' AND op = 'insert'",
        )
    ]
    assert set(_acknowledged(runs)) <= set(workers), f"seed {SEED}"
    assert sorted(inserts) == sorted(workers.values()), f"seed {SEED}"


@pytest.mark.slow
def test_restart_after_the_last_kill_ran_the_crash_check(
    crashed: tuple[Paths, list[Run]],
) -> None:
    paths, _ = crashed
    assert list(paths.data_dir.glob("payung.sqlite3.open-*")), "the last writer left its marker"
    context = AppContext.open(paths, today=lambda: TODAY)
    context.close()
    assert context.database.checked_after_crash is True
