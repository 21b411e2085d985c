"""Cached synthetic databases under bench/out/, one per (workers, seed, schema, generator).

A cached folder is never opened by a measurement: `workspace()` copies the database file into a
temporary folder first, so runs cannot change each other's starting point.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.config import DB_FILENAME
from app.models.migrate import head_revision
from bench import names, synth

OUT = Path(__file__).resolve().parent / "out"


def generator_version() -> str:
    """Changes whenever the generator's code or word pools change (the data would differ)."""
    digest = hashlib.sha256()
    for module in (synth, names):
        assert module.__file__ is not None
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:10]


def cache_dir(workers: int, seed: int) -> Path:
    return OUT / f"db-w{workers}-s{seed}-r{head_revision()}-g{generator_version()}"


def cached_database(workers: int, seed: int, *, rebuild: bool = False) -> tuple[Path, float | None]:
    """The folder holding the populated database; builds it when missing.

    Returns (folder, seconds spent generating, or None when it came from the cache). Older
    caches of the same size and seed (another schema or generator) are removed.
    """
    target = cache_dir(workers, seed)
    if rebuild and target.exists():
        shutil.rmtree(target)
    if target.exists():
        return target, None
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.glob(f"db-w{workers}-s{seed}-*"):
        shutil.rmtree(stale)
    started = time.perf_counter()
    building = Path(tempfile.mkdtemp(prefix=f".build-w{workers}-", dir=OUT))
    try:
        synth.populate(building, workers, seed)
        _fold_wal(building / DB_FILENAME)
        target.mkdir()
        shutil.copy2(building / DB_FILENAME, target / DB_FILENAME)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return target, time.perf_counter() - started


def _fold_wal(db: Path) -> None:
    """One self-contained file: the WAL checkpointed in, journal mode kept (WAL)."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


@contextmanager
def workspace(cached: Path, label: str) -> Iterator[Path]:
    """A throw-away data folder holding a copy of the cached database (no backups yet)."""
    folder = Path(tempfile.mkdtemp(prefix=f"payung-bench-{label}-"))
    try:
        shutil.copy2(cached / DB_FILENAME, folder / DB_FILENAME)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
