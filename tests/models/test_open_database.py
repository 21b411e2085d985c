"""Opening the village database: migrations with a backup first, newer schemas refused,
a quick check after an unclean shutdown."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbprobe import damage, fill
from wording import assert_indonesian_with_fix

from app.models.database import open_database
from app.models.engine import stored_revision
from app.models.errors import DatabaseCorrupt, NotAPayungDatabase, SchemaTooNew
from app.models.migrate import head_revision


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "payung.sqlite3"


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    return tmp_path / "data" / "backups"


def _make(db_path: Path, backups: Path) -> None:
    """A migrated database, closed cleanly."""
    open_database(db_path, backups=backups).close()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def live_pid() -> Iterator[int]:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield child.pid
    child.kill()
    child.wait()


def test_new_database_is_migrated_to_head_without_a_backup(db_path: Path, backups: Path) -> None:
    db = open_database(db_path, backups=backups)
    db.close()
    assert stored_revision(db_path) == head_revision()
    assert not (backups / "pre-migration").exists()


def test_existing_file_behind_head_is_backed_up_before_migrating(
    db_path: Path, backups: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version=1")  # a real, non-empty SQLite file with no schema yet
    conn.close()
    assert db_path.stat().st_size > 0

    open_database(db_path, backups=backups).close()

    copies = list((backups / "pre-migration").glob("payung-*.sqlite3"))
    assert len(copies) == 1
    conn = sqlite3.connect(copies[0])
    try:
        kept = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    finally:
        conn.close()
    assert (kept, tables) == (1, 0)  # the file as it was before the migration
    assert stored_revision(db_path) == head_revision()


def _stamp(db_path: Path, revision: str) -> None:
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_file_from_a_newer_version_is_refused(db_path: Path, backups: Path) -> None:
    _make(db_path, backups)
    _stamp(db_path, "9999_from_the_future")
    with pytest.raises(SchemaTooNew) as caught:
        open_database(db_path, backups=backups)
    assert_indonesian_with_fix(caught.value.message)


def test_file_from_a_newer_version_is_left_untouched(db_path: Path, backups: Path) -> None:
    _make(db_path, backups)
    _stamp(db_path, "9999_from_the_future")
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNew):
        open_database(db_path, backups=backups)
    assert db_path.read_bytes() == before
    assert stored_revision(db_path) == "9999_from_the_future"
    assert not (backups / "pre-migration").exists()


def test_clean_reopen_runs_no_crash_check(db_path: Path, backups: Path) -> None:
    _make(db_path, backups)
    db = open_database(db_path, backups=backups)
    db.close()
    assert db.checked_after_crash is False


def test_marker_of_a_dead_process_triggers_a_quick_check(db_path: Path, backups: Path) -> None:
    _make(db_path, backups)
    stale = db_path.with_name(f"{db_path.name}.open-{_dead_pid()}")
    stale.touch()
    db = open_database(db_path, backups=backups)
    db.close()
    assert db.checked_after_crash is True
    assert not stale.exists()


def test_marker_of_a_live_process_is_not_a_crash(
    db_path: Path, backups: Path, live_pid: int
) -> None:
    _make(db_path, backups)
    other = db_path.with_name(f"{db_path.name}.open-{live_pid}")
    other.touch()
    db = open_database(db_path, backups=backups)
    db.close()
    assert (db.checked_after_crash, other.exists()) == (False, True)


def test_open_database_marks_itself_open_until_closed(db_path: Path, backups: Path) -> None:
    db = open_database(db_path, backups=backups)
    own = db_path.with_name(f"{db_path.name}.open-{os.getpid()}")
    was_marked = own.exists()
    db.close()
    assert (was_marked, own.exists()) == (True, False)


def test_damage_found_after_a_crash_is_refused(db_path: Path, backups: Path) -> None:
    _make(db_path, backups)
    fill(db_path)
    damage(db_path)
    db_path.with_name(f"{db_path.name}.open-{_dead_pid()}").touch()
    with pytest.raises(DatabaseCorrupt) as caught:
        open_database(db_path, backups=backups)
    assert_indonesian_with_fix(caught.value.message)


def test_damage_found_after_a_crash_is_refused_again_on_the_next_start(
    db_path: Path, backups: Path
) -> None:
    _make(db_path, backups)
    fill(db_path)
    damage(db_path)
    db_path.with_name(f"{db_path.name}.open-{_dead_pid()}").touch()
    with pytest.raises(DatabaseCorrupt):
        open_database(db_path, backups=backups)
    with pytest.raises(DatabaseCorrupt):
        open_database(db_path, backups=backups)


def test_a_file_that_is_not_a_database_is_named_and_left_untouched(
    db_path: Path, backups: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"NIK;NAMA\n3521014505800001;Siti Aminah\n")
    with pytest.raises(NotAPayungDatabase) as caught:
        open_database(db_path, backups=backups)
    assert db_path.read_bytes() == b"NIK;NAMA\n3521014505800001;Siti Aminah\n"
    assert_indonesian_with_fix(caught.value.message)
