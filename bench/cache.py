"""Cached synthetic databases under bench/out/, one per (kind, size, seed, schema, generator):
`db-w<workers>-...` registers (workers only) and `db-e<enrollments>-...` villages with coverage
periods and their whole billing history.

A cached folder is never opened by a measurement: `workspace()` copies the database file into a
temporary folder first, so runs cannot change each other's starting point.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.config import DB_FILENAME
from app.models.migrate import head_revision
from app.resources import resource_dir
from bench import names, synth

OUT = Path(__file__).resolve().parent / "out"


def generator_version() -> str:
    """Changes whenever the generator's code, word pools or the shipped rate files (history
    amounts come from them) change: the data would differ."""
    digest = hashlib.sha256()
    for module in (synth, names):
        assert module.__file__ is not None
        digest.update(Path(module.__file__).read_bytes())
    for rates in sorted((resource_dir() / "rates").glob("*.csv")):
        digest.update(rates.read_bytes())
    return digest.hexdigest()[:10]


def cache_dir(workers: int, seed: int) -> Path:
    return _target(_register_stem(workers, seed))


def _register_stem(workers: int, seed: int) -> str:
    return f"db-w{workers}-s{seed}"


def _history_stem(enrollments: int, seed: int) -> str:
    return f"db-e{enrollments}-s{seed}"


def _target(stem: str) -> Path:
    return OUT / f"{stem}-r{head_revision()}-g{generator_version()}"


def cached_database(workers: int, seed: int, *, rebuild: bool = False) -> tuple[Path, float | None]:
    """The folder holding the populated register (workers only); builds it when missing.

    Returns (folder, seconds spent generating, or None when it came from the cache). Older
    caches of the same size and seed (another schema or generator) are removed.
    """
    return _cached(
        _register_stem(workers, seed),
        lambda folder: synth.populate(folder, workers, seed),
        rebuild=rebuild,
    )


def cached_history_database(
    enrollments: int, seed: int, *, rebuild: bool = False
) -> tuple[Path, float | None]:
    """A village with exactly `enrollments` coverage periods (one per active worker, so a few
    more workers) and every month billed since each TMT (`synth --history`); as above."""

    def build(folder: Path) -> None:
        workers = synth.workers_for_enrollments(enrollments, seed)
        synth.populate(folder, workers, seed, enrollments=True, history=True)

    return _cached(_history_stem(enrollments, seed), build, rebuild=rebuild)


def _cached(
    stem: str, build: Callable[[Path], None], *, rebuild: bool
) -> tuple[Path, float | None]:
    target = _target(stem)
    if rebuild and target.exists():
        shutil.rmtree(target)
    if target.exists():
        return target, None
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.glob(f"{stem}-*"):
        shutil.rmtree(stale)
    started = time.perf_counter()
    building = Path(tempfile.mkdtemp(prefix=f".build-{stem}-", dir=OUT))
    try:
        build(building)
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
    """A throw-away data folder holding a copy of the cached database (no backups yet).

    The copy is flushed to disk before it is handed out: otherwise the kernel writes the
    copied file back while the measurement runs (900 MB for the 100,000 history village),
    and that write-back competes with the fsyncs being measured."""
    folder = Path(tempfile.mkdtemp(prefix=f"payung-bench-{label}-"))
    try:
        shutil.copy2(cached / DB_FILENAME, folder / DB_FILENAME)
        with (folder / DB_FILENAME).open("rb+") as copy:
            os.fsync(copy.fileno())
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
