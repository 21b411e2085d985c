"""The schema the migrations build is the schema the models describe."""

from __future__ import annotations

import uuid
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.models import SYNCED_ENTITIES, Base, new_id
from app.models.database import Database, open_database
from app.models.migrate import REVISIONS, head_revision, script_revisions

SYNC_COLUMNS = {"id", "village_id", "version", "deleted", "updated_at_client"}
LOCAL_TABLES = {"sync_outbox", "sync_state", "settings", "audit"}


def _open(tmp_path: Path) -> Database:
    return open_database(tmp_path / "payung.sqlite3", backups=tmp_path / "backups")


def test_migrated_database_equals_the_models(tmp_path: Path) -> None:
    db = _open(tmp_path)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
    finally:
        db.close()
    assert diff == []


def test_migrated_database_is_stamped_with_the_head_revision(tmp_path: Path) -> None:
    db = _open(tmp_path)
    try:
        with db.engine.connect() as conn:
            stamped = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    finally:
        db.close()
    assert stamped == head_revision()


def test_issue_tables_all_exist(tmp_path: Path) -> None:
    db = _open(tmp_path)
    try:
        tables = set(inspect(db.engine).get_table_names())
    finally:
        db.close()
    assert {"village", "worker", "heir", "position_quota"} | LOCAL_TABLES <= tables


def test_every_synced_entity_table_has_the_sync_columns(tmp_path: Path) -> None:
    db = _open(tmp_path)
    try:
        inspector = inspect(db.engine)
        missing = {
            table: SYNC_COLUMNS - {c["name"] for c in inspector.get_columns(table)}
            for table in SYNCED_ENTITIES
        }
    finally:
        db.close()
    assert set(SYNCED_ENTITIES) >= {"village", "worker", "heir", "position_quota"}
    assert missing == {table: set() for table in SYNCED_ENTITIES}


def test_version_is_nullable_until_the_server_assigns_one(tmp_path: Path) -> None:
    db = _open(tmp_path)
    try:
        inspector = inspect(db.engine)
        nullable = {
            table: {c["name"]: c["nullable"] for c in inspector.get_columns(table)}["version"]
            for table in SYNCED_ENTITIES
        }
    finally:
        db.close()
    assert nullable == dict.fromkeys(SYNCED_ENTITIES, True)


def test_new_ids_are_uuid_version_7() -> None:
    ids = [new_id() for _ in range(100)]
    assert {(i.version, i.variant) for i in ids} == {(7, uuid.RFC_4122)}


def test_new_ids_are_time_ordered_and_unique() -> None:
    ids = [new_id() for _ in range(5000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


def test_listed_revisions_match_the_shipped_scripts() -> None:
    # Start-up trusts REVISIONS instead of importing Alembic; it must name every script in order.
    assert list(REVISIONS) == script_revisions()
