"""Every row of every table of a server's SQLite database, to prove a refused request wrote
nothing: `snapshot(db)` before and after must be equal.

device.last_seen_at is left out: authenticating a token stamps it (at most once a minute),
which is bookkeeping, not a write of the request's content.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, text

from app.server.db import ServerDatabase

IGNORED = {("device", "last_seen_at")}


def snapshot(db: ServerDatabase) -> dict[str, list[tuple[Any, ...]]]:
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with db.engine.connect() as conn:
        for name in sorted(inspect(conn).get_table_names()):
            columns = [
                c["name"]
                for c in inspect(conn).get_columns(name)
                if (name, c["name"]) not in IGNORED
            ]
            listed = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(text(f'SELECT {listed} FROM "{name}"')).all()
            tables[name] = sorted((tuple(row) for row in rows), key=repr)
    return tables


def changed_tables(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(name for name in after if before.get(name) != after[name])
