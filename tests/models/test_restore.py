"""Restore: refuses damaged, foreign and newer files without touching the current database;
a good restore keeps the current file aside."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from dbprobe import damage, fill, query
from wording import assert_indonesian_with_fix

from app.models.backup import copy_database, restore
from app.models.database import open_database
from app.models.errors import DatabaseCorrupt, NotAPayungDatabase, SchemaTooNew, StorageError


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def current(data: Path) -> Path:
    """The live database (closed), holding marker = 'sekarang'."""
    path = data / "payung.sqlite3"
    open_database(path, backups=data / "backups").close()
    _mark(path, "sekarang")
    return path


@pytest.fixture
def good_backup(current: Path, tmp_path: Path) -> Path:
    _mark(current, "dulu")
    copy = copy_database(current, tmp_path / "usb" / "payung-cadangan.sqlite3")
    _mark(current, "sekarang")
    return copy


def _mark(db: Path, value: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('marker', ?)", (value,))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _marker(db: Path) -> str:
    return str(query(db, "SELECT value FROM settings WHERE key = 'marker'")[0]["value"])


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _corrupted(good_backup: Path) -> Path:
    fill(good_backup)
    damage(good_backup)
    return good_backup


def _newer(good_backup: Path) -> Path:
    conn = sqlite3.connect(good_backup)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    return good_backup


def _not_sqlite(good_backup: Path) -> Path:
    good_backup.write_text("NIK;NAMA\n3521014505800001;Siti Aminah\n", encoding="utf-8")
    return good_backup


def _foreign_sqlite(good_backup: Path) -> Path:
    good_backup.unlink()
    conn = sqlite3.connect(good_backup)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.close()
    return good_backup


def _missing(good_backup: Path) -> Path:
    good_backup.unlink()
    return good_backup


REFUSALS = [
    (_corrupted, DatabaseCorrupt),
    (_newer, SchemaTooNew),
    (_not_sqlite, NotAPayungDatabase),
    (_foreign_sqlite, NotAPayungDatabase),
    (_missing, NotAPayungDatabase),
]


@pytest.mark.parametrize(("spoil", "error"), REFUSALS)
def test_bad_candidate_is_refused(
    spoil: object, error: type[StorageError], good_backup: Path, current: Path, data: Path
) -> None:
    candidate = spoil(good_backup)  # type: ignore[operator]
    with pytest.raises(error) as caught:
        restore(candidate, current, data / "backups" / "replaced")
    assert_indonesian_with_fix(caught.value.message)


@pytest.mark.parametrize(("spoil", "error"), REFUSALS)
def test_refused_restore_leaves_the_data_folder_byte_for_byte(
    spoil: object, error: type[StorageError], good_backup: Path, current: Path, data: Path
) -> None:
    candidate = spoil(good_backup)  # type: ignore[operator]
    before = _files(data)
    with pytest.raises(error):
        restore(candidate, current, data / "backups" / "replaced")
    assert _files(data) == before


def test_good_restore_puts_the_backup_in_place(
    good_backup: Path, current: Path, data: Path
) -> None:
    restore(good_backup, current, data / "backups" / "replaced")
    assert _marker(current) == "dulu"


def test_good_restore_keeps_the_current_file_aside(
    good_backup: Path, current: Path, data: Path
) -> None:
    aside = restore(good_backup, current, data / "backups" / "replaced")
    assert aside is not None and aside.parent == data / "backups" / "replaced"
    assert _marker(aside) == "sekarang"


def test_restored_database_opens_and_reads_the_restored_data(
    good_backup: Path, current: Path, data: Path
) -> None:
    restore(good_backup, current, data / "backups" / "replaced")
    db = open_database(current, backups=data / "backups")
    try:
        with db.engine.connect() as conn:
            value = conn.exec_driver_sql("SELECT value FROM settings WHERE key = 'marker'").scalar()
    finally:
        db.close()
    assert value == "dulu"


def test_restore_keeps_wal_changes_aside_and_never_replays_them(
    good_backup: Path, current: Path, data: Path
) -> None:
    """A crash can leave committed changes in the -wal only. They must go into the file kept
    aside, and must not be replayed onto the restored database."""
    wal = Path(f"{current}-wal")
    writer = sqlite3.connect(current)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    with writer:
        writer.execute("UPDATE settings SET value = 'di-wal' WHERE key = 'marker'")
    crash_state = (current.read_bytes(), wal.read_bytes())
    writer.close()  # a clean close checkpoints; put back the files as a crash left them
    current.write_bytes(crash_state[0])
    wal.write_bytes(crash_state[1])
    Path(f"{current}-shm").unlink(missing_ok=True)

    aside = restore(good_backup, current, data / "backups" / "replaced")

    assert len(crash_state[1]) > 0
    assert aside is not None
    assert (_marker(current), _marker(aside)) == ("dulu", "di-wal")


def test_restore_never_overwrites_a_file_kept_aside_earlier(
    good_backup: Path, current: Path, data: Path
) -> None:
    replaced = data / "backups" / "replaced"
    replaced.mkdir(parents=True)
    now = datetime.now()
    kept = [
        replaced / f"payung-sebelum-pulih-{now + timedelta(seconds=s):%Y%m%d-%H%M%S}.sqlite3"
        for s in range(3)
    ]
    for earlier in kept:  # files kept aside by restores within the seconds this one may run in
        earlier.write_bytes(b"data asli")
    aside = restore(good_backup, current, replaced)
    assert aside is not None and aside not in kept
    assert [p.read_bytes() for p in kept] == [b"data asli"] * 3
    assert _marker(aside) == "sekarang"


def test_restore_over_a_file_that_is_not_a_database_keeps_it_byte_for_byte(
    good_backup: Path, current: Path, data: Path
) -> None:
    for extra in (Path(f"{current}-wal"), Path(f"{current}-shm")):
        extra.unlink(missing_ok=True)
    current.write_bytes(b"\x00garbage written over the database\xff" * 100)
    aside = restore(good_backup, current, data / "backups" / "replaced")
    assert aside is not None
    assert aside.read_bytes() == b"\x00garbage written over the database\xff" * 100
    assert _marker(current) == "dulu"
