"""SQLite pragmas of DESIGN.md section 5, on every connection the engine hands out."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from app.models.engine import make_engine, make_sessions

PRAGMAS = ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")


def _pragmas(conn: Connection) -> dict[str, object]:
    return {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in PRAGMAS}


def test_every_pooled_connection_has_the_pragmas(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "payung.sqlite3")
    try:
        # Three at once: the pool must open three real connections.
        with engine.connect() as a, engine.connect() as b, engine.connect() as c:
            seen = [_pragmas(conn) for conn in (a, b, c)]
    finally:
        engine.dispose()
    for pragmas in seen:
        assert pragmas["journal_mode"] == "wal"
        assert pragmas["synchronous"] == 2  # FULL: a power cut loses nothing committed
        assert pragmas["foreign_keys"] == 1
        assert isinstance(pragmas["busy_timeout"], int) and pragmas["busy_timeout"] > 0


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "payung.sqlite3")
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
            conn.exec_driver_sql("CREATE TABLE child (id INTEGER, p INTEGER REFERENCES parent(id))")
        with pytest.raises(Exception, match="FOREIGN KEY"), engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO child VALUES (1, 42)")
    finally:
        engine.dispose()


def test_write_sessions_take_the_write_lock_up_front(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE for writes: the lock is held before the first write, so two processes
    queue on busy_timeout instead of one failing half-way through its writes."""
    path = tmp_path / "payung.sqlite3"
    engine = make_engine(path)
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        with make_sessions(engine).begin() as session:
            session.execute(text("SELECT count(*) FROM t")).scalar()  # nothing written yet
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()
        engine.dispose()


def test_read_sessions_do_not_block_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "payung.sqlite3"
    engine = make_engine(path)
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        with make_sessions(engine)() as session:
            session.execute(text("SELECT count(*) FROM t")).scalar()  # a read transaction is open
            other.execute("BEGIN IMMEDIATE")
            other.execute("INSERT INTO t VALUES (1)")
            other.execute("COMMIT")
        written = other.execute("SELECT count(*) FROM t").fetchone()
    finally:
        other.close()
        engine.dispose()
    assert written == (1,)
