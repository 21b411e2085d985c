"""Migration 0004 on a real file: the outbox keeps its rows and never reuses a device_seq."""

from __future__ import annotations

import uuid
from pathlib import Path

from alembic import command
from sqlalchemy import select

from app.models import SyncOutbox
from app.models.database import open_database
from app.models.engine import make_engine
from app.models.migrate import alembic_config


def _database_at_0003(path: Path) -> None:
    engine = make_engine(path)
    command.upgrade(alembic_config(engine), "0003")
    with engine.begin() as conn:
        for seq in (1, 2, 3):
            conn.exec_driver_sql(
                "INSERT INTO sync_outbox (seq, op_id, entity, row_id, op, fields, base, "
                "created_at) VALUES (?, ?, 'worker', ?, 'update', '{}', '{}', "
                "'2026-11-01 08:00:00')",
                (seq, uuid.uuid4().hex, uuid.uuid4().hex),
            )
        conn.exec_driver_sql(
            "INSERT INTO sync_state (id, db_instance_id, last_pulled_seq) VALUES (1, ?, 0)",
            (uuid.uuid4().hex,),
        )
    engine.dispose()


def test_the_outbox_keeps_its_rows_and_their_numbers(tmp_path: Path) -> None:
    path = tmp_path / "payung.sqlite3"
    _database_at_0003(path)
    db = open_database(path, backups=tmp_path / "backups")
    try:
        with db.sessions() as session:
            rows = session.execute(select(SyncOutbox.seq, SyncOutbox.result)).all()
            floor = session.execute(select(SyncOutbox).limit(0)).all()
            state = db.engine.connect().exec_driver_sql(
                "SELECT device_seq_floor, village_code FROM sync_state"
            )
            assert state.one() == (0, None)
    finally:
        db.close()
    assert [tuple(r) for r in rows] == [(1, None), (2, None), (3, None)]
    assert floor == []


def test_a_number_is_never_handed_out_again_after_its_row_is_deleted(tmp_path: Path) -> None:
    path = tmp_path / "payung.sqlite3"
    _database_at_0003(path)
    db = open_database(path, backups=tmp_path / "backups")
    try:
        with db.sessions.begin() as session:
            session.query(SyncOutbox).filter(SyncOutbox.seq == 3).delete()
        with db.sessions.begin() as session:
            row = SyncOutbox(entity="worker", row_id=uuid.uuid4(), op="update", fields="{}",
                             base="{}")  # fmt: skip
            session.add(row)
            session.flush()
            seq = row.seq
    finally:
        db.close()
    assert seq == 4
