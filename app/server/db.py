"""The server's database: SQLite by default, PostgreSQL (psycopg 3) in production.

`open_server_database` builds the engine and session factories; nothing is created at import
time. On SQLite the pragmas match the desktop (WAL, synchronous=FULL, foreign keys) and every
transaction of `sessions` starts with BEGIN IMMEDIATE: a request that reads and then writes
(every authenticated request stamps device.last_seen_at) takes the write lock up front and waits
for other writers through busy_timeout instead of failing half-way with SQLITE_BUSY.
`read_sessions` use a deferred BEGIN (reads never wait for a writer in WAL mode).

Connections: each server process keeps at most `connections` of them (PAYUNG_DB_CONNECTIONS,
default 20: with 2 uvicorn workers 40 of PostgreSQL's default max_connections of 100). The
request dependency (app.server.deps) lets only that many requests hold a session at once, so
requests queue inside the app instead of timing out in the pool; a request that still cannot
get a connection in time is answered 503 with Retry-After (app.server.http_errors), which the
desktop client retries.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 30_000
URL_ENV = "PAYUNG_DATABASE_URL"
CONNECTIONS_ENV = "PAYUNG_DB_CONNECTIONS"
DEFAULT_CONNECTIONS = 20
POOL_TIMEOUT_S = 10.0
SQLITE_CONNECTIONS = 15  # SQLAlchemy's QueuePool default for a file: 5 + 10 overflow
DATA_DIR_ENV = "PAYUNG_SERVER_DATA_DIR"
SQLITE_FILE = "server.sqlite3"


class DatabaseUrlError(ValueError):
    """A database address the server cannot use. `message` is Indonesian."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ServerDatabase:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    read_sessions: sessionmaker[Session]
    connections: int = SQLITE_CONNECTIONS  # most connections the engine's pool hands out

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()


def resolve_data_dir(data_dir: str | Path | None) -> Path:
    """--data-dir, else PAYUNG_SERVER_DATA_DIR, else the platform's user data folder."""
    if data_dir:
        return Path(data_dir).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("PayungDesaServer", appauthor=False))


def resolve_url(url: str | None, data_dir: Path) -> str:
    """--database-url, else PAYUNG_DATABASE_URL, else the SQLite file in the data folder."""
    chosen = url or os.environ.get(URL_ENV) or f"sqlite:///{data_dir / SQLITE_FILE}"
    if chosen.startswith("postgresql://") or chosen.startswith("postgres://"):
        chosen = "postgresql+psycopg://" + chosen.split("://", 1)[1]
    try:
        parsed = make_url(chosen)
    except Exception as exc:  # sqlalchemy raises ArgumentError with English text
        raise DatabaseUrlError(
            "alamat database tidak dapat dibaca; contoh: "
            "postgresql://user:sandi@host/payung atau sqlite:////path/server.sqlite3"
        ) from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUrlError(
            "jenis database tidak didukung; gunakan PostgreSQL (postgresql://...) atau SQLite"
        )
    if parsed.get_backend_name() == "postgresql" and parsed.drivername != "postgresql+psycopg":
        raise DatabaseUrlError("untuk PostgreSQL gunakan alamat postgresql://... (psycopg 3)")
    return chosen


def open_server_database(url: str | None, data_dir: Path) -> ServerDatabase:
    """Engine and sessions for `url` (see resolve_url). Creates the data folder for SQLite."""
    chosen = resolve_url(url, data_dir)
    if make_url(chosen).get_backend_name() == "sqlite":
        return _sqlite(chosen)
    connections = pool_connections()
    kept = max(1, connections // 2)
    # hide_parameters: a failing statement's values (NIK, names) never reach a log line.
    engine = create_engine(
        chosen,
        pool_pre_ping=True,
        hide_parameters=True,
        pool_size=kept,
        max_overflow=connections - kept,
        pool_timeout=POOL_TIMEOUT_S,
    )
    sessions = sessionmaker(engine, expire_on_commit=False)
    return ServerDatabase(chosen, engine, sessions, sessions, connections)


def pool_connections() -> int:
    """Connections per server process: PAYUNG_DB_CONNECTIONS (1-200), else 20."""
    raw = os.environ.get(CONNECTIONS_ENV, "").strip()
    if not raw:
        return DEFAULT_CONNECTIONS
    if not raw.isdigit() or not 1 <= int(raw) <= 200:
        raise DatabaseUrlError(f"{CONNECTIONS_ENV} harus bilangan 1-200 (jumlah koneksi database)")
    return int(raw)


def _sqlite(url: str) -> ServerDatabase:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
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

    writes = sessionmaker(engine.execution_options(sqlite_immediate=True), expire_on_commit=False)
    reads = sessionmaker(engine, expire_on_commit=False)
    return ServerDatabase(url, engine, writes, reads)
