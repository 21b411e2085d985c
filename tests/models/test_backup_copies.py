"""Backups with the online backup API: complete, checked copies; rotation; on-demand names."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from dbprobe import query

from app.models.backup import DAILY_KEEP, WEEKLY_KEEP, backup_to, copy_database, rotate_daily
from app.models.database import open_database


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "payung.sqlite3"
    open_database(path, backups=tmp_path / "data" / "backups").close()
    return path


def _set(db: Path, key: str, value: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))
    conn.close()


def _setting(db: Path, key: str) -> str | None:
    rows = query(db, "SELECT value FROM settings WHERE key = ?", (key,))
    return rows[0]["value"] if rows else None


def _integrity(db: Path) -> str:
    return str(query(db, "PRAGMA integrity_check")[0]["integrity_check"])


def test_copy_includes_rows_that_are_only_in_the_wal(db: Path, tmp_path: Path) -> None:
    writer = sqlite3.connect(db)
    try:
        writer.execute("PRAGMA wal_autocheckpoint=0")  # keep the new row in the -wal
        with writer:
            writer.execute("INSERT INTO settings (key, value) VALUES ('only_in_wal', 'ya')")
        main_alone = tmp_path / "main-alone.sqlite3"
        main_alone.write_bytes(db.read_bytes())  # the main file without its -wal
        copy = copy_database(db, tmp_path / "out" / "copy.sqlite3")
    finally:
        writer.close()
    assert _setting(main_alone, "only_in_wal") is None  # so the row really lived in the -wal
    assert _setting(copy, "only_in_wal") == "ya"


def test_copy_passes_the_integrity_check(db: Path, tmp_path: Path) -> None:
    _set(db, "marker", "satu")
    assert _integrity(copy_database(db, tmp_path / "out" / "copy.sqlite3")) == "ok"


def test_copy_is_one_self_contained_file(db: Path, tmp_path: Path) -> None:
    copy = copy_database(db, tmp_path / "out" / "copy.sqlite3")
    assert query(copy, "PRAGMA journal_mode")[0]["journal_mode"] == "delete"
    assert sorted(p.name for p in copy.parent.iterdir()) == ["copy.sqlite3"]  # no .part left


def test_copy_replaces_nothing_but_its_target(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = copy_database(db, out / "a.sqlite3")
    _set(db, "marker", "dua")
    copy_database(db, out / "b.sqlite3")
    assert (_setting(first, "marker"), _setting(out / "b.sqlite3", "marker")) == (None, "dua")


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.sqlite3"))


def test_rotation_keeps_seven_daily_and_four_weekly_copies(db: Path, tmp_path: Path) -> None:
    backups = tmp_path / "rot"
    start = datetime(2026, 1, 1, 8, 30)
    days = [start + timedelta(days=i) for i in range(40)]
    for moment in days:
        rotate_daily(db, backups, now=moment)
    expected_daily = [f"payung-{d:%Y-%m-%d}.sqlite3" for d in days[-DAILY_KEEP:]]
    weeks = sorted({d.isocalendar()[:2] for d in days})[-WEEKLY_KEEP:]
    expected_weekly = [f"payung-{y}-W{w:02d}.sqlite3" for y, w in weeks]
    assert (_names(backups / "daily"), _names(backups / "weekly")) == (
        expected_daily,
        expected_weekly,
    )


def test_rotation_across_a_year_end_keeps_the_newest_weeks(db: Path, tmp_path: Path) -> None:
    backups = tmp_path / "rot"
    days = [datetime(2026, 12, 1, 9) + timedelta(days=i) for i in range(45)]
    for moment in days:
        rotate_daily(db, backups, now=moment)
    weeks = sorted({d.isocalendar()[:2] for d in days})[-WEEKLY_KEEP:]
    assert _names(backups / "weekly") == [f"payung-{y}-W{w:02d}.sqlite3" for y, w in weeks]


def test_rotation_takes_one_copy_per_day(db: Path, tmp_path: Path) -> None:
    backups = tmp_path / "rot"
    morning = datetime(2026, 11, 23, 8)  # a Monday: first day of an ISO week
    first = rotate_daily(db, backups, now=morning)
    again = rotate_daily(db, backups, now=morning + timedelta(hours=9))
    next_day = rotate_daily(db, backups, now=morning + timedelta(days=1))
    assert [len(first), len(again), len(next_day)] == [2, 0, 1]


def test_rotated_copies_are_good_databases(db: Path, tmp_path: Path) -> None:
    _set(db, "marker", "harian")
    made = rotate_daily(db, tmp_path / "rot", now=datetime(2026, 11, 21, 8))
    assert [(_integrity(p), _setting(p, "marker")) for p in made] == [("ok", "harian")] * 2


def test_backup_to_names_the_file_after_the_village_and_time(db: Path, tmp_path: Path) -> None:
    made = backup_to(db, tmp_path / "usb", label="35.21.01.2001")
    assert made.parent == tmp_path / "usb"
    assert re.fullmatch(r"payung-35-21-01-2001-\d{8}-\d{6}(-\d+)?\.sqlite3", made.name)


def test_backup_to_with_an_unusable_label_still_names_the_file(db: Path, tmp_path: Path) -> None:
    made = backup_to(db, tmp_path / "usb", label="///")
    assert made.name.startswith("payung-desa-")


def test_backup_to_never_overwrites_an_earlier_copy_of_the_same_second(
    db: Path, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    now = datetime.now()
    taken = [
        usb / f"payung-desa-{now + timedelta(seconds=s):%Y%m%d-%H%M%S}.sqlite3" for s in range(3)
    ]
    for earlier in taken:  # copies already made within the seconds this call may run in
        earlier.write_bytes(b"salinan sebelumnya")
    made = backup_to(db, usb, label="desa")
    assert made not in taken
    assert [p.read_bytes() for p in taken] == [b"salinan sebelumnya"] * 3
    assert _integrity(made) == "ok"
