"""SQLite engine with the pragmas of DESIGN.md section 5."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000


def make_engine(path: Path) -> Engine:
    """An engine on one SQLite file. WAL + synchronous=FULL so a power cut loses nothing committed.

    pysqlite's own transaction handling is switched off and we emit BEGIN ourselves: a plain
    (deferred) BEGIN for reads, so in WAL mode a reader never waits for a writer, and BEGIN
    IMMEDIATE for connections with the `sqlite_immediate` execution option (see Sessions): the
    write lock is taken up front, so two writers (window and CLI) wait for each other through
    busy_timeout instead of failing half-way with SQLITE_BUSY.
    """
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Sessions:
    """The session factory services use: `sessions()` for reads, `sessions.begin()` for writes.

    Reads run in deferred transactions (never blocked by a writer in WAL mode, so the window
    can page the register while a long write runs); writes start with BEGIN IMMEDIATE.
    """

    def __init__(self, engine: Engine) -> None:
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(sqlite_immediate=True), expire_on_commit=False
        )

    def __call__(self) -> Session:
        return self._read()

    def begin(self) -> AbstractContextManager[Session]:
        return self._write.begin()


def make_sessions(engine: Engine) -> Sessions:
    return Sessions(engine)


def sqlite_check(path: Path, *, quick: bool = True) -> str:
    """Run PRAGMA quick_check / integrity_check on a file; 'ok' when healthy."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        pragma = "quick_check" if quick else "integrity_check"
        rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    return "; ".join(str(row[0]) for row in rows[:5])


def stored_revision(path: Path) -> str | None:
    """The Alembic revision recorded in a file, or None when it has none."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None
