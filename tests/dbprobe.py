"""Look inside a village database with plain sqlite3, independently of the app's ORM.

Tests use these to see what a service really stored (rows, outbox, audit) and to prove that a
refused command changed nothing at all.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any


def query(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql, params)]
    finally:
        conn.close()


def count(db: Path, table: str) -> int:
    return int(query(db, f"SELECT count(*) AS n FROM {table}")[0]["n"])


def outbox(db: Path) -> list[dict[str, Any]]:
    """Outbox rows in device order, with `fields` and `base` decoded."""
    rows = query(db, "SELECT * FROM sync_outbox ORDER BY seq")
    for row in rows:
        row["fields"] = json.loads(row["fields"])
        row["base"] = json.loads(row["base"])
    return rows


def audit(db: Path) -> list[dict[str, Any]]:
    return query(db, "SELECT * FROM audit ORDER BY id")


def uuid_hex(text: str) -> str:
    """SQLAlchemy stores Uuid columns on SQLite as 32 hex digits without dashes."""
    return text.replace("-", "")


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: equal snapshots mean nothing was written."""
    conn = sqlite3.connect(db)
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in tables
        }
    finally:
        conn.close()


def fill(db: Path, rows: int = 400) -> None:
    """Add bulk to a database (settings rows) so it spans many pages."""
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.executemany(
                "INSERT INTO settings (key, value) VALUES (?, ?)",
                [(f"filler-{i:05d}", f"{i:05d}" * 100) for i in range(rows)],
            )
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def damage(db: Path) -> None:
    """Overwrite whole pages in the middle of the file, as a failing disk would.

    The WAL is folded into the file first so the damage is not hidden by newer page copies.
    """
    conn = sqlite3.connect(db)
    try:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    pages = db.stat().st_size // page_size
    assert pages >= 10, "fill() the database first: too few pages to damage"
    with db.open("r+b") as fh:
        for page in (pages * 2 // 5, pages // 2, pages * 3 // 5):
            fh.seek(page * page_size)
            fh.write(b"\xa5" * page_size)
