"""The backups folder as Pengaturan lists it, a copy now, and a restore into an open context."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from dbprobe import count
from factories import SECRETARY, make_worker_draft

from app.domain.errors import InvalidField
from app.models.errors import DatabaseCorrupt, NotAPayungDatabase
from app.services.backups import Backups, restore_in_place
from app.services.context import AppContext
from app.services.papers import PAPER_SETTING
from app.services.register import SearchQuery
from app.services.settings import LANGUAGE_SETTING, Preferences, read_preferences
from app.services.settings import save_preferences as save


def _set_mtime(path: Path, seconds_ago: int) -> None:
    moment = time.time() - seconds_ago
    os.utime(path, (moment, moment))


def test_the_list_shows_every_kind_newest_first(ctx: AppContext) -> None:
    backups = Backups(ctx.paths)
    assert [b.kind for b in backups.list()] == ["daily", "weekly"]  # taken when opened
    _set_mtime(next((ctx.paths.backups / "daily").iterdir()), 3600)  # the weekly is its link
    manual = backups.back_up(None, label="35.21.01.2001")
    (ctx.paths.backups / "daily" / ".payung-half.sqlite3.part").write_bytes(b"half")
    listed = backups.list()
    assert [b.kind for b in listed] == ["manual", "daily", "weekly"]
    assert listed[1].taken_at == listed[2].taken_at < listed[0].taken_at
    assert listed[0].path == manual and manual.parent == ctx.paths.backups / "manual"
    assert all(b.size == b.path.stat().st_size > 0 for b in listed)
    assert backups.last_automatic() == listed[1].taken_at


def test_a_copy_now_opens_with_sqlite_and_is_intact(ctx: AppContext, tmp_path: Path) -> None:
    ctx.register.add(make_worker_draft())
    made = Backups(ctx.paths).back_up(tmp_path / "usb", label="35.21.01.2001")
    assert made.parent == tmp_path / "usb" and made.name.startswith("payung-35-21-01-2001-")
    conn = sqlite3.connect(made)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert count(made, "worker") == 1


def test_restore_in_place_brings_back_the_data_in_the_same_context(
    ctx: AppContext, tmp_path: Path
) -> None:
    ctx.register.add(make_worker_draft())
    made = Backups(ctx.paths).back_up(tmp_path / "usb", label="desa")
    ctx.register.add(make_worker_draft())
    old_register = ctx.register
    aside = restore_in_place(ctx, made)
    assert ctx.register is not old_register  # fresh services over the reopened database
    assert ctx.register.count(SearchQuery()) == 1
    assert aside is not None and aside.parent == ctx.paths.replaced
    assert count(aside, "worker") == 2  # what was replaced is kept, whole


def test_restore_keeps_this_pc_s_preferences(ctx: AppContext, tmp_path: Path) -> None:
    made = Backups(ctx.paths).back_up(tmp_path, label="desa")  # stored: no preferences yet
    wanted = Preferences("Rina", "en", read_preferences(ctx.village).paper, None, None)
    save(ctx.village, wanted)
    ctx.village.set_setting(PAPER_SETTING, "F4")
    restore_in_place(ctx, made)
    kept = read_preferences(ctx.village)
    assert (kept.operator, kept.language, kept.paper.value) == ("Rina", "en", "F4")
    assert ctx.village.setting(LANGUAGE_SETTING) == "en"


def test_a_foreign_file_is_refused_before_anything_closes(ctx: AppContext, tmp_path: Path) -> None:
    ctx.register.add(make_worker_draft())
    foreign = tmp_path / "catatan.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    register = ctx.register
    with pytest.raises(NotAPayungDatabase, match="bukan berkas cadangan Payung Desa"):
        restore_in_place(ctx, foreign)
    assert ctx.register is register and register.count(SearchQuery()) == 1
    assert not ctx.paths.replaced.exists()


def test_a_damaged_backup_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    made = Backups(ctx.paths).back_up(tmp_path, label="desa")
    data = bytearray(made.read_bytes())
    data[4096 : 4096 * 3] = b"\xff" * (4096 * 2)  # a page of the tables, not the header
    made.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorrupt, match="rusak"):
        Backups.check(made)
    with pytest.raises(DatabaseCorrupt):
        restore_in_place(ctx, made)
    assert ctx.register.count(SearchQuery()) == 0


def test_preferences_are_checked_before_they_are_stored(ctx: AppContext, tmp_path: Path) -> None:
    paper = read_preferences(ctx.village).paper
    with pytest.raises(InvalidField, match="nama operator wajib diisi"):
        save(ctx.village, Preferences("  ", "id", paper, None, None))
    with pytest.raises(InvalidField, match="tidak ditemukan"):
        save(ctx.village, Preferences("Rina", "id", paper, None, str(tmp_path / "nope")))
    assert read_preferences(ctx.village).operator == SECRETARY  # as set up: nothing stored
    stored = save(ctx.village, Preferences(" Rina  Wati ", "en", paper, "bpjs-iuran",
                                           str(tmp_path)))  # fmt: skip
    assert (stored.operator, stored.language, stored.export_folder) == (
        "Rina Wati", "en", str(tmp_path),
    )  # fmt: skip
