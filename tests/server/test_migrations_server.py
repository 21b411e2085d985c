"""The server schema: migrations match the tables, entity tables are the desktop's."""

from __future__ import annotations

import uuid
from datetime import date

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from servertools import make_village
from sqlalchemy import inspect, select

from app.domain.categories import Category, Sex
from app.models import Base, Worker, new_id
from app.server import migrate
from app.server.db import ServerDatabase
from app.server.tables import change_log, server_metadata, village_counter
from app.sync.protocol import SYNC_ENTITIES

SERVER_TABLES = {
    "device", "enrollment_code", "rate_limit", "village_counter", "change_log", "applied_op",
    "sync_conflict", "quarantine", "operator", "audit", "web_session",
}  # fmt: skip


def test_listed_revisions_match_the_scripts() -> None:
    assert migrate.script_revisions() == list(migrate.REVISIONS)


def test_migrations_leave_nothing_for_autogenerate(server_db: ServerDatabase) -> None:
    with server_db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, server_metadata) == []


def test_database_holds_entity_copies_and_server_tables_only(server_db: ServerDatabase) -> None:
    names = set(inspect(server_db.engine).get_table_names()) - {"alembic_version"}
    assert names == set(SYNC_ENTITIES) | SERVER_TABLES
    assert not names & {"sync_outbox", "sync_state", "settings", "receipt_counter", "rate"}


def test_entity_copies_have_the_desktop_columns() -> None:
    for name in SYNC_ENTITIES:
        desktop = Base.metadata.tables[name]
        server = server_metadata.tables[name]
        assert [c.name for c in server.columns] == [c.name for c in desktop.columns]
        assert {i.name for i in server.indexes} == {i.name for i in desktop.indexes}


def test_upgrade_again_changes_nothing(server_db: ServerDatabase) -> None:
    migrate.upgrade(server_db)
    assert migrate.current_revision(server_db) == migrate.head_revision()
    assert migrate.is_current(server_db)


def test_orm_entities_work_against_the_server_database(server_db: ServerDatabase) -> None:
    vid = make_village(server_db)
    worker_id = new_id()
    with server_db.sessions.begin() as session:
        session.add(
            Worker(
                id=worker_id,
                village_id=vid,
                nik="3521014505800001",
                full_name="Siti Aminah",
                search_name="siti aminah",
                birth_date=date(1980, 5, 5),
                sex=Sex.P,
                category=Category.KADER_POSYANDU,
            )
        )
    with server_db.read_sessions() as session:
        worker = session.get(Worker, worker_id)
        assert worker is not None
        assert worker.village_id == vid
        assert worker.deleted is False


def test_new_village_is_in_the_change_log_at_version_one(server_db: ServerDatabase) -> None:
    vid = make_village(server_db)
    with server_db.read_sessions() as session:
        log = session.execute(select(change_log)).all()
        seq = session.scalar(
            select(village_counter.c.seq).where(village_counter.c.village_id == vid)
        )
    assert [(r.village_id, r.seq, r.entity, r.row_id) for r in log] == [(vid, 1, "village", vid)]
    assert seq == 1
    assert isinstance(vid, uuid.UUID)
