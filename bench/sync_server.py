"""Server plumbing of the sync figures: a throw-away server database (SQLite file or a fresh
PostgreSQL database on the cluster of PAYUNG_TEST_PG_URL), the real `payung-server serve` in a
subprocess on loopback, and bulk seeding of a village the way its pushes would have left it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

from app.models import utcnow
from app.server import devices, migrate, villages
from app.server import tables as t
from app.server.db import ServerDatabase, open_server_database
from app.sync.protocol import SYNC_ENTITIES
from app.sync.wire import model_of

REPO = Path(__file__).resolve().parents[1]
PG_ENV = "PAYUNG_TEST_PG_URL"
API = "/api/v1"
SEED_CHUNK = 5_000


def pg_admin_url() -> str | None:
    raw = os.environ.get(PG_ENV)
    if not raw:
        return None
    if raw.startswith("postgresql://") or raw.startswith("postgres://"):
        raw = "postgresql+psycopg://" + raw.split("://", 1)[1]
    return raw


@contextmanager
def server_database(backend: str, data_dir: Path) -> Iterator[ServerDatabase]:
    """A fresh, migrated server database: `sqlite` in data_dir, or `postgresql` (a new
    database on the PAYUNG_TEST_PG_URL cluster, dropped afterwards)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    if backend == "sqlite":
        db = open_server_database(f"sqlite:///{data_dir / 'server.sqlite3'}", data_dir)
        try:
            migrate.upgrade(db)
            yield db
        finally:
            db.dispose()
        return
    admin_url = pg_admin_url()
    if admin_url is None:
        raise RuntimeError(f"{PG_ENV} is not set: run under scripts/with-postgres.sh")
    name = f"payung_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    db = open_server_database(url, data_dir)
    try:
        migrate.upgrade(db)
        yield db
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """`payung-server serve` on 127.0.0.1 in a subprocess (stderr to data_dir/server.log)."""

    def __init__(self, db: ServerDatabase, data_dir: Path, *, workers: int = 1) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = data_dir / "server.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAYUNG_")}
        env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
        command = [
            sys.executable, "-m", "app.server.cli", "--database-url", db.url,
            "--data-dir", str(data_dir), "serve", "--host", "127.0.0.1",
            "--port", str(self.port), "--workers", str(workers),
        ]  # fmt: skip
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command, cwd=REPO, env=env, stdout=log, stderr=log, start_new_session=True
            )
        try:
            self._wait_healthy(workers)
        except BaseException:
            self.stop()
            raise

    def _wait_healthy(self, workers: int, timeout: float = 60.0) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        healthy = 0
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"payung-server ended early; see {self.log_path}")
            try:
                if httpx.get(f"{self.url}{API}/health", timeout=2).status_code == 200:
                    healthy += 1
                    # with several workers, give the others a moment to come up too
                    if healthy >= (1 if workers == 1 else 10):
                        return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"payung-server at {self.url} did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=20)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def enrollment_code(db: ServerDatabase, village_code: str) -> str:
    with db.sessions.begin() as session:
        code, _expires = devices.create_code(session, village_code, "bench", utcnow())
    return code


def add_village(db: ServerDatabase, village: dict[str, str]) -> uuid.UUID:
    fields = {k: village[k] for k in ("code", "name", "kecamatan", "kabupaten", "province")}
    with db.sessions.begin() as session:
        return villages.add_village(session, **fields)


def seed_village(db: ServerDatabase, source_db: Path, village: dict[str, str]) -> dict[str, int]:
    """Register the village, then copy every synced row of the village database at source_db
    into the server database as its pushes would have left them: each row with the next
    version of the village counter (parents first), its compacted change_log entry, and the
    counter at the last one. Bulk inserts (the merge path itself is the "first upload"
    figure). Returns the rows copied per entity."""
    village_id = add_village(db, village)
    source = create_engine(f"sqlite:///{source_db}")
    copied: dict[str, int] = {}
    seq = _current_seq(db, village_id)
    try:
        with source.connect() as src, db.engine.begin() as dst:
            for entity in SYNC_ENTITIES:
                if entity == "village":
                    continue
                table = t.ENTITY_TABLES[entity]
                local = model_of(entity).__table__
                result = src.execute(select(local).order_by(local.c.id))
                copied[entity] = 0
                while chunk := result.fetchmany(SEED_CHUNK):
                    rows: list[dict[str, Any]] = []
                    log: list[dict[str, Any]] = []
                    for raw in chunk:
                        seq += 1
                        row = dict(raw._mapping)
                        row.update(village_id=village_id, version=seq)
                        rows.append(row)
                        log.append(
                            {"village_id": village_id, "seq": seq, "entity": entity,
                             "row_id": row["id"]}
                        )  # fmt: skip
                    dst.execute(insert(table), rows)
                    dst.execute(insert(t.change_log), log)
                    copied[entity] += len(rows)
            dst.execute(
                t.village_counter.update()
                .where(t.village_counter.c.village_id == village_id)
                .values(seq=seq)
            )
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE"))
    finally:
        source.dispose()
    return copied


def _current_seq(db: ServerDatabase, village_id: uuid.UUID) -> int:
    with db.engine.connect() as conn:
        counter = t.village_counter
        return int(
            conn.scalar(select(counter.c.seq).where(counter.c.village_id == village_id)) or 0
        )


def count_rows(db: ServerDatabase, entity: str) -> int:
    table = t.ENTITY_TABLES[entity]
    with db.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)
