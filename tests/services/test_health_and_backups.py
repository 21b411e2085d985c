"""The health check (`payung check`) and the backup services over a village database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dbprobe import damage, fill
from factories import TODAY, make_worker_draft

from app.config import Paths
from app.models.migrate import head_revision
from app.services.backups import backup_now, check, restore_from
from app.services.context import AppContext
from app.services.register import SearchQuery


def _closed_village(ctx: AppContext) -> Paths:
    ctx.close()
    return ctx.paths


def test_fresh_database_is_healthy(ctx: AppContext) -> None:
    health = check(_closed_village(ctx))
    assert (health.healthy, health.exists, health.integrity, health.schema_status) == (
        True,
        True,
        "ok",
        "current",
    )
    assert health.schema_revision == health.schema_head == head_revision()


def test_missing_database_is_not_healthy(data_paths: Paths) -> None:
    health = check(data_paths)
    assert (health.healthy, health.exists, health.schema_status) == (False, False, "missing")


def test_check_creates_nothing(data_paths: Paths) -> None:
    check(data_paths)
    assert not data_paths.data_dir.exists()


def test_newer_schema_is_not_healthy(ctx: AppContext) -> None:
    paths = _closed_village(ctx)
    conn = sqlite3.connect(paths.database)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    health = check(paths)
    assert (health.healthy, health.schema_status, health.schema_revision) == (
        False,
        "newer",
        "9999_future",
    )


def test_sqlite_file_without_our_schema_is_not_healthy(data_paths: Paths) -> None:
    data_paths.data_dir.mkdir(parents=True)
    conn = sqlite3.connect(data_paths.database)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    health = check(data_paths)
    assert (health.healthy, health.integrity, health.schema_status) == (False, "ok", "missing")


def test_damaged_database_is_not_healthy(ctx: AppContext) -> None:
    paths = _closed_village(ctx)
    fill(paths.database)
    damage(paths.database)
    health = check(paths)
    assert health.healthy is False
    assert health.integrity != "ok"


def test_check_leaves_the_database_file_unchanged(ctx: AppContext) -> None:
    paths = _closed_village(ctx)
    before = paths.database.read_bytes()
    check(paths)
    assert paths.database.read_bytes() == before


def test_backup_now_writes_a_copy_into_the_chosen_folder(ctx: AppContext, tmp_path: Path) -> None:
    ctx.register.add(make_worker_draft(name="Siti Aminah"))
    made = backup_now(ctx.paths, tmp_path / "usb", label="35.21.01.2001")
    assert made.parent == tmp_path / "usb" and made.is_file()


def test_restore_from_brings_back_the_backed_up_register(ctx: AppContext, tmp_path: Path) -> None:
    ctx.register.add(make_worker_draft(name="Siti Aminah"))
    made = backup_now(ctx.paths, tmp_path / "usb", label="desa")
    ctx.register.add(make_worker_draft(name="Budi Santoso"))
    paths = _closed_village(ctx)

    aside = restore_from(paths, made)

    reopened = AppContext.open(paths, today=lambda: TODAY)
    try:
        names = [row.name for row in reopened.register.search(SearchQuery()).rows]
    finally:
        reopened.close()
    assert names == ["Siti Aminah"]
    assert aside is not None and aside.parent == paths.replaced
