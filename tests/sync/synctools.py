"""Helpers of the sync client tests: village PCs (real migrated SQLite files) and their engines.

- `PC`: one village office PC: an AppContext on its own data folder plus its SyncEngine (secrets
  in the data folder, never the developer's keyring).
- `Village`: a village on the server (its own code) that enrolls PCs.
- `next_code()`: a village code not used yet in this test session (one server serves a module).
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from factories import TODAY, make_village

from app.config import Paths, resolve_paths
from app.server.db import ServerDatabase
from app.services.context import AppContext
from app.sync.engine import SyncEngine
from app.sync.secrets import SecretStore

SERVER_TESTS = Path(__file__).resolve().parents[1] / "server"
if str(SERVER_TESTS) not in sys.path:
    sys.path.insert(0, str(SERVER_TESTS))

import servertools  # noqa: E402 - lives in tests/server

_codes = itertools.count(1)


def next_code() -> str:
    return f"35.21.02.{2000 + next(_codes):04d}"


@dataclass
class PC:
    paths: Paths
    ctx: AppContext
    engine: SyncEngine

    def close(self) -> None:
        self.ctx.close()

    def reopen(self, **engine_kwargs: Any) -> PC:
        self.ctx.close()
        return open_pc(self.paths.data_dir, **engine_kwargs)

    def scalar(self, sql: str, **params: Any) -> Any:
        from sqlalchemy import text

        with self.ctx.database.sessions() as session:
            return session.execute(text(sql), params).scalar()


def open_pc(data_dir: Path, **engine_kwargs: Any) -> PC:
    paths = resolve_paths(data_dir)
    ctx = AppContext.open(paths, today=lambda: TODAY, daily_backup=False)
    engine = SyncEngine(
        ctx.database.sessions,
        paths.data_dir,
        secrets=SecretStore(paths.data_dir, use_keyring=False),
        **engine_kwargs,
    )
    return PC(paths, ctx, engine)


def set_up_village(pc: PC, code: str, **overrides: str | None) -> None:
    """The village set up offline, by default exactly as the server knows it (no head or
    secretary name: those would differ from the server's and open a review conflict)."""
    fields: dict[str, str | None] = {"head_name": None, "secretary_name": None}
    fields.update(overrides)
    pc.ctx.village.set_up(make_village(code=code, **fields))


def fixed_now(value: datetime) -> Any:
    return lambda: value


class Village:
    """A village on the server with its own code; `connect(pc)` enrolls a PC with a fresh code."""

    def __init__(self, db: ServerDatabase, url: str) -> None:
        self.db = db
        self.url = url
        self.code = next_code()
        self.id = servertools.make_village(db, code=self.code)

    def enrollment(self) -> str:
        return servertools.enroll_code(self.db, self.code)

    def connect(self, pc: PC, *, set_up: bool = True, **village: str | None) -> None:
        if set_up:
            set_up_village(pc, self.code, **village)
        pc.engine.connect(self.url, self.enrollment(), label="PC uji")
